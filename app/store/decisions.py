"""The office's decisions: finding a household as a clerk names it, status changes (append-only
rows beside the household's status now), roster marks 超额 / 逾期 and the decisions on them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from app.store.db import Store


class HouseholdRef(NamedTuple):
    id: str
    name: str
    id_number: str
    unit: str
    status: str


_REF = "SELECT h.id, h.name, h.id_number, h.unit, h.status FROM household h"
_ORDER = "ORDER BY h.unit, h.source_row, h.rowid"


def households_matching(
    store: Store,
    campaign_id: str,
    *,
    id_number: str = "",
    name: str = "",
    head: str = "",
    tail: str = "",
    limit: int = 200,
) -> list[HouseholdRef]:
    """Households whose ID number is ``id_number``, or begins with ``head`` and ends with
    ``tail``, and whose name is ``name`` (each only when given)."""
    where = ["h.campaign_id = :c"]
    if id_number:
        where.append("h.id_number = :id")
    if name:
        where.append("h.name = :name")
    if head:
        where.append("substr(h.id_number, 1, length(:head)) = :head")
    if tail:
        where.append(
            "length(h.id_number) >= length(:tail) AND substr(h.id_number, -length(:tail)) = :tail"
        )
    params = {"c": campaign_id, "id": id_number, "name": name, "head": head, "tail": tail}
    sql = f"{_REF} WHERE {' AND '.join(where)} {_ORDER} LIMIT {int(limit)}"
    return [HouseholdRef._make(r) for r in store.conn.execute(sql, params)]


def households_in_scope(
    store: Store, campaign_id: str, *, unit: str | None = None
) -> list[HouseholdRef]:
    """Every household of the campaign, or of one unit (by the unit that sent it, or its
    employer), in list order."""
    if unit is None:
        cursor = store.conn.execute(f"{_REF} WHERE h.campaign_id = ? {_ORDER}", [campaign_id])
    else:
        cursor = store.conn.execute(
            f"{_REF} WHERE h.campaign_id = ? AND (h.unit = ? OR h.employer = ?) {_ORDER}",
            [campaign_id, unit, unit],
        )
    return [HouseholdRef._make(r) for r in cursor]


def received_materials(store: Store, campaign_id: str) -> dict[str, frozenset[str]]:
    """household id → the materials received, for every household that has any."""
    got: dict[str, set[str]] = {}
    for household_id, material in store.conn.execute(
        """SELECT m.household_id, m.material FROM material m
           JOIN household h ON h.id = m.household_id WHERE h.campaign_id = ?""",
        [campaign_id],
    ):
        got.setdefault(household_id, set()).add(material)
    return {h: frozenset(m) for h, m in got.items()}


def write_status_changes(store: Store, changes: Sequence[dict[str, Any]]) -> None:
    """Move each household to its ``to_status`` and keep the change (one row each)."""
    store.conn.executemany(
        "UPDATE household SET status = :to_status, updated_at = :changed_at"
        " WHERE id = :household_id",
        changes,
    )
    store.insert_all("status_change", changes)


def status_before_decline(store: Store, household_id: str) -> str | None:
    """The status a declined household had before its newest change to 不予."""
    row = store.conn.execute(
        """SELECT from_status FROM status_change WHERE household_id = ? AND to_status = 'declined'
           ORDER BY changed_at DESC, rowid DESC LIMIT 1""",
        [household_id],
    ).fetchone()
    return row[0] if row else None


# --- roster marks ------------------------------------------------------------------------------


def new_households_of_import(
    store: Store, import_id: str, units: Sequence[str]
) -> list[tuple[str, str, int]]:
    """(household id, unit, Excel row) of the households a roster file added (not those it
    corrected: they have a history row of that file), of the units named."""
    marks = ", ".join("?" for _ in units)
    return store.conn.execute(
        f"""SELECT h.id, h.unit, COALESCE(h.source_row, 0) FROM household h
            WHERE h.import_id = ? AND h.unit IN ({marks})
              AND NOT EXISTS (SELECT 1 FROM household_history x
                              WHERE x.household_id = h.id AND x.import_id = h.import_id)""",
        [import_id, *units],
    ).fetchall()


def counted_households(store: Store, campaign_id: str, units: Sequence[str]) -> dict[str, int]:
    """unit → its households that take a place in its quota (all but the declined)."""
    marks = ", ".join("?" for _ in units)
    return dict(
        store.conn.execute(
            f"""SELECT unit, count(*) FROM household
                WHERE campaign_id = ? AND status != 'declined' AND unit IN ({marks})
                GROUP BY unit""",
            [campaign_id, *units],
        ).fetchall()
    )


def insert_marks(store: Store, rows: Sequence[dict[str, Any]]) -> None:
    store.insert_all("roster_mark", rows)


_MARKS = """SELECT m.id, m.household_id, m.mark, m.unit, m.quota, m.deadline, m.received,
                   m.import_id, h.name, h.id_number, h.status, COALESCE(h.source_row, 0) AS row,
                   COALESCE(r.file_name, '') AS file_name,
                   d.decision, d.reason, d.decided_at, d.decided_by
            FROM roster_mark m JOIN household h ON h.id = m.household_id
            LEFT JOIN roster_import r ON r.id = m.import_id
            LEFT JOIN roster_mark_decision d ON d.mark_id = m.id"""


def open_marks(
    store: Store,
    campaign_id: str,
    *,
    unit: str | None = None,
    mark: str | None = None,
    household_ids: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Marks not decided of households not declined, by unit and row."""
    where = ["h.campaign_id = :c", "d.id IS NULL", "h.status != 'declined'"]
    params: dict[str, Any] = {"c": campaign_id, "unit": unit, "mark": mark}
    if unit is not None:
        where.append("m.unit = :unit")
    if mark is not None:
        where.append("m.mark = :mark")
    if household_ids is not None:
        where.append("m.household_id IN (SELECT value FROM json_each(:ids))")
        params["ids"] = json.dumps(list(household_ids))
    sql = f"{_MARKS} WHERE {' AND '.join(where)} ORDER BY m.unit, row, m.mark"
    return list(store.query(sql, params))


