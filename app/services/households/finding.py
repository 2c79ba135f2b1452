"""Finding the household a clerk names: by full ID number, by name, by name and the last digits
of the ID number (张三 4698, 张三:4698), or by the masked number the office's sheets print. A
name that fits several households is refused with the candidates (IDs masked); a message always
shows what the clerk typed, as typed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.campaign import Status
from app.domain.errors import InvalidInput, NotFound
from app.domain.household_query import HouseholdQuery, household_words, parse_household_query
from app.domain.id_number import mask_id
from app.services.infra.context import require_campaign
from app.store import decisions as store_decisions
from app.store.db import Store

_SHOWN_CANDIDATES = 10


@dataclass(frozen=True, slots=True)
class FoundHousehold:
    id: str
    name: str
    id_number: str
    unit: str
    status: Status

    @property
    def id_number_masked(self) -> str:
        return mask_id(self.id_number)


def find_household(store: Store, *, typed: str) -> FoundHousehold:
    """The one household ``typed`` names."""
    campaign = require_campaign(store)
    return _one(store, campaign.id, parse_household_query(typed))


def find_households(store: Store, *, typed: Sequence[str]) -> tuple[FoundHousehold, ...]:
    """The households a list names (a tail alone after a name belongs to it: 张三 4698), each
    once, in the order named. One that is not found or not clear refuses the whole list."""
    campaign = require_campaign(store)
    found: dict[str, FoundHousehold] = {}
    for words in household_words(typed):
        household = _one(store, campaign.id, parse_household_query(words))
        found.setdefault(household.id, household)
    return tuple(found.values())


def _one(store: Store, campaign_id: str, query: HouseholdQuery) -> FoundHousehold:
    rows = store_decisions.households_matching(
        store,
        campaign_id,
        id_number=query.id_number,
        name=query.name,
        head=query.head,
        tail=query.tail,
    )
    if not rows:
        raise NotFound("household.no_match", query=query.typed)
    if len(rows) > 1:
        shown = tuple(
            f"{r.name} {mask_id(r.id_number)} {r.unit}".rstrip() for r in rows[:_SHOWN_CANDIDATES]
        )
        more = ("…",) if len(rows) > _SHOWN_CANDIDATES else ()
        raise InvalidInput(
            "household.ambiguous", query=query.typed, n=len(rows), candidates=shown + more
        )
    r = rows[0]
    return FoundHousehold(r.id, r.name, r.id_number, r.unit, Status(r.status))
