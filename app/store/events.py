"""Events, devices, settings and the bundle log: the tables that sync reads and writes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from app.domain.errors import Reason
from app.domain.events import Event
from app.store.db import Store
from app.store.holds import held_clause
from app.store.signature_checks import insert_checks


def get_setting(store: Store, key: str) -> str | None:
    row = store.conn.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_setting(store: Store, key: str, value: str) -> None:
    store.conn.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def insert_device(store: Store, row: dict[str, Any]) -> None:
    store.insert("device", row)


def get_device(store: Store, device_id: str) -> dict[str, Any] | None:
    rows = list(store.query("SELECT * FROM device WHERE id = ?", [device_id]))
    return rows[0] if rows else None


def list_devices(store: Store) -> list[dict[str, Any]]:
    return list(
        store.query(
            """SELECT d.id, d.role, d.team_id, t.code AS team, d.signing_public, d.first_seen,
                      d.revoked_at, d.revoked_by, d.revoke_reason,
                      (SELECT count(*) FROM event e WHERE e.device_id = d.id) AS events
               FROM device d LEFT JOIN team t ON t.id = d.team_id
               ORDER BY t.code, d.first_seen"""
        )
    )


def revoke_device(store: Store, device_id: str, at: str, by: str, reason: str) -> None:
    store.conn.execute(
        "UPDATE device SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ?",
        [at, by, reason, device_id],
    )


def unrevoke_device(store: Store, device_id: str) -> None:
    """The device row says whether it is revoked now; device_hold keeps every revocation."""
    store.conn.execute(
        "UPDATE device SET revoked_at = NULL, revoked_by = NULL, revoke_reason = NULL WHERE id = ?",
        [device_id],
    )


def insert_events(
    store: Store, events: Iterable[Event], received_at: str, *, skip_known_ids: bool = False,
    checked: Iterable[tuple[Any, ...]] | None = None,
) -> int:  # fmt: skip
    """Insert; the number inserted. ``skip_known_ids``: an event whose id (or laptop and
    number) is here already is passed over, not an error; the count then falls short.
    ``checked``: the signature_check rows of the signatures among them, worked out already
    (by a merge's worker); otherwise worked out here."""
    events = list(events)
    rows = [(*e, received_at) for e in events]
    before = store.conn.total_changes
    store.conn.executemany(_INSERT_OR_IGNORE if skip_known_ids else _INSERT, rows)
    inserted = store.conn.total_changes - before
    insert_checks(store, events, checked)  # a signature's own facts, once, as it arrives
    return inserted


_INSERT = "INSERT INTO event ({}, received_at) VALUES ({}, ?)".format(
    ", ".join(Event._fields), ", ".join("?" * len(Event._fields))
)
_INSERT_OR_IGNORE = _INSERT.replace("INSERT", "INSERT OR IGNORE", 1)
_COLUMNS = ", ".join(Event._fields)


def events_where(
    store: Store, where: str = "1", params: Sequence[Any] = (), *, held: bool = False
) -> list[Event]:
    """The events that match, but those held (a fork, a revoked laptop) unless ``held``."""
    not_held, held_params = ("1", []) if held else held_clause(store)
    cursor = store.conn.execute(
        f"SELECT {_COLUMNS} FROM event WHERE ({where}) AND {not_held} ORDER BY device_id, seq",
        [*params, *held_params],
    )
    return list(map(Event._make, cursor))  # the columns in the tuple's order


def all_events(store: Store) -> list[Event]:
    return events_where(store)


def team_events(store: Store, team_id: str, *, held: bool = False) -> list[Event]:
    return events_where(store, "team_id = ?", [team_id], held=held)


def events_of_households(
    store: Store, household_ids: Sequence[str], *, skip_kind: str = ""
) -> list[Event]:
    result: list[Event] = []
    for start in range(0, len(household_ids), 500):
        chunk = list(household_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        result += events_where(
            store, f"household_id IN ({marks}) AND kind != ?", [*chunk, skip_kind]
        )
    return result


# Every event but a signature, save a print on paper: what the flags and the sums read (a
# signature is 3 KB of strokes that changes no sum).
# Which signatures may be prints the store worked out as they arrived (signature_check.marked):
# no 3 KB body is searched.
_NOT_PAD_SIGNATURE = (
    "(kind != 'signature' OR id IN (SELECT event_id FROM signature_check WHERE marked))"
)


def flag_events(store: Store) -> list[Event]:
    """Every event the flags and the sums read: all but signatures on the pad."""
    return events_where(store, _NOT_PAD_SIGNATURE)


def flag_events_of_households(
    store: Store, household_ids: Sequence[str], *, except_device: str | None = None
) -> list[Event]:
    """What flags read of these households, written by any device or by those other than
    ``except_device``."""
    result: list[Event] = []
    for start in range(0, len(household_ids), 500):
        chunk = list(household_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        result += events_where(
            store,
            f"household_id IN ({marks}) AND device_id != ? AND {_NOT_PAD_SIGNATURE}",
            [*chunk, except_device or ""],
        )
    return result


def known_heads(store: Store, team_id: str) -> dict[str, tuple[int, str]]:
    """The last event here (number, content hash) of each laptop of the team and of the
    office's device: what a bundle of the team may repeat."""
    heads: dict[str, tuple[int, str]] = {}
    for device_id, seq in store.conn.execute(
        """SELECT d.id, (SELECT max(e.seq) FROM event e WHERE e.device_id = d.id)
           FROM device d WHERE d.team_id = ? OR d.role = 'central'""",
        [team_id],
    ).fetchall():
        row = store.conn.execute(
            "SELECT content_hash FROM event WHERE device_id = ? AND seq = ?", [device_id, seq]
        ).fetchone()
        heads[device_id] = (seq or 0, row[0] if row else "")
    return heads


def events_by_id(store: Store, ids: Sequence[str]) -> dict[str, str]:
    """event id → content hash, for the ids that exist here."""
    found: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for event_id, content_hash in store.conn.execute(
            f"SELECT id, content_hash FROM event WHERE id IN ({marks})", chunk
        ):
            found[event_id] = content_hash
    return found


def device_chain(store: Store, device_id: str) -> dict[int, tuple[str, str]]:
    """seq → (event id, content hash) of the events known here for ``device_id``."""
    return {
        seq: (event_id, content_hash)
        for seq, event_id, content_hash in store.conn.execute(
            "SELECT seq, id, content_hash FROM event WHERE device_id = ?", [device_id]
        )
    }


def event_at(store: Store, device_id: str, seq: int) -> tuple[str, str] | None:
    """(event id, content hash) of a laptop's event number ``seq`` here, if any."""
    row = store.conn.execute(
        "SELECT id, content_hash FROM event WHERE device_id = ? AND seq = ?", [device_id, seq]
    ).fetchone()
    return (row[0], row[1]) if row else None


def chain_head(store: Store, device_id: str) -> tuple[int, str]:
    row = store.conn.execute(
        "SELECT seq, content_hash FROM event WHERE device_id = ? ORDER BY seq DESC LIMIT 1",
        [device_id],
    ).fetchone()
    return (row[0], row[1]) if row else (0, "0" * 64)


def insert_bundle_log(store: Store, row: dict[str, Any]) -> None:
    store.insert("bundle_log", row)


def last_bundle(
    store: Store, direction: str, kind: str, key: str, value: str
) -> dict[str, Any] | None:
    """The newest log row of this direction and kind for a team or device (``key``)."""
    if key not in ("team_id", "device_id"):
        raise ValueError(key)
    rows = list(
        store.query(
            f"""SELECT * FROM bundle_log WHERE direction = ? AND kind = ? AND {key} = ?
                AND outcome IN ('applied', 'exported')
                ORDER BY sequence DESC, rowid DESC LIMIT 1""",
            [direction, kind, value],
        )
    )
    return rows[0] if rows else None


def import_logged(store: Store, device_id: str, sequence: int) -> bool:
    """Whether a bundle of this laptop and number was ever imported (or quarantined) here."""
    return (
        store.conn.execute(
            "SELECT 1 FROM bundle_log WHERE device_id = ? AND sequence = ? AND direction = 'import'"
            " LIMIT 1",
            [device_id, sequence],
        ).fetchone()
        is not None
    )


def bundle_logged(store: Store, file_sha256: str) -> dict[str, Any] | None:
    rows = list(
        store.query(
            "SELECT * FROM bundle_log WHERE file_sha256 = ? AND direction = 'import'"
            " AND outcome = 'applied' LIMIT 1",
            [file_sha256],
        )
    )
    return rows[0] if rows else None


def quarantined_reason(store: Store, file_sha256: str) -> Reason | None:
    """The reason a bundle with these bytes was put in quarantine, if it was."""
    row = store.conn.execute(
        """SELECT q.reason_key, q.reason_params, q.detail
           FROM quarantine q JOIN bundle_log b ON b.id = q.bundle_log_id
           WHERE b.file_sha256 = ? LIMIT 1""",
        [file_sha256],
    ).fetchone()
    return _reason(*row) if row else None


def _reason(key: str, params: str, detail: str) -> Reason:
    if detail and params == "{}":
        # Kept before reasons were stored as a key and parameters: the sentence as written.
        return Reason.of("merge.reason_as_written", detail=detail)
    return Reason.of(key, **json.loads(params))


def insert_quarantine(store: Store, row: dict[str, Any]) -> None:
    store.insert("quarantine", row)


def bundle_history(store: Store) -> list[dict[str, Any]]:
    """Every bundle written or read here, oldest first, with its team's code and, for one in
    quarantine, why (``quarantine_reason``, else None)."""
    rows = list(
        store.query(
            """SELECT b.*, COALESCE(t.code, '') AS team_code, q.reason_key, q.reason_params,
                      q.detail AS quarantine_detail
               FROM bundle_log b LEFT JOIN team t ON t.id = b.team_id
                    LEFT JOIN quarantine q ON q.bundle_log_id = b.id
               ORDER BY b.at, b.rowid"""
        )
    )
    for row in rows:
        key, params, detail = (row.pop(k) for k in ("reason_key", "reason_params",
                                                     "quarantine_detail"))  # fmt: skip
        row["quarantine_reason"] = _reason(key, params, detail) if key else None
    return rows
