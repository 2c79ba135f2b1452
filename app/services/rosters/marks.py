"""超额 / 逾期: a roster over its unit's quota or after its deadline is imported, and the
households it added past the quota (or all it added, when late) are marked for the clerk's
decision: accept, with a reason, or forfeit (视为放弃: the household becomes 不予). Whether the
unit came from --unit, a unit column or the title row, the household's unit decides. Marks and
decisions are rows kept as written; an open mark is in ``flags`` and holds its household back
from the next step until it is decided."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.domain.campaign import Status, new_id
from app.domain.decisions import (
    FORFEIT_BASIS,
    Mark,
    MarkDecision,
    NewRow,
    UnitRule,
    marks_for_import,
)
from app.domain.errors import InvalidInput, NotFound, Reason
from app.domain.id_number import mask_id
from app.domain.text import clean
from app.services.households.finding import find_households
from app.services.infra.context import Actor, require_campaign
from app.store import campaigns as store_campaigns
from app.store import decisions as store_decisions
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class MarkedHousehold:
    """A household's mark, and the decision on it once made."""

    mark_id: str
    household_id: str
    name: str
    id_number: str
    unit: str
    file: str  # the roster file that brought it
    row: int  # its Excel row there
    mark: Mark
    quota: int | None  # the unit's quota then (超额)
    deadline: date | None  # the unit's deadline then (逾期)
    received: date  # the day the file was imported
    decision: MarkDecision | None = None
    reason: str = ""
    decided_at: datetime | None = None
    decided_by: str = ""

    @property
    def id_number_masked(self) -> str:
        return mask_id(self.id_number)

    @property
    def why(self) -> Reason:
        """Why it is marked, as the flag says it."""
        return Reason(
            f"flag.{self.mark}", mark_params(self.unit, self.quota, self.deadline, self.received)
        )


def mark_params(
    unit: str, quota: int | None, deadline: date | None, received: date
) -> tuple[tuple[str, str], ...]:
    return (
        ("unit", unit),
        ("quota", "" if quota is None else str(quota)),
        ("deadline", deadline.isoformat() if deadline else ""),
        ("received", received.isoformat()),
    )


def _marked(r: dict[str, Any]) -> MarkedHousehold:
    return MarkedHousehold(
        r["id"],
        r["household_id"],
        r["name"],
        r["id_number"],
        r["unit"],
        r["file_name"],
        r["row"],
        Mark(r["mark"]),
        r["quota"],
        date.fromisoformat(r["deadline"]) if r["deadline"] else None,
        date.fromisoformat(r["received"]),
        MarkDecision(r["decision"]) if r["decision"] else None,
        r["reason"] or "",
        datetime.fromisoformat(r["decided_at"]) if r["decided_at"] else None,
        r["decided_by"] or "",
    )


def mark_import(
    store: Store, *, campaign_id: str, import_id: str, today: date
) -> tuple[MarkedHousehold, ...]:
    """Mark what a roster file added over its units' quotas or after their deadlines (inside
    the import's transaction, after its households were written)."""
    rules = {
        name: UnitRule(quota, deadline)
        for name, (quota, deadline) in store_campaigns.unit_rules(store, campaign_id).items()
    }
    if not rules:
        return ()
    new = [
        NewRow(*r)
        for r in store_decisions.new_households_of_import(store, import_id, sorted(rules))
    ]
    if not new:
        return ()
    units = sorted({r.unit for r in new})
    counted = store_decisions.counted_households(store, campaign_id, units)
    added = {u: sum(1 for r in new if r.unit == u) for u in units}
    before = {u: counted.get(u, 0) - added[u] for u in units}  # the file's own rows come after
    marks = marks_for_import(new, rules, before, today.isoformat())
    store_decisions.insert_marks(
        store,
        [
            {
                "id": new_id(),
                "household_id": row.household_id,
                "mark": mark.value,
                "import_id": import_id,
                "unit": row.unit,
                "quota": rules[row.unit].quota if mark == Mark.OVER_QUOTA else None,
                "deadline": rules[row.unit].deadline if mark == Mark.LATE else None,
                "received": today.isoformat(),
            }
            for row, mark in marks
        ],
    )
    ids = [row.household_id for row, _mark in marks]
    found = store_decisions.open_marks(store, campaign_id, household_ids=ids)
    return tuple(_marked(r) for r in found if r["import_id"] == import_id)


