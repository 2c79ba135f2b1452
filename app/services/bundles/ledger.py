"""The bundle log (one row per bundle written or read, in the transaction of its effect) and
what the bundle services report: an export, an import."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.campaign import new_id
from app.domain.errors import Reason
from app.services.infra.context import Actor
from app.services.oversight.flags import FlagView
from app.store import events as store_events
from app.store.db import Store

SUFFIX = ".wvb"


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
    flags: tuple[FlagView, ...] = ()
    quarantine_reason: Reason | None = None
    device_id: str = ""
    signer_fingerprint: str = ""
    detail: dict[str, int] = field(default_factory=dict)  # more counts, by name


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
