"""Workbook helpers every XLSX writer uses: the first sheet of a new workbook, and rows whose
text stays text.

openpyxl stores any string that begins with ``=`` as a formula. A household named
``=HYPERLINK("http://…","点我")`` or a cost named ``=cmd|' /C calc'!A0`` would then run in the
clerk's Excel, so every row goes through ``append``: only a ``Formula`` (one the app wrote, =SUM…)
is kept as a formula, all other text is written as text. Text beginning ``+ - @`` is already
text to openpyxl and stays as typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.worksheet.worksheet import Worksheet


class Formula(str):
    """A formula the app itself wrote: the only text a workbook keeps as a formula."""


def first_sheet(wb: Workbook) -> Worksheet:
    sheet = wb.active
    if not isinstance(sheet, Worksheet):
        raise TypeError("a new workbook starts with one worksheet")
    return sheet


def as_text(cell: Cell) -> Cell:
    """``cell`` as text, though openpyxl took its value for a formula (the app did not write
    it: the caller knows)."""
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def cells(ws: Any, values: Iterable[Any]) -> list[Any]:
    """A row for ``ws.append`` (normal or write-only sheet) with the rule above applied."""
    row: list[Any] = []
    for value in values:
        if isinstance(value, str) and value.startswith("=") and not isinstance(value, Formula):
            row.append(as_text(WriteOnlyCell(ws, value=value)))
        else:
            row.append(value)
    return row


def append(ws: Any, values: Iterable[Any]) -> None:
    """``ws.append(values)``, text kept as text."""
    ws.append(cells(ws, values))
