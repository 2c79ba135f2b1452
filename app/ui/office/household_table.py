"""The office's household table as a Qt model: all matching ids held, rows read ~60 at a time
(UX-OFFICE.md §2). No proxy model and no fetchMore: the scrollbar is the whole filter's from
the start; filtering and sorting are the services' (app.services.households.office)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain.eligibility import Rule
from app.domain.money import format_fen
from app.domain.visits import Outcome
from app.i18n import N_, label
from app.services.households.office import Extras, OfficeRow, office_rows, rules_for
from app.store.db import Store
from app.ui.lang import t

PAGE = 60
Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ICONS = {Outcome.VISITED: "✓", Outcome.NOT_HOME: "✕"}

# (header, the sort a click on it asks the service for; None: not sortable)
COLUMNS = (
    (N_("姓名"), "name"), (N_("身份证号"), None), (N_("单位"), "unit"), (N_("街道"), "street"),
    (N_("类别"), "category"), (N_("依据"), None), (N_("状态"), "status"), (N_("慰问组"), "team"),
    (N_("走访"), None), (N_("应发"), None), (N_("已发"), None), (N_("问题"), None),
)  # fmt: skip
NAME, ID, UNIT, STREET, CATEGORY, RULE, STATUS, TEAM, VISIT, DUE, PAID, FLAGS = range(12)


def _due(row: OfficeRow) -> str:
    return format_fen(row.due_fen) if row.due_fen is not None else "-"


# The columns a row shows by itself, by column number (RULE and after: from the extras).
_OWN: dict[int, Callable[[OfficeRow], str]] = {
    NAME: lambda row: row.name, ID: lambda row: row.id_masked, UNIT: lambda row: row.unit,
    STREET: lambda row: row.street, CATEGORY: lambda row: row.category or "-",
    STATUS: lambda row: label(row.status), TEAM: lambda row: row.team or t("未分组"), DUE: _due,
}  # fmt: skip


class OfficeTable(QAbstractTableModel):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self._ids: Sequence[str] = []
        self._rows: dict[str, OfficeRow] = {}
        self._rules: dict[str, Rule | None] = {}  # read with each page of rows
        self.extras: Extras | None = None  # None until the worker has read them
        self._headers = [t(h) for h, _sort in COLUMNS]

    def load(self, ids: Sequence[str]) -> None:
        self.beginResetModel()
        self._ids, self._rows = ids, {}
        self.endResetModel()

    def set_extras(self, extras: Extras) -> None:
        self.extras = extras
        if self._ids:
            self.dataChanged.emit(self.index(0, RULE), self.index(len(self._ids) - 1, FLAGS))

    def forget_rows(self) -> None:
        """Read the rows again when next shown (a status changed)."""
        self._rows, self._rules = {}, {}
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, FLAGS))

    @property
    def ids(self) -> Sequence[str]:
        return self._ids

    def household_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (_DISPLAY, _TOOLTIP) or not index.isValid():
            return None
        hid = self._ids[index.row()]
        row = self._rows.get(hid) or self._fetch(index.row())
        return self.text(index.column(), row)

    def text(self, column: int, row: OfficeRow) -> str:
        if column <= TEAM or column == DUE:
            return self._own(column, row)
        extras = self.extras
        if extras is None:
            return "…"  # read after the first paint
        if column == VISIT:
            visit = extras.visits.get(row.id)
            outcome = visit.outcome if visit else None
            return f"{_ICONS.get(outcome, '○')}{label(outcome) if outcome else t('未走访')}"
        if column == PAID:
            visit = extras.visits.get(row.id)
            return format_fen(visit.paid_fen) if visit and visit.paid_fen else ""
        n = extras.flags.get(row.id, 0)
        return f"⚑{n}" if n else ""

    def _own(self, column: int, row: OfficeRow) -> str:
        if column == RULE:
            rule = self._rules.get(row.id)
            return label(rule) if rule else t("待审")
        return _OWN[column](row)

    def _fetch(self, row: int) -> OfficeRow:
        start = (row // PAGE) * PAGE
        page = list(self._ids[start : start + PAGE])
        self._rows.update(office_rows(self._store, page))
        self._rules.update(rules_for(self._store, page))
        return self._rows[self._ids[row]]
