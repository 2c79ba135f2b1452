"""Never lose input: the visit being typed is saved as it is typed, and offered back after a
crash (UX.md §8) — never restored or discarded silently."""

from __future__ import annotations

import json
from typing import Any

from app.services.infra.context import Actor
from app.store import drafts as store_drafts
from app.store.db import Store


def save_draft(store: Store, household_id: str, fields: dict[str, Any], *,
               actor: Actor | None = None) -> str:  # fmt: skip
    """Save what is on the form now (one short transaction); returns the time saved."""
    actor = actor or Actor()
    now = actor.now()
    with store.transaction():
        store_drafts.save(store, household_id, json.dumps(fields, ensure_ascii=False), now)
    return now


def load_draft(store: Store, household_id: str) -> dict[str, Any] | None:
    found = store_drafts.load(store, household_id)
    return json.loads(found[0]) if found else None


def discard_draft(store: Store, household_id: str) -> None:
    with store.transaction():
        store_drafts.remove(store, household_id)


def open_drafts(store: Store) -> list[dict[str, Any]]:
    """Drafts left by an earlier session, newest first: name, household id, when saved."""
    return store_drafts.all_drafts(store)
