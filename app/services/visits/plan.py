"""How households are to be visited: 上门 or 电话 (or at the workplace), decided for the whole
campaign, for a unit or for one household, and whether a phone visit counts only when the
person answered (实行电话慰问的，务必联系到本人: on unless the campaign turns it off).

A household's planned mode is its own, else its unit's, else the campaign's, else 上门. The
assignment bundle carries each of a team's households' planned mode and the phone rule, so the
team window opens the visit form on the planned mode and counts as the office does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.campaign import Campaign, new_id
from app.domain.errors import InvalidInput, NotFound
from app.domain.id_number import normalise_id
from app.domain.visits import MODES, PlanScope, VisitMode, normalise_mode
from app.services.bundles.devices import TEAM
from app.services.bundles.devices import role as device_role
from app.services.infra.context import Actor, require_campaign
from app.store import households as store_households
from app.store import visit_plans as store_plans
from app.store.db import Store

DEFAULT_MODE = VisitMode.HOME
DEFAULT_MUST_REACH = True  # the plans that phone say the person must be reached


@dataclass(frozen=True, slots=True)
class ModeSet:
    """What ``set_planned_mode`` decided."""

    mode: VisitMode
    scope: PlanScope
    targets: tuple[str, ...]  # unit names, or the households' names; () for the campaign
    households: int  # households whose planned mode is now ``mode``


@dataclass(frozen=True, slots=True)
class PlannedHousehold:
    name: str
    id_number: str
    mode: VisitMode


@dataclass(frozen=True, slots=True)
class VisitPlan:
    default_mode: VisitMode  # the campaign's
    phone_must_reach: bool
    units: tuple[tuple[str, VisitMode], ...]  # units with a mode of their own, by name
    households: tuple[PlannedHousehold, ...]  # households with a mode of their own, by name
    counts: tuple[tuple[VisitMode, int], ...]  # every household by its planned mode


def set_planned_mode(
    store: Store, mode: str, *, id_numbers: Sequence[str] = (), units: Sequence[str] = (),
    campaign: bool = False, actor: Actor | None = None,
) -> ModeSet:  # fmt: skip
    """The planned mode of households (by ID number), of units, or the campaign's default:
    exactly one of the three. Units and households must be known; nothing is written if one
    is not."""
    actor = actor or Actor()
    c = _office_campaign(store)
    code = normalise_mode(mode)
    if sum((bool(id_numbers), bool(units), campaign)) != 1:
        raise InvalidInput("plan.one_target")
    names: tuple[str, ...] = ()
    if campaign:
        scope, targets = PlanScope.CAMPAIGN, [""]
    elif units:
        known = store_plans.unit_names(store, c.id)
        for unit in units:
            if unit not in known:
                raise NotFound("plan.unit_unknown", unit=unit)
        scope, targets, names = PlanScope.UNIT, list(dict.fromkeys(units)), tuple(units)
    else:
        rows = [_household(store, c.id, n) for n in id_numbers]
        scope, targets = PlanScope.HOUSEHOLD, list(dict.fromkeys(r["id"] for r in rows))
        names = tuple(dict.fromkeys(r["name"] for r in rows))
    now = actor.now()
    with store.transaction():
        store_plans.insert_plan_rows(store, [
            {"id": new_id(), "campaign_id": c.id, "scope": str(scope), "target": t,
             "mode": str(code), "set_at": now, "set_by": actor.user} for t in targets
        ])  # fmt: skip
    count = sum(1 for m in planned_modes(store).values() if m == code)
    return ModeSet(code, scope, names, count)


def _office_campaign(store: Store) -> Campaign:
    """The plan is the office's: a team laptop takes it from its assignment bundle."""
    campaign = require_campaign(store)
    if device_role(store) == TEAM:
        raise InvalidInput("plan.team_laptop")
    return campaign


def _household(store: Store, campaign_id: str, id_number: str) -> dict[str, Any]:
    row = store_households.find_household(store, campaign_id, normalise_id(id_number))
    if row is None:
        raise NotFound("household.not_found", id_number=id_number)  # as typed, never masked
    return row


def set_phone_must_reach(store: Store, must_reach: bool, *, actor: Actor | None = None) -> bool:
    """Whether a phone visit counts as 已慰问 only when the person answered."""
    actor = actor or Actor()
    c = _office_campaign(store)
    with store.transaction():
        store_plans.insert_plan_rows(store, [
            {"id": new_id(), "campaign_id": c.id, "scope": str(PlanScope.CAMPAIGN),
             "target": "", "phone_must_reach": int(must_reach), "set_at": actor.now(),
             "set_by": actor.user}
        ])  # fmt: skip
    return must_reach


