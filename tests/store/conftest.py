"""Each test's store: a copy of a new store migrated once a session, and a World with a campaign
in it (tests/store/builders.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.db import Store
from tests.store.builders import World


@pytest.fixture(scope="session")
def new_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new store, migrated once for the session: each test starts from a copy."""
    path = tmp_path_factory.mktemp("new") / "store.db"
    Store(path).close()
    return path


@pytest.fixture
def store(new_store_file: Path, tmp_path: Path) -> Iterator[Store]:
    shutil.copyfile(new_store_file, tmp_path / "store.db")
    with Store(tmp_path / "store.db") as s:
        # These tests check what the queries give, not what survives a pulled plug (test_store_db
        # checks that a store opens fully synchronous): no disk flush at every commit.
        s.conn.execute("PRAGMA synchronous = OFF")
        yield s


@pytest.fixture
def world(store: Store) -> World:
    w = World(store)
    w.campaign()
    return w
