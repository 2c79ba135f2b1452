"""Starting the window: the application object, fonts, language, the error box for what no
handler caught, and the screenshot mode."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app.services.infra.context import open_store
from app.store.db import Store

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def run_gui(
    db_path: Path, *, lang: str = "zh", screenshot: Path | None = None,
    size: tuple[int, int] = (1366, 768),
) -> int:  # fmt: skip
    if screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer

    app, store, window = open_window(db_path, lang=lang, size=size)
    if screenshot is not None:

        def save() -> None:
            window.grab().save(str(screenshot))
            app.quit()

        QTimer.singleShot(300, save)  # after the first paint
    code = app.exec()
    window.close()  # stops a background job before Qt and the store go
    store.close()
    return code


def open_window(
    db_path: Path, *, lang: str = "zh", size: tuple[int, int] = (1366, 768)
) -> tuple[Any, Store, MainWindow]:
    """The application, the store and the team window, shown (also what the benchmark opens)."""
    from PySide6.QtWidgets import QApplication

    from app.ui.errors import install_excepthook
    from app.ui.fonts import register_fonts, ui_font
    from app.ui.lang import install_qt, set_language
    from app.ui.main_window import MainWindow

    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    set_language(lang)
    families = register_fonts()
    app.setFont(ui_font(families))
    # CI and many Linux boxes say LANG=C.UTF-8: the language is always chosen explicitly.
    install_qt(app)
    store = open_store(db_path, cache_mb=8)  # the window reads a screen of rows at a time
    window = MainWindow(store, db_path)
    # An error no handler caught: logged (app/logs.py, the CLI's file) and shown in a box.
    install_excepthook(window.show_error)
    window.setWindowTitle(f"{window.windowTitle()} {__version__}")  # which release, at a glance
    window.resize(*size)
    window.show()
    return app, store, window


def draw_offscreen(db_path: Path, *, lang: str = "zh") -> tuple[int, int, str]:
    """The window drawn once, on no display (the self-test): the image's size and the title."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app, store, window = open_window(db_path, lang=lang)
    try:
        app.processEvents()
        image = window.grab().toImage()
        size = (0, 0) if image.isNull() else (image.width(), image.height())
        return (*size, window.windowTitle())
    finally:
        window.close()
        store.close()
