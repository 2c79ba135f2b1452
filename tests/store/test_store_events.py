"""Events (immutable, per-laptop chains), devices, settings and the bundle log with quarantine."""

from __future__ import annotations

import sqlite3

import pytest

from app.domain.campaign import new_id
from app.domain.errors import Reason
from app.domain.events import DISBURSEMENT, GENESIS, SIGNATURE, VISIT, VOID, check_chains
from app.domain.signature import METHOD_THUMBPRINT
from app.store import events
from tests.store.builders import World


@pytest.fixture
def laptop(world: World) -> tuple[str, str, str]:
    """(team id, device id, household id) of a team laptop with one household."""
    team = world.team("T1")
    household = world.household()
    world.assign(household, team)
    return team, world.device("team", team), household


def test_events_are_immutable(world: World, laptop: tuple[str, str, str]) -> None:
    team, device, household = laptop
    chain = world.chain(device, household, team, [VISIT])
    with world.store.transaction():
        assert events.insert_events(world.store, chain, world.now()) == 1
    for statement in ("UPDATE event SET body = '{}'", "DELETE FROM event"):
        with pytest.raises(sqlite3.IntegrityError, match="events are immutable"):
            world.store.conn.execute(statement)
    assert events.all_events(world.store) == chain


def test_the_same_event_twice_is_refused_or_passed_over(
    world: World, laptop: tuple[str, str, str]
) -> None:
    team, device, household = laptop
    chain = world.chain(device, household, team, [VISIT, DISBURSEMENT])
    events.insert_events(world.store, chain[:1], world.now())
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        events.insert_events(world.store, chain, world.now())
    assert events.insert_events(world.store, chain, world.now(), skip_known_ids=True) == 1
    # Another event under a number the laptop used already: refused too, or passed over.
    [clash] = world.chain(device, household, team, [VOID], start=2)
    assert events.insert_events(world.store, [clash], world.now(), skip_known_ids=True) == 0
    assert events.all_events(world.store) == chain


def test_events_read_in_laptop_then_number_order(world: World) -> None:
    team, other_team = world.team("T1"), world.team("T2")
    a, b = world.household("甲"), world.household("乙")
    d1, d2 = sorted([world.device("team", team), world.device("team", other_team)])
    second = world.chain(d2, b, other_team, [VISIT, SIGNATURE, DISBURSEMENT])
    first = world.chain(d1, a, team, [VISIT, DISBURSEMENT])
    events.insert_events(world.store, [*reversed(second), *reversed(first)], world.now())
    assert events.all_events(world.store) == [*first, *second]
    assert events.team_events(world.store, other_team) == second
    assert events.events_of_households(world.store, [b], skip_kind=SIGNATURE) == [
        second[0],
        second[2],
    ]
    assert events.events_where(world.store, "kind = ?", [DISBURSEMENT]) == [first[1], second[2]]
    heads, problems = check_chains(events.all_events(world.store))
    assert problems == [] and heads[d2] == (3, second[2].content_hash)


def test_events_of_more_households_than_a_chunk(world: World) -> None:
    team = world.team("T1")
    device = world.device("team", team)
    ids = world.households(1001)
    chain, prev = [], GENESIS
    for household in (ids[0], ids[600], ids[1000]):
        [event] = world.chain(
            device, household, team, [VISIT], start=len(chain) + 1, prev_hash=prev
        )
        chain.append(event)
        prev = event.content_hash
    events.insert_events(world.store, chain, world.now())
    assert events.events_of_households(world.store, ids) == chain
    assert events.flag_events_of_households(world.store, ids) == chain
    assert events.events_by_id(world.store, [e.id for e in chain] + ["no-such"]) == {
        e.id: e.content_hash for e in chain
    }


def test_flags_read_every_event_but_signatures_save_a_thumbprint(world: World) -> None:
    team = world.team("T1")
    household, other = world.household("甲"), world.household("乙")
    office, own = world.device("central"), world.device("team", team)
    mine = world.chain(own, household, team, [VISIT, SIGNATURE])
    theirs = world.chain(office, household, team, [VISIT])
    [thumb] = world.chain(
        office,
        household,
        team,
        [SIGNATURE],
        start=2,
        prev_hash=theirs[0].content_hash,
        body={"method": METHOD_THUMBPRINT},
    )
    # Written before codes (bundle format 1): the print on paper named by its word.
    [old_thumb] = world.chain(
        office,
        other,
        team,
        [SIGNATURE],
        start=3,
        prev_hash=thumb.content_hash,
        body={"method": "按手印"},
    )
    events.insert_events(world.store, [*mine, *theirs, thumb, old_thumb], world.now())
    read = events.flag_events_of_households(world.store, [household])
    assert set(read) == {mine[0], theirs[0], thumb}
    others = events.flag_events_of_households(world.store, [household], except_device=own)
    assert set(others) == {theirs[0], thumb}
    assert set(events.flag_events(world.store)) == {mine[0], theirs[0], thumb, old_thumb}


def test_chain_heads_and_known_numbers(world: World, laptop: tuple[str, str, str]) -> None:
    team, device, household = laptop
    office = world.device("central")
    world.device("team", world.team("T2"))  # another team's laptop: not this team's to repeat
    assert events.chain_head(world.store, device) == (0, GENESIS)
    chain = world.chain(device, household, team, [VISIT, DISBURSEMENT, SIGNATURE])
    events.insert_events(world.store, chain, world.now())
    assert events.chain_head(world.store, device) == (3, chain[2].content_hash)
    assert events.known_heads(world.store, team) == {device: (3, chain[2].content_hash),
                                                     office: (0, "")}  # fmt: skip
    assert events.device_chain(world.store, device) == {
        e.seq: (e.id, e.content_hash) for e in chain
    }
    assert events.event_at(world.store, device, 2) == (chain[1].id, chain[1].content_hash)
    assert events.event_at(world.store, device, 4) is None


