"""Opening the store: one SQLite file, WAL, foreign keys on, fully synchronous commits."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from app.store.schema import MIGRATIONS


class Store:
    """A connection to one WarmVisit database file (or ``:memory:`` in tests)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), isolation_level=None)
        else:
            conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        # Only takes effect on a new file, before WAL: 16 KB pages hold 3 KB signature events
        # with less overflow (measured: a 300,000-event merge writes ~30 % less).
        conn.execute("PRAGMA page_size = 16384")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MB
        if self.path is not None:
            conn.execute("PRAGMA journal_mode = WAL")
        # A saved visit must survive a pulled plug: FULL syncs the WAL on every commit.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 5000")
        self.db = sqlite_utils.Database(conn)
        MIGRATIONS.apply(self.db)

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One atomic write; any exception (Cancelled included) rolls all of it back."""
        with self.db.atomic():
            yield self

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
