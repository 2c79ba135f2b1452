"""Errors in the window: a refusal is its sentence; anything unexpected is logged (app/logs.py)
and shown with the log's place and a button that copies the details for whoever helps."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.domain.errors import Cancelled, WarmVisitError
from app.i18n import render, text
from app.logs import describe_error, log_details
from app.ui.lang import language, t


def _versions() -> tuple[str, ...]:
    return (f"Qt {qVersion()}", f"PySide6 {pyside_version}")


def error_box(parent: QWidget, error: object) -> QMessageBox | None:
    """The box for ``error``, opened (window-modal, so a test or a job is never blocked);
    nothing for a cancel."""
    if isinstance(error, Cancelled):
        return None
    box = QMessageBox(parent)
    if isinstance(error, WarmVisitError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(t("未能完成"))
        box.setText(render(error, language()))
        box.addButton(QMessageBox.StandardButton.Ok)
        box.open()
        return box
    if not isinstance(error, BaseException):
        error = RuntimeError(type(error).__name__)
    details = describe_error(error, versions=_versions())
    place = log_details(details)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(t("出错了"))
    box.setText(text("unexpected", language(), log=place))
    ok = box.addButton(QMessageBox.StandardButton.Ok)
    copy = box.addButton(t("复制详情"), QMessageBox.ButtonRole.ActionRole)
    copy.clicked.disconnect()  # QMessageBox closes on any of its buttons; this one stays
    copy.clicked.connect(lambda: _copy(details, copy.setText))
    box.setDefaultButton(ok)
    box.open()
    return box


def refuse_start(error: BaseException, *, box: bool) -> int:
    """The window does not open: a refusal (another window has the store, the store is on a
    stick, not a database) is its sentence, exit 1; anything else is logged and said as the
    unexpected error with the log's place and the details to copy, exit 2. On stderr and, on a
    screen, in a box."""
    running = QApplication.instance()
    if box and not isinstance(running, QApplication):
        running = QApplication(sys.argv[:1])
    if isinstance(error, WarmVisitError):
        sentence = render(error, language())
        print(sentence, file=sys.stderr)
        if box:
            QMessageBox.warning(None, t("送温暖走访 WarmVisit"), sentence)
        return 1
    details = describe_error(error, versions=_versions())
    sentence = text("unexpected", language(), log=log_details(details))
    print(sentence, file=sys.stderr)
    if box:
        message = QMessageBox(QMessageBox.Icon.Critical, t("出错了"), sentence)
        copy = message.addButton(t("复制详情"), QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: _copy(details, copy.setText))
        message.addButton(QMessageBox.StandardButton.Ok)
        message.exec()
    return 2


def _copy(details: str, say: Callable[[str], None]) -> None:
    QApplication.clipboard().setText(details)
    say(t("已复制 ✓"))


def install_excepthook(show: Callable[[BaseException], None]) -> None:
    """Errors nothing caught (raised in a slot or an event handler) go to ``show`` (the
    window's error box) instead of a console nobody sees."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException,
             tb: TracebackType | None) -> None:  # fmt: skip
        if not isinstance(error, Exception):  # KeyboardInterrupt, SystemExit
            previous(kind, error, tb)
            return
        try:
            show(error)
        except Exception:  # the box itself failed: at least the console has it
            previous(kind, error, tb)

    sys.excepthook = hook
