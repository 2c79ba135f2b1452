"""Search as you type over the households, and the rows the list shows (never full IDs)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from app.domain.events import DISBURSEMENT, VISIT, record_fields
from app.domain.id_number import normalise_id
from app.domain.progress import Cancel, Progress, never, no_progress
from app.services.device import local_device
from app.services.visits import live_state
from app.store import search as store_search
from app.store import teams as store_teams
from app.store.db import Store

MAX_READINGS = 16  # combinations of readings kept per name (曾 has two; few names need more)
_LETTERS = re.compile(r"[a-z]+")
_DIGITS = re.compile(r"[0-9X]+")


def pinyin_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) over all readings, each combination space-separated."""
    # Imported here: pypinyin's dictionaries take ~0.3 s and ~60 MB, and the window needs them
    # only for households that have no keys yet.
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
    changed since it was built. Returns how many households got keys."""
    if not store_search.list_is_current(store):
        with store.transaction():  # first, so the list shows every household at once
            store_search.rebuild_list(store)
    missing = store_search.households_without_keys(store)
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
    progress(total, total)
    return len(missing)


def search_ids(store: Store, text: str, *, limit: int = 100_000) -> list[str]:
    """Ids of the households matching what was typed (all of them for an empty box)."""
    query = text.strip().replace("'", "").replace(" ", "")
    if not query:
        return store_search.all_ids(store, limit)
    lowered = query.lower()
    if _LETTERS.fullmatch(lowered):
        return store_search.find_ids(store, lowered, letters=True, digits=False, limit=limit)
    digits = normalise_id(query)
    if _DIGITS.fullmatch(digits):
        # An ID tail needs ≥ 4 characters (UX.md §2); shorter digits still match phones.
        return store_search.find_ids(store, digits, letters=False, digits=True, limit=limit)
    return store_search.find_ids(store, query, letters=False, digits=False, limit=limit)


@dataclass(frozen=True, slots=True)
class VisitStatus:
    text: str  # 未走访 / 已慰问 / 不在家 … (the newest live visit's outcome)
    paid_fen: int  # cash handed over (live disbursements)
    revisit_on: str = ""  # the newest visit's planned revisit (not at home), ISO date


def visit_statuses(store: Store) -> dict[str, VisitStatus]:
    """Per household: the newest live visit's outcome and the cash handed over."""
    outcome: dict[str, tuple[str, str]] = {}
    paid: dict[str, int] = {}
    for record in live_state(store).values():
        if record.voided:
            continue
        fields = record_fields(record)
        hid = record.event.household_id
        if record.kind == VISIT:
            stamp = fields["date"] + record.event.created_at
            if hid not in outcome or stamp > outcome[hid][0]:  # the newest visit speaks
                outcome[hid] = (stamp, fields["outcome"], fields.get("revisit_on", ""))
        elif record.kind == DISBURSEMENT:
            paid[hid] = paid.get(hid, 0) + fields["cash_fen"]
    keys = set(outcome) | set(paid)
    none = ("", "未走访", "")
    return {h: VisitStatus(outcome.get(h, none)[1], paid.get(h, 0), outcome.get(h, none)[2])
            for h in keys}  # fmt: skip


def planned_for(store: Store, day: str) -> set[str]:
    """Households planned for ``day`` (ISO) by the assignment."""
    return store_search.planned_on(store, day)


def cash_float(store: Store) -> int | None:
    """The float handed to this laptop's team, if this is a team laptop and one was recorded."""
    device = local_device(store)
    if device is None or not device.team_id:
        return None
    return store_teams.latest_float(store, device.team_id)


def rows_for(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    return store_search.rows_for(store, ids)


def household_card(store: Store, household_id: str) -> dict[str, Any] | None:
    """What the household screen shows (the ID masked by the screen, never in full)."""
    return store_search.card(store, household_id)


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
