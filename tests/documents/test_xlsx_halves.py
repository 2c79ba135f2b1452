"""A big sheet parsed in two halves reads exactly as one parse of the whole file, or not at all."""

from __future__ import annotations

import datetime
import re
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from app.documents import xlsx_halves
from app.documents.roster_files import write_roster_xlsx
from app.documents.roster_reader import read_roster_file
from app.documents.xlsx_halves import read_first_sheet_in_halves
from app.domain.errors import InvalidInput
from app.services.demo.households import ROSTER_HEADER, generate_households, roster_row

SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture(autouse=True)
def split_every_sheet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small test files are split too (the real threshold is ~10,000 rows)."""
    monkeypatch.setattr(xlsx_halves, "SPLIT_FROM", 0)


def whole(path: Path) -> tuple[list[list[object]], list[object]]:
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    return sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges


def assert_same_as_whole(path: Path) -> None:
    halves = read_first_sheet_in_halves(path)
    assert halves is not None, "the sheet was not split"
    rows, merged = whole(path)
    assert halves.rows == rows
    assert halves.merged == merged


def rewrite_sheet(source: Path, target: Path, change) -> None:  # noqa: ANN001
    """A copy of the workbook with its first sheet's XML changed."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for part in old.infolist():
            data = old.read(part)
            new.writestr(part.filename, change(data) if part.filename == SHEET else data)


_INLINE_TEXT = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*?)><is><t(?: [^>]*)?>(.*?)</t></is></c>',
                          re.S)  # fmt: skip
_SST = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def with_shared_strings(source: Path, target: Path) -> Path:
    """The workbook as Excel and WPS write text: each cell an index into xl/sharedStrings.xml
    (openpyxl writes text inline, in the cell)."""
    index: dict[bytes, int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        number = index.setdefault(match.group(3), len(index))
        return b'<c %st="s"%s><v>%d</v></c>' % (match.group(1), match.group(2), number)

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for part in old.infolist():
            data = old.read(part)
            if part.filename == SHEET:
                data = _INLINE_TEXT.sub(shared, data)
            elif part.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" '
                                    b'ContentType="application/vnd.openxmlformats-officedocument.'
                                    b'spreadsheetml.sharedStrings+xml"/></Types>')  # fmt: skip
            elif part.filename == "xl/_rels/workbook.xml.rels":
                link = b'<Relationship Id="rIdSST" Type="%s" Target="sharedStrings.xml"/>' % _SST
                data = data.replace(b"</Relationships>", link + b"</Relationships>")
            new.writestr(part.filename, data)
        items = b"".join(b"<si><t>%s</t></si>" % text for text in index)
        new.writestr("xl/sharedStrings.xml", b'<sst xmlns="http://schemas.openxmlformats.org/'
                     b'spreadsheetml/2006/main">%s</sst>' % items)  # fmt: skip
    return target


def demo_roster(path: Path, n: int = 300) -> Path:
    rows = [roster_row(h) for h in generate_households(n, seed=5)]
    write_roster_xlsx(path, ROSTER_HEADER, rows, title="演示单位2027年春节困难职工慰问名单")
    return path


def test_a_demo_roster_with_a_merged_title_reads_as_one_parse(tmp_path: Path) -> None:
    path = demo_roster(tmp_path / "roster.xlsx")
    assert_same_as_whole(path)
    assert_same_as_whole(with_shared_strings(path, tmp_path / "shared.xlsx"))
    halves = read_first_sheet_in_halves(path)
    assert halves is not None and halves.name == "Sheet1"
    assert halves.merged == [((0, 0), (0, len(ROSTER_HEADER) - 1))]


def test_shared_strings_types_other_sheets_and_a_wider_second_half(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "慰问名单"
    sheet.append(["标题"])
    sheet.merge_cells("A1:D1")
    sheet.append(["姓名", "收入", "日期", "单亲"])
    for i in range(200):
        sheet.append([f"王䶮{i}", i * 1.5, datetime.date(2020, 1, 1 + i % 28), i % 2 == 0])
    sheet["F170"] = "只在后半的宽列"
    sheet["B205"] = 7
    book.create_sheet("另一张").append(["别读我", 1])
    book.save(tmp_path / "inline.xlsx")
    path = with_shared_strings(tmp_path / "inline.xlsx", tmp_path / "shared.xlsx")
    with zipfile.ZipFile(path) as written:
        assert b't="s"' in written.read(SHEET) and b"inlineStr" not in written.read(SHEET)
    assert_same_as_whole(path)
    halves = read_first_sheet_in_halves(path)
    assert halves is not None and halves.name == "慰问名单"
    assert halves.rows[169][5] == "只在后半的宽列" and len(halves.rows[0]) == 6


def test_a_second_half_that_starts_right_of_column_a_and_after_empty_rows(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for r in range(1, 101):
        sheet.cell(r, 1, f"前{r}")
    for r in range(130, 300):  # rows 101-129 empty, and nothing in column A from here on
        sheet.cell(r, 3, r)
    path = tmp_path / "gap.xlsx"
    book.save(path)
    assert_same_as_whole(path)


cells = st.one_of(
    st.none(),
    st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=8),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(datetime.date(1950, 1, 1), datetime.date(2030, 12, 31)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cells, max_size=6), min_size=2, max_size=60), st.booleans(),
       st.booleans())  # fmt: skip
