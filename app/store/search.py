"""Finding households as the team types: name, pinyin, ID tail, phone tail, address words.

Plain substring scans (instr) rather than FTS: SQLite's FTS5 trigram tokenizer silently finds
nothing for one- and two-character queries, and most Chinese names are two or three characters.
A scan of 100,000 rows takes a few tens of milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from app.store.db import Store
from app.store.events import get_setting, set_setting


def households_without_keys(store: Store) -> list[tuple[str, str]]:
    return store.conn.execute(
        """SELECT h.id, h.name FROM household h
           LEFT JOIN household_search s ON s.household_id = h.id
           WHERE s.household_id IS NULL"""
    ).fetchall()


def keys_may_be_missing(store: Store) -> bool:
    households = store.conn.execute("SELECT count(*) FROM household").fetchone()[0]
    keyed = store.conn.execute("SELECT count(*) FROM household_search").fetchone()[0]
    return bool(keyed < households)


def insert_keys(store: Store, rows: Iterable[tuple[str, str, str]]) -> None:
    store.conn.executemany(
        "INSERT OR REPLACE INTO household_search (household_id, initials, pinyin) VALUES (?, ?, ?)",
        list(rows),
    )


LIST_FINGERPRINT = "household_list_fingerprint"


def list_fingerprint(store: Store) -> str:
    """Changes when a household is added, removed or corrected, or gets its pinyin keys."""
    # Three queries, each answered from an index (household_updated for the newest change):
    # one query asking for both count and max reads the whole wide table.
    count = store.conn.execute("SELECT count(*) FROM household").fetchone()[0]
    newest = store.conn.execute("SELECT max(updated_at) FROM household").fetchone()[0] or ""
    keys = store.conn.execute("SELECT count(*) FROM household_search").fetchone()[0]
    return f"{count}|{newest}|{keys}"


def list_is_current(store: Store) -> bool:
    return get_setting(store, LIST_FINGERPRINT) == list_fingerprint(store)


def rebuild_list(store: Store) -> None:
    """The window's list table from scratch (inside a transaction)."""
    store.conn.execute("DELETE FROM household_list")
    store.conn.execute(
        """INSERT INTO household_list (rank, household_id, hay, letters, phone, id_end)
           SELECT row_number() OVER (ORDER BY h.street, h.address, h.name, h.id), h.id,
                  h.name || char(0) || coalesce(h.address, '') || char(0)
                      || coalesce(h.street, ''),
                  coalesce(s.initials, '') || char(0) || coalesce(s.pinyin, ''),
                  coalesce(h.phone, ''), h.id_number || char(1)
           FROM household h LEFT JOIN household_search s ON s.household_id = h.id"""
    )
    set_setting(store, LIST_FINGERPRINT, list_fingerprint(store))


def find_ids(store: Store, text: str, *, letters: bool, digits: bool, limit: int) -> list[str]:
    """Household ids matching ``text`` in list order; ``letters``/``digits`` say which keys may
    match (pinyin; phone and, from 4 digits, the ID tail)."""
    # Letters and digits are matched in the hay whatever their case: "smith" finds Mary Smith.
    where = ["instr(lower(hay), lower(:q))" if letters or digits else "instr(hay, :q)"]
    if letters:
        where.append("instr(letters, :q)")
    if digits:
        where.append("instr(phone, :q)")
        if len(text) >= 4:
            where.append("instr(id_end, :q || char(1))")
    sql = f"""SELECT household_id FROM household_list WHERE {" OR ".join(where)}
              ORDER BY rank LIMIT :limit"""
    return [r[0] for r in store.conn.execute(sql, {"q": text, "limit": limit})]


def list_column(store: Store, column: str) -> Iterator[str]:
    """One column of the list table in list order, value by value: ``household_id``,
    ``id_end``, ``hay``, or ``letters_phone`` (the two in one text, char(30) between)."""
    expression = {"household_id": "household_id", "id_end": "id_end", "hay": "hay",
                  "letters_phone": "letters || char(30) || phone"}[column]  # fmt: skip
    cursor = store.conn.execute(f"SELECT {expression} FROM household_list ORDER BY rank")
    return (value for (value,) in cursor)


def list_size(store: Store) -> int:
    """Households in the list table (ranks run 1…n: the newest rank is the count)."""
    return int(
        store.conn.execute("SELECT coalesce(max(rank), 0) FROM household_list").fetchone()[0]
    )


def ids_in_order(store: Store, start: int, count: int) -> list[str]:
    """The ids at list positions start … start + count - 1 (a range of the table's key)."""
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT household_id FROM household_list WHERE rank > ? AND rank <= ? ORDER BY rank",
            [start, start + count],
        )
    ]


def rows_for(store: Store, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Display rows for a page of ids (the list fetches a screen or two at a time)."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    return {
        r["id"]: r
        for r in store.query(
            f"""SELECT h.id, h.name, h.id_number, h.street, h.address, h.phone,
                       c.name AS category, c.cash_fen, c.goods_fen, a.planned_date,
                       COALESCE(h.payment, c.payment, 'cash') AS payment
                FROM household h LEFT JOIN category c ON c.id = h.category_id
                LEFT JOIN current_assignment a ON a.household_id = h.id
                WHERE h.id IN ({marks})""",
            list(ids),
        )
    }


def card(store: Store, household_id: str) -> dict[str, Any] | None:
    rows = list(
        store.query(
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
    return int(store.conn.execute("SELECT count(*) FROM household").fetchone()[0])


def has_campaign(store: Store) -> bool:
    return bool(store.conn.execute("SELECT count(*) FROM campaign").fetchone()[0] > 0)


def count_without_keys(store: Store) -> int:
    row = store.conn.execute(
        """SELECT count(*) FROM household h
           LEFT JOIN household_search s ON s.household_id = h.id
           WHERE s.household_id IS NULL"""
    ).fetchone()
    return int(row[0])


def planned_on(store: Store, day: str) -> set[str]:
    return {
        r[0]
        for r in store.conn.execute(
            "SELECT household_id FROM current_assignment WHERE planned_date = ?", [day]
        )
    }
