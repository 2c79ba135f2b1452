"""What helps the team through the visit form (UX.md §3): Enter moves to the next field, Tab
leaves a choice group in one step, the focused group stands out, a refused field's message sits
beside the field (which takes the focus), and a side rail says per section 已填 or 未填.

The page (app/ui/visit_page.py) owns the form; ``FormAids`` is given its widgets by name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.i18n import pgettext
from app.ui.lang import t

# The focused control must show apart from the chosen one (the chosen is dark blue): an orange
# frame, thick enough for older eyes; meaning by the frame's shape, not only its colour.
FOCUS_STYLE = (
    " QPushButton:focus { border: 4px dashed #c45100; }"
    " QPushButton:checked:focus { border: 4px dashed #ffb366; }"
    " QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QDateEdit:focus"
    " { border: 3px solid #c45100; }"
)
ERROR_STYLE = "border: 3px solid #b00020;"

# The error keys of the visit's checks, and the field that answers each (by object name;
# a group's name for a choice group). The first empty of several fields takes the focus.
ERROR_FIELDS: Mapping[str, tuple[str, ...]] = {
    "visit.proxy_missing": ("proxyName", "proxyRelation", "proxyReason"),
    "visit.off_standard_reason": ("offReason",),
    "visit.negative": ("cash",),
    "visit.attempted_at": ("attemptedAt",),
    "visit.revisit_past": ("revisitOn",),
    "visit.answered_missing": ("answered",),
    "visit.answered": ("answered",),
    "visit.answered_unreachable": ("outcome",),
    "visit.no_answer_outcome": ("outcome",),
    "visit.handover_without_visit": ("outcome",),
    "visit.proxy_not_met": ("met",),
    "visit.phone_proxy": ("met",),
    "visit.cannot_sign": ("cannotSign",),
}
MONEY_PREFIX = "money."  # a cash amount that does not read as money

# The rail's sections (UX.md §3: 方式 · 结果 · 见到 · 看到的情况 · 意见建议 · 发放) and the
# widget each jumps to; their words are looked up with the context "form section".
SECTIONS = ("mode", "answered", "outcome", "met", "attempt", "conditions", "opinions", "handover")


def section_words() -> dict[str, str]:
    """Each section's name in the window's language (read when shown)."""
    return {
        "mode": pgettext("form section", "方式"),
        "answered": pgettext("form section", "接听"),
        "outcome": pgettext("form section", "结果"),
        "met": pgettext("form section", "见到"),
        "attempt": pgettext("form section", "再访"),
        "conditions": pgettext("form section", "看到的情况"),
        "opinions": pgettext("form section", "意见建议"),
        "handover": pgettext("form section", "发放"),
    }


def fit_bold(buttons: Sequence[QAbstractButton]) -> None:
    """Wide enough for the chosen style's bold text in its frame (else "1 At hom…" is cut)."""
    for button in buttons:
        font = QFont(button.font())
        font.setBold(True)
        wanted = QFontMetrics(font).horizontalAdvance(button.text()) + 28
        button.setMinimumWidth(max(button.minimumWidth(), wanted))


WIDE_ROW = 760  # px: a choice row wider than this (English words) goes to rows of three


