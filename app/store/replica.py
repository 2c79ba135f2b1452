"""What an assignment bundle carries from the central store to a team laptop, and back in.

The team laptop keeps the same ids as the central office (campaign, categories, team,
households), so every event it writes names records the central office knows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.store.db import Store

# Central-only bookkeeping a team laptop has no use for (and the roster import link would dangle).
_HOUSEHOLD_SKIP = ("import_id",)


def _rows(store: Store, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    return list(store.query(sql, list(params)))


def team_snapshot(store: Store, campaign_id: str, team_id: str) -> dict[str, Any]:
    """The campaign settings, categories, the team and only this team's households."""
    households = _rows(
        store,
        """SELECT h.* FROM household h JOIN current_assignment a ON a.household_id = h.id
           WHERE a.team_id = ? ORDER BY h.street, h.address""",
        [team_id],
    )
    for row in households:
        for key in _HOUSEHOLD_SKIP:
            row.pop(key, None)
    ids = [h["id"] for h in households]
    planned = {
        r["household_id"]: r["planned_date"]
        for r in _rows(
            store,
            "SELECT household_id, planned_date FROM current_assignment WHERE team_id = ?",
            [team_id],
        )  # fmt: skip
    }
    withdrawn = [
        r["household_id"]
        for r in _rows(
            store,
            """SELECT DISTINCT a.household_id FROM assignment a
               WHERE a.team_id = ? AND a.household_id NOT IN
                   (SELECT household_id FROM current_assignment WHERE team_id = ?)""",
            [team_id, team_id],
        )
    ]
    return {
        "campaign": _rows(store, "SELECT * FROM campaign WHERE id = ?", [campaign_id])[0],
        "categories": _rows(store, "SELECT * FROM category WHERE campaign_id = ?", [campaign_id]),
        "team": _rows(store, "SELECT * FROM team WHERE id = ?", [team_id])[0],
        "households": households,
        "planned": planned,
        "members": _members(store, ids),
        "withdrawn": withdrawn,
    }


def _members(store: Store, household_ids: list[str]) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    for start in range(0, len(household_ids), 500):
        chunk = household_ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        result += _rows(store, f"SELECT * FROM member WHERE household_id IN ({marks})", chunk)
    return result


def upsert(store: Store, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert or update by id, column by column: a newer bundle's plan replaces the older one.
    Only central reference data goes through here, never events."""
    if not rows:
        return
    columns = store.columns(table)
    present = [c for c in columns if c in rows[0]]
    updates = ", ".join(f"{c} = excluded.{c}" for c in present if c != "id")
    sql = (
        f"INSERT INTO {table} ({', '.join(present)}) VALUES ({', '.join('?' for _ in present)})"
        f" ON CONFLICT (id) DO UPDATE SET {updates}"
    )
    store.conn.executemany(sql, [tuple(r.get(c) for c in present) for r in rows])


def current_team_households(store: Store, team_id: str) -> set[str]:
    return {
        r[0]
        for r in store.conn.execute(
            "SELECT household_id FROM current_assignment WHERE team_id = ?", [team_id]
        )
    }


def household_ids(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT id FROM household")}
