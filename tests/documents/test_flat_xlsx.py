"""The flat XLSX writer: a long list reads back as written, text escaped and kept as text."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from app.documents.flat_xlsx import Cell, FlatSheet, write_flat_xlsx

SHEET = {"money": frozenset({6}), "bold": frozenset({0, 2}), "text": frozenset({2, 5})}


def test_a_long_list_reads_back_as_written(tmp_path: Path) -> None:
    rows: list[list[Cell]] = [["清单"], ["序号", "姓名", "卡号"]]
    rows += [[n, "王甲子" if n % 7 else "A&B <公司>", "6222****1234", n * 1.5] for n in range(500)]
    write_flat_xlsx(tmp_path / "l.xlsx", [FlatSheet("s", rows, **SHEET)])  # type: ignore[arg-type]
    read = list(openpyxl.load_workbook(tmp_path / "l.xlsx").worksheets[0].values)
    assert [list(r[: len(w)]) for r, w in zip(read, rows, strict=True)] == rows
