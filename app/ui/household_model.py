"""The household list as a Qt model: holds ids, fetches display rows a page at a time.

Filtering and sorting happen in SQL (app.services.search.lookup); a proxy model over 100,000
rows costs seconds and a hundred megabytes, a re-query tens of milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from app.domain.money import format_fen
from app.domain.visits import NOT_MET, Outcome
from app.i18n import N_, label
from app.services.search.lookup import ListRow, VisitStatus, rows_for
from app.store.db import Store
from app.ui.lang import t

PAGE = 60  # rows read at a time: a screen or two
Index = QModelIndex | QPersistentModelIndex
_ICONS = {None: "○", Outcome.VISITED: "✓", Outcome.NOT_HOME: "✕"}


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_RECORD = int(Qt.ItemDataRole.UserRole) + 1


# The columns that show the row alone, in column order (NAME to AMOUNT): looked up by number,
# as a chain of comparisons costs more per cell than the answer.
def _amount(row: ListRow) -> str:
    """The category's cash, or that it goes to the bank card: never a sum to hand over."""
    if row.cash_fen is None:
        return "-"
    if row.transfer:
        return t("转账 {amount}", amount=format_fen(row.cash_fen))
    return format_fen(row.cash_fen)


_ROW_TEXT: tuple[Callable[[ListRow], str], ...] = (
    lambda row: row.name,
    lambda row: row.id_number[-4:],  # under the header 身份证尾号; full IDs never in lists
    lambda row: row.address or row.street,
    lambda row: row.category or "-",
    _amount,
)


class HouseholdTable(QAbstractTableModel):
    NAME, ID_TAIL, ADDRESS, CATEGORY, AMOUNT, PLANNED, STATUS = range(7)

    HEADERS = (N_("姓名"), N_("身份证尾号"), N_("住址"), N_("慰问类别"), N_("应发金额"),
               N_("计划日期"), N_("状态"))  # fmt: skip

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self._ids: Sequence[str] = []
        self._rows: dict[str, ListRow] = {}
        self._status: dict[str, VisitStatus] = {}
        self._drafts: frozenset[str] = frozenset()
        self._headers = [t(h) for h in self.HEADERS]  # asked for hundreds of times a reset

    def load(self, ids: Sequence[str], status: dict[str, VisitStatus],
             drafts: frozenset[str] = frozenset()) -> None:  # fmt: skip
        # Unvisited first, then those to visit again (not at home, not reached), the finished
        # last (UX.md §2), keeping the search order within each group: passes over sets, not
        # a sort of 100,000 keys.
        done = {h for h, s in status.items() if s.outcome is not None and not _again(s)}
        again = {h for h, s in status.items() if _again(s)}
        if done or again:
            ids = ([h for h in ids if h not in done and h not in again]
                   + [h for h in ids if h in again] + [h for h in ids if h in done])  # fmt: skip
        self.beginResetModel()
        self._ids, self._rows, self._status, self._drafts = ids, {}, status, drafts
        self.endResetModel()

    def household_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks each cell for eight roles or so; only two are answered, so they are
        # told apart first, by plain numbers (an enum comparison costs more than the answer).
        if role == _RECORD:
            return self._ids[index.row()] if index.isValid() else None
        if role != _DISPLAY or not index.isValid():
            return None
        household_id = self._ids[index.row()]
        row = self._rows.get(household_id) or self._fetch(index.row())
        column = index.column()
        if column < self.PLANNED:
            return _ROW_TEXT[column](row)
        return self._status_text(column, row, household_id)

    def _status_text(self, column: int, row: ListRow, household_id: str) -> str:
        status = self._status.get(household_id)
        if column == self.PLANNED:  # a planned revisit replaces the assignment's date
            planned = (status.revisit_on if status else None) or row.planned_date
            return planned.isoformat() if planned else "-"
        outcome = status.outcome if status else None
        if household_id in self._drafts and (status is None or _again(status)):
            return "✎" + t("草稿")  # a visit being recorded: the team comes back to it
        if status is not None and status.unreached:
            return "✕" + t("未联系到本人")
        text = label(outcome) if outcome else t("未走访")
        return f"{_ICONS.get(outcome, '•')}{text}"  # text and icon: never by colour alone

    def longest_texts(self) -> dict[int, tuple[str, ...]]:
        """Every text the date and status columns can show, so they are never cut."""
        statuses = [f"{_ICONS.get(o, '•')}{label(o)}" for o in Outcome]
        statuses += ["○" + t("未走访"), "✕" + t("未联系到本人"), "✎" + t("草稿")]
        return {self.PLANNED: ("2027-12-28",), self.STATUS: tuple(statuses)}

    def _fetch(self, row: int) -> ListRow:
        start = (row // PAGE) * PAGE
        page = self._ids[start : start + PAGE]
        self._rows.update(rows_for(self._store, page))
        return self._rows[self._ids[row]]


def _again(status: VisitStatus) -> bool:
    """Not at home or not reached: to be visited again."""
    return status.outcome in NOT_MET or status.unreached


def fit_columns(view: QTableView) -> dict[int, int]:
    """Columns as wide as the first screen's cells; the date and the status as wide as their
    longest possible text (never "•联系…"); the address takes the rest. Measured once here,
    not again on every key (measuring asked 20 rows × 6 columns for 8 roles each time).
    Returns the widths wanted, for ``squeeze_columns``."""
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(20)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    model = view.model()
    assert isinstance(model, HouseholdTable)
    metrics = view.fontMetrics()
    bold = header.fontMetrics()
    wanted: dict[int, int] = {}
    for column in range(len(HouseholdTable.HEADERS)):
        if column == HouseholdTable.ADDRESS:
            continue
        view.resizeColumnToContents(column)
        wanted[column] = header.sectionSize(column)
    for column, texts in model.longest_texts().items():
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        widest = max(metrics.horizontalAdvance(x) for x in texts)
        wanted[column] = max(widest + 20, bold.horizontalAdvance(title) + 24)
    header.setSectionResizeMode(HouseholdTable.ADDRESS, QHeaderView.ResizeMode.Stretch)
    squeeze_columns(view, wanted)
    return wanted


# Given up first when the list is narrow (125 % on 1366×768): long words are shortened with
# "…"; the date, the status and the amount never are.
_SQUEEZE = (HouseholdTable.CATEGORY, HouseholdTable.NAME, HouseholdTable.ID_TAIL)
_ADDRESS_MIN = 90  # the card beside the list shows the whole address


def squeeze_columns(view: QTableView, wanted: dict[int, int]) -> None:
    """The widths ``wanted``, narrowed where the list is too narrow for all of them: no
    sideways scrolling at 100 % or 125 % on 1366×768."""
    header = view.horizontalHeader()
    widths = dict(wanted)
    header_font = header.fontMetrics()
    model = view.model()
    excess = sum(widths.values()) + _ADDRESS_MIN - view.viewport().width()
    for column in _SQUEEZE:
        if excess <= 0:
            break
        # Never narrower than the column's title: a cut name reads, a cut title does not.
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        floor = header_font.horizontalAdvance(title) + 16
        cut = max(0, min(excess, widths[column] - floor))
        widths[column] -= cut
        excess -= cut
    for column, width in widths.items():
        header.resizeSection(column, width)
