"""Which events of a bundle are new at the office: chains compared by their last common event."""

from __future__ import annotations

import pytest

from app.domain.events import GENESIS, Event, make_event
from app.services.bundles.merge import _Alarm, _new_events
from app.store import events as store_events
from app.store.db import Store

LAPTOP, OTHER = "laptop-0001", "laptop-0002"


def chain(device: str, bodies: list[dict], ids: list[str] | None = None) -> list[Event]:
    events, previous = [], GENESIS
    for seq, body in enumerate(bodies, start=1):
        event = make_event(id=(ids or [f"{device}-e{n}" for n in range(1, len(bodies) + 1)])[
            seq - 1], device_id=device, seq=seq, prev_hash=previous, kind="visit",
            record_id=f"r{seq}", household_id="h", team_id="t", created_at="2027-01-21",
            body=body)  # fmt: skip
        events.append(event)
        previous = event.content_hash
    return events


BODIES = [{"n": n} for n in range(1, 6)]


@pytest.fixture
def store() -> Store:
    s = Store(":memory:")
    store_events.insert_events(s, chain(LAPTOP, BODIES), "2027-01-21T20:00:00+08:00")
    store_events.insert_events(s, chain(OTHER, BODIES[:2]), "2027-01-21T20:00:00+08:00")
    return s


def alarm(call) -> _Alarm:  # noqa: ANN001
    with pytest.raises(_Alarm) as caught:
        call()
    return caught.value


def test_known_newer_and_older_chains(store: Store) -> None:
    assert _new_events(store, chain(LAPTOP, BODIES), LAPTOP) == []
    longer = chain(LAPTOP, [*BODIES, {"n": 6}, {"n": 7}])
    assert [e.seq for e in _new_events(store, list(reversed(longer)), LAPTOP)] == [6, 7]
    assert _new_events(store, chain(LAPTOP, BODIES[:3]), LAPTOP) == []  # an older stick
    relayed = chain(OTHER, BODIES[:2])  # another laptop's events the office has: fine
    assert _new_events(store, [*relayed, *longer], LAPTOP) == longer[5:]


def test_a_chain_that_parts_from_the_one_here_is_named(store: Store) -> None:
    changed = chain(LAPTOP, [*BODIES[:2], {"n": 99}, *BODIES[3:]])  # event 3 rewritten
    raised = alarm(lambda: _new_events(store, changed, LAPTOP))
    assert raised.key == "merge.same_id_other_content" and raised.params["event"] == "laptop-0"
    other_ids = [f"{LAPTOP}-e{n}" for n in (1, 2, 3)] + ["restored-4", "restored-5"]
    restored = chain(LAPTOP, BODIES, ids=other_ids)  # from a backup: 4 and 5 written anew
    raised = alarm(lambda: _new_events(store, restored, LAPTOP))
    assert raised.key == "merge.off_chain" and raised.params["seq"] == 4
    # an older stick of a restored laptop: it parts at 3, its last event, too
    assert alarm(lambda: _new_events(store, changed[:3], LAPTOP)).key == (
        "merge.same_id_other_content"
    )


def test_relayed_events_must_be_here_already(store: Store) -> None:
    relayed = chain(OTHER, BODIES[:3])  # its third the office never had
    raised = alarm(lambda: _new_events(store, relayed, LAPTOP))
    assert raised.key == "merge.unknown_relayed"
