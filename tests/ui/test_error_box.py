"""Errors in the window: an unexpected one is written to the log file the box names, with its
traceback and nothing about the household; the box copies the details; a refusal is only its
sentence."""

from __future__ import annotations

import logging
import platform
import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app import __version__
from app.domain.errors import InvalidInput
from app.i18n import render, text
from app.logs import LOGGER, configure_logging
from app.store.db import Store
from app.ui import main_window, signing_session
from app.ui.errors import install_excepthook
from app.ui.main_window import MainWindow
from tests.ui.builders import draw_mouse, line


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The log set up as the window sets it up, in a temporary folder; put back afterwards."""
    monkeypatch.setattr(logging.getLogger(LOGGER), "handlers", [])
    place = tmp_path / "log" / "warmvisit.log"
    place.parent.mkdir()
    configure_logging(place)
    yield place
    for handler in logging.getLogger(LOGGER).handlers:
        handler.close()


def household(store: Store) -> tuple[str, str, str]:
    return store.conn.execute(
        "SELECT name, id_number, address FROM household WHERE name = '张三'"
    ).fetchone()


@pytest.mark.qt_no_exception_capture  # the window's own hook catches it, as in the app
def test_an_unexpected_error_in_a_window_action_is_logged_and_its_details_copied(
    qtbot,
    window: MainWindow,
    store: Store,
    log_file: Path,
    monkeypatch,  # noqa: ANN001
) -> None:
    name, id_number, address = household(store)

    def broken(*_args: object) -> None:  # a bug that quotes the row it choked on
        raise ValueError(f"cannot read {name} {id_number} {address}")

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    install_excepthook(window.show_error)
    monkeypatch.setattr(main_window, "locked_visit", broken)
    window.form.findChild(QPushButton, "startVisit").click()  # 开始走访, on 张三's row

    box = window.error_box
    assert box is not None and box.isVisible() and box.icon() == QMessageBox.Icon.Critical
    assert box.text() == text("unexpected", "zh", log=log_file)
    written = log_file.read_text(encoding="utf-8")
    assert written.count("unexpected error") == 1
    assert "Traceback (most recent call last):" in written and "in start_visit_for" in written
    assert "\nValueError\n" in written and f"WarmVisit {__version__}" in written
    assert name not in written and id_number not in written and address not in written
    assert "app/ui/main_window.py" in written  # the file from its package down, no home folder
    assert str(Path(main_window.__file__).parents[2]) not in written

    copy = next(b for b in box.buttons() if b.text() == "复制详情")
    copy.click()
    details = QApplication.clipboard().text()
    assert box.isVisible() and copy.text() == "已复制 ✓"  # copying does not close the box
    assert "in start_visit_for" in details and platform.platform() in details
    assert f"WarmVisit {__version__}" in details and "Qt " in details
    assert name not in details and id_number not in details


def test_an_unexpected_error_while_recording_a_signing_closes_the_screen_and_is_logged(
    qtbot,
    window: MainWindow,
    store: Store,
    log_file: Path,
    monkeypatch,  # noqa: ANN001
) -> None:
    """Never a recipient left in front of a stuck screen, and never told 已签收."""

    def broken(*_args: object, **_kw: object) -> None:
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorname = "SQLITE_FULL"
        raise error

    monkeypatch.setattr(signing_session, "record_visit", broken)
    window.start_visit(0)
    window.visit_page.save()  # 交受助人确认
    screen = window.recipient_screen
    qtbot.addWidget(screen)
    draw_mouse(screen.pad, line(40, 400, 120))
    screen.confirm_button.click()
    assert not screen.isVisible() and not screen.done_label.isVisibleTo(screen)
    assert window.pages.currentWidget() is window.visit_page and window.signing is None
    assert window.error_box.text() == text("unexpected", "zh", log=log_file)
    written = log_file.read_text(encoding="utf-8")
    assert "in _record" in written and "sqlite3.OperationalError [SQLITE_FULL]" in written


def test_a_refusal_is_its_sentence_and_not_logged(
    qtbot,
    store: Store,
    log_file: Path,  # noqa: ANN001
) -> None:
    plain = MainWindow(store, store.path)
    qtbot.addWidget(plain)
    error = InvalidInput("bundle.none_in_folder", folder="E:\\")
    plain.show_error(error)
    box = plain.error_box
    assert box.isVisible() and box.icon() == QMessageBox.Icon.Warning
    assert box.text() == render(error, "zh")
    assert [b.text() for b in box.buttons() if b.text() == "复制详情"] == []
    assert not log_file.exists()  # nothing unexpected, nothing written
