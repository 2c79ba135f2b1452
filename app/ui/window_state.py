"""Where the team window opens: maximised on a small screen (1366×768 less the taskbar and
the title bar leaves no room to spare: 开始走访 fell off the bottom), and after that as the
team left it. The state is kept in a small file beside the database (one laptop, one store),
not in the store: it is the machine's, not a record."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

SMALL = (1600, 900)  # a screen smaller than this in logical px opens the window maximised
NORMAL = (1366, 768)  # the size on a larger screen, the first time
FILE = "warmvisit-window.ini"


def _settings(db_path: Path) -> QSettings | None:
    if str(db_path) == ":memory:":
        return None
    return QSettings(str(db_path.parent / FILE), QSettings.Format.IniFormat)


def place(window: QWidget, db_path: Path, key: str = "team") -> None:
    """Show ``window`` as it was left, or maximised on a small screen, else at 1366×768."""
    settings = _settings(db_path)
    geometry = settings.value(f"{key}/geometry") if settings else None
    if geometry is not None and window.restoreGeometry(geometry):
        if str(settings.value(f"{key}/maximised", "false")).lower() == "true":
            window.showMaximized()
        else:
            window.show()
        return
    screen = window.screen().availableGeometry()
    if screen.width() < SMALL[0] or screen.height() < SMALL[1]:
        window.showMaximized()
        return
    window.resize(*NORMAL)
    frame = window.frameGeometry()
    frame.moveCenter(screen.center())
    window.move(frame.topLeft())
    window.show()


def remember(window: QWidget, db_path: Path, key: str = "team") -> None:
    """Kept when the window closes: where it was, and whether it was maximised."""
    settings = _settings(db_path)
    if settings is None:
        return
    settings.setValue(f"{key}/geometry", window.saveGeometry())
    settings.setValue(f"{key}/maximised", window.isMaximized())
    settings.sync()
