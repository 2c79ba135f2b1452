"""Search as you type over the households, and the rows the list shows (never full IDs)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from pypinyin import Style, pinyin

from app.domain.events import DISBURSEMENT, VISIT, record_fields
from app.domain.id_number import normalise_id
from app.domain.progress import Cancel, Progress, never, no_progress
from app.services.visits import live_state
from app.store import search as store_search
from app.store.db import Store

MAX_READINGS = 16  # combinations of readings kept per name (曾 has two; few names need more)
_LETTERS = re.compile(r"[a-z]+")
_DIGITS = re.compile(r"[0-9X]+")


def pinyin_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin) over all readings, each combination space-separated."""
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
    """Compute the pinyin keys of households that have none; returns how many were added."""
    missing = store_search.households_without_keys(store)
    for start in range(0, len(missing), 2000):
        cancel.check()
        chunk = missing[start : start + 2000]
        with store.transaction():
            store_search.insert_keys(store, [(hid, *pinyin_keys(name)) for hid, name in chunk])
        progress(min(start + 2000, len(missing)), len(missing))
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
                outcome[hid] = (stamp, fields["outcome"])
        elif record.kind == DISBURSEMENT:
            paid[hid] = paid.get(hid, 0) + fields["cash_fen"]
    keys = set(outcome) | set(paid)
    return {h: VisitStatus(outcome.get(h, ("", "未走访"))[1], paid.get(h, 0)) for h in keys}


def rows_for(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    return store_search.rows_for(store, ids)


def household_card(store: Store, household_id: str) -> dict[str, Any] | None:
    """What the household screen shows (the ID masked by the screen, never in full)."""
    return store_search.card(store, household_id)


def household_count(store: Store) -> int:
    return store_search.household_count(store)


def has_campaign(store: Store) -> bool:
    return store_search.has_campaign(store)


def households_without_keys(store: Store) -> int:
    """How many households still need pinyin keys (the window indexes many off its thread)."""
    return store_search.count_without_keys(store)
