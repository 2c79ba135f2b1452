"""What every page of the office window is: a widget over the office's store, with a title,
that reads again when told the store changed and tells the window when it changed it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.store.db import Store


class OfficePage(QWidget):
    """A page reads through the services only, and writes only when the clerk applies."""

    # Emitted after this page applied something: the window asks the other pages to refresh.
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store

    def title(self) -> str:
        """The page's name in the window's list, in the window's language."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Read again what the page shows (the store changed elsewhere)."""
