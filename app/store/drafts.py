"""Drafts of visits being typed (mutable on purpose: they are not records)."""

from __future__ import annotations

from typing import Any

from app.store.db import Store


def save(store: Store, household_id: str, body: str, saved_at: str) -> None:
    store.conn.execute(
        "INSERT INTO draft (household_id, body, saved_at) VALUES (?, ?, ?) ON CONFLICT"
        " (household_id) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
        [household_id, body, saved_at],
    )


def load(store: Store, household_id: str) -> tuple[str, str] | None:
    row = store.conn.execute(
        "SELECT body, saved_at FROM draft WHERE household_id = ?", [household_id]
    ).fetchone()
    return (row[0], row[1]) if row else None


def remove(store: Store, household_id: str) -> None:
    store.conn.execute("DELETE FROM draft WHERE household_id = ?", [household_id])


def all_drafts(store: Store) -> list[dict[str, Any]]:
    return list(
        store.query(
            """SELECT d.household_id, d.saved_at, h.name FROM draft d
               JOIN household h ON h.id = d.household_id ORDER BY d.saved_at DESC"""
        )
    )