def phone_must_reach(store: Store) -> bool:
    found = store_plans.phone_must_reach(store, require_campaign(store).id)
    return DEFAULT_MUST_REACH if found is None else found


def planned_modes(store: Store, household_ids: Iterable[str] | None = None) -> dict[str, VisitMode]:
    """Household id → its planned mode (every household, or those asked for)."""
    campaign_id = require_campaign(store).id
    rules = store_plans.modes_in_force(store, campaign_id)
    units = store_plans.household_units(store, campaign_id)
    ids = units if household_ids is None else household_ids
    return {hid: _resolve(rules, hid, units.get(hid)) for hid in ids if hid in units}


def planned_mode(store: Store, household_id: str) -> VisitMode:
    campaign_id = require_campaign(store).id
    rules = store_plans.modes_in_force(store, campaign_id)
    return _resolve(rules, household_id, store_plans.unit_of(store, household_id))


def _resolve(
    rules: Mapping[tuple[str, str], str], household_id: str, unit: str | None
) -> VisitMode:
    mode = (
        rules.get((PlanScope.HOUSEHOLD, household_id))
        or (rules.get((PlanScope.UNIT, unit)) if unit is not None else None)
        or rules.get((PlanScope.CAMPAIGN, ""))
    )
    return VisitMode(mode) if mode else DEFAULT_MODE


def visit_plan(store: Store) -> VisitPlan:
    """The campaign's default, the units and households with a mode of their own, and how
    many households are planned for each mode."""
    campaign_id = require_campaign(store).id
    rules = store_plans.modes_in_force(store, campaign_id)
    own = [t for (scope, t) in rules if scope == PlanScope.HOUSEHOLD]
    names = store_plans.household_names(store, own)
    households = sorted(
        (PlannedHousehold(*names[h], VisitMode(rules[(PlanScope.HOUSEHOLD, h)]))
         for h in own if h in names),
        key=lambda p: (p.name, p.id_number),
    )  # fmt: skip
    modes = planned_modes(store)
    return VisitPlan(
        VisitMode(rules.get((PlanScope.CAMPAIGN, ""), DEFAULT_MODE)),
        phone_must_reach(store),
        tuple(sorted((t, VisitMode(m)) for (s, t), m in rules.items() if s == PlanScope.UNIT)),
        tuple(households),
        tuple((m, n) for m in MODES if (n := sum(1 for v in modes.values() if v == m))),
    )


# --- the assignment bundle ----------------------------------------------------------------------


def plan_for_team(store: Store, household_ids: Sequence[str]) -> dict[str, object]:
    """What a team laptop needs of the plan: each household's planned mode and the phone rule."""
    return {
        "phone_must_reach": phone_must_reach(store),
        "modes": {h: str(m) for h, m in planned_modes(store, household_ids).items()},
    }


def apply_team_plan(store: Store, plan: object, actor: Actor) -> int:
    """On a team laptop (inside the bundle's transaction): the office's plan, written as this
    laptop's own rows where it differs from what the laptop has. Returns the rows written. A
    bundle written before plans carries none: everything stays as it was; what is not a plan's
    shape is left out."""
    if not isinstance(plan, Mapping):
        return 0
    campaign_id = require_campaign(store).id
    row = {"campaign_id": campaign_id, "set_at": actor.now(), "set_by": actor.user}
    rows: list[dict[str, object]] = []
    must_reach = plan.get("phone_must_reach", DEFAULT_MUST_REACH)
    if isinstance(must_reach, bool) and must_reach != phone_must_reach(store):
        rows.append({**row, "id": new_id(), "scope": str(PlanScope.CAMPAIGN), "target": "",
                     "phone_must_reach": int(must_reach)})  # fmt: skip
    modes = plan.get("modes")
    if not isinstance(modes, Mapping):
        modes = {}
    sent = {str(h): VisitMode(m) for h, m in modes.items() if m in MODES}
    current = planned_modes(store, sent)
    rows += [{**row, "id": new_id(), "scope": str(PlanScope.HOUSEHOLD), "target": h,
              "mode": str(m)} for h, m in sent.items() if current.get(h) != m]  # fmt: skip
    store_plans.insert_plan_rows(store, rows)
    return len(rows)
