"""Roster files made to break the reader (issue 17): each is a sentence naming the file (and
the row), never a traceback, an abort or a file of ID numbers left behind."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest

from app.documents import xlsx_halves
from app.documents.roster_reader import MAX_CELL_CHARS, MAX_CSV_BYTES, read_roster_file
from app.domain.errors import InvalidInput
from app.i18n import render, text

HEADER = "姓名,身份证号,慰问类别"
ROWS = ["张三,110105194901011234,困难职工", "李四,110105195002021236,农民工"]


def refused(path: Path) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        read_roster_file(path)
    return caught.value


def test_a_cell_longer_than_excel_holds_is_named_by_row(tmp_path: Path) -> None:
    path = tmp_path / "长.csv"
    path.write_text("\n".join([HEADER, ROWS[0], "王五,1," + "x" * 200_000]), encoding="utf-8")
    e = refused(path)
    assert (e.key, e.params["row"], e.params["limit"]) == (
        "roster.cell_too_long",
        3,
        MAX_CELL_CHARS,
    )
    assert text(e.key, "zh", **e.params).startswith("文件“长.csv”第3行有一个单元格超过32767个字符")


def test_a_10_mb_line_is_refused_as_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "一行.csv"
    path.write_bytes(b"x" * (10 * 1024 * 1024))
    e = refused(path)
    assert (e.key, e.params["row"]) == ("roster.cell_too_long", 1)


def test_a_line_wider_than_excel_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "宽.csv"
    path.write_bytes("\n".join([HEADER, ROWS[0]]).encode() + b"\n" + b"a," * (5 * 1024 * 1024))
    e = refused(path)
    assert (e.key, e.params["row"], e.params["columns"]) == (
        "roster.too_wide",
        3,
        5 * 1024 * 1024 + 1,
    )


def test_a_cell_as_long_as_excel_holds_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_text("\n".join([HEADER, "王五,1," + "x" * MAX_CELL_CHARS]), encoding="utf-8")
    assert len(read_roster_file(path).rows[1][2]) == MAX_CELL_CHARS  # type: ignore[arg-type]


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_any_line_ending_reads_the_same(tmp_path: Path, ending: str) -> None:
    path = tmp_path / "行尾.csv"
    path.write_bytes(ending.join([HEADER, *ROWS, ""]).encode("gb18030"))
    assert read_roster_file(path).rows == [r.split(",") for r in [HEADER, *ROWS]]


def _sheet_xml(rows: str) -> str:
    return ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{rows}</sheetData></worksheet>")  # fmt: skip


def _workbook(path: Path, sheet_xml: str, *, padding: int = 0) -> Path:
    """A minimal .xlsx with the given first sheet (padded with spaces that compress away)."""
    book = openpyxl.Workbook()
    book.active["A1"] = "姓名"
    book.save(path)
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as new:
        for part in old.infolist():
            data = old.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml.encode() + b" " * padding
            new.writestr(part.filename, data)
    tmp.replace(path)
    return path


@pytest.mark.parametrize(
    ("rows", "named"),
    [
        ('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>'
         '<c r="XFD1048576" t="inlineStr"><is><t>y</t></is></c></row>', "XFD1048576"),
        ('<row r="99999999999"><c r="A99999999999" t="inlineStr"><is><t>x</t></is></c></row>',
         "99999999999"),
        ('<row r="1"><c t="n" s="0" r="AAA1"><v>1</v></c></row>', "AAA1"),
    ],
)  # fmt: skip
def test_a_sheet_reaching_far_is_refused_before_it_is_read(
    tmp_path: Path, rows: str, named: str
) -> None:
    path = _workbook(tmp_path / "远.xlsx", _sheet_xml(rows))
    assert path.stat().st_size < 8192
    e = refused(path)
    assert (e.key, e.params["cell"]) == ("roster.far_cell", named)
    assert named in render(e, "en")


def test_a_sheet_that_inflates_far_beyond_its_file_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "胀.xlsx", _sheet_xml('<row r="1"></row>'), padding=40 * 2**20)
    assert path.stat().st_size < 1024 * 1024
    assert refused(path).key == "roster.inflates"


def test_a_big_sheet_read_in_halves_leaves_no_file_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_halves, "SPLIT_FROM", 0)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    book = openpyxl.Workbook()
    for r in [HEADER, *ROWS] * 50:
        book.active.append(r.split(","))
    path = tmp_path / "roster.xlsx"
    book.save(path)
    assert xlsx_halves.read_first_sheet_in_halves(path) is not None  # it was cut in two
    assert len(read_roster_file(path).rows) == 150
    assert list(scratch.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.xlsx", "tmp"]


def test_a_csv_larger_than_any_roster_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "大.csv"
    with path.open("wb") as f:
        f.write((HEADER + "\n").encode())
        f.truncate(MAX_CSV_BYTES + 1)
    e = refused(path)
    assert (e.key, e.params["limit_mb"]) == ("roster.too_big", 64)
