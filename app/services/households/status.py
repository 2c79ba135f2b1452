"""Moving households along 申报 → 单位审核 → 公示 → 上报 → 确定, or to 不予: first a preview
(per household: what would change, what is left alone and why, what 确定 still lacks), then
the same decision applied. Every change is a status_change row: who, when, why, which batch.

The rules are app.domain.decisions': one step forward at a time; 不予 from any step with a
reason; a step back only for households named one by one, with a reason; a declined household is
never moved by a status change (``reinstate_household`` is that decision, with a reason);
确定 of a household whose review is open or whose materials are missing is refused unless the
clerk goes ahead anyway (``despite_missing``) and says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.domain.campaign import STATUSES, Material, Status, new_id, normalise_status
from app.domain.decisions import (
    STEPS,
    Gap,
    Move,
    Scope,
    Skip,
    confirmation_gaps,
    plan_move,
    step_after,
)
from app.domain.errors import Conflict, InvalidInput, NotFound, Reason
from app.domain.id_number import mask_id
from app.domain.text import clean
from app.services.households.eligibility import evaluate_eligibility
from app.services.households.finding import FoundHousehold, find_household, find_households
from app.services.infra.context import Actor, require_campaign
from app.store import decisions as store_decisions
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class StatusRequest:
    """What the clerk asked for, households already found (so the decision applied is the one
    previewed)."""

    status: Status
    scope: Scope
    unit: str = ""  # Scope.UNIT
    household_ids: tuple[str, ...] = ()  # Scope.LIST, in the order named
    reason: str = ""
    despite_missing: bool = False


@dataclass(frozen=True, slots=True)
class PlannedChange:
    """One household of a preview: its move, or why it is left alone; for 确定, what it lacks."""

    household_id: str
    name: str
    id_number: str
    unit: str
    from_status: Status
    to_status: Status
    move: Move | None  # None: left alone (``skip`` says why)
    skip: Skip | None
    gaps: tuple[Gap | Material, ...] = ()

    @property
    def id_number_masked(self) -> str:
        return mask_id(self.id_number)

    @property
    def next_step(self) -> Status | None:
        """The step it must take first (for ``Skip.NOT_YET``)."""
        return step_after(self.from_status)


@dataclass(frozen=True, slots=True)
class SkipGroup:
    skip: Skip
    status: Status  # the status of the households skipped
    count: int


@dataclass(frozen=True, slots=True)
class StatusPreview:
    request: StatusRequest
    households: tuple[PlannedChange, ...]  # every household chosen, in list order
    blocked: Reason | None  # why it cannot be applied as asked; None: it can

    @property
    def selected(self) -> int:
        return len(self.households)

    @property
    def changing(self) -> tuple[PlannedChange, ...]:
        return tuple(h for h in self.households if h.move is not None)

    @property
    def skipped(self) -> tuple[PlannedChange, ...]:
        return tuple(h for h in self.households if h.skip is not None)

    @property
    def incomplete(self) -> tuple[PlannedChange, ...]:
        """Households that would be confirmed although something is missing."""
        return tuple(h for h in self.changing if h.gaps)

    @property
    def skip_groups(self) -> tuple[SkipGroup, ...]:
        """Skipped households counted by why and by their status, in a fixed order."""
        counts: dict[tuple[Skip, Status], int] = {}
        for h in self.skipped:
            assert h.skip is not None
            counts[(h.skip, h.from_status)] = counts.get((h.skip, h.from_status), 0) + 1
        order = {status: i for i, status in enumerate(STATUSES)}
        skips = list(Skip)
        return tuple(
            SkipGroup(skip, status, n)
            for (skip, status), n in sorted(
                counts.items(), key=lambda kv: (skips.index(kv[0][0]), order[kv[0][1]])
            )
        )


@dataclass(frozen=True, slots=True)
class StatusResult:
    preview: StatusPreview
    batch_id: str | None  # the status_change rows written together; None when none

    @property
    def status(self) -> Status:
        return self.preview.request.status

    @property
    def changed(self) -> int:
        """Households moved (0 when nothing was written: a dry run, a refusal)."""
        return len(self.preview.changing) if self.batch_id else 0


def parse_status(text: str) -> Status:
    status = normalise_status(text)
    if status is None:
        raise InvalidInput("status.unknown", status=text, known=STATUSES)
    return status


def preview_status_change(
    store: Store,
    *,
    status: str,
    everyone: bool = False,
    unit: str | None = None,
    households: Sequence[str] = (),
    reason: str = "",
    despite_missing: bool = False,
) -> StatusPreview:
    """What moving the chosen households to ``status`` would do, household by household.
    ``households`` names them as a clerk does (ID number, name, name and ID tail); one not found
    or not clear refuses the whole request, so a typo never half-applies a list."""
    target = parse_status(status)
    if sum(bool(x) for x in (everyone, unit, households)) != 1:
        raise InvalidInput("status.choose_one")
    found: tuple[FoundHousehold, ...] = ()
    if households:
        found = find_households(store, typed=households)
    scope = Scope.LIST if households else Scope.UNIT if unit else Scope.ALL
    request = StatusRequest(
        target, scope, clean(unit), tuple(h.id for h in found), clean(reason), despite_missing
    )
    preview = _plan(store, request)
    if scope == Scope.UNIT and not preview.households:
        raise NotFound("unit.not_found", unit=unit)
    return preview


def preview_selected(
    store: Store, *, status: str, household_ids: Sequence[str], reason: str = "",
    despite_missing: bool = False,
) -> StatusPreview:  # fmt: skip
    """``preview_status_change`` of households a window's table selected, named by id: as
    households named one by one (a step back allowed, with a reason)."""
    request = StatusRequest(parse_status(status), Scope.LIST, "", tuple(household_ids),
                            clean(reason), despite_missing)  # fmt: skip
    return _plan(store, request)


def apply_status_change(
    store: Store, *, preview: StatusPreview, actor: Actor | None = None
) -> StatusResult:
    """Apply what ``preview`` showed (made earlier, e.g. shown in a window). Refused as a whole
    when it was blocked, or when a household it would move has changed since (preview again)."""
    if preview.blocked is not None:
        raise InvalidInput(preview.blocked.key, **preview.blocked.kwargs)
    with store.transaction():
        now = _plan(store, preview.request)
        if _moves(now) != _moves(preview) or now.blocked is not None:
            raise Conflict("status.stale")
        return StatusResult(now, _write(store, now, actor or Actor()))


def change_status(
    store: Store,
    *,
    status: str,
    everyone: bool = False,
    unit: str | None = None,
    households: Sequence[str] = (),
    reason: str = "",
    despite_missing: bool = False,
    dry_run: bool = False,
    actor: Actor | None = None,
) -> StatusResult:
    """Preview and, unless ``dry_run`` or blocked (``preview.blocked`` says why), apply it in
    the same transaction: what is applied is what was planned (the command line)."""
    with store.transaction():
        preview = preview_status_change(store, status=status, everyone=everyone, unit=unit,
                                        households=households, reason=reason,
                                        despite_missing=despite_missing)  # fmt: skip
        if dry_run or preview.blocked is not None:
            return StatusResult(preview, None)
        return StatusResult(preview, _write(store, preview, actor or Actor()))


def set_status(
    store: Store,
    *,
    status: str,
    everyone: bool = False,
    unit: str | None = None,
    households: Sequence[str] = (),
    reason: str = "",
    despite_missing: bool = False,
    actor: Actor | None = None,
) -> StatusResult:
    """``change_status``, refused (nothing changed) when it is blocked."""
    done = change_status(store, status=status, everyone=everyone, unit=unit,
                         households=households, reason=reason, despite_missing=despite_missing,
                         actor=actor)  # fmt: skip
    blocked = done.preview.blocked
    if blocked is not None:
        raise InvalidInput(blocked.key, **blocked.kwargs)
    return done


def _write(store: Store, planned: StatusPreview, actor: Actor) -> str | None:
    """The status_change rows of the households ``planned`` moves, as one batch (its id)."""
    if not planned.changing:
        return None
    batch, now, request = new_id(), actor.now(), planned.request
    store_decisions.write_status_changes(
        store,
        [
            {
                "id": new_id(),
                "household_id": h.household_id,
                "from_status": h.from_status.value,
                "to_status": h.to_status.value,
                "reason": request.reason,
                "changed_at": now,
                "changed_by": actor.user,
                "batch_id": batch,
                "basis": "",
                "missing": ",".join(h.gaps),
            }
            for h in planned.changing
        ],
    )
    return batch


def advance_everyone(
    store: Store,
    *,
    status: str,
    reason: str,
    despite_missing: bool = False,
    actor: Actor | None = None,
) -> tuple[StatusResult, ...]:
    """Walk every household of the campaign step by step up to ``status`` (the demo's clerk, a
    test's setup): one bulk change per step, each kept as its own batch, 不予 left alone."""
    target = parse_status(status)
    if target not in STEPS:
        raise InvalidInput("status.choose_step", status=target)
    return tuple(
        set_status(store, status=step, everyone=True, reason=reason,
                   despite_missing=despite_missing and step == Status.CONFIRMED, actor=actor)
        for step in STEPS[1 : STEPS.index(target) + 1]
    )  # fmt: skip


def _moves(preview: StatusPreview) -> list[tuple[str, Status, Move | None]]:
    return [(h.household_id, h.from_status, h.move) for h in preview.households]


def _plan(store: Store, request: StatusRequest) -> StatusPreview:
    campaign = require_campaign(store)
    if request.scope == Scope.LIST:
        refs = store_decisions.households_by_ids(store, request.household_ids)
    else:
        refs = store_decisions.households_in_scope(
            store, campaign.id, unit=request.unit if request.scope == Scope.UNIT else None
        )
    pending = store_decisions.households_with_open_marks(store, campaign.id)
    planned = []
    for ref in refs:
        current = Status(ref.status)
        what = plan_move(
            current, request.status, scope=request.scope, pending_mark=ref.id in pending
        )
        move, skip = (what, None) if isinstance(what, Move) else (None, what)
        planned.append(
            PlannedChange(
                ref.id, ref.name, ref.id_number, ref.unit, current, request.status, move, skip
            )
        )
    if request.status == Status.CONFIRMED:
        planned = _with_gaps(store, campaign.id, planned)
    households = tuple(planned)
    return StatusPreview(request, households, _blocked(request, households))


def _with_gaps(store: Store, campaign_id: str, planned: list[PlannedChange]) -> list[PlannedChange]:
    """What each household about to be confirmed lacks: its review, its materials."""
    if not any(h.move == Move.FORWARD for h in planned):
        return planned
    received = store_decisions.received_materials(store, campaign_id)
    review = {r.id: r for r in evaluate_eligibility(store)}
    result = []
    for h in planned:
        if h.move == Move.FORWARD:
            row = review[h.household_id]
            gaps = confirmation_gaps(
                needs_review=row.rule is None and not row.overridden,
                decided_ineligible=row.rule is None and row.overridden,
                received=received.get(h.household_id, frozenset()),
            )
            result.append(replace(h, gaps=gaps))
        else:
            result.append(h)
    return result


def _blocked(request: StatusRequest, planned: tuple[PlannedChange, ...]) -> Reason | None:
    """Why the request cannot be applied as asked: a reason to write, something missing."""
    if request.status == Status.DECLINED and not request.reason:
        return Reason.of("status.decline_reason")
    if request.despite_missing and not request.reason:
        return Reason.of("status.despite_missing_reason")
    back = sum(1 for h in planned if h.move == Move.BACK)
    if back and not request.reason:
        return Reason.of("status.back_reason", n=back, status=request.status)
    incomplete = sum(1 for h in planned if h.move is not None and h.gaps)
    if incomplete and not request.despite_missing:
        return Reason.of("status.missing", n=incomplete)
    return None


# --- reinstating a declined household ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reinstated:
    household: FoundHousehold
    status: Status  # the status it has again: the one it had before 不予


def reinstate_household(
    store: Store, *, household: str, reason: str, actor: Actor | None = None
) -> Reinstated:
    """Undo a 不予 of one household, with a reason: it returns to the step it was declined
    from (申报 when that is unknown)."""
    actor = actor or Actor()
    found = find_household(store, typed=household)
    if found.status != Status.DECLINED:
        raise Conflict("status.not_declined", name=found.name, status=found.status)
    if not clean(reason):
        raise InvalidInput("status.reinstate_reason")
    before = store_decisions.status_before_decline(store, found.id)
    back = Status(before) if before in STEPS else Status.APPLIED
    with store.transaction():
        store_decisions.write_status_changes(
            store,
            [
                {
                    "id": new_id(),
                    "household_id": found.id,
                    "from_status": Status.DECLINED.value,
                    "to_status": back.value,
                    "reason": clean(reason),
                    "changed_at": actor.now(),
                    "changed_by": actor.user,
                    "batch_id": new_id(),
                    "basis": "",
                    "missing": "",
                }
            ],
        )
    return Reinstated(found, back)
