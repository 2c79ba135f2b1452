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
    from PySide6.QtWidgets import QWidget

    from app.ui.main_window import MainWindow


def run_gui(
    db_path: Path, *, lang: str = "zh", screenshot: Path | None = None,
    size: tuple[int, int] | None = None,
) -> int:  # fmt: skip
    if screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        size = size or (1366, 768)
    app, store, window = open_window(db_path, lang=lang, size=size)
    if screenshot is not None:
        save_at_first_paint(app, window, screenshot)
    code = app.exec()
    window.close()  # stops a background job before Qt and the store go
    store.close()
    return code


def save_at_first_paint(app: Any, window: QWidget, path: Path) -> None:
    """``gui --screenshot``: the window saved as soon as it is first painted (no fixed wait:
    the benchmark measures the start as the team sees it), then the application quits."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
                self.seen = True
                QTimer.singleShot(0, save)  # once this paint is done
            return False

    def save() -> None:
        window.grab().save(str(path))
        app.quit()

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)


def open_window(
    db_path: Path, *, lang: str = "zh", size: tuple[int, int] | None = None
) -> tuple[Any, Store, MainWindow]:
    """The application, the store and the team window, shown (also what the benchmark opens):
    at ``size``, or as the team left it, or maximised on a small screen."""
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
    if size is None:
        from app.ui.window_state import place

        place(window, db_path)
        window.remember_state = True  # and kept when it closes
    else:
        window.resize(*size)
        window.show()
    return app, store, window


def draw_offscreen(db_path: Path, *, lang: str = "zh") -> tuple[int, int, str]:
    """The window drawn once, on no display (the self-test): the image's size and the title."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app, store, window = open_window(db_path, lang=lang, size=(1366, 768))
    try:
        app.processEvents()
        image = window.grab().toImage()
        size = (0, 0) if image.isNull() else (image.width(), image.height())
        return (*size, window.windowTitle())
    finally:
        window.close()
        store.close()
