"""The printing world (``printing_world`` in tests/conftest.py, built once per session), copied
for each test that needs it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store.db import Store


@pytest.fixture
def world_db(printing_world: Path, tmp_path: Path) -> Path:
    target = tmp_path / "world.db"
    shutil.copy(printing_world, target)
    return target


@pytest.fixture
def store(world_db: Path) -> Iterator[Store]:
    s = Store(world_db)
    yield s
    s.close()
