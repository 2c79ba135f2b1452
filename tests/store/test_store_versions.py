"""An older program refuses a store a newer one has migrated, and says so; a newer program
runs the backup hook before it migrates an older store, and never otherwise (issue 19)."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

import app
from app.domain.errors import InvalidInput
from app.launch import main
from app.store import schema
from app.store.db import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stores"
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


def old_store(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.db"
    with gzip.open(FIXTURES / f"{name}.db.gz") as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    return path


def applied(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {n for (n,) in conn.execute("SELECT name FROM _sqlite_migrations")}
    finally:
        conn.close()


def test_the_backup_hook_runs_before_an_older_store_is_migrated(tmp_path: Path) -> None:
    path = old_store(tmp_path, "0019-central")
    seen: list[tuple[Path, set[str]]] = []
    Store(path, before_upgrade=lambda p: seen.append((p, applied(p)))).close()
    [(hooked, then)] = seen
    assert hooked == path
    assert "0020_signature_check" not in then and "0019_office_decisions" in then
    assert "0020_signature_check" in applied(path)
    # Current now, and a new file: nothing to back up.
    Store(path, before_upgrade=lambda p: seen.append((p, set()))).close()
    Store(tmp_path / "new.db", before_upgrade=lambda p: seen.append((p, set()))).close()
    assert len(seen) == 1


def test_a_failed_backup_leaves_the_older_store_as_it_was(tmp_path: Path) -> None:
    path = old_store(tmp_path, "0019-central")
    before = applied(path)

    def no_room(_path: Path) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(InvalidInput) as refused:
        Store(path, before_upgrade=no_room)
    assert refused.value.key == "db.unopenable"
    assert applied(path) == before
