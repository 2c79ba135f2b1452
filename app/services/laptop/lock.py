"""The team PIN and the idle lock (UX.md §8).

The PIN keeps a shared kitchen table from reading the screen; it is not what protects the data
on a stolen laptop (a 4–6 digit PIN cannot). It is stored as a salted scrypt hash, and it also
authorises 作废并重录.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from app.domain.errors import InvalidInput
from app.store import events as store_events
from app.store.db import Store

PIN_KEY = "team_pin"
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


def idle_minutes(store: Store) -> int:
    value = store_events.get_setting(store, IDLE_KEY)
    return int(value) if value and value.isdigit() else DEFAULT_IDLE_MINUTES


def set_idle_minutes(store: Store, minutes: int) -> None:
    low, high = IDLE_RANGE
    if not low <= minutes <= high:
        raise InvalidInput("lock.minutes")
    with store.transaction():
        store_events.set_setting(store, IDLE_KEY, str(minutes))
