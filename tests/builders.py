"""Plain values and functions the test folders share: the fixtures folder, a clerk with a fixed
clock, valid ID numbers, a roster file written in a given encoding.

Fixtures that build stores live in the conftest.py of the folder that uses them; test modules
import from here, never from one another.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from app.domain.campaign import Status
from app.domain.decisions import STEPS
from app.domain.id_number import check_digit
from app.services.households.status import advance_everyone, set_status
from app.services.infra.context import Actor
from app.store.db import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The sample roster of 单位A, three encodings of one table (tests/fixtures/README.md).
SAMPLE_CSV = "roster_unit_a.utf8bom.csv"
SAMPLE_FILES = ("roster_unit_a.utf8bom.csv", "roster_unit_a.gbk.csv", "roster_unit_a.xlsx")

BEIJING = timezone(timedelta(hours=8))
ACTOR = Actor(user="clerk", clock=lambda: datetime(2026, 12, 1, 9, 0, tzinfo=BEIJING))


def fixture_path(name: str) -> Path:
    """A file under tests/fixtures, which must be there (a missing one fails, never skips)."""
    path = FIXTURES / name
    assert path.is_file(), f"test fixture missing: {path}"
    return path


def planted() -> list[dict[str, Any]]:
    """The problems planted in the sample roster: row (0-based data row), kind, name."""
    found = json.loads(fixture_path("roster_unit_a.planted.json").read_text(encoding="utf-8"))
    return list(found["planted"])


def make_id(first17: str) -> str:
    return first17 + check_digit(first17)


ID_A = make_id("12011619630715469")  # male (9 is odd at position 17)
ID_B = make_id("12010119811125604")
ID_C = make_id("42030219560303074")


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def count(store: Store) -> int:
    """Households in the store."""
    return store.conn.execute("SELECT count(*) FROM household").fetchone()[0]


def confirm_all(store: Store, actor: Actor = ACTOR) -> None:
    """Every household 确定, step by step, although no materials were ticked (a test's setup)."""
    advance_everyone(store, status="确定", reason="测试", despite_missing=True, actor=actor)


def confirm(store: Store, *households: str, actor: Actor = ACTOR) -> None:
    """The households named 确定, step by step, although no materials were ticked."""
    for step in STEPS[1:]:
        set_status(store, status=step, households=households, reason="测试",
                   despite_missing=step == Status.CONFIRMED, actor=actor)  # fmt: skip
