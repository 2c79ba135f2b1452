"""The team window's share of looking after the app: one window per store, a store that will
not open said in a sentence (the window has no console), a copy at each start, and 备份 beside
帮助 (the folder chosen, a passphrase asked for when the copy leaves the data folder)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.services.infra import backup
from app.services.infra.store_lock import lock_store
from app.store.db import Store
from app.ui import backup_action
from app.ui.app import run_gui
from app.ui.backup_action import _layout_holding, install_backup_action
from app.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("cheap_scrypt")
ROOT = Path(__file__).resolve().parents[2]


def test_a_second_window_on_a_store_says_so_and_does_not_open(
    qtbot, store: Store, tmp_path: Path, capsys
) -> None:
    assert store.path is not None
    with lock_store(store.path):
        code = run_gui(store.path, screenshot=tmp_path / "shot.png")
    assert code == 1 and not (tmp_path / "shot.png").exists()
    assert capsys.readouterr().err == (
        f"数据库“{store.path}”已在另一个窗口中打开：请使用那个窗口（每个数据库只能开一个窗口）\n"
    )


def test_a_file_that_is_no_store_is_a_sentence_not_a_traceback(qtbot, tmp_path, capsys) -> None:
    notes = tmp_path / "名单.db"
    notes.write_text("这不是数据库，是一份名单" * 50, encoding="utf-8")
    assert run_gui(notes, screenshot=tmp_path / "shot.png") == 1
    err = capsys.readouterr().err
    assert err == f"“{notes}”不是 WarmVisit 数据库文件（可能选错了文件），文件没有改动\n"


def test_each_start_keeps_a_copy(store: Store, tmp_path: Path) -> None:
    """The real start, in its own process (app.quit() ends every later event loop of this
    one)."""
    assert store.path is not None
    shot = tmp_path / "shot.png"
    done = subprocess.run([sys.executable, "-m", "app", "--db", str(store.path), "gui",
                           "--screenshot", str(shot)], cwd=ROOT, capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)  # fmt: skip
    assert done.returncode == 0 and shot.is_file(), done.stderr.decode()
    [copy] = backup.automatic_backups(store.path, "start")
    with closing(sqlite3.connect(copy)) as conn:
        assert conn.execute("SELECT count(*) FROM household").fetchone() == (4,)
    lock_store(store.path).release()  # the window let go of the store when it closed


def test_the_backup_button_writes_an_encrypted_copy_to_the_stick(
    qtbot, window: MainWindow, tmp_path_factory, monkeypatch
) -> None:
    stick = tmp_path_factory.mktemp("U盘")
    asked: list[str] = []
    monkeypatch.setattr(backup_action.QFileDialog, "getExistingDirectory",
                        lambda parent, title, start: asked.append(start) or str(stick))  # fmt: skip
    monkeypatch.setattr(backup_action.QInputDialog, "getText",
                        lambda *args: ("春节走访2027", True))  # fmt: skip
    action = install_backup_action(window, window.db_path)
    button = window.findChild(QPushButton, "backupButton")
    assert button is not None and button.text() == "备份"
    row = _layout_holding(window.findChild(QPushButton, "helpButton"))
    assert row is not None and row.indexOf(button) >= 0  # in the row of buttons, before 帮助
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: action.box is not None and action.box.isVisible(), timeout=10_000)
    [sealed] = stick.iterdir()
    assert action.box.text() == f"已加密备份到：{sealed}（恢复时要用同一个口令）"
    assert sealed.read_bytes().startswith(b"WarmVisit backup 1\n")
    assert asked and Path(asked[0]).is_dir()  # the dialog opened at the stick or home


def test_different_passphrases_write_nothing(qtbot, window: MainWindow, tmp_path_factory,
                                             monkeypatch) -> None:  # fmt: skip
    stick = tmp_path_factory.mktemp("U盘")
    answers = iter([("春节走访2027", True), ("春节走访2028", True)])
    monkeypatch.setattr(backup_action.QInputDialog, "getText", lambda *args: next(answers))
    action = install_backup_action(window, window.db_path)
    action.run(str(stick))
    assert action.box is not None and action.box.text() == "两次输入的口令不一样，没有备份"
    assert list(stick.iterdir()) == []
