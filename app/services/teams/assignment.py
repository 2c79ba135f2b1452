"""Visit teams and the assignment of confirmed households to them (不漏户: none left over)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.documents.schedule_xlsx import write_schedule_xlsx
from app.domain.assignment import (
    Place,
    Team,
    split_balanced,
    split_by_area,
    split_by_unit,
    team_areas,
)
from app.domain.campaign import CONFIRMED, new_id
from app.domain.errors import Conflict, InvalidInput, NotFound
from app.domain.id_number import mask_id
from app.domain.phone import normalise_phone
from app.domain.text import clean, clean_name, unsafe_in_file_name
from app.services.households.finding import find_households
from app.services.infra.context import Actor, require_campaign, unwritable
from app.store import teams as store_teams
from app.store.db import Store

MODES = ("area", "unit", "balanced")


@dataclass(frozen=True, slots=True)
class TeamLoad:
    team: Team
    households: int  # households it has now


@dataclass(frozen=True, slots=True)
class OpenHousehold:
    """A confirmed household that no team has (不漏户: the clerk must see every one)."""

    id: str
    id_number: str
    name: str
    unit: str
    street: str
    address: str


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """A household a team has now, as the 分组安排表 lists it."""

    team: str  # the team's code
    team_name: str
    leader: str
    members: str
    name: str
    id_number: str
    street: str
    address: str
    phone: str
    planned_date: date | None


def _open(row: dict[str, Any]) -> OpenHousehold:
    return OpenHousehold(row["id"], row["id_number"], row["name"], row["unit"], row["street"],
                         row["address"])  # fmt: skip


def add_team(
    store: Store,
    *,
    code: str,
    name: str,
    leader: str,
    members: Sequence[str] = (),
    area: str = "",
    phone: str = "",
    actor: Actor | None = None,
) -> Team:
    actor = actor or Actor()
    campaign = require_campaign(store)
    code, name, leader = clean(code), clean(name), clean_name(leader)
    if not code or not name or not leader:
        raise InvalidInput("team.fields_missing")
    if bad := unsafe_in_file_name(code):  # the code names the team's bundle files
        raise InvalidInput("team.code_chars", code=code, chars=" ".join(bad))
    if store_teams.team_by_code(store, campaign.id, code):
        raise Conflict("team.exists", code=code)
    row = {
        "id": new_id(),
        "campaign_id": campaign.id,
        "code": code,
        "name": name,
        "leader": leader,
        "members": "、".join(clean_name(m) for m in members if clean_name(m)),
        "phone": normalise_phone(phone),
        "area": clean(area),
        "created_at": actor.now(),
        "created_by": actor.user,
    }
    with store.transaction():
        store_teams.insert_team(store, row)
    return store_teams.as_team(row)


def list_teams(store: Store) -> tuple[TeamLoad, ...]:
    """The teams by code, with how many households each has now."""
    rows = store_teams.list_teams(store, require_campaign(store).id)
    return tuple(TeamLoad(store_teams.as_team(r), r["households"]) for r in rows)


@dataclass(frozen=True, slots=True)
class Assigned:
    assigned: dict[str, int]  # team code → households given to it now
    unassigned: tuple[OpenHousehold, ...]


def assign_by(
    store: Store, mode: str, *, teams: Sequence[str] = (), actor: Actor | None = None
) -> Assigned:
    """Give every confirmed household that no team has yet to a team, by ``mode``."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    if mode not in MODES:
        raise InvalidInput("assign.mode", mode=mode)
    chosen_teams = _teams(store, campaign.id, teams)
    open_rows = store_teams.unassigned(store, campaign.id, CONFIRMED)
    places = [Place(r["id"], r["street"], r["address"], r["unit"]) for r in open_rows]
    codes = [t["code"] for t in chosen_teams]
    if mode == "area":
        areas = [(t["code"], team_areas(t["area"])) for t in chosen_teams]
        if not any(a for _c, a in areas):
            raise InvalidInput("assign.no_areas")
        plan, _left = split_by_area(places, areas)
    elif mode == "unit":
        plan = split_by_unit(places, codes)
    else:
        plan = split_balanced(places, codes)
    ids = {t["code"]: t["id"] for t in chosen_teams}
    _write(store, [(h, ids[c]) for h, c in plan.items()], actor)
    counts = {c: 0 for c in codes}
    for code in plan.values():
        counts[code] += 1
    return Assigned(counts, unassigned_households(store))


