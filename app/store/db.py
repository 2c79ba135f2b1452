"""Opening the store: one SQLite file, WAL, foreign keys on, fully synchronous commits.

The queries go through the standard library's sqlite3 directly (``conn``, ``query``,
``insert``); sqlite-utils applies the schema's migrations (``app.store.schema``), imported only
when one is pending: importing it is a fifth of the team window's start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app import __version__
from app.domain.errors import InvalidInput
from app.store.schema import _MIGRATIONS, MIGRATION_SET, migrate

Params = Sequence[Any] | Mapping[str, Any]


class Store:
    """A connection to one WarmVisit database file (or ``:memory:`` in tests)."""

    def __init__(self, path: Path | str, *, cache_mb: int = 64) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        try:
            self.conn = _connect(self.path, cache_mb)
        except (sqlite3.DatabaseError, OSError) as e:
            raise _unopenable(str(path), self.path, e) from None
        self._savepoints = 0

    def query(self, sql: str, params: Params = ()) -> Iterator[dict[str, Any]]:
        """The rows of ``sql``, each a dict by column name, as they are read."""
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def insert(self, table: str, row: Mapping[str, Any]) -> None:
        self.insert_all(table, [row])

    def insert_all(self, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
        """Rows that share their keys (the columns named), in one statement."""
        rows = list(rows)
        if not rows:
            return
        columns = list(rows[0])
        sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
            table, ", ".join(f'"{c}"' for c in columns), ", ".join("?" for _ in columns)
        )
        self.conn.executemany(sql, [[row[c] for c in columns] for row in rows])

    def columns(self, table: str) -> list[str]:
        return [r[1] for r in self.conn.execute(f'PRAGMA table_info("{table}")')]

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One atomic write; any exception (Cancelled included) rolls all of it back. Nested,
        a savepoint: the inner block is undone alone and the outer one goes on."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:  # an error may have ended it already
                    self.conn.execute("ROLLBACK")
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            return
        self._savepoints += 1
        name = f"warmvisit_{self._savepoints}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
        finally:
            self._savepoints -= 1

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect(path: Path | None, cache_mb: int) -> sqlite3.Connection:
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(":memory:" if path is None else str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        # Only takes effect on a new file, before WAL: 16 KB pages hold 3 KB signature events
        # with less overflow, so a merge writes less (docs/decisions.md).
        conn.execute("PRAGMA page_size = 16384")
        # Big imports and merges want a big page cache; the window, which reads a few rows at a
        # time and has the OS's file cache behind it, asks for less (its memory aim is 150 MB).
        conn.execute(f"PRAGMA cache_size = {-1024 * int(cache_mb)}")
        if path is not None:
            conn.execute("PRAGMA journal_mode = WAL")
        # A saved visit must survive a pulled plug: FULL syncs the WAL on every commit.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 5000")
        _refuse_newer(conn, path)
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _refuse_newer(conn: sqlite3.Connection, path: Path | None) -> None:
    """Before anything is read or written: a file naming a migration this program does not know
    was migrated by a newer one, and this one would write rows that one reads wrongly."""
    try:
        done = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
        )
        newer = sorted({name for (name,) in done} - {name for name, _fn in _MIGRATIONS})
    except sqlite3.OperationalError:  # a new file: no record yet
        return
    if newer:
        raise InvalidInput("db.newer_schema", file=str(path), migration=newer[-1],
                           version=__version__)  # fmt: skip


def _unopenable(name: str, path: Path | None, error: Exception) -> InvalidInput:
    """What the clerk can do about a database file that does not open."""
    if path is not None and path.is_dir():
        return InvalidInput("db.is_folder", file=name)
    if isinstance(error, sqlite3.DatabaseError) and "not a database" in str(error):
        return InvalidInput("db.not_database", file=name)
    return InvalidInput("db.unopenable", file=name, detail=str(error))