def marks_of_household(store: Store, household_id: str) -> list[dict[str, Any]]:
    """Every mark of one household, decided or not, oldest first."""
    return list(
        store.query(
            f"{_MARKS} WHERE m.household_id = ? ORDER BY m.received, m.mark", [household_id]
        )
    )


def households_with_open_marks(store: Store, campaign_id: str) -> set[str]:
    return {
        r[0]
        for r in store.conn.execute(
            """SELECT DISTINCT m.household_id FROM roster_mark m
               JOIN household h ON h.id = m.household_id
               WHERE h.campaign_id = ? AND h.status != 'declined' AND NOT EXISTS
                   (SELECT 1 FROM roster_mark_decision d WHERE d.mark_id = m.id)""",
            [campaign_id],
        )
    }


def insert_mark_decisions(store: Store, rows: Iterable[dict[str, Any]]) -> None:
    store.insert_all("roster_mark_decision", rows)


def _chunks(values: Sequence[str], size: int = 900) -> Iterable[list[str]]:
    for start in range(0, len(values), size):
        yield list(values[start : start + size])


def households_by_ids(store: Store, household_ids: Sequence[str]) -> list[HouseholdRef]:
    """The households named, in the order given."""
    found: dict[str, HouseholdRef] = {}
    for part in _chunks(household_ids):
        marks = ", ".join("?" for _ in part)
        cursor = store.conn.execute(f"{_REF} WHERE h.id IN ({marks})", part)
        found.update((r[0], HouseholdRef._make(r)) for r in cursor)
    return [found[h] for h in household_ids if h in found]
