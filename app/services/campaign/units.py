"""Reporting units: a kind (镇/工业区 or 系统/产业), a quota (households at most) and a
submission deadline, set for one unit or for every unit of a kind; each setting is kept as a
revision with who and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from app.domain.campaign import new_id
from app.domain.decisions import UnitKind, normalise_unit_kind
from app.domain.errors import InvalidInput, NotFound
from app.domain.text import clean
from app.services.infra.context import Actor, require_campaign
from app.store import campaigns as store_campaigns
from app.store.db import Store


class Keep(Enum):
    KEEP = "keep"


KEEP = Keep.KEEP  # a setting left as it is


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit that has settings or has sent households."""

    name: str
    kind: UnitKind | None
    quota: int | None  # households at most; None: no quota
    deadline: date | None
    households: int
    counted: int  # households that take a place in the quota (all but the declined)
    open_marks: int  # 超额 / 逾期 still to decide


def list_units(store: Store) -> tuple[Unit, ...]:
    """Every unit of the campaign, by name."""
    rows = store_campaigns.list_units(store, require_campaign(store).id)
    return tuple(
        Unit(
            r["name"],
            UnitKind(r["kind"]) if r["kind"] else None,
            r["quota"],
            date.fromisoformat(r["deadline"]) if r["deadline"] else None,
            r["households"],
            r["counted"],
            r["open_marks"],
        )
        for r in rows
    )


def parse_unit_kind(text: str) -> UnitKind:
    kind = normalise_unit_kind(text)
    if kind is None:
        raise InvalidInput("unit.kind_unknown", kind=text, known=tuple(UnitKind))
    return kind


def set_units(
    store: Store,
    *,
    name: str | None = None,
    kind: str | None = None,
    quota: int | None | Keep = KEEP,
    deadline: date | None | Keep = KEEP,
    actor: Actor | None = None,
) -> tuple[Unit, ...]:
    """Set one unit (``name``; ``kind`` gives it a kind), or every unit of ``kind`` when no name
    is given. ``quota`` and ``deadline``: a value, None to clear, KEEP to leave. Returns the
    units set, as they are now."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    unit_kind = parse_unit_kind(kind) if kind else None
    if isinstance(quota, int) and quota < 0:
        raise InvalidInput("unit.quota", quota=str(quota))
    name = clean(name) if name is not None else None
    if name is not None and not name:
        raise InvalidInput("unit.name_missing")
    if name is None and unit_kind is None:
        raise InvalidInput("unit.name_or_kind")
    if quota is KEEP and deadline is KEEP and (name is None or unit_kind is None):
        raise InvalidInput("unit.nothing_to_set")
    if name is None:
        assert unit_kind is not None
        targets = store_campaigns.units_of_kind(store, campaign.id, unit_kind)
        if not targets:
            raise NotFound("unit.kind_none", kind=unit_kind)
    else:
        before = store_campaigns.unit_settings(store, campaign.id, name)
        targets = [before or {"name": name, "kind": None, "quota": None, "deadline": None}]
        if unit_kind is not None:
            targets[0] = {**targets[0], "kind": unit_kind.value}
    with store.transaction():
        for unit in targets:
            store_campaigns.save_unit(
                store,
                {
                    "id": new_id(),
                    "revision_id": new_id(),
                    "campaign_id": campaign.id,
                    "name": unit["name"],
                    "kind": unit["kind"],
                    "quota": unit["quota"] if quota is KEEP else quota,
                    "deadline": unit["deadline"] if deadline is KEEP else _iso(deadline),
                    "changed_at": actor.now(),
                    "changed_by": actor.user,
                },
            )
    chosen = {u["name"] for u in targets}
    return tuple(u for u in list_units(store) if u.name in chosen)


def _iso(day: date | None | Keep) -> str | None:
    return day.isoformat() if isinstance(day, date) else None
