"""The laptops the central office knows, revoking a lost one, and the open flags."""

from __future__ import annotations

from typing import Any

from app.domain.errors import InvalidInput, NotFound
from app.domain.text import clean
from app.services.context import Actor
from app.services.merge import campaign_flags
from app.store import events as store_events
from app.store.db import Store
from app.sync import keys


def list_devices(store: Store) -> list[dict[str, Any]]:
    rows = store_events.list_devices(store)
    for row in rows:
        row["fingerprint"] = keys.fingerprint(bytes.fromhex(row["signing_public"]))
    return rows


def revoke(store: Store, device: str, *, reason: str, actor: Actor | None = None) -> dict[str, Any]:
    """Refuse every later bundle signed by this laptop (lost, stolen, replaced). What it sent
    before stays; a replacement laptop continues from the next assignment bundle."""
    actor = actor or Actor()
    if not clean(reason):
        raise InvalidInput("device.reason_missing")
    matches = [d for d in store_events.list_devices(store) if d["id"].startswith(device.strip())]
    if len(matches) != 1 or not device.strip():
        raise NotFound("device.not_found", device=device)
    target = matches[0]
    if target["role"] != "team":
        raise InvalidInput("device.not_team")
    with store.transaction():
        store_events.revoke_device(store, target["id"], actor.now(), actor.user, clean(reason))
    result = store_events.get_device(store, target["id"])
    assert result is not None
    return result


def list_flags(store: Store) -> list[dict[str, Any]]:
    return campaign_flags(store)
