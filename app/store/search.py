"""Finding households as the team types: name, pinyin, ID tail, phone tail, address words.

Plain substring scans (instr) rather than FTS: SQLite's FTS5 trigram tokenizer silently finds
nothing for one- and two-character queries, and most Chinese names are two or three characters.
A scan of 100,000 rows takes a few tens of milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from app.store.db import Store


def households_without_keys(store: Store) -> list[tuple[str, str]]:
    return store.conn.execute(
        """SELECT h.id, h.name FROM household h
           LEFT JOIN household_search s ON s.household_id = h.id
           WHERE s.household_id IS NULL"""
    ).fetchall()


def insert_keys(store: Store, rows: Iterable[tuple[str, str, str]]) -> None:
    store.conn.executemany(
        "INSERT OR REPLACE INTO household_search (household_id, initials, pinyin) VALUES (?, ?, ?)",
        list(rows),
    )


def find_ids(store: Store, text: str, *, letters: bool, digits: bool, limit: int) -> list[str]:
    """Household ids matching ``text``; ``letters``/``digits`` say which keys may match."""
    where = ["instr(h.name, :q)", "instr(h.address, :q)", "instr(h.street, :q)"]
    if letters:
        where += ["instr(s.initials, :q)", "instr(s.pinyin, :q)"]
    if digits:
        where += ["substr(h.id_number, -length(:q)) = :q", "instr(h.phone, :q)"]
    sql = f"""SELECT h.id FROM household h LEFT JOIN household_search s ON s.household_id = h.id
              WHERE {" OR ".join(where)} ORDER BY h.street, h.address, h.name LIMIT :limit"""
    return [r[0] for r in store.conn.execute(sql, {"q": text, "limit": limit})]


def all_ids(store: Store, limit: int) -> list[str]:
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT id FROM household ORDER BY street, address, name LIMIT ?", [limit]
        )
    ]


def rows_for(store: Store, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Display rows for a page of ids (the list fetches ~200 at a time)."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    return {
        r["id"]: r
        for r in store.db.query(
            f"""SELECT h.id, h.name, h.id_number, h.street, h.address, h.phone,
                       c.name AS category, c.cash_fen, c.goods_fen, a.planned_date
                FROM household h LEFT JOIN category c ON c.id = h.category_id
                LEFT JOIN current_assignment a ON a.household_id = h.id
                WHERE h.id IN ({marks})""",
            list(ids),
        )
    }


def card(store: Store, household_id: str) -> dict[str, Any] | None:
    rows = list(
        store.db.query(
            """SELECT h.id, h.name, h.id_number, h.sex, h.street, h.address, h.phone, h.causes,
                      h.household_size, c.name AS category, c.code AS category_code,
                      c.cash_fen, c.goods, c.goods_fen,
                      a.planned_date
               FROM household h LEFT JOIN category c ON c.id = h.category_id
               LEFT JOIN current_assignment a ON a.household_id = h.id
               WHERE h.id = ?""",
            [household_id],
        )
    )
    return rows[0] if rows else None


def household_count(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM household").fetchone()[0]


def has_campaign(store: Store) -> bool:
    return store.conn.execute("SELECT count(*) FROM campaign").fetchone()[0] > 0


def count_without_keys(store: Store) -> int:
    return store.conn.execute(
        """SELECT count(*) FROM household h
           LEFT JOIN household_search s ON s.household_id = h.id
           WHERE s.household_id IS NULL"""
    ).fetchone()[0]
