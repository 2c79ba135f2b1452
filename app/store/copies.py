"""Copies of a whole store file: made with SQLite's backup API, checked before a restore.

Raw sqlite3 connections, never ``Store``: a copy is taken of the file as it is (a store that
is about to be migrated is copied before the migration), and a copy being checked must not be
migrated or written by the check.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.store.schema import _MIGRATIONS, MIGRATION_SET, _pending


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of ``source`` (its WAL included) into the new file ``target``: one
    backup step reads one snapshot, whatever another connection writes meanwhile."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()


def needs_migration(path: Path) -> bool:
    """An existing store this program would migrate on opening (a new, empty file: no)."""
    if not path.is_file() or path.stat().st_size == 0:
        return False
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        has_record = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'"
        ).fetchone()
        return bool(has_record) and _pending(conn)
    except sqlite3.DatabaseError:  # not a store: opening it says so
        return False
    finally:
        conn.close()


@dataclass(frozen=True, slots=True)
class CopyFacts:
    """What a restore needs to know about a copy before it replaces anything."""

    intact: bool  # PRAGMA integrity_check said ok
    is_store: bool  # it has WarmVisit's record of migrations
    unknown_migrations: tuple[str, ...]  # from a newer program
    applied: int  # migrations of ours it has
    campaign_id: str | None
    campaign_name: str | None


def copy_facts(path: Path) -> CopyFacts:
    """Checks a copy without changing it (read-only)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        try:
            intact = [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        except sqlite3.DatabaseError:  # not a database
            return CopyFacts(False, False, (), 0, None, None)
        try:
            names = [r[0] for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            )]  # fmt: skip
        except sqlite3.DatabaseError:  # a database, not ours
            names = []
        known = {name for name, _fn in _MIGRATIONS}
        campaign = None
        if intact:
            try:
                campaign = conn.execute("SELECT id, name FROM campaign LIMIT 1").fetchone()
            except sqlite3.DatabaseError:
                campaign = None
        return CopyFacts(
            intact, bool(names), tuple(n for n in names if n not in known),
            sum(1 for n in names if n in known),
            campaign[0] if campaign else None, campaign[1] if campaign else None,
        )  # fmt: skip
    finally:
        conn.close()


def campaign_of(path: Path) -> tuple[str, str] | None:
    """The (id, name) of the campaign in the store file ``path``, if it has one."""
    if not path.is_file():
        return None
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT id, name FROM campaign LIMIT 1").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return (row[0], row[1]) if row else None


def settle(path: Path) -> bool:
    """Fold the WAL into the file and empty it, before the file is moved aside: True when
    nobody else had it open (the WAL emptied)."""
    conn = sqlite3.connect(path)
    try:
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        conn.execute("PRAGMA journal_mode = DELETE")  # the WAL and -shm go with the last close
    except sqlite3.OperationalError:  # locked by another program
        return False
    finally:
        conn.close()
    return int(busy) == 0
