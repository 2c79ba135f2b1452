"""The office's transfer desk: the device whose events are the transfers and the bank's
answers, and where every household's transfers stand.

The desk is a device of the office's own, beside the office's device that writes paper visits
and relays them to the laptops: relayed events must form an unbroken chain per device, and the
transfers are never relayed, so they are numbered on a chain of their own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import orjson

from app.domain.campaign import new_id, new_ids
from app.domain.errors import InvalidInput
from app.domain.events import Event, fields_hash, live_records
from app.domain.transfers import Totals, TransferState, by_household, totals, transfer_states
from app.services.bundles.devices import TEAM, Device, NewEvent
from app.services.bundles.devices import role as device_role
from app.services.infra.context import Actor
from app.store import events as store_events
from app.store import transfers as store_transfers
from app.store.db import Store
from app.sync import keys

DESK_SETTING = store_transfers.DESK_SETTING


def refuse_on_laptop(store: Store) -> None:
    if device_role(store) == TEAM:
        raise InvalidInput("transfer.office_only")


def _desk_id(store: Store) -> str | None:
    return store_events.get_setting(store, DESK_SETTING)


def transfer_desk(store: Store, actor: Actor) -> Device:
    """The desk's identity, made on first use (inside the caller's transaction)."""
    refuse_on_laptop(store)
    device_id = _desk_id(store)
    if device_id is None:
        device_id = new_id()
        signing = keys.generate_signing_key()
        store_events.insert_device(store, {
            "id": device_id, "role": "central", "team_id": None,
            "signing_public": keys.signing_public(signing).hex(), "signing_private": signing.hex(),
            "box_public": None, "box_private": None, "first_seen": actor.now(),
        })  # fmt: skip
        store_events.set_setting(store, DESK_SETTING, device_id)
    row = store_events.get_device(store, device_id)
    assert row is not None
    return Device(row["id"], row["role"], None, bytes.fromhex(row["signing_private"]),
                  bytes.fromhex(row["signing_public"]), None, None)  # fmt: skip


def write(store: Store, specs: Sequence[NewEvent], actor: Actor) -> list[Event]:
    """The desk's new events, numbered and chained (inside the caller's transaction)."""
    return write_records(store, [(s.kind, s.record_id, s.household_id, s.team_id, s.body)
                                 for s in specs], actor)  # fmt: skip


# A desk event to write: kind, record id, household id, team id, body.
DeskRecord = tuple[str, str, str, str, dict[str, object]]


def write_records(store: Store, records: Sequence[DeskRecord], actor: Actor) -> list[Event]:
    """``write`` of plain tuples: a batch of 100,000 transfers is 100,000 events, made as
    ``append_events`` makes them but in bulk. Their bodies are the desk's own (text and
    integers), for which orjson with sorted keys writes the bytes ``canonical`` does
    (tests/services/test_transfer_events.py)."""
    device_id = transfer_desk(store, actor).id
    seq, previous = store_events.chain_head(store, device_id)
    now = actor.now()
    written = []
    dumps, sort = orjson.dumps, orjson.OPT_SORT_KEYS
    for event_id, (kind, record_id, household_id, team_id, body) in zip(
        new_ids(len(records)), records, strict=True
    ):
        seq += 1
        fields = (event_id, device_id, seq, previous, kind, record_id, household_id, team_id, now,
                  dumps(body, option=sort).decode())  # fmt: skip
        previous = fields_hash(*fields)
        written.append(Event(*fields, previous))
    store_events.insert_events(store, written, now)
    return written


def desk_events(store: Store) -> list[Event]:
    return store_transfers.desk_events(store)


@dataclass(frozen=True, slots=True)
class Book:
    """Every transfer and where it stands: by transfer id, and each household's, oldest first."""

    states: Mapping[str, TransferState]
    households: Mapping[str, list[TransferState]]

    def totals(self) -> Totals:
        return totals(self.states.values())


def book_of(events: Sequence[Event]) -> Book:
    states = transfer_states(live_records(events))
    return Book(states, by_household(states.values()))


def read_states(store: Store) -> Mapping[str, TransferState]:
    """Every transfer of the campaign and where it stands, by transfer id."""
    return store_transfers.desk_transfers(store)


def read_book(store: Store) -> Book:
    states = read_states(store)
    return Book(states, by_household(states.values()))


def transfer_totals(store: Store) -> Totals:
    """已转账, 待转账 and 失败 of the campaign (for progress and the summary)."""
    return totals(read_states(store).values())
