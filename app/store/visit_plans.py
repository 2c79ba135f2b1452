"""How households are to be visited: the rows of ``visit_plan`` (append-only; the newest row of
a scope and target is in force)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.store.db import Store


def insert_plan_rows(store: Store, rows: Sequence[Mapping[str, object]]) -> None:
    if rows:
        store.conn.executemany(
            """INSERT INTO visit_plan (id, campaign_id, scope, target, mode, phone_must_reach,
                                       set_at, set_by)
               VALUES (:id, :campaign_id, :scope, :target, :mode, :phone_must_reach, :set_at,
                       :set_by)""",
            [{"mode": None, "phone_must_reach": None, **r} for r in rows],
        )


def modes_in_force(store: Store, campaign_id: str) -> dict[tuple[str, str], str]:
    """(scope, target) → the mode of its newest row that sets one."""
    found: dict[tuple[str, str], str] = {}
    for scope, target, mode in store.conn.execute(
        """SELECT scope, target, mode FROM visit_plan
           WHERE campaign_id = ? AND mode IS NOT NULL ORDER BY rowid""",
        [campaign_id],
    ):
        found[(scope, target)] = mode  # later rows replace earlier ones
    return found


def must_reach_in_force(store: Store, campaign_id: str) -> dict[tuple[str, str], bool]:
    """(scope, target) → the phone rule of its newest row that sets one."""
    found: dict[tuple[str, str], bool] = {}
    for scope, target, must in store.conn.execute(
        """SELECT scope, target, phone_must_reach FROM visit_plan
           WHERE campaign_id = ? AND phone_must_reach IS NOT NULL ORDER BY rowid""",
        [campaign_id],
    ):
        found[(scope, target)] = bool(must)  # later rows replace earlier ones
    return found


def household_units(store: Store, campaign_id: str) -> dict[str, str]:
    """Every household's id → its unit."""
    return dict(
        store.conn.execute("SELECT id, unit FROM household WHERE campaign_id = ?", [campaign_id])
    )


def unit_of(store: Store, household_id: str) -> str | None:
    row = store.conn.execute("SELECT unit FROM household WHERE id = ?", [household_id]).fetchone()
    return None if row is None else str(row[0])


def unit_names(store: Store, campaign_id: str) -> set[str]:
    """Units that sent households or have a row of their own."""
    return {
        r[0]
        for r in store.conn.execute(
            """SELECT DISTINCT unit FROM household WHERE campaign_id = :c
               UNION SELECT name FROM unit WHERE campaign_id = :c""",
            {"c": campaign_id},
        )
    }
