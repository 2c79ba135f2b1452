"""Opening the store (WAL, foreign keys, a file that is no database) and its transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.store.db import Store
from tests.store.builders import World


def _names(store: Store) -> list[str]:
    return [r["name"] for r in store.query("SELECT name FROM unit ORDER BY name")]


def _unit(world: World, name: str) -> None:
    world.store.insert("unit", {"id": name, "campaign_id": world.campaign_id, "name": name})


def _pragma(store: Store, name: str) -> object:
    return store.conn.execute(f"PRAGMA {name}").fetchone()[0]


# --- opening ------------------------------------------------------------------------------------


def test_a_new_file_is_wal_with_foreign_keys_and_full_sync(tmp_path: Path) -> None:
    with Store(tmp_path / "sub" / "new.db") as store:  # the folder is made too
        assert _pragma(store, "journal_mode") == "wal"
        assert _pragma(store, "foreign_keys") == 1
        assert _pragma(store, "synchronous") == 2  # FULL: a saved visit survives a pulled plug
        assert _pragma(store, "page_size") == 16384
    with Store(tmp_path / "sub" / "new.db") as store:  # settings that live in the file stay
        assert _pragma(store, "journal_mode") == "wal"


def test_a_row_that_names_no_campaign_is_refused(world: World) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        world.store.insert("unit", {"id": "u", "campaign_id": "no-such", "name": "单位"})


def test_a_file_that_is_no_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    path.write_bytes(b"PK\x03\x04 not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        Store(path)
    assert caught.value.key == "db.not_database"
    assert caught.value.params == {"file": str(path)}
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名单.xlsx"]  # no -wal or -shm


def test_a_folder_is_refused_as_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        Store(tmp_path)
    assert caught.value.key == "db.is_folder"


def test_a_place_that_cannot_be_opened_names_the_reason(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(InvalidInput) as caught:
        Store(blocker / "store.db")  # below a file: no folder can be made there
    assert caught.value.key == "db.unopenable"
    assert caught.value.params["file"] == str(blocker / "store.db")
    assert caught.value.params["detail"]


def test_an_in_memory_store_has_no_path_and_the_whole_schema() -> None:
    with Store(":memory:") as store:
        assert store.path is None
        assert "household_list" in {
            r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")
        }


def test_query_gives_dicts_by_column_and_insert_all_one_statement(world: World) -> None:
    store = world.store
    store.insert_all("unit", [])  # nothing to insert: no statement, no error
    store.insert_all(
        "unit",
        [
            {"id": n, "campaign_id": world.campaign_id, "name": n, "deadline": None}
            for n in ("乙", "甲")
        ],
    )
    assert list(store.query("SELECT name, deadline FROM unit ORDER BY name")) == [
        {"name": "乙", "deadline": None},
        {"name": "甲", "deadline": None},
    ]
    assert store.columns("unit") == ["id", "campaign_id", "name", "deadline", "kind", "quota"]


# --- transactions -------------------------------------------------------------------------------


def test_a_failed_inner_block_is_undone_alone(world: World) -> None:
    store = world.store
    with store.transaction():
        _unit(world, "A")
        with pytest.raises(ValueError), store.transaction():
            _unit(world, "B")
            raise ValueError("refused")
        _unit(world, "C")
    assert _names(store) == ["A", "C"]


def test_a_failed_outer_block_leaves_nothing(world: World) -> None:
    store = world.store
    with pytest.raises(KeyError), store.transaction():
        _unit(world, "A")
        with store.transaction():
            _unit(world, "B")
        raise KeyError("cancelled")
    assert _names(store) == []
    assert not store.conn.in_transaction


def test_a_constraint_error_rolls_back_and_the_store_goes_on(world: World) -> None:
    store = world.store
    with pytest.raises(sqlite3.IntegrityError), store.transaction():
        _unit(world, "A")
        _unit(world, "A")  # the same id twice
    assert _names(store) == []
    with store.transaction():
        _unit(world, "D")
    assert _names(store) == ["D"]


def test_a_committed_write_is_seen_by_another_connection(world: World, tmp_path: Path) -> None:
    with world.store.transaction():
        _unit(world, "A")
    with Store(tmp_path / "store.db") as other:
        assert _names(other) == ["A"]
