"""The office's household table: a page of rows, the households a filter keeps, the values a
filter offers with their counts, the order of a sorted column. Over 100,000 households each
is one query (the window asks again only when a filter or the sort changes, not per key)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.store.db import Store

_TEAM = """(SELECT t.code FROM assignment a JOIN team t ON t.id = a.team_id
            WHERE a.household_id = h.id ORDER BY a.rowid DESC LIMIT 1)"""
# The columns a filter or a sort may name, as SQL over household h and category c.
COLUMNS = {
    "status": "h.status",
    "unit": "h.unit",
    "street": "h.street",
    "category": "coalesce(c.name, '')",
    "team": f"coalesce({_TEAM}, '')",
    "payment": "coalesce(h.payment, c.payment, 'cash')",
}
_FROM = "FROM household h LEFT JOIN category c ON c.id = h.category_id"


def office_rows(store: Store, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Display rows for a page of ids (the table reads ~60 at a time)."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    return {
        r["id"]: r
        for r in store.query(
            f"""SELECT h.id, h.name, h.id_number, h.unit, h.street, h.address, h.phone,
                       h.status, c.name AS category, c.cash_fen, c.goods_fen,
                       {COLUMNS["payment"]} AS payment, {_TEAM} AS team
                {_FROM} WHERE h.id IN ({marks})""",
            list(ids),
        )
    }


def ids_where(store: Store, chosen: dict[str, Sequence[str]]) -> set[str]:
    """Households whose values are among those chosen, column by column (all must hold)."""
    where: list[str] = []
    params: list[str] = []
    for column, values in chosen.items():
        where.append(f"{COLUMNS[column]} IN ({', '.join('?' for _ in values)})")
        params.extend(values)
    sql = f"SELECT h.id {_FROM} WHERE {' AND '.join(where) or '1'}"
    return {r[0] for r in store.conn.execute(sql, params)}


def value_counts(store: Store, column: str) -> list[tuple[str, int]]:
    """Each value of a column and how many households have it, most first."""
    sql = f"SELECT {COLUMNS[column]} AS v, count(*) AS n {_FROM} GROUP BY v ORDER BY n DESC, v"
    return [(r[0], r[1]) for r in store.conn.execute(sql)]


def ids_sorted(store: Store, column: str) -> list[str]:
    """Every household id ordered by a column; ties in the list's order. ``name`` sorts by the
    full pinyin (all readings: the first one first)."""
    key = "coalesce(s.pinyin, h.name)" if column == "name" else COLUMNS[column]
    sql = f"""SELECT h.id {_FROM}
              LEFT JOIN household_search s ON s.household_id = h.id
              LEFT JOIN household_list l ON l.household_id = h.id
              ORDER BY {key}, l.rank"""
    return [r[0] for r in store.conn.execute(sql)]


def id_number_of(store: Store, household_id: str) -> str | None:
    row = store.conn.execute(
        "SELECT id_number FROM household WHERE id = ?", [household_id]
    ).fetchone()
    return str(row[0]) if row else None
