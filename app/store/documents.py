"""What printing reads: households with their category and team in one query, edited letter
templates and print settings (both in the ``setting`` table, no table of their own)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.store.db import Store

TEMPLATE_PREFIX = "letter_template:"
PRINT_PREFIX = "print."

_SELECT = """
    SELECT h.id, h.id_number, h.name, h.sex, h.unit, h.employer, h.street, h.address, h.phone,
           h.status, h.causes, h.special_cause, h.category_label, h.category_id,
           c.code AS category_code, c.name AS category_name, c.cash_fen AS category_cash_fen,
           c.goods AS category_goods, c.goods_fen AS category_goods_fen,
           t.id AS team_id, t.code AS team_code, t.name AS team_name, t.leader AS team_leader,
           a.planned_date
    FROM household h
    LEFT JOIN category c ON c.id = h.category_id
    LEFT JOIN current_assignment a ON a.household_id = h.id
    LEFT JOIN team t ON t.id = a.team_id
"""


def print_households(
    store: Store,
    campaign_id: str,
    *,
    team_id: str | None = None,
    category: str | None = None,
    unit: str | None = None,
    household_ids: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Households with category and current team, filtered; in street and address order (the
    order a team walks), then roster order."""
    where = ["h.campaign_id = :campaign"]
    params: dict[str, Any] = {"campaign": campaign_id}
    if team_id is not None:
        where.append("a.team_id = :team")
        params["team"] = team_id
    if category is not None:
        where.append("(upper(c.code) = upper(:category) OR c.name = :category"
                     " OR h.category_label = :category)")  # fmt: skip
        params["category"] = category
    if unit is not None:
        where.append("(h.unit = :unit OR h.employer = :unit)")
        params["unit"] = unit
    rows: list[dict[str, Any]] = []
    if household_ids is not None:
        for start in range(0, len(household_ids), 500):
            chunk = list(household_ids[start : start + 500])
            marks = ", ".join(f":h{i}" for i in range(len(chunk)))
            sql = f"{_SELECT} WHERE {' AND '.join(where)} AND h.id IN ({marks})"
            rows += store.query(sql, {**params, **{f"h{i}": v for i, v in enumerate(chunk)}})
        order = {h: i for i, h in enumerate(household_ids)}
        rows.sort(key=lambda r: order[r["id"]])
        return rows
    sql = f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY h.street, h.address, h.unit, h.rowid"
    return list(store.query(sql, params))


def household_ids_by_number(
    store: Store, campaign_id: str, id_numbers: Sequence[str]
) -> dict[str, str]:
    """ID number → household id, for the numbers that exist."""
    found: dict[str, str] = {}
    for start in range(0, len(id_numbers), 500):
        chunk = list(id_numbers[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        found.update(store.conn.execute(
            f"SELECT id_number, id FROM household WHERE campaign_id = ? AND id_number IN ({marks})",
            [campaign_id, *chunk],
        ).fetchall())  # fmt: skip
    return found


def category_exists(store: Store, campaign_id: str, category: str) -> bool:
    row = store.conn.execute(
        """SELECT 1 FROM category WHERE campaign_id = ? AND (upper(code) = upper(?) OR name = ?)
           UNION SELECT 1 FROM household WHERE campaign_id = ? AND category_label = ? LIMIT 1""",
        [campaign_id, category, category, campaign_id, category],
    ).fetchone()
    return row is not None


def unit_exists(store: Store, campaign_id: str, unit: str) -> bool:
    row = store.conn.execute(
        "SELECT 1 FROM household WHERE campaign_id = ? AND (unit = ? OR employer = ?) LIMIT 1",
        [campaign_id, unit, unit],
    ).fetchone()
    return row is not None


# --- letter templates and print settings ---------------------------------------------------------


def stored_templates(store: Store) -> dict[str, str]:
    """Template name → the text a clerk saved (shipped templates are files, not here)."""
    rows = store.conn.execute(
        "SELECT key, value FROM setting WHERE key LIKE ? ORDER BY key", [TEMPLATE_PREFIX + "%"]
    )
    return {key[len(TEMPLATE_PREFIX) :]: value for key, value in rows}


def save_template(store: Store, name: str, text: str) -> None:
    store.conn.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [TEMPLATE_PREFIX + name, text],
    )


def remove_template(store: Store, name: str) -> int:
    """Forget a clerk's edit; the shipped template of that name (if any) applies again."""
    # The setting table is configuration, not a record: removing a row loses no evidence.
    cursor = store.conn.execute("DELETE FROM setting WHERE key = ?", [TEMPLATE_PREFIX + name])
    return cursor.rowcount


def print_settings(store: Store) -> dict[str, str]:
    """``print.*`` settings without their prefix (notice period, contact, masks, fonts)."""
    rows = store.conn.execute(
        "SELECT key, value FROM setting WHERE key LIKE ?", [PRINT_PREFIX + "%"]
    )
    return {key[len(PRINT_PREFIX) :]: value for key, value in rows}


def set_print_setting(store: Store, name: str, value: str) -> None:
    store.conn.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [PRINT_PREFIX + name, value],
    )
