"""The plaintext of a bundle: events come out as they went in, and anything else is refused."""

from __future__ import annotations

import json

import pytest

from app.domain.errors import BundleRefused
from app.domain.events import GENESIS, make_event
from app.sync.payload import EVENT_COLUMNS, decode_payload, encode_payload

EVENT = make_event(id="e1", device_id="d1", seq=1, prev_hash=GENESIS, kind="visit",
                   record_id="r1", household_id="h1", team_id="t1",
                   created_at="2027-01-22T10:00:00+08:00",
                   body={"note": '他说"谢谢"\n䶮', "cash_fen": 117000})  # fmt: skip


def test_events_and_settings_come_back_as_they_went_in() -> None:
    body, events = decode_payload(encode_payload({"rate": 1.5, "名称": "元旦"}, [EVENT]))
    assert events == [EVENT]
    assert body == {"rate": 1.5, "名称": "元旦"}


def _with_row(row: list[object]) -> bytes:
    return json.dumps({"event_columns": list(EVENT_COLUMNS), "events": [row]}).encode()


ROW = list(EVENT)
SEQ, KIND = EVENT_COLUMNS.index("seq"), EVENT_COLUMNS.index("kind")


@pytest.mark.parametrize(
    "payload",
    [
        b"not json at all",
        b"\xff\xfe{}",  # not UTF-8
        b'{"event_columns": [], "events": []}',  # another layout
        _with_row(ROW[:-1]),  # a field short
        _with_row([*ROW[:SEQ], True, *ROW[SEQ + 1:]]),  # true is not seq 1
        _with_row([*ROW[:SEQ], 1.0, *ROW[SEQ + 1:]]),
        _with_row([*ROW[:SEQ], 2**70, *ROW[SEQ + 1:]]),  # past 64 bits
        _with_row([*ROW[:KIND], None, *ROW[KIND + 1:]]),
        _with_row([*ROW[:KIND], ["visit"], *ROW[KIND + 1:]]),
        _with_row(ROW).replace(b'"e1"', b'"\\ud800"'),  # a lone surrogate
        _with_row(ROW).replace(b'{"event_columns"', b'{"rate": NaN, "event_columns"'),
    ],
)  # fmt: skip
def test_a_payload_that_is_not_events_is_refused(payload: bytes) -> None:
    with pytest.raises(BundleRefused) as refused:
        decode_payload(payload)
    assert refused.value.key == "bundle.payload_invalid"
