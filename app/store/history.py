"""What a household's audit trail reads besides its events: the roster files that brought and
corrected it, and the teams it was given to, oldest first."""

from __future__ import annotations

import json
from typing import Any

from app.store.db import Store


def roster_trail(store: Store, household_id: str) -> list[dict[str, Any]]:
    """The roster row that brought the household, then each correction: ``at``, ``by``,
    ``file``, ``unit``, ``row``, ``corrected`` (0 for the first)."""
    household = store.conn.execute(
        "SELECT import_id, source_row, created_at FROM household WHERE id = ?", [household_id]
    ).fetchone()
    if household is None:
        return []
    replaced = list(store.query(
        """SELECT h.replaced_at, h.replaced_by, h.import_id, h.before_json
           FROM household_history h WHERE h.household_id = ? ORDER BY h.replaced_at, h.rowid""",
        [household_id]))  # fmt: skip
    # Each replaced version names the import that wrote it: the first one, the original.
    first = json.loads(replaced[0]["before_json"]) if replaced else None
    origin = (first["import_id"], first["source_row"]) if first else household[:2]
    steps = [(origin[0], origin[1], household[2], None, 0)]
    steps += [(r["import_id"], None, r["replaced_at"], r["replaced_by"], 1) for r in replaced]
    found = []
    for import_id, row, at, by, corrected in steps:
        ledger = store.conn.execute(
            "SELECT file_name, unit, imported_by FROM roster_import WHERE id = ?", [import_id]
        ).fetchone()
        file, unit, imported_by = ledger if ledger else ("", "", "")
        found.append({"at": at, "by": by or imported_by, "file": file, "unit": unit,
                      "row": row, "corrected": corrected})  # fmt: skip
    return found


def assignment_trail(store: Store, household_id: str) -> list[dict[str, Any]]:
    """Each time the household was given to a team (or taken from one: no team)."""
    return list(store.query(
        """SELECT a.assigned_at AS at, a.assigned_by AS by, a.planned_date,
                  t.code AS team, t.name AS team_name
           FROM assignment a LEFT JOIN team t ON t.id = a.team_id
           WHERE a.household_id = ? ORDER BY a.rowid""",
        [household_id]))  # fmt: skip
