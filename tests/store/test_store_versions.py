"""An older program refuses a store a newer one has migrated, and says so (issue 19); a newer
one opens an older store and migrates it, as the upgrade test shows."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import app
from app.domain.errors import InvalidInput
from app.launch import main
from app.store import schema
from app.store.db import Store

FUTURE = "0099_from_a_newer_release"


def from_the_future(path: Path) -> Path:
    """A store whose migration list holds a name this program does not know."""
    with Store(path) as store:
        store.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            [schema.MIGRATION_SET, FUTURE, "2027-06-01T00:00:00"],
        )
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_older_program_refuses_a_newer_store(tmp_path: Path) -> None:
    path = from_the_future(tmp_path / "中心.db")
    with pytest.raises(InvalidInput) as refused:
        Store(path)
    assert refused.value.key == "db.newer_schema"
    assert refused.value.params["migration"] == FUTURE


def test_the_command_line_says_so_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = from_the_future(tmp_path / "中心.db")
    before = digest(path)
    code = main(["--db", str(path), "campaign", "show"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == (
        f"数据库“{path}”已由更新版本的 WarmVisit 升级过（{FUTURE}），本版本"
        f"（{app.__version__}）无法打开它。请安装新版本后再打开；文件没有改动\n"
    )
    assert digest(path) == before
