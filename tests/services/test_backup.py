"""Backups: a copy to a stick is encrypted, a restore checks before it replaces anything and
keeps the store it replaces, and the app keeps its last few automatic copies (before a merge,
before a migration)."""

from __future__ import annotations

import gzip
import os
import shutil
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from app.domain.errors import Conflict, InvalidInput
from app.i18n import render
from app.services.infra import backup
from app.services.infra.context import open_store
from app.store.db import Store
from tests import bundle_world
from tests.builders import fixture_path

pytestmark = pytest.mark.usefixtures("cheap_scrypt")
SECRET = "春节走访2027"


def households(path: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT id_number, name FROM household ORDER BY id_number").fetchall()


def office(tmp_path: Path, world: bundle_world.World) -> Path:
    """The office's store alone in its data folder (the world's folder also holds sticks)."""
    data = tmp_path / "data"
    data.mkdir()
    return bundle_world.copy_db(world.template.central, data / "warmvisit.db")


def test_a_backup_to_a_stick_is_encrypted_and_restores_whole(tmp_path, world) -> None:
    db = office(tmp_path, world)
    stick = world.stick("backup")
    with pytest.raises(InvalidInput) as caught:
        backup.backup_store(db, stick)
    assert "需要加密" in render(caught.value, "zh")
    made = backup.backup_store(db, stick, passphrase=SECRET)
    assert made.encrypted and made.file.parent == stick and made.file.suffix == ".wvbak"
    sealed = made.file.read_bytes()
    for id_number, name in households(db)[:5]:  # nothing readable on the stick
        assert id_number.encode() not in sealed and name.encode() not in sealed
    new = tmp_path / "new-laptop" / "warmvisit.db"
    done = backup.restore_store(new, made.file, passphrase=SECRET)
    assert done.campaign == "2027年春节送温暖" and done.set_aside is None
    assert households(new) == households(db)
    with Store(new) as store:  # it opens as a store
        assert store.conn.execute("SELECT count(*) FROM household").fetchone()[0] == 56


def test_a_backup_inside_the_data_folder_is_a_plain_copy(tmp_path, world) -> None:
    db = office(tmp_path, world)
    folder = db.parent / "mine"
    folder.mkdir()
    made = backup.backup_store(db, folder)
    assert not made.encrypted and households(made.file) == households(db)


def test_a_wrong_passphrase_or_a_changed_file_changes_nothing(tmp_path, world) -> None:
    db = office(tmp_path, world)
    made = backup.backup_store(db, world.stick("b"), passphrase=SECRET)
    before = db.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        backup.restore_store(db, made.file, passphrase="not the one")
    assert render(caught.value, "zh").startswith("口令不对")
    cut = made.file.with_name("cut.wvbak")
    cut.write_bytes(made.file.read_bytes()[:-20])
    with pytest.raises(InvalidInput, match="backup.damaged"):
        backup.restore_store(db, cut, passphrase=SECRET)
    assert db.read_bytes() == before
    left = sorted(p.name for p in db.parent.iterdir() if not p.name.endswith(("-wal", "-shm")))
    assert left == ["warmvisit.db"]  # no half-restored copy left over


def test_restore_refuses_another_campaign_unless_told_and_keeps_the_old_store(
    tmp_path, world
) -> None:
    db = office(tmp_path, world)
    other_db = bundle_world.copy_db(world.template.central, tmp_path / "o.db")
    with Store(other_db) as store:
        store.conn.execute("PRAGMA foreign_keys = OFF")
        store.conn.execute("UPDATE campaign SET id = 'another', name = '2026年中秋'")
    with pytest.raises(Conflict) as caught:
        backup.restore_store(db, other_db)
    assert "另一次活动（2026年中秋）" in render(caught.value, "zh")
    mine = households(db)
    done = backup.restore_store(db, other_db, other_campaign=True)
    assert done.set_aside is not None and done.set_aside.parent == db.parent / "backups"
    assert households(done.set_aside) == mine  # the replaced store, kept whole


def test_restore_refuses_a_copy_from_a_newer_program_or_not_a_store(tmp_path, world) -> None:
    db = office(tmp_path, world)
    newer = bundle_world.copy_db(db, tmp_path / "newer.db")
    with closing(sqlite3.connect(newer)) as conn, conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('warmvisit', '9999_from_the_future', '2028-01-01')")  # fmt: skip
    with pytest.raises(InvalidInput) as caught:
        backup.restore_store(db, newer)
    assert "更新版本" in render(caught.value, "zh")
    text = tmp_path / "notes.db"
    text.write_text("不是数据库")
    with pytest.raises(InvalidInput, match="backup.not_backup"):
        backup.restore_store(db, text)


def test_automatic_backups_keep_the_last_few_of_each_kind(tmp_path, world) -> None:
    db = office(tmp_path, world)
    for _ in range(backup.KEEP + 2):
        backup.automatic_backup(db, "start")
    backup.automatic_backup(db, "merge")
    assert len(backup.automatic_backups(db, "start")) == backup.KEEP
    assert len(backup.automatic_backups(db)) == backup.KEEP + 1


def test_a_merge_is_preceded_by_a_copy(world) -> None:
    assert world.central.path is not None
    path = bundle_world.export(world, world.t1)
    bundle_world.merge(world.central, path)
    [copy] = backup.automatic_backups(world.central.path, "merge")
    assert households(copy) == households(world.central.path)


def test_a_migration_is_preceded_by_a_copy_of_the_old_store(tmp_path) -> None:
    old = tmp_path / "warmvisit.db"
    with gzip.open(fixture_path("stores/0019-central.db.gz")) as src, open(old, "wb") as dst:
        shutil.copyfileobj(src, dst)
    with closing(sqlite3.connect(old)) as conn:
        before = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    open_store(old).close()
    [copy] = backup.automatic_backups(old, "migration")
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == before
    open_store(old).close()  # migrated now: no second copy
    assert len(backup.automatic_backups(old, "migration")) == 1


def test_what_a_killed_copy_left_goes_at_the_next(tmp_path, world) -> None:
    db = office(tmp_path, world)
    (db.parent / "backups").mkdir()
    half = db.parent / "backups" / ".warmvisit-merge-20270121-180000-000000.db.1a2b3c4d.tmp"
    plain = db.parent / ".WarmVisit-warmvisit-20270121-180000.1a2b3c4d.plain"
    fresh = db.parent / "backups" / ".warmvisit-start-20270121-180001-000000.db.5e6f7a8b.tmp"
    for left in (half, plain, fresh):
        left.write_bytes(db.read_bytes()[:4096])
    old = time.time() - 3600
    for left in (half, plain):
        os.utime(left, (old, old))
    backup.automatic_backup(db, "start")
    assert not half.exists() and not plain.exists()
    assert fresh.exists()  # young: maybe a copy still under way
