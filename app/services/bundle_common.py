"""What the bundle services share: the result types, the log row, the team's keys."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.campaign import new_id
from app.domain.errors import Reason
from app.domain.events import Event
from app.services.context import Actor
from app.store import events as store_events
from app.store.db import Store
from app.sync import keys

SUFFIX = ".wvb"


def _team_salt(campaign_id: str, team_id: str) -> bytes:
    # Deterministic, so the central office and the laptop derive the same keys from the
    # credential without exchanging anything else.
    return hashlib.sha256(f"warmvisit|{campaign_id}|{team_id}".encode()).digest()[:16]


def enrolment_mac(mac_key: bytes, device_id: str, device_public: bytes, team_id: str,
                   campaign_id: str) -> str:  # fmt: skip
    """Proof that a laptop's new signing key belongs to someone holding the team credential."""
    message = f"{device_id}|{device_public.hex()}|{team_id}|{campaign_id}".encode()
    return hmac.new(mac_key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Exported:
    file: Path
    credential: str | None  # for assignment bundles: what the team leader is given
    sequence: int
    households: int
    events: int


@dataclass(frozen=True, slots=True)
class Applied:
    kind: str  # assignment | result
    outcome: str  # applied | already | older | quarantined
    team_code: str
    sequence: int
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    flags: tuple[Any, ...] = ()  # merge.FlagView
    quarantine_reason: Reason | None = None
    device_id: str = ""
    signer_fingerprint: str = ""
    detail: dict[str, Any] = field(default_factory=dict)


def log_bundle(store: Store, direction: str, kind: str, path: Path, data: bytes,
               team_id: str | None, device_id: str | None, sequence: int, outcome: str,
               actor: Actor, sha256: str | None = None, **counts: int) -> str:  # fmt: skip
    log_id = new_id()
    store_events.insert_bundle_log(
        store,
        {"id": log_id, "direction": direction, "kind": kind, "file_name": path.name,
         "file_sha256": sha256 or hashlib.sha256(data).hexdigest(), "team_id": team_id,
         "device_id": device_id, "sequence": sequence, "outcome": outcome,
         "at": actor.now(), "by": actor.user, **counts},
    )  # fmt: skip
    return log_id


def team_mac_key(credential: str, campaign_id: str, team_id: str) -> bytes:
    return keys.credential_keys(credential, _team_salt(campaign_id, team_id))[1]


def enrolment_ok(mac_key: bytes, header: dict[str, Any]) -> bool:
    expected = enrolment_mac(
        mac_key, header["device_id"], bytes.fromhex(header["device_public"]),
        header["team_id"], header["campaign_id"],
    )  # fmt: skip
    return hmac.compare_digest(expected, str(header.get("enrolment", "")))


def events_differ(known: dict[str, str], events: list[Event]) -> list[Event]:
    """Events whose id is known here with another content hash: the alarm case."""
    return [e for e in events if e.id in known and known[e.id] != e.content_hash]
