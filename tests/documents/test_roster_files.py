"""Roster files: the right cells read back, refusals name the row, nothing half-written."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from app.documents.roster_files import UnencodableCell, write_roster_csv, write_roster_xlsx
from app.services.demo.households import ROSTER_HEADER, generate_households, roster_row

ROWS = [
    ("姚秀英", "女", "120116196307154683", "区供热公司", "2142"),
    ("于磊强", "男", "120116196112127139", "华泰纺织有限公司", "1170.5"),
    ('欧阳 , "引号"', "女", "110105197111259360", "第二\n行", ""),  # csv quoting
]
HEADER = ("姓名", "性别", "身份证号", "工作单位", "家庭月收入(元)")


def read_csv(path: Path, encoding: str) -> list[list[str]]:
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.reader(f))


def read_xlsx(path: Path) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk", "gb18030"])
def test_csv_reads_back_cell_for_cell(tmp_path: Path, encoding: str) -> None:
    target = tmp_path / "roster.csv"
    write_roster_csv(target, HEADER, ROWS, encoding=encoding)
    assert read_csv(target, encoding) == [list(HEADER), *map(list, ROWS)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.csv"]  # no temp file left


def test_csv_bom_and_excel_line_ends(tmp_path: Path) -> None:
    target = tmp_path / "roster.csv"
    write_roster_csv(target, HEADER, ROWS[:2])
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf\xe5\xa7\x93\xe5\x90\x8d")  # BOM then 姓名
    assert data.count(b"\r\n") == 3
    write_roster_csv(target, HEADER, ROWS[:2], encoding="GBK")  # aliases accepted
    assert target.read_bytes().startswith("姓名".encode("gbk"))


def test_gbk_refuses_a_rare_character_and_names_the_row(tmp_path: Path) -> None:
    target = tmp_path / "roster.csv"
    target.write_text("yesterday's list", encoding="utf-8")
    rows = [*ROWS[:2], ("王䶮", "男", "120116199001011234", "区供热公司", "1000"), *ROWS]
    with pytest.raises(ValueError, match=r"row 4 .*column 1 \(姓名\).*U\+4DAE") as caught:
        write_roster_csv(target, HEADER, rows, encoding="gbk")
    assert isinstance(caught.value, UnencodableCell)
    assert (caught.value.row, caught.value.column, caught.value.char) == (4, 1, "䶮")
    assert target.read_text(encoding="utf-8") == "yesterday's list"  # old file untouched
    assert [p.name for p in tmp_path.iterdir()] == ["roster.csv"]


def test_gb18030_and_utf8_keep_rare_characters(tmp_path: Path) -> None:
    rows = [("王䶮", "男"), ("李㛃", "女"), ("𠇔明", "男")]
    for encoding in ("gb18030", "utf-8-sig"):
        target = tmp_path / f"rare.{encoding}.csv"
        write_roster_csv(target, ("姓名", "性别"), rows, encoding=encoding)
        assert read_csv(target, encoding)[1:] == [list(r) for r in rows]


def test_unsupported_encoding_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unsupported CSV encoding"):
        write_roster_csv(tmp_path / "x.csv", HEADER, ROWS, encoding="big5")
    assert list(tmp_path.iterdir()) == []


def test_a_failure_midway_leaves_no_file(tmp_path: Path) -> None:
    def rows() -> Iterator[tuple[str, ...]]:
        yield ROWS[0]
        raise RuntimeError("source went away")

    for write in (write_roster_csv, write_roster_xlsx):
        with pytest.raises(RuntimeError):
            write(tmp_path / "roster.out", HEADER, rows())
    assert list(tmp_path.iterdir()) == []


def test_xlsx_with_title_row(tmp_path: Path) -> None:
    target = tmp_path / "roster.xlsx"
    title = "XX单位2027年春节困难职工慰问名单"
    rows = [*ROWS, ("𠇔明", "男", "120116199001011234", "区供热公司", "1000")]
    write_roster_xlsx(target, HEADER, rows, title=title)
    sheet = CalamineWorkbook.from_path(str(target)).get_sheet_by_index(0)
    cells = sheet.to_python()
    assert cells[0][0] == title
    assert cells[1] == list(HEADER)
    assert cells[2:] == [list(r) for r in rows]  # ID numbers stay 18-character text
    assert sheet.merged_cell_ranges == [((0, 0), (0, len(HEADER) - 1))]
    assert [p.name for p in tmp_path.iterdir()] == ["roster.xlsx"]


def test_xlsx_without_title_starts_with_header_and_keeps_types(tmp_path: Path) -> None:
    target = tmp_path / "roster.xlsx"
    write_roster_xlsx(target, ("姓名", "家庭人口", "电话"), [("张三", 3, "022-23456789")])
    assert read_xlsx(target) == [["姓名", "家庭人口", "电话"], ["张三", 3, "022-23456789"]]


def test_demo_roster_round_trips_through_both_formats(tmp_path: Path) -> None:
    rows = [roster_row(h) for h in generate_households(600, seed=11)]
    write_roster_csv(tmp_path / "demo.csv", ROSTER_HEADER, rows, encoding="gb18030")
    write_roster_xlsx(tmp_path / "demo.xlsx", ROSTER_HEADER, rows, title="演示名单")
    from_csv = read_csv(tmp_path / "demo.csv", "gb18030")
    from_xlsx = read_xlsx(tmp_path / "demo.xlsx")
    expected = [list(ROSTER_HEADER), *map(list, rows)]
    assert from_csv == expected
    assert from_xlsx[1:] == expected


def test_csv_accepts_an_in_memory_header_and_any_iterable(tmp_path: Path) -> None:
    target = tmp_path / "gen.csv"
    write_roster_csv(target, list(HEADER), (r for r in ROWS))
    assert io.StringIO(target.read_text(encoding="utf-8-sig")).readline().strip() == ",".join(
        HEADER
    )
