"""Visit teams and which household each team has (append-only assignment rows)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.domain.assignment import Team
from app.domain.campaign import CategoryId
from app.store.db import Store


def as_team(row: dict[str, Any]) -> Team:
    """A row of ``team`` (any query that selects its columns) as the value."""
    return Team(row["id"], row["code"], row["name"], row["leader"], row["members"],
                row["phone"], row["area"])  # fmt: skip


def insert_team(store: Store, row: dict[str, Any]) -> None:
    store.insert("team", row)


def list_teams(store: Store, campaign_id: str) -> list[dict[str, Any]]:
    """Teams with how many households each has now."""
    return list(
        store.query(
            """SELECT t.*, (SELECT count(*) FROM current_assignment a
                              WHERE a.team_id = t.id) AS households
               FROM team t WHERE t.campaign_id = ? ORDER BY t.code""",
            [campaign_id],
        )
    )


def team_names(store: Store, campaign_id: str) -> dict[str, dict[str, Any]]:
    """team id → its code and name, in code order (what a flag or the audit names it by:
    without ``list_teams``' count of households, a scan of the assignments per team)."""
    return {
        row["id"]: row
        for row in store.query(
            "SELECT id, code, name FROM team WHERE campaign_id = ? ORDER BY code", [campaign_id]
        )
    }


def team_by_code(store: Store, campaign_id: str, code: str) -> dict[str, Any] | None:
    rows = list(
        store.query(
            "SELECT * FROM team WHERE campaign_id = ? AND upper(code) = upper(?)",
            [campaign_id, code],
        )
    )
    return rows[0] if rows else None


def unassigned(store: Store, campaign_id: str, status: str) -> list[dict[str, Any]]:
    """Households of ``status`` that no team has now (withdrawn ones included)."""
    return list(
        store.query(
            """SELECT h.id, h.id_number, h.name, h.unit, h.street, h.address
               FROM household h LEFT JOIN current_assignment a ON a.household_id = h.id
               WHERE h.campaign_id = ? AND h.status = ? AND a.team_id IS NULL
               ORDER BY h.street, h.address, h.rowid""",
            [campaign_id, status],
        )
    )


def current_team_of(store: Store, household_ids: Sequence[str] | None) -> dict[str, str | None]:
    """household id → its team now, for the households named (None: all of them)."""
    if household_ids is None:
        return dict(store.conn.execute("SELECT household_id, team_id FROM current_assignment"))
    result: dict[str, str | None] = {}
    for start in range(0, len(household_ids), 500):
        chunk = list(household_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        result.update(store.conn.execute(
            f"SELECT household_id, team_id FROM current_assignment WHERE household_id IN ({marks})",
            chunk,
        ).fetchall())  # fmt: skip
    return result


def households_ever_assigned(store: Store, team_id: str, household_ids: Sequence[str]) -> set[str]:
    """Those of the households named that were assigned to the team at some time."""
    found: set[str] = set()
    for start in range(0, len(household_ids), 500):
        chunk = list(household_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        found.update(row[0] for row in store.conn.execute(
            f"SELECT DISTINCT household_id FROM assignment WHERE team_id = ?"
            f" AND household_id IN ({marks})", [team_id, *chunk],
        ))  # fmt: skip
    return found


def id_numbers(store: Store, household_ids: Sequence[str] | None) -> dict[str, str]:
    """household id → ID number (the caller masks it), for the households named or all."""
    if household_ids is None:
        return dict(store.conn.execute("SELECT id, id_number FROM household"))
    result: dict[str, str] = {}
    for start in range(0, len(household_ids), 500):
        chunk = list(household_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        result.update(store.conn.execute(
            f"SELECT id, id_number FROM household WHERE id IN ({marks})", chunk
        ).fetchall())  # fmt: skip
    return result


def insert_assignments(store: Store, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        store.insert_all("assignment", rows)


def credentials(store: Store, campaign_id: str) -> dict[str, str]:
    """team code → the credential its leader was given (teams exported so far)."""
    return dict(
        store.conn.execute(
            """SELECT t.code, c.credential FROM team_credential c JOIN team t ON t.id = c.team_id
               WHERE t.campaign_id = ?""",
            [campaign_id],
        ).fetchall()
    )


def schedule(store: Store, campaign_id: str) -> list[dict[str, Any]]:
    """Every household a team has now, by team then street: the 分组安排表."""
    return list(
        store.query(
            """SELECT t.code AS team, t.name AS team_name, t.leader, t.members, h.name,
                      h.id_number, h.street, h.address, h.phone, a.planned_date
               FROM current_assignment a JOIN team t ON t.id = a.team_id
               JOIN household h ON h.id = a.household_id
               WHERE t.campaign_id = ? ORDER BY t.code, a.planned_date, h.street, h.address""",
            [campaign_id],
        )
    )


def team_by_id(store: Store, team_id: str) -> dict[str, Any] | None:
    rows = list(store.query("SELECT * FROM team WHERE id = ?", [team_id]))
    return rows[0] if rows else None


def team_credential(store: Store, team_id: str) -> tuple[str, str | None] | None:
    """(credential, derived MAC key or None) of a team that has been given one."""
    row = store.conn.execute(
        "SELECT credential, mac_key FROM team_credential WHERE team_id = ?", [team_id]
    ).fetchone()
    return (row[0], row[1]) if row else None


def insert_team_credential(store: Store, row: dict[str, Any]) -> None:
    store.insert("team_credential", row)


def drop_team_credential(store: Store, team_id: str) -> None:
    """The team's credential replaced (kept in retired_credential): the next export makes a
    new one."""
    store.conn.execute("DELETE FROM team_credential WHERE team_id = ?", [team_id])


def latest_float(store: Store, team_id: str) -> int | None:
    row = store.conn.execute(
        "SELECT amount_fen FROM cash_float WHERE team_id = ? ORDER BY rowid DESC LIMIT 1",
        [team_id],
    ).fetchone()
    return row[0] if row else None


def insert_float(store: Store, row: dict[str, Any]) -> None:
    store.insert("cash_float", row)


def team_households(store: Store, team_id: str) -> list[tuple[str, CategoryId | None]]:
    """(household id, category id) of every household the team has now."""
    return store.conn.execute(
        """SELECT h.id, h.category_id FROM current_assignment a
           JOIN household h ON h.id = a.household_id WHERE a.team_id = ?""",
        [team_id],
    ).fetchall()
