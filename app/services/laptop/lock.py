"""The team PIN and the idle lock (UX.md §8).

The PIN keeps a shared kitchen table from reading the screen; it is not what protects the data
on a stolen laptop (a 4–6 digit PIN cannot). It is stored as a salted scrypt hash, and it also
authorises 作废并重录.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from datetime import UTC, datetime, timedelta

from app.domain.errors import InvalidInput
from app.settings import get_setting
from app.store import events as store_events
from app.store.db import Store
from app.sync import keys

PIN_KEY = "team_pin"
FAILURES_KEY = "team_pin_failures"  # "count until-ISO": kept in the store, so a restart waits too
FREE_TRIES = 3  # wrong PINs in a row before a wait
LONGEST_WAIT = 300  # seconds
IDLE_KEY = "idle_lock_minutes"
DEFAULT_IDLE_MINUTES = 5
IDLE_RANGE = (2, 15)


def _hash(pin: str, salt: bytes) -> str:
    return hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1).hex()


def _check_format(pin: str) -> str:
    pin = pin.strip()
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 6):
        raise InvalidInput("pin.format")
    return pin


def has_pin(store: Store) -> bool:
    return store_events.get_setting(store, PIN_KEY) is not None


def set_pin(store: Store, pin: str) -> None:
    pin = _check_format(pin)
    salt = os.urandom(16)
    with store.transaction():
        store_events.set_setting(store, PIN_KEY, f"scrypt${salt.hex()}${_hash(pin, salt)}")


def pin_matches(store: Store, pin: str) -> bool:
    stored = store_events.get_setting(store, PIN_KEY)
    if stored is None:
        raise InvalidInput("pin.not_set")
    _scheme, salt, digest = stored.split("$")
    return hmac.compare_digest(_hash(pin.strip(), bytes.fromhex(salt)), digest)


def pin_wait_seconds(failures: int) -> int:
    """The wait after ``failures`` wrong PINs in a row: none for the first three, then 5 s,
    doubling, to at most five minutes (a guesser meets a growing delay; a slip does not)."""
    if failures <= FREE_TRIES:
        return 0
    wait: int = 5 * 2 ** (failures - FREE_TRIES - 1)
    return min(wait, LONGEST_WAIT)


def _now() -> datetime:
    return datetime.now(UTC)


def seconds_to_wait(store: Store) -> int:
    """How long before the next PIN may be tried (0: now)."""
    _count, until = _failures(store)
    return max(0, int((until - _now()).total_seconds() + 0.999)) if until else 0


def try_pin(store: Store, pin: str) -> bool:
    """The PIN checked, unless a wait is on (refused with the seconds left, not counted);
    a wrong one counts and may start a wait, a right one clears the count."""
    wait = seconds_to_wait(store)
    if wait:
        raise InvalidInput("pin.wait", seconds=wait)
    ok = pin_matches(store, pin)
    count, _until = _failures(store)
    count = 0 if ok else count + 1
    until = _now() + timedelta(seconds=pin_wait_seconds(count))
    with store.transaction():
        store_events.set_setting(store, FAILURES_KEY, f"{count} {until.isoformat()}")
    return ok


def reset_pin(store: Store, credential: str, new_pin: str) -> None:
    """A forgotten PIN: the team credential (on the leader's sheet from the office) proves the
    leader, and a new PIN is set; the wrong-PIN count starts again. The laptop keeps only the
    key derived from the credential, which is enough to check it."""
    stored = store_events.get_setting(store, "team_mac_key")
    campaign, team = (store_events.get_setting(store, k) for k in ("campaign_id", "team_id"))
    if stored is None or campaign is None or team is None:
        raise InvalidInput("pin.no_team")
    given = keys.team_mac_key(keys.normalise_credential(credential), campaign, team)
    if not hmac.compare_digest(given.hex(), stored):
        raise InvalidInput("pin.wrong_credential")
    new_pin = _check_format(new_pin)
    salt = os.urandom(16)
    with store.transaction():
        store_events.set_setting(store, PIN_KEY, f"scrypt${salt.hex()}${_hash(new_pin, salt)}")
        store_events.set_setting(store, FAILURES_KEY, "")


def _failures(store: Store) -> tuple[int, datetime | None]:
    value = store_events.get_setting(store, FAILURES_KEY)
    if not value:
        return 0, None
    count, until = value.split(" ", 1)
    return int(count), datetime.fromisoformat(until)


def idle_minutes(store: Store) -> int:
    """This laptop's (``lock-minutes``), else the user's setting (app/settings.py), else 5."""
    value = store_events.get_setting(store, IDLE_KEY) or get_setting("idle_lock_minutes")
    return int(value) if value and value.isdigit() else DEFAULT_IDLE_MINUTES


def set_idle_minutes(store: Store, minutes: int) -> None:
    low, high = IDLE_RANGE
    if not low <= minutes <= high:
        raise InvalidInput("lock.minutes")
    with store.transaction():
        store_events.set_setting(store, IDLE_KEY, str(minutes))
