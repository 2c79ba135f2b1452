"""The first sheet of a new openpyxl workbook, as a worksheet (``Workbook.active`` is typed as
possibly a chart sheet or nothing; a new workbook always has one worksheet)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet


def first_sheet(wb: Workbook) -> Worksheet:
    sheet = wb.active
    if not isinstance(sheet, Worksheet):
        raise TypeError("a new workbook starts with one worksheet")
    return sheet
