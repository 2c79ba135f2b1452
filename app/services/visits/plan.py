"""How households are to be visited: 上门 or 电话 (or at the workplace), and whether a phone
visit counts only when the person answered (实行电话慰问的，务必联系到本人: on unless the plan
turns it off). Both are decided for the whole campaign, for a unit or for one household.

A household's planned mode is its own, else its unit's, else the campaign's, else 上门; whether
the person must be reached likewise, else yes. The assignment bundle carries each of a team's
households' resolved mode and rule, so the team window opens the visit form on the planned mode
and counts as the office does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from app.domain.campaign import Campaign, new_id
from app.domain.errors import InvalidInput, NotFound
from app.domain.visits import MODES, PlanScope, VisitMode, normalise_mode
from app.services.bundles.devices import TEAM
from app.services.bundles.devices import role as device_role
from app.services.households.finding import find_households
from app.services.infra.context import Actor, require_campaign
from app.store import households as store_households
from app.store import visit_plans as store_plans
from app.store.db import Store

DEFAULT_MODE = VisitMode.HOME
DEFAULT_MUST_REACH = True  # the plans that phone say the person must be reached


@dataclass(frozen=True, slots=True)
class PlanSet:
    """What ``set_planned_mode`` or ``set_phone_must_reach`` decided."""

    scope: PlanScope
    targets: tuple[str, ...]  # unit names, or the households' names; () for the campaign
    households: int  # households whose plan now says what was set
    mode: VisitMode | None = None  # what was set: a mode,
    must_reach: bool | None = None  # or the phone rule


@dataclass(frozen=True, slots=True)
class OwnPlan:
    """A unit or household with a plan of its own: its mode and/or its phone rule."""

    name: str
    id_number: str  # "" for a unit
    mode: VisitMode | None
    must_reach: bool | None


@dataclass(frozen=True, slots=True)
class VisitPlan:
    default_mode: VisitMode  # the campaign's
    phone_must_reach: bool  # the campaign's
    units: tuple[OwnPlan, ...]  # by name
    households: tuple[OwnPlan, ...]  # by name
    counts: tuple[tuple[VisitMode, int], ...]  # every household by its planned mode
    phone_not_reached: int  # households planned 电话 that count with any answer


@dataclass(frozen=True, slots=True)
class MustReach:
    """Whether a phone visit of a household counts as 已慰问 only when the person answered."""

    campaign: bool
    by_unit: Mapping[str, bool] = field(default_factory=dict)
    by_household: Mapping[str, bool] = field(default_factory=dict)
    unit_of: Mapping[str, str] = field(default_factory=dict)  # household → unit, if units rule

    def of(self, household_id: str) -> bool:
        own = self.by_household.get(household_id)
        if own is not None:
            return own
        unit = self.by_unit.get(self.unit_of.get(household_id, "\0"))
        return self.campaign if unit is None else unit


def set_planned_mode(
    store: Store, mode: str, *, id_numbers: Sequence[str] = (), units: Sequence[str] = (),
    campaign: bool = False, actor: Actor | None = None,
) -> PlanSet:  # fmt: skip
    """The planned mode of households (by ID number), of units, or the campaign's default:
    exactly one of the three. Units and households must be known; nothing is written if one
    is not."""
    code = normalise_mode(mode)
    c, scope, targets, names = _targets(store, id_numbers, units, campaign)
    _write(store, c, scope, targets, {"mode": str(code)}, actor)
    count = sum(1 for m in planned_modes(store).values() if m == code)
    return PlanSet(scope, names, count, mode=code)


def set_phone_must_reach(
    store: Store, must_reach: bool, *, id_numbers: Sequence[str] = (),
    units: Sequence[str] = (), actor: Actor | None = None,
) -> PlanSet:  # fmt: skip
    """Whether a phone visit counts as 已慰问 only when the person answered: for households,
    units, or (neither given) the campaign."""
    everyone = not id_numbers and not units
    c, scope, targets, names = _targets(store, id_numbers, units, everyone)
    _write(store, c, scope, targets, {"phone_must_reach": int(must_reach)}, actor)
    rule = must_reach_rule(store)
    count = sum(1 for h in store_plans.household_units(store, c.id) if rule.of(h) == must_reach)
    return PlanSet(scope, names, count, must_reach=must_reach)


def _targets(
    store: Store, id_numbers: Sequence[str], units: Sequence[str], campaign: bool
) -> tuple[Campaign, PlanScope, list[str], tuple[str, ...]]:
    """The campaign, scope, targets and their names: exactly one kind, every one known."""
    c = require_campaign(store)
    if device_role(store) == TEAM:  # the plan is the office's: a laptop takes it from bundles
        raise InvalidInput("plan.team_laptop")
    if sum((bool(id_numbers), bool(units), campaign)) != 1:
        raise InvalidInput("plan.one_target")
    if campaign:
        return c, PlanScope.CAMPAIGN, [""], ()
    if units:
        known = store_plans.unit_names(store, c.id)
        for unit in units:
            if unit not in known:
                raise NotFound("plan.unit_unknown", unit=unit)
        return c, PlanScope.UNIT, list(dict.fromkeys(units)), tuple(dict.fromkeys(units))
    found = find_households(store, typed=id_numbers)  # ID number, name, or name and ID tail
    names = tuple(dict.fromkeys(h.name for h in found))
    return c, PlanScope.HOUSEHOLD, [h.id for h in found], names


def _write(store: Store, c: Campaign, scope: PlanScope, targets: Sequence[str],
           values: Mapping[str, object], actor: Actor | None) -> None:  # fmt: skip
    actor = actor or Actor()
    now = actor.now()
    with store.transaction():
        store_plans.insert_plan_rows(store, [
            {"id": new_id(), "campaign_id": c.id, "scope": str(scope), "target": t,
             "set_at": now, "set_by": actor.user, **values} for t in targets
        ])  # fmt: skip


def must_reach_rule(store: Store) -> MustReach:
    """The phone rule of every household (one read of the plan)."""
    campaign_id = require_campaign(store).id
    rules = store_plans.must_reach_in_force(store, campaign_id)
    by_unit = {t: v for (s, t), v in rules.items() if s == PlanScope.UNIT}
    return MustReach(
        rules.get((PlanScope.CAMPAIGN, ""), DEFAULT_MUST_REACH),
        by_unit,
        {t: v for (s, t), v in rules.items() if s == PlanScope.HOUSEHOLD},
        store_plans.household_units(store, campaign_id) if by_unit else {},
    )


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
    """The campaign's default, the units and households with a plan of their own, how many
    households are planned for each mode and how many by phone need not reach the person."""
    campaign_id = require_campaign(store).id
    modes = store_plans.modes_in_force(store, campaign_id)
    musts = store_plans.must_reach_in_force(store, campaign_id)
    units = sorted({t for (s, t) in (*modes, *musts) if s == PlanScope.UNIT})
    own = list(dict.fromkeys(t for (s, t) in (*modes, *musts) if s == PlanScope.HOUSEHOLD))
    names = store_households.household_names(store, own)

    def plan_of(scope: PlanScope, target: str, name: str, id_number: str = "") -> OwnPlan:
        mode = modes.get((scope, target))
        return OwnPlan(
            name, id_number, VisitMode(mode) if mode else None, musts.get((scope, target))
        )

    households = sorted((plan_of(PlanScope.HOUSEHOLD, h, *names[h]) for h in own if h in names),
                        key=lambda p: (p.name, p.id_number))  # fmt: skip
    planned = planned_modes(store)
    rule = must_reach_rule(store)
    return VisitPlan(
        VisitMode(modes.get((PlanScope.CAMPAIGN, ""), DEFAULT_MODE)),
        rule.campaign,
        tuple(plan_of(PlanScope.UNIT, u, u) for u in units),
        tuple(households),
        tuple((m, n) for m in MODES if (n := sum(1 for v in planned.values() if v == m))),
        sum(1 for h, m in planned.items() if m == VisitMode.PHONE and not rule.of(h)),
    )


# --- the assignment bundle ----------------------------------------------------------------------


def plan_for_team(store: Store, household_ids: Sequence[str]) -> dict[str, object]:
    """What a team laptop needs of the plan: each household's planned mode and phone rule."""
    rule = must_reach_rule(store)
    return {
        "modes": {h: str(m) for h, m in planned_modes(store, household_ids).items()},
        "must_reach": {h: rule.of(h) for h in household_ids},
    }


