"""Event hashes: ``event_hash`` gives what the format says, computed here the obvious way."""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.events import Event, check_chains, event_hash, make_event

# Any text JSON may have to escape: quotes, backslashes, controls, rare CJK, astral planes.
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


def spec_hash(event: Event) -> str:
    """The format's definition: SHA-256 of the UTF-8 of every field but the hash, as one JSON
    object with sorted keys, no spaces, non-ASCII kept."""
    fields = {name: getattr(event, name) for name in Event._fields if name != "content_hash"}
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@given(
    body=_TEXT, created_at=_TEXT, device_id=_TEXT, household_id=_TEXT, id=_TEXT, kind=_TEXT,
    prev_hash=_TEXT, record_id=_TEXT, seq=st.integers(min_value=-(2**63), max_value=2**63),
    team_id=_TEXT,
)  # fmt: skip
def test_the_hash_is_the_format_s_hash(**fields: object) -> None:
    event = Event(**fields, content_hash="")  # type: ignore[arg-type]
    assert event_hash(event) == spec_hash(event)


def test_every_code_point_is_hashed_as_the_format_writes_it() -> None:
    # Every code point in every position JSON treats apart: inside a body and as a field.
    for start in range(0, 0x110000, 0x800):
        chunk = "".join(chr(c) for c in range(start, start + 0x800) if not 0xD800 <= c < 0xE000)
        event = Event("i", "d", 1, "p", "visit", "r", "h", "t", "c", f'{{"x":"{chunk}"}}', "")
        assert event_hash(event) == spec_hash(event), hex(start)
        named = event._replace(record_id=chunk, body="{}")
        assert event_hash(named) == spec_hash(named), hex(start)


def test_a_lone_surrogate_has_no_hash() -> None:
    # UTF-8 cannot encode it, so the format has no bytes for it: refused, never hashed apart.
    lone = Event("i", "d", 1, "p", "visit", "r", "h", "t", "c", "\ud800", "")
    with pytest.raises(UnicodeEncodeError):
        spec_hash(lone)
    with pytest.raises(TypeError):
        event_hash(lone)
    with pytest.raises(TypeError):
        _made(body={"note": "\ud800"})


def _made(**changes: object) -> Event:
    fields: dict[str, object] = {
        "id": "e1", "device_id": "d", "seq": 1, "prev_hash": "0" * 64, "kind": "visit",
        "record_id": "r", "household_id": "h", "team_id": "t", "created_at": "2027-01-20",
        "body": {"cash_fen": 100000, "note": '他说"谢谢"\n䶮'},
    }  # fmt: skip
    return make_event(**{**fields, **changes})  # type: ignore[arg-type]


def test_a_made_event_carries_the_format_s_hash_of_its_canonical_body() -> None:
    event = _made()
    assert event.body == '{"cash_fen":100000,"note":"他说\\"谢谢\\"\\n䶮"}'
    assert event.content_hash == spec_hash(event)


@pytest.mark.parametrize(
    "changes",
    [{"record_id": None}, {"record_id": 7}, {"household_id": 1.5}, {"team_id": ["t"]},
     {"seq": True}, {"seq": 1.0}, {"seq": "1"}, {"kind": "bonus"}],
)  # fmt: skip
def test_an_event_is_text_and_an_int_or_it_is_not_made(changes: dict[str, object]) -> None:
    with pytest.raises((TypeError, ValueError)):
        _made(**changes)


def test_a_changed_body_breaks_the_chain() -> None:
    first = _made()
    assert check_chains([first])[1] == []
    forged = first._replace(body='{"cash_fen":100001}')
    problems = check_chains([forged])[1]
    assert [p.key for p in problems] == ["sync.bad_hash"]


def test_only_a_team_that_never_had_the_household_is_not_assigned() -> None:
    from app.domain.flags import NOT_ASSIGNED, unassigned

    visits = [("h1", "T1", "v1"), ("h1", "T2", "v2"), ("h2", "T1", "v3"), ("h3", "T1", "v4")]
    had = {"h1": frozenset({"T1", "T2"}), "h2": frozenset({"T2"})}
    flags = unassigned(visits, had)
    assert [(f.kind, f.household_id, f.record_id) for f in flags] == [
        (NOT_ASSIGNED, "h2", "v3"), (NOT_ASSIGNED, "h3", "v4")]  # fmt: skip
