"""Splitting households among visit teams: by area, by unit, or balanced by count.

Pure functions over ids and a few fields; the service reads the store and writes the result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_AREA_SPLIT = re.compile(r"[、,，;；/\s]+")


@dataclass(frozen=True, slots=True)
class Team:
    """A visit team (慰问组)."""

    id: str
    code: str
    name: str
    leader: str
    members: str  # names as the schedule prints them, joined by 、
    phone: str
    area: str  # the streets it covers, as typed (team_areas splits them)


@dataclass(frozen=True, slots=True)
class Place:
    household_id: str
    street: str
    address: str
    unit: str


def team_areas(area: str) -> tuple[str, ...]:
    """A team's area as written on the schedule: "新港街道、大沽街道" → both streets."""
    return tuple(a for a in _AREA_SPLIT.split(area) if a)


def split_by_area(
    places: Sequence[Place], teams: Sequence[tuple[str, tuple[str, ...]]]
) -> tuple[dict[str, str], list[Place]]:
    """Each household to the team whose area names its street (or appears in its address).

    Returns (household → team, households no team's area covers). A longer area word wins, so
    "新港街道" beats "新港".
    """
    words = sorted(
        ((word, team) for team, areas in teams for word in areas), key=lambda p: -len(p[0])
    )
    chosen: dict[str, str] = {}
    left: list[Place] = []
    for place in places:
        team = next((t for w, t in words if w == place.street), None)
        if team is None:
            team = next((t for w, t in words if w in place.street or w in place.address), None)
        if team is None:
            left.append(place)
        else:
            chosen[place.household_id] = team
    return chosen, left


def split_by_unit(places: Sequence[Place], teams: Sequence[str]) -> dict[str, str]:
    """Whole units to teams, the largest unit first to the team with the fewest households, so
    one unit's households are visited by one team and loads stay even."""
    by_unit: dict[str, list[Place]] = {}
    for place in places:
        by_unit.setdefault(place.unit, []).append(place)
    load = dict.fromkeys(teams, 0)
    chosen: dict[str, str] = {}
    for unit in sorted(by_unit, key=lambda u: (-len(by_unit[u]), u)):
        team = min(teams, key=lambda t: (load[t], teams.index(t)))
        for place in by_unit[unit]:
            chosen[place.household_id] = team
        load[team] += len(by_unit[unit])
    return chosen


def split_balanced(places: Sequence[Place], teams: Sequence[str]) -> dict[str, str]:
    """Equal counts (differing by at most one), neighbours together: households in street and
    address order are cut into consecutive runs."""
    ordered = sorted(places, key=lambda p: (p.street, p.address, p.household_id))
    size, extra = divmod(len(ordered), len(teams))
    chosen: dict[str, str] = {}
    start = 0
    for index, team in enumerate(teams):
        end = start + size + (1 if index < extra else 0)
        for place in ordered[start:end]:
            chosen[place.household_id] = team
        start = end
    return chosen
