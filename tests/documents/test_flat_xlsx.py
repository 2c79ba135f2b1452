"""The flat XLSX writer: rows written by their shape's writer read back as the cell-by-cell
writer would have written them, text escaped and kept as text."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from app.documents import flat_xlsx
from app.documents.flat_xlsx import Cell, FlatSheet, write_flat_xlsx

CELLS = st.one_of(
    st.none(),
    st.sampled_from(["", "王甲子", "a&b", "x<y>", 'say "hi"', "=SUM(A1)", "tab\there", "\x01"]),
    st.text(max_size=6),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
)
SHEET = {"money": frozenset({6}), "bold": frozenset({0, 2}), "text": frozenset({2, 5})}


def _cell_by_cell(sheet: FlatSheet) -> bytes:
    """What the writer wrote before rows had writers by shape: every row cell by cell."""
    original = flat_xlsx._rows_xml

    def rows_xml(rows, sheet, plain, bold, parts):
        for r, row in enumerate(rows, start=1):
            parts.append(flat_xlsx._row_xml(r, row, bold if r - 1 in sheet.bold else plain))

    flat_xlsx._rows_xml = rows_xml
    try:
        return flat_xlsx._sheet_xml(sheet)
    finally:
        flat_xlsx._rows_xml = original


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(CELLS, max_size=9), max_size=12))
def test_rows_by_shape_are_written_as_cell_by_cell(rows: list[list[Cell]]) -> None:
    sheet = FlatSheet("s", rows, **SHEET)  # type: ignore[arg-type]
    assert flat_xlsx._sheet_xml(sheet) == _cell_by_cell(FlatSheet("s", rows, **SHEET))  # type: ignore[arg-type]


def test_a_long_list_reads_back_as_written(tmp_path: Path) -> None:
    rows: list[list[Cell]] = [["清单"], ["序号", "姓名", "卡号"]]
    rows += [[n, "王甲子" if n % 7 else "A&B <公司>", "6222****1234", n * 1.5] for n in range(500)]
    write_flat_xlsx(tmp_path / "l.xlsx", [FlatSheet("s", rows, **SHEET)])  # type: ignore[arg-type]
    read = list(openpyxl.load_workbook(tmp_path / "l.xlsx").worksheets[0].values)
    assert [list(r[: len(w)]) for r, w in zip(read, rows, strict=True)] == rows