def test_any_grid_reads_as_one_parse(grid: list[list[object]], write_only: bool,
                                     shared: bool) -> None:  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "grid.xlsx"
        book = openpyxl.Workbook(write_only=write_only)
        sheet = book.create_sheet() if write_only else book.active
        for row in grid:
            sheet.append(row)
        book.save(path)
        if shared:
            path = with_shared_strings(path, Path(folder) / "shared.xlsx")
        halves = read_first_sheet_in_halves(path)
        with zipfile.ZipFile(path) as written:
            if b"<row " not in written.read(SHEET):
                assert halves is None  # nothing to cut: read whole
                return
        rows, merged = whole(path)
        assert halves is not None
        assert halves.rows == rows
        assert halves.merged == merged


def test_rows_without_numbers_are_read_whole(tmp_path: Path) -> None:
    source = demo_roster(tmp_path / "roster.xlsx")
    target = tmp_path / "plain.xlsx"
    rewrite_sheet(source, target, lambda xml: xml.replace(b'<row r="', b'<row x="'))
    assert read_first_sheet_in_halves(target) is None
    assert len(read_roster_file(target).rows) == 302  # the whole parse still reads it


def test_a_prefixed_sheet_is_read_whole(tmp_path: Path) -> None:
    source = demo_roster(tmp_path / "roster.xlsx")
    target = tmp_path / "prefixed.xlsx"
    rewrite_sheet(source, target, lambda xml: xml.replace(b"sheetData>", b"x:sheetData>"))
    assert read_first_sheet_in_halves(target) is None


def swap_rows(xml: bytes, a: int, b: int) -> bytes:
    """Rows ``a`` and ``b`` trade numbers (their cells too), so each stands out of order."""

    def swap(match: re.Match[bytes]) -> bytes:
        number = b if int(match.group(2)) == a else a
        return match.group(1) + str(number).encode() + match.group(3)

    return re.sub(rb'(<row r="|<c r="[A-Z]+)(%d|%d)(")' % (a, b), swap, xml)


def test_rows_out_of_order_across_the_cut_are_read_whole(tmp_path: Path) -> None:
    source = demo_roster(tmp_path / "roster.xlsx")
    target = tmp_path / "shuffled.xlsx"
    rewrite_sheet(source, target, lambda xml: swap_rows(xml, 3, 302))
    rows, _ = whole(target)
    assert rows[301][0] == whole(source)[0][2][0]  # the first person now stands last
    assert read_first_sheet_in_halves(target) is None  # the halves overlap: not joined
    assert read_roster_file(target).rows[1:] == rows[1:]  # (the merged title row is filled)


def test_a_broken_file_is_left_to_the_whole_parse_and_its_message(tmp_path: Path) -> None:
    source = demo_roster(tmp_path / "roster.xlsx")
    target = tmp_path / "cut.xlsx"
    rewrite_sheet(source, target, lambda xml: xml[: len(xml) * 3 // 4])  # sheet XML cut short
    assert read_first_sheet_in_halves(target) is None
    with pytest.raises(InvalidInput) as caught:
        read_roster_file(target)
    assert caught.value.key == "roster.not_spreadsheet"
    assert caught.value.params["file"] == "cut.xlsx"
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not a zip at all")
    assert read_first_sheet_in_halves(junk) is None


def test_no_temporary_file_is_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    path = demo_roster(tmp_path / "roster.xlsx")
    assert read_first_sheet_in_halves(path) is not None
    broken = tmp_path / "cut.xlsx"
    rewrite_sheet(path, broken, lambda xml: xml[: len(xml) * 3 // 4])
    assert read_first_sheet_in_halves(broken) is None
    assert list(scratch.iterdir()) == []


def test_small_sheets_are_not_split(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(xlsx_halves, "SPLIT_FROM", 8 * 1024 * 1024)
    assert read_first_sheet_in_halves(demo_roster(tmp_path / "roster.xlsx")) is None
