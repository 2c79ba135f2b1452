"""Printing from the window: a document written off the GUI thread to the 打印 folder beside the
database, then opened in the system's PDF viewer, which previews and prints. A failure never
touches the record: it can be printed again later."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from app.i18n import pgettext
from app.services.infra.context import open_store
from app.ui.lang import language, t
from app.ui.worker import start_job


def print_folder(db_path: Path) -> Path:
    return db_path.parent / pgettext("folder", "打印")


def open_document(path: Path) -> None:
    """Show a written PDF in the system's viewer (not on a screenless test run)."""
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


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
        open_document(printed.path)

    return start_job(parent, work, done, on_error)