def open_marks(
    store: Store,
    *,
    unit: str | None = None,
    mark: Mark | None = None,
    households: Sequence[str] = (),
    household_ids: Sequence[str] = (),
) -> tuple[MarkedHousehold, ...]:
    """Marks still to decide (of households not declined), of a unit, a kind or the households
    named (ID number, name, name and ID tail; or by id, as the window knows them), by unit and
    row."""
    campaign = require_campaign(store)
    ids = [h.id for h in find_households(store, typed=households)] if households else None
    if household_ids:
        ids = [*(ids or ()), *household_ids]
    rows = store_decisions.open_marks(
        store,
        campaign.id,
        unit=clean(unit) or None,
        mark=mark.value if mark else None,
        household_ids=ids,
    )
    return tuple(_marked(r) for r in rows)


def marks_of(store: Store, household_id: str) -> tuple[MarkedHousehold, ...]:
    """Every mark of a household, decided or not."""
    return tuple(_marked(r) for r in store_decisions.marks_of_household(store, household_id))


@dataclass(frozen=True, slots=True)
class MarkDecisions:
    decision: MarkDecision
    marks: tuple[MarkedHousehold, ...]  # the marks decided (as they were before)
    declined: int  # households that became 不予


def decide_marks(
    store: Store,
    *,
    decision: MarkDecision,
    unit: str | None = None,
    mark: Mark | None = None,
    households: Sequence[str] = (),
    household_ids: Sequence[str] = (),
    reason: str = "",
    actor: Actor | None = None,
) -> MarkDecisions:
    """Decide the open marks of a unit (or of the households named; ``mark`` narrows to one
    kind). Accept needs a reason. Forfeit makes each household 不予 (the reason 逾期视为放弃 or
    超额, with the clerk's note) and decides all its open marks."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    reason = clean(reason)
    if not (clean(unit) or households or household_ids):
        raise InvalidInput("mark.choose")
    if decision == MarkDecision.ACCEPT and not reason:
        raise InvalidInput("mark.accept_reason")
    chosen = open_marks(store, unit=unit, mark=mark, households=households,
                        household_ids=household_ids)  # fmt: skip
    if not chosen:
        raise NotFound("mark.none")
    if decision == MarkDecision.FORFEIT:  # 不予 covers every mark of the household
        ids = sorted({m.household_id for m in chosen})
        chosen = _all_open(store, campaign.id, ids)
    with store.transaction():
        store_decisions.insert_mark_decisions(
            store,
            [
                {
                    "id": new_id(),
                    "mark_id": m.mark_id,
                    "decision": decision.value,
                    "reason": reason,
                    "decided_at": actor.now(),
                    "decided_by": actor.user,
                }
                for m in chosen
            ],
        )
        declined = _forfeit(store, chosen, reason, actor) if decision == MarkDecision.FORFEIT else 0
    return MarkDecisions(decision, chosen, declined)


def _all_open(store: Store, campaign_id: str, ids: list[str]) -> tuple[MarkedHousehold, ...]:
    return tuple(
        _marked(r) for r in store_decisions.open_marks(store, campaign_id, household_ids=ids)
    )


def _forfeit(store: Store, marks: Sequence[MarkedHousehold], reason: str, actor: Actor) -> int:
    """Each household of ``marks`` becomes 不予, for the first of its marks (逾期 before 超额)."""
    basis: dict[str, Mark] = {}
    for m in marks:
        if m.household_id not in basis or m.mark == Mark.LATE:
            basis[m.household_id] = m.mark
    statuses = {r.id: r.status for r in store_decisions.households_by_ids(store, list(basis))}
    batch = new_id()
    changes = [
        {
            "id": new_id(),
            "household_id": h,
            "from_status": statuses[h],
            "to_status": Status.DECLINED.value,
            "reason": reason,
            "changed_at": actor.now(),
            "changed_by": actor.user,
            "batch_id": batch,
            "basis": FORFEIT_BASIS[mark].value,
            "missing": "",
        }
        for h, mark in basis.items()
        if statuses.get(h) not in (None, Status.DECLINED)
    ]
    store_decisions.write_status_changes(store, changes)
    return len(changes)
