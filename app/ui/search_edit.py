"""The search box: also searches on the Chinese IME's pre-edit text.

With the IME in Chinese mode, typing "zs" stays in pre-edit and never reaches text(); the
team still expects 张三 to show up, so the pre-edit letters are searched too (UX.md §2).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QLabel, QLineEdit


class SearchEdit(QLineEdit):
    queryChanged = Signal(str)  # noqa: N815 - Qt naming

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._preedit = ""
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

    def query(self) -> str:
        return self.text() + self._preedit

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802
        preedit = event.preeditString().replace("'", "")
        self._preedit = preedit if preedit.isascii() and preedit.isalpha() else ""
        super().inputMethodEvent(event)
        self.queryChanged.emit(self.query())