def apply_team_plan(store: Store, plan: object, actor: Actor) -> int:
    """On a team laptop (inside the bundle's transaction): the office's plan, written as this
    laptop's own household rows where it differs from what the laptop has. Returns the rows
    written. A bundle written before plans carries none: everything stays as it was; what is
    not a plan's shape is left out."""
    if not isinstance(plan, Mapping):
        return 0
    modes, musts = plan.get("modes"), plan.get("must_reach")
    sent_modes = {str(h): VisitMode(str(m)) for h, m in _items(modes) if m in MODES}
    sent_musts = {str(h): m for h, m in _items(musts) if isinstance(m, bool)}
    current_modes = planned_modes(store, sent_modes)
    rule = must_reach_rule(store)
    row: dict[str, object] = {
        "campaign_id": require_campaign(store).id, "set_at": actor.now(), "set_by": actor.user,
        "scope": str(PlanScope.HOUSEHOLD),
    }  # fmt: skip
    rows = [{**row, "id": new_id(), "target": h, "mode": str(m)}
            for h, m in sent_modes.items() if current_modes.get(h) != m]  # fmt: skip
    rows += [{**row, "id": new_id(), "target": h, "phone_must_reach": int(m)}
             for h, m in sent_musts.items() if rule.of(h) != m]  # fmt: skip
    store_plans.insert_plan_rows(store, rows)
    return len(rows)


def _items(value: object) -> list[tuple[object, object]]:
    return list(value.items()) if isinstance(value, Mapping) else []