def test_settings_are_set_and_replaced(world: World) -> None:
    assert events.get_setting(world.store, "role") is None
    events.set_setting(world.store, "role", "central")
    events.set_setting(world.store, "role", "team")
    assert events.get_setting(world.store, "role") == "team"


def test_devices_list_by_team_with_their_event_count_and_revocation(
    world: World, laptop: tuple[str, str, str]
) -> None:
    team, device, household = laptop
    office = world.device("central")
    events.insert_events(
        world.store, world.chain(device, household, team, [VISIT, VOID]), world.now()
    )
    listed = events.list_devices(world.store)
    assert [(d["id"], d["team"], d["events"]) for d in listed] == [
        (office, None, 0),
        (device, "T1", 2),
    ]
    events.revoke_device(world.store, device, "2027-01-25T10:00+08:00", "王会计", "电脑丢失")
    revoked = events.get_device(world.store, device)
    assert revoked is not None
    assert (revoked["revoked_at"], revoked["revoked_by"], revoked["revoke_reason"]) == (
        "2027-01-25T10:00+08:00",
        "王会计",
        "电脑丢失",
    )
    assert events.get_device(world.store, "no-such") is None


def test_the_last_bundle_is_the_highest_number_that_went_through(world: World) -> None:
    team = world.team("T1")
    for sequence, outcome in ((1, "exported"), (3, "exported"), (2, "exported")):
        world.bundle_log(
            direction="export",
            kind="assignment",
            team_id=team,
            sequence=sequence,
            outcome=outcome,
            file_name=f"{sequence}.wvb",
        )
    world.bundle_log(
        direction="export", kind="assignment", team_id=team, sequence=4, outcome="refused"
    )
    last = events.last_bundle(world.store, "export", "assignment", "team_id", team)
    assert last is not None and last["file_name"] == "3.wvb"
    assert events.last_bundle(world.store, "import", "assignment", "team_id", team) is None
    with pytest.raises(ValueError):
        events.last_bundle(world.store, "export", "assignment", "file_name; --", team)


def _quarantine(world: World, log_id: str, **values: object) -> None:
    row = {
        "id": new_id(),
        "bundle_log_id": log_id,
        "reason_key": "sync.id_clash",
        "reason_params": '{"record": "r1", "seq": 7}',
        "detail": "",
        "bundle": b"\x00wvb",
        "at": world.now(),
        **values,
    }
    events.insert_quarantine(world.store, row)


def test_a_quarantined_bundle_is_logged_with_its_reason(world: World) -> None:
    team = world.team("T1")
    device = world.device("team", team)
    applied = world.bundle_log(device_id=device, team_id=team, sequence=1, file_sha256="a" * 64)
    held = world.bundle_log(
        device_id=device,
        team_id=team,
        sequence=2,
        file_sha256="b" * 64,
        outcome="quarantined",
        quarantined=3,
    )
    _quarantine(world, held)
    assert events.import_logged(world.store, device, 2)  # quarantined counts as seen
    assert not events.import_logged(world.store, device, 3)
    logged = events.bundle_logged(world.store, "a" * 64)
    assert logged is not None and logged["id"] == applied
    assert events.bundle_logged(world.store, "b" * 64) is None  # not applied
    reason = Reason.of("sync.id_clash", record="r1", seq=7)  # a key and its values, no sentence
    assert events.quarantined_reason(world.store, "b" * 64) == reason
    assert events.quarantined_reason(world.store, "a" * 64) is None
    [kept] = world.store.query("SELECT bundle FROM quarantine")
    assert kept["bundle"] == b"\x00wvb"  # the bundle kept whole for a person to decide
    history = events.bundle_history(world.store)
    assert [(h["id"], h["team_code"], h["quarantine_reason"]) for h in history] == [
        (applied, "T1", None),
        (held, "T1", reason),
    ]


def test_a_reason_kept_as_a_sentence_reads_as_written(world: World) -> None:
    held = world.bundle_log(outcome="quarantined", file_sha256="c" * 64)
    _quarantine(world, held, reason_params="{}", detail="同一编号的记录内容不同")
    as_written = Reason.of("merge.reason_as_written", detail="同一编号的记录内容不同")
    assert events.quarantined_reason(world.store, "c" * 64) == as_written
    assert events.bundle_history(world.store)[0]["quarantine_reason"] == as_written


def test_quarantine_names_a_logged_bundle(world: World) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        events.insert_quarantine(
            world.store,
            {
                "id": new_id(),
                "bundle_log_id": "no-such",
                "reason_key": "k",
                "detail": "d",
                "bundle": b"",
                "at": world.now(),
            },
        )


def test_bundle_history_is_oldest_first_without_a_team_for_the_office(world: World) -> None:
    late = world.bundle_log(at="2027-01-25T10:00+08:00")
    early = world.bundle_log(
        at="2027-01-21T10:00+08:00",
        direction="export",
        kind="assignment",
        team_id=world.team("T2"),
        outcome="exported",
    )
    history = events.bundle_history(world.store)
    assert [(h["id"], h["team_code"]) for h in history] == [(early, "T2"), (late, "")]
