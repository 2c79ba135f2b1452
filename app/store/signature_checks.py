"""``signature_check``: each signature event's own facts (app.domain.signature_check), written
in the transaction that inserts the event, so the audit reads a few fields per signature."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from app.domain.events import SIGNATURE, Event
from app.domain.signature_check import check_signature
from app.store.db import Store
from app.store.holds import held_clause


def check_rows(rows: Iterable[tuple[str, str, str]]) -> Iterator[tuple[Any, ...]]:
    """The table's rows of (event id, record id, body) of signature events."""
    for event_id, record_id, body in rows:
        c = check_signature(event_id, record_id, body)
        yield (c.event_id, c.record_id, c.visit, int(c.intact), c.shown_cash, c.method,
               int(c.marked))  # fmt: skip


# Only for an event that is in the store as given (an insert that skips known ids may have
# passed over another event of the same laptop and number).
_INSERT = """INSERT OR IGNORE INTO signature_check
             SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (
                 SELECT 1 FROM event WHERE id = ?1 AND content_hash = ?8)"""


def insert_checks(
    store: Store, events: Iterable[Event], checked: Iterable[tuple[Any, ...]] | None = None
) -> None:
    """The checks of the signature events among ``events``, just inserted (``checked``: their
    rows, worked out already; rows of events not among them are passed over)."""
    signatures = [e for e in events if e.kind == SIGNATURE]
    if not signatures:
        return
    hashes = {e.id: e.content_hash for e in signatures}
    if checked is None:
        checked = check_rows((e.id, e.record_id, e.body) for e in signatures)
    rows = ((*row, hashes[row[0]]) for row in checked if row[0] in hashes)
    store.conn.executemany(_INSERT, rows)


def signature_checks(store: Store) -> list[tuple[str, str | None, int, Any, str]]:
    """(record id, visit, intact, shown cash, method) of every signature event not held."""
    not_held, params = held_clause(store)
    where = "" if not params else f" WHERE event_id IN (SELECT id FROM event WHERE {not_held})"
    return store.conn.execute(
        "SELECT record_id, visit, intact, shown_cash, method FROM signature_check" + where, params
    ).fetchall()
