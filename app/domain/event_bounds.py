"""Bounds on what a laptop's new records say, checked at the office's door after their bodies
were read (app.domain.event_bodies).

A laptop's key signs whatever the laptop wrote: a bug, a copied key or a hand-made file can sign
a handover of 2^63−1 fen, a visit dated 0001-01-01 or a 5 MB note. Once merged nothing is ever
taken out again, so such a bundle is refused whole, naming the record, the field and what is
wrong. Only records the office has not got yet are bounded: what it holds already stays as it
came (docs/decisions.md, "Bounds at the door").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from app.domain.events import (
    CASH_COUNT,
    DISBURSEMENT,
    RESOLUTION,
    REVISE,
    SIGNATURE,
    TRANSFER,
    VISIT,
    VOID,
    Event,
)
from app.domain.flags import FlagContext
from app.domain.money import format_fen


class FieldName(str):
    """A record's field named in a sentence (``cash_fen``, ``handovers.goods``): the window
    and the command line show its word (慰问金), not the code."""


class KindName(str):
    """A record's kind named in a sentence (``disbursement``): shown as its word (发放)."""


NAME = 50  # a visitor's, a proxy's, a clerk's name (characters)
CODE = 200  # codes, ids, timestamps, a slip number, the goods handed over
LONG_TEXT = 5000  # notes, conditions, opinions, reasons: a few pages typed on the spot
BODY = 100_000  # a whole body (a signature's strokes are ~3 KB)
ITEMS = 1000  # entries of a list (visitors: VISITORS)
VISITORS = 20
HEADER = 64  # an event's ids and its time of writing
FACTOR = 10  # a handover may be up to ten times its category's standard (cash + goods)
HARD_CAP_FEN = 10_000_000  # ¥100,000: a category unknown here, or one with no standard
COUNT_CAP_FEN = 1_000_000_000  # ¥10,000,000: a team's cash count, either sign
NUMBER = 2**53  # any other whole number, either sign (SQLite and JSON readers agree to here)
MARGIN = timedelta(days=60)  # dates within the campaign window ± this

_LONG = frozenset({"opinions", "notes", "conditions", "note", "reason", "off_standard_reason",
                   "goods_left", "detail"})  # fmt: skip
_NAMES = frozenset({"by"})
_SIGNERS = frozenset({"signer_name", "signer_relation"})
_DATES = frozenset({"date", "revisit_on"})
_AMOUNTS = {DISBURSEMENT: ("cash_fen", "goods_fen"), TRANSFER: ("amount_fen",)}
_HEADER_FIELDS = ("id", "record_id", "household_id", "team_id", "created_at")


@dataclass(frozen=True, slots=True)
class OutOfBounds:
    """What is wrong with a record: the fault (too_long, too_many, number, amount, date: the
    keys bundle.record_<fault> at the door, record.<fault> where a laptop writes) and its
    parameters, the field among them."""

    event: Event
    fault: str
    params: tuple[tuple[str, Any], ...]


@dataclass(frozen=True, slots=True)
class Bounds:
    """The campaign's bounds: its dates ± MARGIN, and category code → the most one handover
    may hold of cash, or of goods."""

    first: date
    last: date
    caps: Mapping[str, int]

    @classmethod
    def of(cls, rules: FlagContext) -> Bounds:
        caps: dict[str, int] = {}
        for code, (cash, goods) in rules.standards.items():
            totals = [cash + goods, *(c + g for c, g in rules.former.get(code, ()))]
            caps[code] = FACTOR * max(totals) or HARD_CAP_FEN
        return cls(rules.start - MARGIN, rules.end + MARGIN, caps)


Found = tuple[str, dict[str, Any]]


def check_bounds(
    events: Sequence[Event], bodies: Mapping[str, Mapping[str, Any]], rules: FlagContext,
    known: Mapping[str, tuple[int, str]],
) -> OutOfBounds | None:  # fmt: skip
    """The first record the office has not got yet (after its laptop's last event ``known``
    here) that is out of bounds, or None. ``bodies``: by event id, as check_bodies read them
    (a signature's strokes are not among them: only their length is bounded)."""
    kinds = {e.record_id: e.kind for e in events if e.kind not in (REVISE, VOID)}
    bounds = Bounds.of(rules)
    for event in events:
        if event.seq <= known.get(event.device_id, (0, ""))[0]:
            continue
        kind = kinds.get(event.record_id, event.kind) if event.kind == REVISE else event.kind
        found = _header_problem(event)
        data = bodies.get(event.id)
        if found is None and data is not None:
            found = body_problem(data, kind, bounds)
        if found is None and len(event.body) > BODY:  # after its fields: they name the cause
            found = ("too_long", {"field": FieldName("body"), "limit": BODY})
        if found is not None:
            fault, params = found
            return OutOfBounds(event, fault, tuple(params.items()))
    return None


