"""Printing from the window: a document written off the GUI thread to the 打印 folder beside the
database; then a box says where it is and offers 打印 (Windows: the PDF application's own
print verb, which prints to the default printer; elsewhere, the viewer), 查看 (the viewer) and
打开文件夹. A failure never touches the record: it can be printed again later."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import pgettext
from app.services.infra.context import open_store
from app.ui.lang import language, t
from app.ui.worker import start_job


def print_folder(db_path: Path) -> Path:
    return db_path.parent / pgettext("folder", "打印")


def open_url(url: QUrl) -> bool:
    """The system opens ``url`` (a file in its viewer, a folder in the file manager); not on a
    screenless test run."""
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return False
    return QDesktopServices.openUrl(url)


def open_document(path: Path) -> None:
    """Show a written PDF in the system's viewer."""
    open_url(QUrl.fromLocalFile(str(path)))


def print_document(path: Path) -> None:
    """Windows: the PDF application prints it to the default printer (its "print" verb); where
    there is none, or elsewhere, the viewer opens and prints (Ctrl+P)."""
    if sys.platform == "win32" and QGuiApplication.platformName() == "windows":
        try:
            os.startfile(str(path), "print")  # type: ignore[attr-defined]  # noqa: S606
            return
        except OSError:
            pass  # no application registered to print PDFs: the viewer, then
    open_document(path)


def saved_box(parent: QWidget, path: Path) -> QMessageBox:
    """Where the file is, and what to do with it, in one box (non-modal)."""
    box = QMessageBox(parent)
    box.setWindowTitle(t("已保存"))
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(t("文件已保存在：\n{folder}\n文件名：{name}", folder=path.parent, name=path.name))
    printing = box.addButton(t("打印(&P)"), QMessageBox.ButtonRole.AcceptRole)
    viewing = box.addButton(t("查看(&V)"), QMessageBox.ButtonRole.ActionRole)
    folder = box.addButton(t("打开文件夹(&O)"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(t("关闭"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(printing)
    actions = {printing: lambda: print_document(path), viewing: lambda: open_document(path),
               folder: lambda: open_url(QUrl.fromLocalFile(str(path.parent)))}  # fmt: skip

    def clicked(button: object) -> None:
        for known, act in actions.items():
            if button is known:
                act()

    box.buttonClicked.connect(clicked)
    box.open()
    return box


def print_in_background(
    parent: QObject, db_path: Path, kind: str, key: str, *, id_number: str, name: str,
    team: str, on_done: Callable[[Path], None], on_error: Callable[[object], None],
) -> QThread:  # fmt: skip
    """``kind``: receipt (key: visit id), letter (of the household ``id_number``), daily-log
    (key: the ISO day, for ``team``)."""
    folder = print_folder(db_path)
    lang = language()  # the document speaks the window's language

    def work(_progress: Any) -> Any:
        # reportlab loads when printing
        from app.services.printing import daily_log, letters, receipts

        folder.mkdir(parents=True, exist_ok=True)
        with open_store(db_path) as own:
            if kind == "receipt":
                return receipts.print_visit_receipt(
                    own, key, folder / t("签收单-{key}.pdf", key=key[:8]), lang=lang
                )
            if kind == "letter":
                return letters.print_letters(own, folder / t("慰问信-{name}.pdf", name=name),
                                             households=[id_number], lang=lang)  # fmt: skip
            return daily_log.print_daily_log(own, folder / t("走访日志-{day}.pdf", day=key),
                                             team=team, day=key, lang=lang)  # fmt: skip

    def done(printed: Any) -> None:
        on_done(printed.path)

    return start_job(parent, work, done, on_error)
