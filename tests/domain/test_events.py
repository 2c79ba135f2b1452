"""Event hashes: the fast path writes exactly the canonical bytes, and a changed field shows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.events import (
    Event,
    check_chains,
    content_hash_of,
    event_hash,
    make_event,
)

# Any text JSON may have to escape: quotes, backslashes, controls, rare CJK, astral planes.
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@given(
    body=_TEXT, created_at=_TEXT, device_id=_TEXT, household_id=_TEXT, id=_TEXT, kind=_TEXT,
    prev_hash=_TEXT, record_id=_TEXT, seq=st.integers(min_value=-(2**63), max_value=2**63),
    team_id=_TEXT,
)  # fmt: skip
def test_fast_hash_is_the_canonical_hash(**fields: object) -> None:
    event = Event(**fields, content_hash="")  # type: ignore[arg-type]
    assert event_hash(event) == content_hash_of(event.as_row())


@given(seq=st.one_of(st.booleans(), st.floats(allow_nan=False), st.none(), st.text(max_size=3)))
def test_other_types_take_the_general_path(seq: object) -> None:
    event = Event("i", "d", seq, "p", "visit", "r", "h", "t", "c", "{}", "")  # type: ignore[arg-type]
    assert event_hash(event) == content_hash_of(event.as_row())


def test_every_code_point_is_written_as_canonical_writes_it() -> None:
    # The fast path leans on orjson escaping text exactly as json.dumps(ensure_ascii=False):
    # every code point in every field, a lone surrogate included (both paths refuse it).
    for start in range(0, 0x110000, 0x800):
        chunk = "".join(chr(c) for c in range(start, start + 0x800) if not 0xD800 <= c < 0xE000)
        event = Event("i", "d", 1, "p", "visit", "r", "h", "t", "c", f'{{"x":"{chunk}"}}', "")
        assert event_hash(event) == content_hash_of(event.as_row()), hex(start)
        named = event._replace(record_id=chunk, body="{}")
        assert event_hash(named) == content_hash_of(named.as_row()), hex(start)
    lone = Event("i", "d", 1, "p", "visit", "r", "h", "t", "c", "\ud800", "")
    with pytest.raises(UnicodeEncodeError):
        content_hash_of(lone.as_row())
    with pytest.raises(UnicodeEncodeError):
        event_hash(lone)


@pytest.mark.parametrize("value", [None, 1.5, ["a"], {"b": "x", "a": "y"}, 7])
def test_a_field_that_is_not_text_takes_the_general_path(value: object) -> None:
    event = Event("i", "d", 1, "p", "visit", value, "h", "t", "c", "{}", "")  # type: ignore[arg-type]
    assert event_hash(event) == content_hash_of(event.as_row())


def test_a_changed_body_breaks_the_chain() -> None:
    first = make_event(id="e1", device_id="d", seq=1, prev_hash="0" * 64, kind="visit",
                       record_id="r", household_id="h", team_id="t", created_at="2027-01-20",
                       body={"cash_fen": 100000})  # fmt: skip
    assert check_chains([first])[1] == []
    forged = first._replace(body='{"cash_fen":100001}')
    problems = check_chains([forged])[1]
    assert [p.key for p in problems] == ["sync.bad_hash"]
