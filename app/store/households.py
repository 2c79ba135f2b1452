"""Households and what hangs off them: history, members, materials, status changes, overrides."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from app.store.db import Store


class Known(NamedTuple):
    """What an import needs to know of a household already in the store. A named tuple: a
    re-import reads 100,000 of them, and a tuple is made in C."""

    id_number: str
    id: str
    unit: str
    content_hash: str
    file_name: str
    source_row: int


def known_households(store: Store, campaign_id: str) -> dict[str, Known]:
    """id_number → Known, for every household of the campaign (one query, for 100k rows)."""
    cursor = store.conn.execute(
        """SELECT h.id_number, h.id, h.unit, h.content_hash, COALESCE(r.file_name, ''),
                  COALESCE(h.source_row, 0)
           FROM household h LEFT JOIN roster_import r ON r.id = h.import_id
           WHERE h.campaign_id = ?""",
        [campaign_id],
    )
    return {known.id_number: known for known in map(Known._make, cursor)}


def insert_households(store: Store, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Many new households at once, each a tuple of values in the order of ``columns``, which
    name the status (the column's default in files made before codes is a word)."""
    if "status" not in columns:
        raise ValueError("a new household's status is given, never left to the default")
    sql = "INSERT INTO household ({}) VALUES ({})".format(
        ", ".join(columns), ", ".join("?" for _ in columns)
    )
    # Tuples, not dicts: a 100,000-row roster is bound straight from what the check produced.
    store.conn.executemany(sql, rows)


def replace_roster_values(
    store: Store, household_id: str, values: dict[str, Any], history: dict[str, Any]
) -> None:
    """Apply a corrected roster row, keeping the replaced version whole in household_history."""
    before = store.conn.execute("SELECT * FROM household WHERE id = ?", [household_id])
    names = [d[0] for d in before.description]
    old = dict(zip(names, before.fetchone(), strict=True))
    store.insert(
        "household_history",
        {
            **history,
            "household_id": household_id,
            "before_json": json.dumps(old, ensure_ascii=False),
        },
    )
    assignments = ", ".join(f"{c} = :{c}" for c in values)
    store.conn.execute(
        f"UPDATE household SET {assignments} WHERE id = :_id", {**values, "_id": household_id}
    )


def insert_import(store: Store, row: dict[str, Any]) -> None:
    store.insert("roster_import", row)


def set_import_counts(store: Store, import_id: str, counts: dict[str, int]) -> None:
    """The ledger row's counts, known once the whole file went through (same transaction)."""
    assignments = ", ".join(f"{c} = :{c}" for c in counts)
    store.conn.execute(
        f"UPDATE roster_import SET {assignments} WHERE id = :_id", {**counts, "_id": import_id}
    )


def find_household(store: Store, campaign_id: str, id_number: str) -> dict[str, Any] | None:
    rows = list(
        store.query(
            f"{_SELECT} WHERE h.campaign_id = ? AND h.id_number = ?", [campaign_id, id_number]
        )
    )
    return rows[0] if rows else None


_SELECT = """SELECT h.*, c.code AS category_code, c.name AS category_name,
                    c.cash_fen AS category_cash_fen, c.goods_fen AS category_goods_fen
             FROM household h LEFT JOIN category c ON c.id = h.category_id"""


