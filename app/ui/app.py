"""Starting the window: the application object, fonts, language, the error box for what no
handler caught, and the screenshot mode."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app.services.infra.context import is_office, open_store
from app.store.db import Store

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.ui.main_window import MainWindow
    from app.ui.office.window import OfficeWindow


def run_gui(
    db_path: Path, *, lang: str = "zh", screenshot: Path | None = None,
    size: tuple[int, int] | None = None,
) -> int:  # fmt: skip
    if screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        size = size or (1366, 768)
    from app.domain.errors import WarmVisitError
    from app.services.infra.store_lock import take_store

    on_screen = os.environ.get("QT_QPA_PLATFORM") != "offscreen"
    try:  # one window per store, and not on a stick or a share
        held = take_store(db_path)
    except WarmVisitError as refusal:
        return _not_started(refusal, lang, on_screen)
    try:
        return _run(db_path, lang, screenshot, size)
    except Exception as error:  # before the window could show it: a store that will not open
        return _not_started(error, lang, on_screen)
    finally:
        held.release()


def _not_started(error: Exception, lang: str, on_screen: bool) -> int:
    """A packaged window has no console: the reason it did not open goes in a box too."""
    from app.ui.errors import refuse_start
    from app.ui.lang import set_language

    set_language(lang)
    return refuse_start(error, box=on_screen)


def _run(db_path: Path, lang: str, screenshot: Path | None, size: tuple[int, int] | None
         ) -> int:  # fmt: skip
    app, store, window = open_window(db_path, lang=lang, size=size)
    copying = _start_backup(db_path)
    if screenshot is not None:
        save_at_first_paint(app, window, screenshot)
    code = app.exec()
    window.close()  # stops a background job before Qt and the store go
    copying.join()
    window.deleteLater()  # its idle watcher filters the application's events: gone with it
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


def _start_backup(db_path: Path) -> threading.Thread:
    """The automatic copy at each start (app/services/infra/backup.py), beside the first
    paint rather than before it; a failure is logged, never in the way of the visit."""
    from app.logs import log_unexpected
    from app.services.infra.backup import automatic_backup

    def copy() -> None:
        try:
            if str(db_path) != ":memory:":
                automatic_backup(db_path, "start")
        except Exception as error:  # noqa: BLE001 (a full disk must not stop the window)
            log_unexpected(error)

    thread = threading.Thread(target=copy, name="start-backup")
    thread.start()
    return thread


def open_window(
    db_path: Path, *, lang: str = "zh", size: tuple[int, int] | None = None
) -> tuple[Any, Store, MainWindow | OfficeWindow]:
    """The application, the store and the window that fits it — the office's on the central
    office's store, else the team window — shown (also what the benchmarks open): at ``size``,
    or as it was left, or maximised on a small screen."""
    from PySide6.QtWidgets import QApplication

    from app.settings import get_setting
    from app.ui.backup_action import install_backup_action
    from app.ui.errors import install_excepthook
    from app.ui.fonts import register_fonts, ui_font
    from app.ui.lang import install_qt, set_language

    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv[:1])
    set_language(lang)
    families = register_fonts()
    # The user's settings (app/settings.py): a preferred face and a bigger size for old eyes.
    app.setFont(ui_font(families, get_setting("font"), int(get_setting("font_size"))))
    # CI and many Linux boxes say LANG=C.UTF-8: the language is always chosen explicitly.
    install_qt(app)
    store = open_store(db_path, cache_mb=8)  # the window reads a screen of rows at a time
    window: MainWindow | OfficeWindow
    office = is_office(store)
    if office:
        from app.ui.office.window import OfficeWindow

        window = OfficeWindow(store, db_path)  # its title names the campaign and the release
    else:
        from app.ui.main_window import MainWindow

        window = MainWindow(store, db_path)
        install_backup_action(window, db_path)  # kept alive by its button and shortcut
        window.setWindowTitle(f"{window.windowTitle()} {__version__}")  # which release
    # An error no handler caught: logged (app/logs.py, the CLI's file) and shown in a box.
    install_excepthook(window.show_error)
    if size is None:
        from app.ui.window_state import place

        place(window, db_path, "office" if office else "team")
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
