"""This database's own identity (central office or one team laptop) and its event writer.

Each device signs what it sends with its own Ed25519 key and numbers its events 1, 2, 3 …
chained by hash. The central office also holds an X25519 key that result bundles are
encrypted to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.assignment import Team
from app.domain.campaign import new_id
from app.domain.errors import Conflict, InvalidInput, NotFound
from app.domain.event_bounds import BODY, Bounds, body_problem
from app.domain.events import Event, canonical, make_event
from app.domain.text import clean
from app.services.infra.context import Actor, require_campaign
from app.services.oversight.flags import flag_rules
from app.store import events as store_events
from app.store import holds as store_holds
from app.store import teams as store_teams
from app.store.db import Store
from app.sync import keys

CENTRAL = "central"
TEAM = "team"
# On a laptop the office has revoked (read from an assignment bundle): when, or "" if not.
REVOKED_SETTING = "revoked_at"


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


def writing_device(store: Store, actor: Actor) -> Device:
    """The device whose events this database writes: its own, or at a central office that has
    not exported yet, the office's identity made now (it records paper visits as itself)."""
    return local_device(store) or create_device(store, CENTRAL, None, actor)


@dataclass(frozen=True, slots=True)
class NewEvent:
    kind: str
    record_id: str
    household_id: str
    team_id: str
    body: dict[str, object]  # what the event says, as JSON


def append_events(
    store: Store, device: Device, specs: Sequence[NewEvent], actor: Actor
) -> list[Event]:
    """Number and chain new events of this device and store them (inside a transaction)."""
    if device.role == TEAM:
        if revoked_at := store_events.get_setting(store, REVOKED_SETTING):
            raise Conflict("device.revoked_here", at=revoked_at[:10])
        _within_bounds(store, specs)
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


def _within_bounds(store: Store, specs: Sequence[NewEvent]) -> None:
    """A laptop writes nothing the office's door would refuse (app.domain.event_bounds): the
    bundles it sends hold every record it has, so one such record would stop them all."""
    bounds = Bounds.of(flag_rules(store))
    for spec in specs:
        found = body_problem(spec.body, spec.kind, bounds)
        if found is None and len(canonical(spec.body)) > BODY:
            found = ("too_long", {"field": "body", "limit": BODY})
        if found is not None:
            fault, params = found
            raise InvalidInput(f"record.{fault}", **params)


# --- the laptops the central office knows -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KnownDevice:
    id: str
    role: str  # central | team
    team: str | None  # the team's code
    fingerprint: str  # of its signing key, as the laptop shows it
    first_seen: str
    revoked_at: str | None
    revoked_by: str | None
    revoke_reason: str | None
    events: int  # events of it here


def list_devices(store: Store) -> list[KnownDevice]:
    return [
        KnownDevice(row["id"], row["role"], row["team"],
                    keys.fingerprint(bytes.fromhex(row["signing_public"])), row["first_seen"],
                    row["revoked_at"], row["revoked_by"], row["revoke_reason"], row["events"])
        for row in store_events.list_devices(store)
    ]  # fmt: skip


def revoke(
    store: Store, device: str, *, reason: str, up_to: int | None = None,
    actor: Actor | None = None,
) -> KnownDevice:  # fmt: skip
    """A laptop lost, stolen or replaced: its records up to ``up_to`` (by default, all the
    office has of it now) count; whatever it sends past them is verified and held for the
    office to decide, never dropped. The next assignment bundles tell the laptop itself."""
    actor = actor or Actor()
    target = _one_team_device(store, device, reason)
    if target.revoked_at:
        raise Conflict("device.already_revoked", device=target.id[:8], at=target.revoked_at[:10])
    if up_to is not None and not 0 <= up_to <= target.events:
        raise InvalidInput("device.bad_up_to", up_to=up_to, events=target.events)
    last = target.events if up_to is None else up_to
    with store.transaction():
        store_events.revoke_device(store, target.id, actor.now(), actor.user, clean(reason))
        store_holds.add_hold(store, {"id": new_id(), "device_id": target.id,
                                     "from_seq": last + 1, "cause": "revoked",
                                     "reason": clean(reason), "at": actor.now(),
                                     "by": actor.user})  # fmt: skip
    return next(d for d in list_devices(store) if d.id == target.id)


def unrevoke(store: Store, device: str, *, reason: str, actor: Actor | None = None) -> KnownDevice:
    """Take a revocation back (the laptop was found): its held records count again, unless a
    fork of it is still open."""
    actor = actor or Actor()
    target = _one_team_device(store, device, reason)
    if not target.revoked_at:
        raise Conflict("device.not_revoked", device=target.id[:8])
    with store.transaction():
        store_events.unrevoke_device(store, target.id)
        fork = _open_fork(store, target.id)
        store_holds.add_hold(store, {"id": new_id(), "device_id": target.id, "from_seq": fork,
                                     "cause": "unrevoked", "reason": clean(reason),
                                     "at": actor.now(), "by": actor.user})  # fmt: skip
    return next(d for d in list_devices(store) if d.id == target.id)


def _open_fork(store: Store, device_id: str) -> int | None:
    """Where the laptop's chain parted, if a hold for that is in force underneath."""
    forks = [h["from_seq"] for h in store_holds.hold_history(store, device_id)
             if h["cause"] == "fork"]  # fmt: skip
    in_force = store_holds.holds_in_force(store).get(device_id)
    return min(forks) if forks and in_force is not None and in_force <= min(forks) else None


def revoke_unseen(store: Store, team_code: str, *, reason: str,
                  actor: Actor | None = None) -> str:  # fmt: skip
    """A team's laptop lost before it ever sent a bundle (the office knows it only by the
    assignment it was given): the team's credential is replaced. A laptop that enrols with the
    old one later is taken in revoked, its records held; the next assignment bundle carries
    the new credential (for the replacement laptop). Returns the team's id."""
    actor = actor or Actor()
    if not clean(reason):
        raise InvalidInput("device.reason_missing")
    campaign_id = require_campaign(store).id
    team = store_teams.team_by_code(store, campaign_id, team_code.strip())
    if team is None:
        raise NotFound("device.team_not_found", team=team_code)
    found = store_teams.team_credential(store, team["id"])
    if found is None:
        raise Conflict("device.no_credential", team=team["code"])
    credential, mac_key = found
    with store.transaction():
        retired = mac_key or keys.team_mac_key(credential, campaign_id, team["id"]).hex()
        store_holds.retire_credential(
            store,
            {"team_id": team["id"], "credential": credential, "mac_key": retired,
             "retired_at": actor.now(), "retired_by": actor.user, "reason": clean(reason)},
        )  # fmt: skip
        store_teams.drop_team_credential(store, team["id"])
    return str(team["id"])


def _one_team_device(store: Store, device: str, reason: str) -> KnownDevice:
    if not clean(reason):
        raise InvalidInput("device.reason_missing")
    matches = [d for d in list_devices(store) if d.id.startswith(device.strip())]
    if len(matches) != 1 or not device.strip():
        raise NotFound("device.not_found", device=device)
    if matches[0].role != TEAM:
        raise InvalidInput("device.not_team")
    return matches[0]


def team_of_laptop(store: Store) -> Team | None:
    """This laptop's team, or None on a central store."""
    device = local_device(store)
    if device is None or not device.team_id:
        return None
    row = store_teams.team_by_id(store, device.team_id)
    return store_teams.as_team(row) if row else None
