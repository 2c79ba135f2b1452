"""Holds, quarantine decisions, adopted records and retired credentials (migration 0021).

A hold keeps a laptop's events from a number on out of every sum and flag: ``held_clause``
is what ``events.events_where`` adds, read once per query from the few holds in force."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from app.store.db import Store


def holds_in_force(store: Store) -> dict[str, int]:
    """laptop id → the first number held, for every laptop with a hold in force."""
    rows = store.conn.execute(
        """SELECT h.device_id, h.from_seq FROM device_hold h
           WHERE h.n = (SELECT max(n) FROM device_hold g WHERE g.device_id = h.device_id)
             AND h.from_seq IS NOT NULL"""
    )
    return dict(rows.fetchall())


def held_clause(store: Store) -> tuple[str, list[Any]]:
    """An SQL condition on ``event`` rows true for those not held, and its parameters."""
    holds = holds_in_force(store)
    if not holds:
        return "1", []
    parts = " OR ".join("(device_id = ? AND seq >= ?)" for _ in holds)
    return f"NOT ({parts})", [x for pair in holds.items() for x in pair]


def add_hold(store: Store, row: dict[str, Any]) -> None:
    """Append a hold row (it supersedes the laptop's previous one)."""
    n = store.conn.execute("SELECT coalesce(max(n), 0) + 1 FROM device_hold").fetchone()[0]
    store.insert("device_hold", {**row, "n": n})


def hold_history(store: Store, device_id: str | None = None) -> list[dict[str, Any]]:
    where, params = ("WHERE device_id = ?", [device_id]) if device_id else ("", [])
    return list(store.query(f"SELECT * FROM device_hold {where} ORDER BY n", params))


def held_events_count(store: Store, device_id: str, from_seq: int) -> int:
    return int(
        store.conn.execute(
            "SELECT count(*) FROM event WHERE device_id = ? AND seq >= ?", [device_id, from_seq]
        ).fetchone()[0]
    )


def quarantined_bundles(store: Store) -> list[dict[str, Any]]:
    """Every bundle in quarantine, oldest first, with its log row's team, laptop and number."""
    return list(
        store.query(
            """SELECT q.id, q.reason_key, q.reason_params, q.detail, q.at, b.team_id,
                      coalesce(t.code, '') AS team_code, b.device_id, b.sequence, b.file_name,
                      b.file_sha256
               FROM quarantine q JOIN bundle_log b ON b.id = q.bundle_log_id
                    LEFT JOIN team t ON t.id = b.team_id
               ORDER BY q.at, q.rowid"""
        )
    )


def quarantined_bundle(store: Store, quarantine_id: str) -> bytes | None:
    row = store.conn.execute(
        "SELECT bundle FROM quarantine WHERE id = ?", [quarantine_id]
    ).fetchone()
    return bytes(row[0]) if row else None


def insert_decision(store: Store, row: dict[str, Any]) -> None:
    store.insert("quarantine_decision", row)


def decisions(store: Store) -> list[dict[str, Any]]:
    return list(store.query("SELECT * FROM quarantine_decision ORDER BY at, rowid"))


def insert_adopted(store: Store, rows: Iterable[tuple[str, str, str]]) -> None:
    store.conn.executemany("INSERT INTO adopted_event VALUES (?, ?, ?)", list(rows))


def adopted_originals(store: Store, original_ids: Sequence[str]) -> set[str]:
    """Those of these laptop event ids the office has written again as its own already."""
    found: set[str] = set()
    for start in range(0, len(original_ids), 500):
        chunk = list(original_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        found |= {
            r[0]
            for r in store.conn.execute(
                f"SELECT original_id FROM adopted_event WHERE original_id IN ({marks})", chunk
            )
        }
    return found


def retire_credential(store: Store, row: dict[str, Any]) -> None:
    store.insert("retired_credential", row)


def retired_mac_keys(store: Store, team_id: str) -> list[tuple[str, str]]:
    """(mac key hex, retired at) of the team's replaced credentials, newest first."""
    return [
        (r[0], r[1])
        for r in store.conn.execute(
            "SELECT mac_key, retired_at FROM retired_credential WHERE team_id = ?"
            " ORDER BY retired_at DESC",
            [team_id],
        )
    ]