def _header_problem(event: Event) -> Found | None:
    for name in _HEADER_FIELDS:
        if len(getattr(event, name)) > HEADER:
            return "too_long", {"field": FieldName(name), "limit": HEADER}
    return None


def body_problem(data: Mapping[str, Any], kind: str, bounds: Bounds) -> Found | None:
    """The first field of a record of ``kind`` out of bounds: (fault, its parameters)."""
    first, last = bounds.first, bounds.last
    if (found := _amount_problem(data, kind, bounds.caps)) is not None:
        return found  # before the numbers' own bounds: a sum of money says more
    for name, value in data.items():
        kind_of = type(value)
        # Most fields are short text, a flag or a small number: passed at once (a first bundle
        # brings thousands of records, each bounded here).
        if kind_of is str and len(value) <= NAME and name not in _DATES:
            continue
        if kind_of is bool or value is None or (kind_of is int and -NUMBER <= value <= NUMBER):
            continue
        if name in _DATES and kind_of is str and value:
            day = _day(value)
            if day is not None and not first <= day <= last:
                return "date", {"field": FieldName(name), "date": value, "start": first.isoformat(),
                                "end": last.isoformat()}  # fmt: skip
        if kind == VISIT and name == "visitors" and type(value) is list and len(value) > VISITORS:
            return "too_many", {"field": FieldName(name), "count": len(value), "limit": VISITORS}
        for path, key, params in _walk(name, value, _text_limit(kind, name)):
            return key, {"field": FieldName(path), **params}
    return None


def _text_limit(kind: str, name: str) -> int:
    if kind == SIGNATURE:  # a print on paper's body (strokes are read only where drawn)
        return BODY if name == "strokes" else NAME if name in _SIGNERS else LONG_TEXT
    if name in _LONG:
        return LONG_TEXT
    if name in _NAMES or (kind == VISIT and name in ("visitors", "proxy")):
        return NAME
    return CODE


def _walk(path: str, value: Any, limit: int) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every string within ``limit`` characters, every number within NUMBER, every list within
    ITEMS entries, however deep (a proxy's reason may run longer than its name)."""
    if type(value) is str:
        if len(value) > limit:
            yield path, "too_long", {"limit": limit}
    elif type(value) is int:
        if not -NUMBER <= value <= NUMBER:
            yield path, "number", {"value": str(value)}
    elif type(value) is list:
        if len(value) > ITEMS:
            yield path, "too_many", {"count": len(value), "limit": ITEMS}
        for item in value:
            yield from _walk(path, item, limit)
    elif type(value) is dict:
        for name, item in value.items():
            yield from _walk(f"{path}.{name}", item, LONG_TEXT if name in _LONG else limit)


def _amount_problem(data: Mapping[str, Any], kind: str, caps: Mapping[str, int]) -> Found | None:
    if kind == CASH_COUNT:
        for name, value in data.items():
            if name.endswith("_fen") and type(value) is int and abs(value) > COUNT_CAP_FEN:
                return "amount", {"field": FieldName(name), "amount": format_fen(value),
                                                "limit": format_fen(COUNT_CAP_FEN)}  # fmt: skip
        return None
    if kind in _AMOUNTS:
        names, cap = _AMOUNTS[kind], caps.get(str(data.get("category_code")), HARD_CAP_FEN)
    elif kind == RESOLUTION:
        names, cap = ("amount_fen",), HARD_CAP_FEN
    else:
        return None
    for name in names:
        value = data.get(name)
        if type(value) is int and value > cap:
            return "amount", {"field": FieldName(name), "amount": format_fen(value),
                                            "limit": format_fen(cap)}  # fmt: skip
    return None


@lru_cache(maxsize=4096)  # a campaign's records fall on a few dozen days
def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