def assign_households(
    store: Store,
    team: str,
    id_numbers: Sequence[str],
    *,
    planned: date | None = None,
    actor: Actor | None = None,
) -> int:
    """Give the named households to ``team`` by hand (also moves them from another team)."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    [target] = _teams(store, campaign.id, [team])
    ids = [h.id for h in find_households(store, typed=id_numbers)]
    current = store_teams.current_team_of(store, ids)
    moves = [(h, target["id"]) for h in ids if current.get(h) != target["id"]]
    _write(store, moves, actor, planned)
    return len(moves)


def unassigned_households(store: Store) -> tuple[OpenHousehold, ...]:
    """Confirmed households no team has now, by street and address."""
    rows = store_teams.unassigned(store, require_campaign(store).id, CONFIRMED)
    return tuple(_open(r) for r in rows)


def team_schedule(store: Store) -> tuple[ScheduleRow, ...]:
    """Every household a team has now, by team, planned date, street and address."""
    return tuple(
        ScheduleRow(
            r["team"], r["team_name"], r["leader"], r["members"], r["name"], r["id_number"],
            r["street"], r["address"], r["phone"],
            date.fromisoformat(r["planned_date"]) if r["planned_date"] else None,
        )
        for r in store_teams.schedule(store, require_campaign(store).id)
    )  # fmt: skip


def write_schedule(store: Store, path: Path, *, lang: str = "zh") -> int:
    """The 分组安排表 as XLSX (IDs masked; each team's credential on its own sheet), worded in
    ``lang``."""
    campaign = require_campaign(store)
    rows = [
        {**r, "id_masked": mask_id(r["id_number"])}
        for r in store_teams.schedule(store, campaign.id)
    ]
    try:
        write_schedule_xlsx(
            path, campaign.name, store_teams.list_teams(store, campaign.id), rows,
            store_teams.credentials(store, campaign.id), lang=lang,
        )  # fmt: skip
    except OSError as exc:
        raise unwritable(path, exc) from None
    return len(rows)


def _teams(store: Store, campaign_id: str, codes: Sequence[str]) -> list[dict[str, Any]]:
    if not codes:
        teams = store_teams.list_teams(store, campaign_id)
        if not teams:
            raise NotFound("team.none")
        return teams
    found = []
    for code in codes:
        team = store_teams.team_by_code(store, campaign_id, clean(code))
        if team is None:
            raise NotFound("team.not_found", code=code)
        found.append(team)
    return found


def _write(
    store: Store, moves: list[tuple[str, str]], actor: Actor, planned: date | None = None
) -> None:
    now = actor.now()
    with store.transaction():
        store_teams.insert_assignments(
            store,
            [
                {"id": new_id(), "household_id": h, "team_id": t,
                 "planned_date": planned.isoformat() if planned else None,
                 "assigned_at": now, "assigned_by": actor.user}
                for h, t in moves
            ],
        )  # fmt: skip


class _Rehearsed(Exception):
    """Rolls a preview's assignment back once its counts are known."""


def preview_assign(store: Store, mode: str, *, teams: Sequence[str] = ()) -> Assigned:
    """What ``assign_by`` would do (counts per team, who stays unassigned); nothing is kept."""
    found: list[Assigned] = []
    try:
        with store.transaction():
            found.append(assign_by(store, mode, teams=teams))
            raise _Rehearsed
    except _Rehearsed:
        pass
    return found[0]
