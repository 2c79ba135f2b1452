"""This database's own identity (central office or one team laptop) and its event writer.

Each device signs what it sends with its own Ed25519 key and numbers its events 1, 2, 3 …
chained by hash. The central office also holds an X25519 key that result bundles are
encrypted to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.campaign import new_id
from app.domain.errors import Conflict
from app.domain.events import Event, make_event
from app.services.context import Actor
from app.store import events as store_events
from app.store.db import Store
from app.sync import keys

CENTRAL = "central"
TEAM = "team"


@dataclass(frozen=True, slots=True)
class Device:
    id: str
    role: str
    team_id: str | None
    signing_private: bytes
    signing_public: bytes
    box_private: bytes | None
    box_public: bytes | None


def role(store: Store) -> str | None:
    """central, team, or None for a database that has neither sent nor received a bundle."""
    return store_events.get_setting(store, "role")


def local_device(store: Store) -> Device | None:
    device_id = store_events.get_setting(store, "device_id")
    if device_id is None:
        return None
    row = store_events.get_device(store, device_id)
    assert row is not None
    return Device(
        id=row["id"],
        role=row["role"],
        team_id=row["team_id"],
        signing_private=bytes.fromhex(row["signing_private"]),
        signing_public=bytes.fromhex(row["signing_public"]),
        box_private=bytes.fromhex(row["box_private"]) if row["box_private"] else None,
        box_public=bytes.fromhex(row["box_public"]) if row["box_public"] else None,
    )


def create_device(store: Store, device_role: str, team_id: str | None, actor: Actor) -> Device:
    """Give this database its identity; call inside the transaction that first needs it."""
    current = role(store)
    if current is not None and current != device_role:
        raise Conflict("device.role", role=current)
    signing = keys.generate_signing_key()
    box = keys.generate_box_key() if device_role == CENTRAL else None
    device_id = new_id()
    store_events.insert_device(
        store,
        {
            "id": device_id,
            "role": device_role,
            "team_id": team_id,
            "signing_public": keys.signing_public(signing).hex(),
            "signing_private": signing.hex(),
            "box_public": keys.box_public(box).hex() if box else None,
            "box_private": box.hex() if box else None,
            "first_seen": actor.now(),
        },
    )
    store_events.set_setting(store, "role", device_role)
    store_events.set_setting(store, "device_id", device_id)
    device = local_device(store)
    assert device is not None
    return device


def central_device(store: Store, actor: Actor) -> Device:
    """The central office's identity, made on first use (inside the caller's transaction)."""
    device = local_device(store)
    if device is not None:
        if device.role != CENTRAL:
            raise Conflict("device.role", role=device.role)
        return device
    return create_device(store, CENTRAL, None, actor)


@dataclass(frozen=True, slots=True)
class NewEvent:
    kind: str
    record_id: str
    household_id: str
    team_id: str
    body: dict[str, Any]


def append_events(
    store: Store, device: Device, specs: Sequence[NewEvent], actor: Actor
) -> list[Event]:
    """Number and chain new events of this device and store them (inside a transaction)."""
    seq, previous = store_events.chain_head(store, device.id)
    now = actor.now()
    written = []
    for spec in specs:
        seq += 1
        event = make_event(
            id=new_id(), device_id=device.id, seq=seq, prev_hash=previous, kind=spec.kind,
            record_id=spec.record_id, household_id=spec.household_id, team_id=spec.team_id,
            created_at=now, body=spec.body,
        )  # fmt: skip
        written.append(event)
        previous = event.content_hash
    store_events.insert_events(store, written, now)
    return written