def wrap_wide(form: QWidget, name: str, buttons: Sequence[QAbstractButton]) -> None:
    """The choice row ``name`` in rows of three when its buttons are too wide for one line
    (at 1366×768 or 125 % the form must not scroll sideways)."""
    row = form.findChild(QHBoxLayout, f"{name}Row")
    width = sum(b.minimumWidth() + 8 for b in buttons)
    if row is None or len(buttons) <= 3 or width <= WIDE_ROW:
        return
    grid = QGridLayout()
    grid.setSpacing(6)
    for n, button in enumerate(buttons):
        row.removeWidget(button)
        grid.addWidget(button, n // 3, n % 3)
    row.insertLayout(0, grid)


def field_names(key: str) -> tuple[str, ...]:
    if key.startswith(MONEY_PREFIX):
        return ("cash",)
    return ERROR_FIELDS.get(key, ())


class FormAids:
    """``groups``: the choice groups by name; ``find``: a field by object name."""

    def __init__(self, form: QWidget, groups: Mapping[str, QButtonGroup],
                 find: Callable[[str], QWidget | None]) -> None:  # fmt: skip
        self.form, self.groups, self._find = form, groups, find
        self.scroll: QScrollArea = form.findChild(QScrollArea, "scroll")
        grid = form.findChild(QGridLayout, "grid")
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020; font-size: 18px; font-weight: bold;")
        self.error_label.hide()
        self.grid = grid
        self._marked: QWidget | None = None
        self._holder: tuple[int, QVBoxLayout, QWidget | QLayout] | None = None
        self.rail = Rail(self.jump)
        outer = form.findChild(QVBoxLayout, "outer")
        index = outer.indexOf(self.scroll)
        outer.removeWidget(self.scroll)
        row = QHBoxLayout()
        row.addWidget(self.scroll, 1)
        row.addWidget(self.rail)
        outer.insertLayout(index, row, 1)
        for group in groups.values():
            group.idToggled.connect(lambda _id, _on, g=group: self.tab_stops(g))
            self.tab_stops(group)

    # --- keys ----------------------------------------------------------------------------

    @staticmethod
    def tab_stops(group: QButtonGroup) -> None:
        """Only the chosen button of a group is a Tab stop: Tab leaves the group in one step
        (1–9 and the arrows pick within it)."""
        for button in group.buttons():
            chosen = button.isChecked()
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if chosen
                                  else Qt.FocusPolicy.ClickFocus)  # fmt: skip

    def next_field(self, focused: QWidget | None) -> None:
        """Enter: the next field, as Tab would go (a choice group is left in one step)."""
        start = focused
        for _ in range(60):  # never round and round a form with nothing else to focus
            self.form.focusNextChild()
            now = QApplication.focusWidget()
            if now is None or now is start or not self._in_same_group(start, now):
                break
        now = QApplication.focusWidget()
        if now is not None:
            self.scroll.ensureWidgetVisible(now)

    def _in_same_group(self, a: QWidget | None, b: QWidget | None) -> bool:
        return any(a in g.buttons() and b in g.buttons() for g in self.groups.values())

    # --- a refused field -----------------------------------------------------------------

    def show_error(self, key: str, sentence: str) -> bool:
        """The sentence beside the field that answers ``key``, which takes the focus; False
        when no field answers it (the page says it by the buttons)."""
        self.clear_error()
        widget = self._field(field_names(key))
        if widget is None:
            return False
        self._marked = widget
        widget.setStyleSheet(ERROR_STYLE)
        self._under(self._grid_row(self.grid, widget))
        self.error_label.setText("✕ " + sentence)
        self.error_label.show()
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.ensureWidgetVisible(widget)
        return True

    def _under(self, row: int) -> None:
        """The sentence right under the field's cell: the cell's content and the sentence share
        a column (beside it, a narrow screen would squeeze the sentence to a word a line)."""
        item = self.grid.itemAtPosition(row, 1)
        if item is None:
            return
        content: QWidget | QLayout | None = item.widget() or item.layout()
        if content is None:
            return
        box = QVBoxLayout()
        box.setSpacing(2)
        _move(self.grid, box, content)
        box.addWidget(self.error_label)
        self.grid.addLayout(box, row, 1)
        self._holder = (row, box, content)

    def clear_error(self) -> None:
        self.error_label.hide()
        self.error_label.clear()
        if self._holder is not None:  # the field's cell as it was
            row, box, content = self._holder
            box.removeWidget(self.error_label)
            self.grid.removeItem(box)
            if isinstance(content, QWidget):
                box.removeWidget(content)
                self.grid.addWidget(content, row, 1)
            else:
                box.removeItem(content)
                content.setParent(None)
                self.grid.addLayout(content, row, 1)
            box.setParent(None)
            box.deleteLater()
            self._holder = None
        if self._marked is not None:
            self._marked.setStyleSheet("")
            self._marked = None

    def _field(self, names: Sequence[str]) -> QWidget | None:
        widgets: list[QWidget] = []
        for name in names:
            if name in self.groups:
                group = self.groups[name]
                chosen = group.checkedButton() or group.buttons()[0]
                widgets.append(chosen)
            elif (widget := self._find(name)) is not None:
                widgets.append(widget)
        empty = [w for w in widgets if hasattr(w, "text") and not isinstance(w, QAbstractButton)
                 and not w.text().strip()]  # fmt: skip
        return (empty or widgets or [None])[0]

    @staticmethod
    def _grid_row(grid: QGridLayout, widget: QWidget) -> int:
        for index in range(grid.count()):
            item = grid.itemAt(index)
            inner = item.layout()
            if item.widget() is widget or (inner is not None and _holds(inner, widget)):
                row: int = grid.getItemPosition(index)[0]  # type: ignore[index]
                return row
        return 0

    def jump(self, section: str) -> None:
        widget = self.rail.targets.get(section)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(widget)


def _move(grid: QGridLayout, box: QVBoxLayout, content: QWidget | QLayout) -> None:
    if isinstance(content, QWidget):
        grid.removeWidget(content)
        box.addWidget(content)
    else:
        grid.removeItem(content)
        content.setParent(None)  # a layout is added only without a parent
        box.addLayout(content)


def _holds(layout: QLayout, widget: QWidget) -> bool:
    for n in range(layout.count()):
        item = layout.itemAt(n)
        inner = item.layout()
        if item.widget() is widget or (inner is not None and _holds(inner, widget)):
            return True
    return False


class Rail(QWidget):
    """Per section of the form, 已填 or 未填 in words (not only colour); a click jumps there."""

    def __init__(self, jump: Callable[[str], None]) -> None:
        super().__init__()
        self.setObjectName("rail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        self.targets: dict[str, QWidget] = {}
        for name in SECTIONS:
            button = QPushButton()
            button.setObjectName(f"rail_{name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays in the form
            button.setMinimumHeight(52)  # two lines: the section, then 已填 or 未填
            button.clicked.connect(lambda _c=False, n=name: jump(n))
            layout.addWidget(button)
            self.buttons[name] = button
        layout.addStretch(1)

    def show_state(self, state: Mapping[str, bool | None], focused: str = "") -> None:
        """``state``: section → filled, or None when the section does not apply now."""
        words = section_words()
        for name, button in self.buttons.items():
            filled = state.get(name)
            button.setVisible(filled is not None)
            mark = "✓ " + t("已填") if filled else "○ " + t("未填")
            arrow = "▶ " if name == focused else ""
            button.setText(f"{arrow}{words[name]}\n{mark}")
            weight = "bold" if name == focused else "normal"
            colour = "#1b5e20" if filled else "#8a4b00"
            button.setStyleSheet(f"text-align: left; padding: 2px 8px; font-size: 16px;"
                                 f" font-weight: {weight}; color: {colour};")  # fmt: skip
