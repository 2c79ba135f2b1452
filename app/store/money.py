"""What the flags, their decisions and the audit read beyond the events: the households' facts
(status, team, category and its standard), their names, and the signatures by visit."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from app.store.db import Store
from app.store.holds import held_clause

Facts = tuple[str, "str | None", "str | None", int]  # status, team id, category code, standard


def _chunks(ids: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        yield chunk, ", ".join("?" for _ in chunk)


_FACTS = """
    SELECT h.id, h.status, a.team_id, c.code, COALESCE(c.cash_fen + c.goods_fen, 0)
    FROM household h
    LEFT JOIN current_assignment a ON a.household_id = h.id
    LEFT JOIN category c ON c.id = h.category_id
"""


def household_facts(store: Store, household_ids: Sequence[str] | None) -> dict[str, Facts]:
    """household id → (status, team now, category code, the category's cash + goods standard),
    for the households named (None: all)."""
    if household_ids is None:
        return {row[0]: row[1:] for row in store.conn.execute(_FACTS)}
    found: dict[str, Facts] = {}
    for chunk, marks in _chunks(household_ids):
        for row in store.conn.execute(f"{_FACTS} WHERE h.id IN ({marks})", chunk):
            found[row[0]] = row[1:]
    return found


def teams_ever(store: Store, household_ids: Sequence[str] | None) -> dict[str, frozenset[str]]:
    """household id → every team it has been assigned to (the assignments are append-only)."""
    sql = "SELECT household_id, team_id FROM assignment WHERE team_id IS NOT NULL"
    pairs: list[tuple[str, str]] = []
    if household_ids is None:
        pairs = store.conn.execute(sql).fetchall()
    else:
        for chunk, marks in _chunks(household_ids):
            pairs += store.conn.execute(f"{sql} AND household_id IN ({marks})", chunk).fetchall()
    teams: dict[str, set[str]] = {}
    for household, team in pairs:
        teams.setdefault(household, set()).add(team)
    return {household: frozenset(found) for household, found in teams.items()}


def every_household_facts(store: Store) -> tuple[dict[str, Facts], dict[str, frozenset[str]]]:
    """``household_facts`` and ``teams_ever`` of every household, the assignments read once in
    their order (the newest row is the team now, as ``current_assignment`` says) rather than
    that view's look-up per household."""
    now: dict[str, str | None] = {}
    ever: dict[str, set[str]] = {}
    for household, team in store.conn.execute(
        "SELECT household_id, team_id FROM assignment ORDER BY rowid"
    ):
        now[household] = team
        if team is not None:
            ever.setdefault(household, set()).add(team)
    facts: dict[str, Facts] = {
        h: (status, now.get(h), code, standard)
        for h, status, code, standard in store.conn.execute(
            """SELECT h.id, h.status, c.code, COALESCE(c.cash_fen + c.goods_fen, 0)
               FROM household h LEFT JOIN category c ON c.id = h.category_id"""
        )
    }
    return facts, {household: frozenset(teams) for household, teams in ever.items()}


def household_labels(store: Store, household_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """household id → its name, ID number and category (code and name), for a flag's reader."""
    found: dict[str, dict[str, Any]] = {}
    for chunk, marks in _chunks(household_ids):
        found.update((r["id"], r) for r in store.query(
            f"""SELECT h.id, h.name, h.id_number, h.unit, c.code AS category_code,
                       c.name AS category_name
                FROM household h LEFT JOIN category c ON c.id = h.category_id
                WHERE h.id IN ({marks})""", chunk))  # fmt: skip
    return found


# A signature body the office could not read as JSON names no visit (and proves nothing).
_SIGNED = """SELECT record_id, CASE WHEN json_valid(body) THEN json_extract(body, '$.visit') END
             FROM event WHERE kind = 'signature'"""


def signed_visits(store: Store, household_ids: Sequence[str] | None) -> list[tuple[str, str]]:
    """(signature record id, the visit it names) of every signature event, of the households
    named (None: all): SQLite reads the visit out of the body, Python never sees the strokes."""
    not_held, held_params = held_clause(store)
    signed = f"{_SIGNED} AND {not_held}"
    if household_ids is None:
        return [(r, v) for r, v in store.conn.execute(signed, held_params) if isinstance(v, str)]
    found: list[tuple[str, str]] = []
    for chunk, marks in _chunks(household_ids):
        found += [(r, v) for r, v in store.conn.execute(
            f"{signed} AND household_id IN ({marks})", [*held_params, *chunk])
            if isinstance(v, str)]  # fmt: skip
    return found


def household_units(store: Store) -> dict[str, str]:
    """household id → its unit ("" for none), of every household."""
    return {h: u or "" for h, u in store.conn.execute("SELECT id, unit FROM household")}
