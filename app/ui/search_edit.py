"""The search box: also searches on the Chinese IME's pre-edit text.

With the IME in Chinese mode, typing "zs" stays in pre-edit and never reaches text(); the
team still expects 张三 to show up, so the pre-edit letters are searched too (UX.md §2).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QLineEdit

# Keys the box hands to the list, so the team moves and opens without leaving the box.
_MOVES = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
_OPENS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SearchEdit(QLineEdit):
    queryChanged = Signal(str)  # noqa: N815 - Qt naming
    openRequested = Signal()  # noqa: N815 - Enter in the box: open the list's current row

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._preedit = ""
        self.list_view: QAbstractItemView | None = None
        self.textChanged.connect(lambda _text: self.queryChanged.emit(self.query()))

    @classmethod
    def in_place_of(cls, old: QLineEdit, label: QLabel) -> SearchEdit:
        """A search box where a form has a plain line edit: its name, hint and label kept."""
        edit = cls(old.parentWidget())
        edit.setObjectName(old.objectName())
        edit.setPlaceholderText(old.placeholderText())
        edit.setClearButtonEnabled(True)
        edit.setMinimumHeight(44)
        old.parentWidget().layout().replaceWidget(old, edit)
        old.deleteLater()
        label.setBuddy(edit)
        return edit

    def drive(self, view: QAbstractItemView) -> None:
        """↑ ↓ PgUp PgDn move in ``view``, Enter opens; Tab goes to ``view`` and Tab in it leaves
        it (not cell by cell)."""
        self.list_view = view
        view.setTabKeyNavigation(False)
        QLineEdit.setTabOrder(self, view)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        view = self.list_view
        if view is not None and not self._preedit and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):  # fmt: skip
            if event.key() in _MOVES:
                QApplication.sendEvent(view, event)
                return
            if event.key() in _OPENS:
                self.openRequested.emit()
                return
        super().keyPressEvent(event)

    def query(self) -> str:
        return self.text() + self._preedit

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802
        preedit = event.preeditString().replace("'", "")
        self._preedit = preedit if preedit.isascii() and preedit.isalpha() else ""
        super().inputMethodEvent(event)
        self.queryChanged.emit(self.query())
