"""The printing world is built once per session and copied for each test that needs it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.db import Store
from tests.documents import world


@pytest.fixture(scope="session")
def world_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return world.build(tmp_path_factory.mktemp("world") / "world.db")


@pytest.fixture
def world_db(world_file: Path, tmp_path: Path) -> Path:
    target = tmp_path / "world.db"
    shutil.copy(world_file, target)
    return target


@pytest.fixture
def store(world_db: Path) -> Iterator[Store]:
    s = Store(world_db)
    yield s
    s.close()