def search_households(
    store: Store,
    campaign_id: str,
    *,
    status: str | None = None,
    category: str | None = None,
    unit: str | None = None,
    text: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Households matching every filter given; ``text`` matches name, ID tail, phone or address."""
    where = ["h.campaign_id = :campaign"]
    params: dict[str, Any] = {"campaign": campaign_id}
    if status:
        where.append("h.status = :status")
        params["status"] = status
    if category:
        where.append("(c.code = :category OR c.name = :category OR h.category_label = :category)")
        params["category"] = category
    if unit:
        where.append("(h.unit = :unit OR h.employer = :unit)")
        params["unit"] = unit
    if text:
        where.append(
            "(instr(h.name, :text) OR h.id_number LIKE '%' || :text"
            " OR instr(h.phone, :text) OR instr(h.address, :text) OR instr(h.street, :text))"
        )
        params["text"] = text
    sql = f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY h.unit, h.source_row, h.rowid"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return list(store.query(sql, params))


def households_by_ids(store: Store, household_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Every column of the households named by id (a page of a window's table)."""
    if not household_ids:
        return []
    marks = ", ".join("?" for _ in household_ids)
    return list(store.query(f"SELECT * FROM household WHERE id IN ({marks})", list(household_ids)))


def overrides_of(store: Store, household_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """household id → its newest eligibility override, for the households named."""
    if not household_ids:
        return {}
    marks = ", ".join("?" for _ in household_ids)
    rows = store.query(
        f"""SELECT * FROM eligibility_override WHERE household_id IN ({marks})
            ORDER BY decided_at, rowid""",
        list(household_ids),
    )
    return {row["household_id"]: row for row in rows}


def members_by_household(
    store: Store, household_ids: Iterable[str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """household id → its members, for all households (None) or the ones named."""
    result: dict[str, list[dict[str, Any]]] = {}
    if household_ids is None:
        rows = store.query("SELECT * FROM member ORDER BY created_at, rowid")
    else:
        ids = list(household_ids)
        marks = ", ".join("?" for _ in ids)
        rows = store.query(
            f"SELECT * FROM member WHERE household_id IN ({marks}) ORDER BY created_at, rowid", ids
        )
    for row in rows:
        result.setdefault(row["household_id"], []).append(row)
    return result


def insert_member(store: Store, row: dict[str, Any]) -> None:
    store.insert("member", row)


def set_materials(
    store: Store, household_id: str, received: dict[str, str], removed: Iterable[str], who: str
) -> None:
    """``received``: material → date received; ``removed``: materials no longer on file."""
    for material, when in received.items():
        store.conn.execute(
            """INSERT INTO material (household_id, material, received_at, recorded_by)
               VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET received_at = excluded.received_at""",
            [household_id, material, when, who],
        )
    for material in removed:
        store.conn.execute(
            "DELETE FROM material WHERE household_id = ? AND material = ?", [household_id, material]
        )


def materials_of(store: Store, household_id: str) -> dict[str, str]:
    return {
        r["material"]: r["received_at"]
        for r in store.query(
            "SELECT material, received_at FROM material WHERE household_id = ?", [household_id]
        )
    }


def set_status(store: Store, household_id: str, status: str, change: dict[str, Any]) -> int:
    """Move one household to ``status`` and log the change; 0 when it was already there."""
    current = store.conn.execute(
        "SELECT status FROM household WHERE id = ?", [household_id]
    ).fetchone()[0]
    if current == status:
        return 0
    store.conn.execute(
        "UPDATE household SET status = ?, updated_at = ? WHERE id = ?",
        [status, change["changed_at"], household_id],
    )
    store.insert(
        "status_change",
        {**change, "household_id": household_id, "from_status": current, "to_status": status},
    )
    return 1


def status_history(store: Store, household_id: str) -> list[dict[str, Any]]:
    return list(
        store.query(
            "SELECT * FROM status_change WHERE household_id = ? ORDER BY changed_at, rowid",
            [household_id],
        )
    )


def insert_override(store: Store, row: dict[str, Any]) -> None:
    store.insert("eligibility_override", row)


def overrides_in_force(store: Store, campaign_id: str) -> dict[str, dict[str, Any]]:
    """household id → its newest eligibility override."""
    rows = store.query(
        """SELECT o.* FROM eligibility_override o JOIN household h ON h.id = o.household_id
           WHERE h.campaign_id = ? ORDER BY o.decided_at, o.rowid""",
        [campaign_id],
    )
    return {row["household_id"]: row for row in rows}


def budget_counts(store: Store, campaign_id: str, excluded_status: str) -> dict[str | None, int]:
    """category id (None: no category) → households counted in the budget."""
    rows = store.conn.execute(
        """SELECT category_id, count(*) FROM household
           WHERE campaign_id = ? AND status != ? GROUP BY category_id""",
        [campaign_id, excluded_status],
    )
    return {row[0]: row[1] for row in rows}


def import_history(store: Store, campaign_id: str) -> list[dict[str, Any]]:
    return list(
        store.query(
            "SELECT * FROM roster_import WHERE campaign_id = ? ORDER BY imported_at, rowid",
            [campaign_id],
        )
    )


def household_names(store: Store, household_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """household id → (name, ID number), for the households named."""
    found: dict[str, tuple[str, str]] = {}
    for start in range(0, len(household_ids), 500):
        chunk = list(household_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        for hid, name, id_number in store.conn.execute(
            f"SELECT id, name, id_number FROM household WHERE id IN ({marks})", chunk
        ):
            found[hid] = (name, id_number)
    return found


def household_brief(store: Store, household_id: str) -> tuple[str, str] | None:
    """(ID number, name) of one household."""
    row = store.conn.execute(
        "SELECT id_number, name FROM household WHERE id = ?", [household_id]
    ).fetchone()
    return (row[0], row[1]) if row else None


def all_household_rows(store: Store) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in store.query("SELECT * FROM household")}


def override_of(store: Store, household_id: str) -> dict[str, Any] | None:
    """One household's newest eligibility override (the card asks for one, not all)."""
    rows = list(
        store.query(
            """SELECT * FROM eligibility_override WHERE household_id = ?
               ORDER BY decided_at DESC, rowid DESC LIMIT 1""",
            [household_id],
        )
    )
    return rows[0] if rows else None


def households_named(store: Store, campaign_id: str, names: Sequence[str]) -> list[dict[str, Any]]:
    """Households with any of these names, with their category (a sheet that gives a masked
    ID number and the name)."""
    found: list[dict[str, Any]] = []
    unique = list(dict.fromkeys(names))
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        found += store.query(
            f"{_SELECT} WHERE h.campaign_id = ? AND h.name IN ({marks})", [campaign_id, *chunk]
        )
    return found
