"""Never lose input: the visit being typed is saved as it is typed, and offered back after a
crash (UX.md §8) — never restored or discarded silently."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from app.services.infra.context import Actor
from app.store import drafts as store_drafts
from app.store.db import Store

# A form's own values by field name: texts, and ticks as booleans. The form knows its fields;
# a draft only keeps them.
DraftFields = Mapping[str, str | bool]


@dataclass(frozen=True, slots=True)
class Draft:
    """A visit left half typed."""

    household_id: str
    name: str  # the household's
    saved_at: datetime


def save_draft(store: Store, household_id: str, fields: DraftFields, *,
               actor: Actor | None = None) -> datetime:  # fmt: skip
    """Save what is on the form now (one short transaction); returns the time saved."""
    actor = actor or Actor()
    now = actor.now()
    with store.transaction():
        store_drafts.save(store, household_id, json.dumps(dict(fields), ensure_ascii=False), now)
    return datetime.fromisoformat(now)


def load_draft(store: Store, household_id: str) -> dict[str, str | bool] | None:
    found = store_drafts.load(store, household_id)
    if not found:
        return None
    body = json.loads(found[0])
    # Only what a form can hold: a body from an older version may carry something else.
    return {k: v for k, v in body.items() if isinstance(v, str | bool)}


def discard_draft(store: Store, household_id: str) -> None:
    with store.transaction():
        store_drafts.remove(store, household_id)


def open_drafts(store: Store) -> tuple[Draft, ...]:
    """Drafts left by an earlier session, newest first."""
    return tuple(
        Draft(r["household_id"], r["name"], datetime.fromisoformat(r["saved_at"]))
        for r in store_drafts.all_drafts(store)
    )
