"""What the office reads of each kind of event body, checked when a result bundle arrives.

A laptop signs what it wrote, so a malformed record (a bug, an old copy, a hand-made file)
still verifies; it is refused at the door with the record named, not met later as a crash in
the flags, the progress figures or a printed report. Only what those read is required; other
fields may come and go between versions. A signature's strokes are checked where they are
drawn (a receipt shows a bad one as such); here only a print on paper, which the flags read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import orjson

from app.domain.events import (
    CASH_COUNT,
    DISBURSEMENT,
    KINDS,
    PRINT,
    RESOLUTION,
    REVISE,
    SIGNATURE,
    TRANSFER,
    TRANSFER_RESULT,
    VISIT,
    VOID,
    Event,
)
from app.domain.legacy import FIELDS_OF_KIND, upgrade_body
from app.domain.signature import may_be_thumbprint
from app.domain.transfers import TransferOutcome
from app.domain.visits import PhoneAnswer


def _day(value: Any) -> bool:
    if type(value) is not str or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _day_or_empty(value: Any) -> bool:
    return value == "" or _day(value)


def _amount(value: Any) -> bool:
    return type(value) is int and value >= 0


def _texts(value: Any) -> bool:
    return type(value) is list and all(type(v) is str for v in value)


def _answer(value: Any) -> bool:
    return value in PhoneAnswer._value2member_map_


def _outcome(value: Any) -> bool:
    return type(value) is str and value in TransferOutcome._value2member_map_


def _proxy(value: Any) -> bool:
    return value is None or (type(value) is dict and all(type(v) is str for v in value.values()))


# A field's rule: a type (exactly it: no bool for an int) or a check. kind → (required,
# optional): what the flags, the progress figures and the reports read.
Rule = type | Callable[[Any], bool]
_FIELDS: dict[str, tuple[tuple[tuple[str, Rule], ...], tuple[tuple[str, Rule], ...]]] = {
    VISIT: (
        (("date", _day), ("mode", str), ("outcome", str)),
        (
            ("opinions", str),
            ("notes", str),
            ("conditions", str),
            ("visitors", _texts),
            ("paper_signed", bool),
            ("cannot_sign", str),
            ("revisit_on", _day_or_empty),
            ("attempted_at", str),
            ("answered", _answer),
            ("source", str),
            ("proxy", _proxy),
        ),
    ),  # fmt: skip
    DISBURSEMENT: (
        (
            ("visit_id", str),
            ("date", _day),
            ("category_code", str),
            ("cash_fen", _amount),
            ("goods_fen", _amount),
            ("transfer", bool),
        ),
        (("goods", str),),
    ),  # fmt: skip
    SIGNATURE: ((("visit", str),), (("method", str), ("slip_number", str))),
    VOID: ((("target", str),), ()),
    REVISE: ((("supersedes", str),), ()),
    CASH_COUNT: (
        (("date", _day), ("expected_fen", int), ("counted_fen", int), ("difference_fen", int)),
        (("float_fen", int), ("goods_left", str), ("note", str), ("by", str), ("at", str)),
    ),
    PRINT: ((), ()),
    TRANSFER: (
        (
            ("batch_id", str),
            ("batch_number", int),
            ("batch_code", str),
            ("category_code", str),
            ("amount_fen", _amount),
            ("account_id", str),
            ("card_tail", str),
            ("date", _day),
        ),
        (),
    ),  # fmt: skip
    TRANSFER_RESULT: (
        (
            ("transfer_id", str),
            ("outcome", _outcome),
            ("reason", str),
            ("proof", str),
            ("file_sha256", str),
            ("line", int),
            ("date", _day),
        ),
        (("file", str),),
    ),
    RESOLUTION: (
        (
            ("flag", str),
            ("kind", str),
            ("decision", str),
            ("seen", _texts),
            ("note", str),
            ("by", str),
            ("at", str),
        ),
        (("amount_fen", _amount), ("date", _day), ("receipt", str), ("target", str)),
    ),  # fmt: skip
}


def check_bodies(
    events: Sequence[Event],
) -> tuple[dict[str, dict[str, Any]], tuple[Event, str] | None]:
    """Every body the office reads, parsed (by event id, for the flags to reuse), and the first
    event whose body it could not read with the field at fault, or None. A revision is
    checked against the record it revises where that is among ``events``."""
    kinds = {e.record_id: e.kind for e in events if e.kind not in (REVISE, VOID)}
    parsed: dict[str, dict[str, Any]] = {}
    for event in events:
        kind = event.kind
        if kind not in KINDS:
            return parsed, (event, "kind")
        if kind == SIGNATURE and not may_be_thumbprint(event.body):
            continue  # strokes: checked where they are drawn
        try:
            data = orjson.loads(event.body)
        except orjson.JSONDecodeError:
            return parsed, (event, "body")
        if type(data) is not dict:
            return parsed, (event, "body")
        if kind in FIELDS_OF_KIND:  # written before codes (a laptop's events from format 1)
            upgrade_body(kind, data)
        problem = _fields_problem(data, kind)
        if problem is None and kind == REVISE and (revised := kinds.get(event.record_id)):
            problem = _fields_problem(data, revised)
        if problem is not None:
            return parsed, (event, problem)
        parsed[event.id] = data
    return parsed, None


def _fields_problem(data: Mapping[str, Any], kind: str) -> str | None:
    required, optional = _FIELDS.get(kind, ((), ()))
    for name, rule in required:
        value = data.get(name, _MISSING)
        if not (type(value) is rule if type(rule) is type else rule(value)):
            return name
    for name, rule in optional:
        value = data.get(name, _MISSING)
        if value is not _MISSING and not (
            type(value) is rule if type(rule) is type else rule(value)
        ):
            return name
    return None


_MISSING = object()
