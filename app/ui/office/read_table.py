"""A read-only table of a few hundred rows for the office pages' previews and ledgers: whole
rows selected, no word wrap, amounts and numbers to the right, every cell's text also its
tooltip (a cut cell shows whole on hover)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QWidget


def read_table(
    headers: Sequence[str] = (),
    rows: Sequence[Sequence[object]] = (),
    parent: QWidget | None = None,
) -> QTableWidget:
    table = QTableWidget(parent)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    fill(table, headers, rows)
    return table


def fill(table: QTableWidget, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels(list(headers))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(str(value))
            item.setToolTip(str(value))
            if isinstance(value, int) or str(value).startswith(("¥", "-¥")):  # amounts
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()  # a few hundred rows at most: cheap here


def cells(table: QTableWidget, column: int) -> list[str]:
    """The texts of one column, top to bottom."""
    return [table.item(r, column).text() for r in range(table.rowCount())]
