"""Search as you type over the households, and the rows the list shows (never full IDs)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import overload

from app.domain.events import DISBURSEMENT, VISIT, record_fields
from app.domain.id_number import Sex, normalise_id
from app.domain.long_work import Cancel, Progress, never, no_progress
from app.domain.visits import Outcome, counts_as_visited
from app.services.bundles.devices import local_device
from app.services.search.index import SearchIndex
from app.services.visits.plan import must_reach_rule
from app.services.visits.recording import live_state
from app.store import search as store_search
from app.store import teams as store_teams
from app.store.db import Store

MAX_READINGS = 16  # combinations of readings kept per name (曾 has two; few names need more)
_LETTERS = re.compile(r"[a-z]+")
_DIGITS = re.compile(r"[0-9X]+")


def pinyin_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) over all readings, each combination space-separated."""
    # Imported here: pypinyin's dictionaries are slow to load and large, and the window needs
    # them only for households that have no keys yet.
    from pypinyin import Style, pinyin

    letters = pinyin(name, style=Style.FIRST_LETTER, heteronym=True, errors="ignore")
    full = pinyin(name, style=Style.NORMAL, heteronym=True, errors="ignore")

    def combos(parts: list[list[str]]) -> str:
        choices = [[p.lower() for p in part if p.isascii()] or [""] for part in parts]
        joined = ("".join(c) for c in itertools.islice(itertools.product(*choices), MAX_READINGS))
        return " ".join(dict.fromkeys(joined))

    return combos(letters), combos(full)


def ensure_search_index(
    store: Store, *, progress: Progress = no_progress, cancel: Cancel = never
) -> int:
    """Pinyin keys for households that have none, then the window's list table if households
    changed since it was built. Returns how much changed: 0 when the list was current."""
    rebuilt = not store_search.list_is_current(store)
    if rebuilt:
        with store.transaction():  # first, so the list shows every household at once
            store_search.rebuild_list(store)
    # Every household has its keys when the two counts agree (keys are never removed): two
    # index counts, where the join that finds the missing ones reads every household.
    missing = (store_search.households_without_keys(store)
               if store_search.keys_may_be_missing(store) else [])  # fmt: skip
    total = len(missing) + 1  # the list table again (with the new keys) is the last step
    progress(0, total)  # the list is usable now: the window shows it while keys are computed
    for start in range(0, len(missing), 2000):
        cancel.check()
        chunk = missing[start : start + 2000]
        with store.transaction():
            store_search.insert_keys(store, [(hid, *pinyin_keys(name)) for hid, name in chunk])
        progress(min(start + 2000, len(missing)), total)
    if not store_search.list_is_current(store):
        cancel.check()
        with store.transaction():
            store_search.rebuild_list(store)
        rebuilt = True
    progress(total, total)
    return len(missing) + rebuilt


def search_ids(
    store: Store, text: str, *, limit: int = 100_000, index: SearchIndex | None = None
) -> Sequence[str]:
    """Ids of the households matching what was typed (all of them for an empty box); from the
    list held in memory when there is one (``search_index``), else from the list table."""
    query = text.strip().replace("'", "").replace(" ", "")
    if not query:
        return index.everyone(limit) if index is not None else EveryHousehold(store, limit)
    lowered = query.lower()
    if _LETTERS.fullmatch(lowered):
        text, letters, digits = lowered, True, False
    else:
        number = normalise_id(query)
        if _DIGITS.fullmatch(number):
            # An ID tail needs ≥ 4 characters (UX.md §2); shorter digits still match phones.
            text, letters, digits = number, False, True
        else:
            text, letters, digits = query, False, False
    if index is not None:
        return index.find(text, letters=letters, digits=digits, limit=limit)
    return store_search.find_ids(store, text, letters=letters, digits=digits, limit=limit)


class EveryHousehold(Sequence[str]):
    """Every household's id in list order, read a page at a time as rows are asked for.

    The empty search box is the list a window opens on: reading every id up front is a real
    part of the start with 100,000 households, and the list's first screen needs twenty.
    Anything that walks the whole list (a filter, unvisited first) reads it all, page by
    page."""

    PAGE = 500

    def __init__(self, store: Store, limit: int) -> None:
        self._store = store
        self._count = min(store_search.list_size(store), limit)
        self._pages: dict[int, list[str]] = {}

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        page = index // self.PAGE
        ids = self._pages.get(page)
        if ids is None:
            ids = self._pages[page] = store_search.ids_in_order(
                self._store, page * self.PAGE, self.PAGE
            )
        return ids[index % self.PAGE]


