"""What every use case needs from outside: who is acting, and what time it is.

Passed in rather than read globally, so tests can fix both.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.domain.campaign import Campaign
from app.domain.errors import InvalidInput, NotFound
from app.store.campaigns import get_campaign
from app.store.db import Store
from app.store.events import get_setting


def local_now() -> datetime:
    return datetime.now().astimezone()


def current_user() -> str:
    """WARMVISIT_USER, else the login name: recorded on every change (who changed what)."""
    try:
        return os.environ.get("WARMVISIT_USER") or getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "unknown"


@dataclass(frozen=True, slots=True)
class Actor:
    user: str = field(default_factory=current_user)
    clock: Callable[[], datetime] = local_now

    def now(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def today(self) -> date:
        return self.clock().date()


def require_campaign(store: Store) -> Campaign:
    campaign = get_campaign(store)
    if campaign is None:
        raise NotFound("campaign.none")
    return campaign


def is_office(store: Store) -> bool:
    """The central office's database: so its role says (app.services.bundles.devices), or it
    holds a campaign and has no laptop identity (an office that has sent no bundle yet). Here,
    not beside ``role``: the window asks before anything else, and the bundles' module loads
    the cryptography."""
    current = get_setting(store, "role")
    if current is not None:
        return current == "central"
    return get_campaign(store) is not None


def open_store(path: Path, *, cache_mb: int = 64) -> Store:
    """A connection of its own (a worker thread's, or the window's). A store this program
    would migrate is copied first (app/services/infra/backup.py)."""
    if str(path) != ":memory:":
        from app.services.infra.backup import backup_before_migration

        backup_before_migration(Path(path))
    return Store(path, cache_mb=cache_mb)


def unwritable(path: Path, exc: OSError, *, key: str = "file.unwritable") -> InvalidInput:
    """A file the user asked for could not be written (no such folder, no permission, disk
    full); write_atomically left nothing behind."""
    return InvalidInput(key, file=str(path), detail=exc.strerror or type(exc).__name__)
