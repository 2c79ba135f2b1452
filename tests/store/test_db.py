"""The store's own transactions and its migrations (sqlite-utils keeps their record)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.store import schema
from app.store.db import Store


def _names(store: Store) -> list[str]:
    return [r["name"] for r in store.query("SELECT name FROM unit ORDER BY name")]


def _unit(store: Store, name: str) -> None:
    campaign = store.conn.execute("SELECT id FROM campaign").fetchone()[0]
    store.insert("unit", {"id": name, "campaign_id": campaign, "name": name})


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "t.db")
    s.insert("campaign", {"id": "c", "name": "n", "organizer": "o", "start_date": "2027-01-20",
                          "end_date": "2027-01-28", "min_living_fen": 78000,
                          "created_at": "2026-12-01", "created_by": "t"})  # fmt: skip
    return s


def test_a_failed_inner_block_is_undone_alone(store: Store) -> None:
    with store.transaction():
        _unit(store, "A")
        with pytest.raises(ValueError), store.transaction():
            _unit(store, "B")
            raise ValueError("refused")
        _unit(store, "C")
    assert _names(store) == ["A", "C"]


def test_a_failed_outer_block_leaves_nothing(store: Store) -> None:
    with pytest.raises(KeyError), store.transaction():
        _unit(store, "A")
        with store.transaction():
            _unit(store, "B")
        raise KeyError("cancelled")
    assert _names(store) == []
    assert not store.conn.in_transaction


def test_a_constraint_error_rolls_back_and_the_store_goes_on(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError), store.transaction():
        _unit(store, "A")
        _unit(store, "A")  # the same id twice
    assert _names(store) == []
    with store.transaction():
        _unit(store, "D")
    assert _names(store) == ["D"]


def test_migrations_are_recorded_once_and_not_run_again(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    recorded = [r[0] for r in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = 'warmvisit' ORDER BY id")]
    conn.close()  # fmt: skip
    assert recorded == [name for name, _fn in schema._MIGRATIONS]
    assert not schema._pending(sqlite3.connect(path))
    Store(path).close()  # opens without applying anything twice (a second CREATE would fail)