@dataclass(frozen=True, slots=True)
class VisitStatus:
    outcome: Outcome | None  # the newest live visit's outcome; None: not visited yet
    paid_fen: int  # cash handed over (live disbursements)
    revisit_on: date | None = None  # the newest visit's planned revisit (not at home)
    counted: bool = False  # a live visit counts as 已慰问 (a phone call: the person answered)

    @property
    def unreached(self) -> bool:
        """已慰问 by phone, but not with the person, where the plan says it must be."""
        return self.outcome == Outcome.VISITED and not self.counted


def visit_statuses(store: Store) -> dict[str, VisitStatus]:
    """Per household: the newest live visit's outcome, whether a visit counts as 已慰问, and
    the cash handed over."""
    must_reach = must_reach_rule(store)
    outcome: dict[str, tuple[str, Outcome | None, date | None]] = {}
    paid: dict[str, int] = {}
    counted: set[str] = set()
    for record in live_state(store).values():
        if record.voided:
            continue
        fields = record_fields(record)
        hid = record.event.household_id
        if record.kind == VISIT:
            stamp = fields["date"] + record.event.created_at
            if hid not in outcome or stamp > outcome[hid][0]:  # the newest visit speaks
                again = fields.get("revisit_on")
                outcome[hid] = (stamp, Outcome(fields["outcome"]),
                                date.fromisoformat(again) if again else None)  # fmt: skip
            if counts_as_visited(fields, phone_must_reach=must_reach.of(hid)):
                counted.add(hid)
        elif record.kind == DISBURSEMENT:
            paid[hid] = paid.get(hid, 0) + fields["cash_fen"]
    keys = set(outcome) | set(paid)
    none: tuple[str, Outcome | None, date | None] = ("", None, None)
    return {h: VisitStatus(outcome.get(h, none)[1], paid.get(h, 0), outcome.get(h, none)[2],
                           h in counted)
            for h in keys}  # fmt: skip


def planned_for(store: Store, day: date) -> set[str]:
    """Households planned for ``day`` by the assignment."""
    return store_search.planned_on(store, day.isoformat())


def cash_float(store: Store) -> int | None:
    """The float handed to this laptop's team, if this is a team laptop and one was recorded."""
    device = local_device(store)
    if device is None or not device.team_id:
        return None
    return store_teams.latest_float(store, device.team_id)


@dataclass(frozen=True, slots=True)
class ListRow:
    """A household as the window's list shows it (the list masks the ID)."""

    id: str
    name: str
    id_number: str
    street: str
    address: str
    phone: str
    category: str | None  # None: no category yet
    cash_fen: int | None  # the category's cash standard
    goods_fen: int | None
    planned_date: date | None  # from the assignment
    transfer: bool = False  # its money goes to its bank card (finance), not by hand


@dataclass(frozen=True, slots=True)
class HouseholdCard:
    """What the household and visit screens show (the screen masks the ID, never in full)."""

    id: str
    name: str
    id_number: str
    sex: Sex
    street: str
    address: str
    phone: str
    causes: str
    household_size: int | None
    category: str | None
    category_code: str | None
    cash_fen: int | None
    goods: str | None
    goods_fen: int | None
    planned_date: date | None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def rows_for(store: Store, ids: Sequence[str]) -> dict[str, ListRow]:
    """Display rows for a page of ids (the window's list reads 60 at a time)."""
    return {
        hid: ListRow(hid, r["name"], r["id_number"], r["street"], r["address"], r["phone"],
                     r["category"], r["cash_fen"], r["goods_fen"], _day(r["planned_date"]),
                     r["payment"] == "transfer")
        for hid, r in store_search.rows_for(store, ids).items()
    }  # fmt: skip


def household_card(store: Store, household_id: str) -> HouseholdCard | None:
    r = store_search.card(store, household_id)
    if r is None:
        return None
    return HouseholdCard(
        r["id"], r["name"], r["id_number"], Sex(r["sex"]), r["street"], r["address"], r["phone"],
        r["causes"], r["household_size"], r["category"], r["category_code"], r["cash_fen"],
        r["goods"], r["goods_fen"], _day(r["planned_date"]),
    )  # fmt: skip


def household_count(store: Store) -> int:
    return store_search.household_count(store)


def has_campaign(store: Store) -> bool:
    return store_search.has_campaign(store)


def search_work(store: Store) -> int:
    """How many households ``ensure_search_index`` has to touch: those without pinyin keys, or
    all of them when the list table is out of date (the window does many off its thread)."""
    if store_search.list_is_current(store):
        return store_search.count_without_keys(store)
    return household_count(store) + 1
