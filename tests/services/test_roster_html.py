"""Rosters exported by web systems as HTML tables named .xls, and files that are no sheet at all:
the first are read as Excel shows them, the others refused with a message that says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.documents.html_table import looks_like_html, read_html_table
from app.documents.roster_reader import read_roster_file
from app.domain.errors import InvalidInput
from app.i18n import render
from app.services.rosters.importing import import_roster
from app.store import households as store_households
from app.store.db import Store
from tests.builders import ACTOR, count, fixture_path, make_id

ZHANG = make_id("12011619630715468")
LI = make_id("12011619611212713")
WANG = make_id("11010519711125936")

# What a typical "导出Excel" writes: a title across the table, a two-level header, the unit
# merged down over its rows, entities, a line break inside a cell, a blank padding cell.
EXPORT = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<style>td {{ mso-number-format:'\\@'; }}</style></head><body>
<table border="1">
<tr><td colspan="6">区总工会2027年春节困难职工慰问名单</td></tr>
<tr><th rowspan="2">姓名</th><th rowspan="2">身份证号</th><th colspan="2">家庭情况</th>
    <th rowspan="2">基层工会</th><th rowspan="2">备注</th></tr>
<tr><th>家庭人口</th><th>家庭月收入(元)</th></tr>
<tr><td>张&nbsp;三</td><td>{ZHANG}</td><td>3</td><td>2,100.00</td>
    <td rowspan="2">环卫工会</td><td>腿脚<br>不便</td></tr>
<tr><td>李四</td><td>{LI}</td><td>2</td><td>1500.5</td><td>&lt;待核&gt;</td></tr>
<tr><td>王五</td><td>{WANG}</td><td>1</td><td>900</td><td>供热工会</td><td></td></tr>
</table>
<table><tr><td>另一张表</td></tr></table>
</body></html>"""


def test_spans_fill_every_cell_they_cover_as_merged_cells_do() -> None:
    rows = read_html_table(EXPORT)
    assert rows[0] == ["区总工会2027年春节困难职工慰问名单"] * 6
    assert rows[1] == ["姓名", "身份证号", "家庭情况", "家庭情况", "基层工会", "备注"]
    assert rows[2] == ["姓名", "身份证号", "家庭人口", "家庭月收入(元)", "基层工会", "备注"]
    assert rows[3] == ["张 三", ZHANG, "3", "2,100.00", "环卫工会", "腿脚 不便"]
    assert rows[4] == ["李四", LI, "2", "1500.5", "环卫工会", "<待核>"]  # unit from above
    assert rows[5] == ["王五", WANG, "1", "900", "供热工会", ""]
    assert len(rows) == 6  # the small table after it is not read


def test_a_page_laid_out_in_tables_gives_the_data_table_inside() -> None:
    page = ("<html><body><table><tr><td>某某系统 · 导出</td></tr><tr><td>"
            f"{EXPORT[EXPORT.index('<table border'):EXPORT.index('</table>') + 8]}"
            "</td></tr><tr><td>第1页</td></tr></table></body></html>")  # fmt: skip
    rows = read_html_table(page)
    assert rows[1][:2] == ["姓名", "身份证号"] and rows[5][0] == "王五" and len(rows) == 6


def test_an_html_export_named_xls_imports_in_gbk(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "名单导出.xls"
    path.write_bytes(EXPORT.encode("gbk"))
    result = import_roster(store, path, actor=ACTOR)
    assert (result.applied, result.imported, result.rejected) == (True, 3, ())
    assert count(store) == 3
    by_id = {
        h.id_number: h
        for h in store_households.known_households(
            store, store.conn.execute("SELECT id FROM campaign").fetchone()[0]
        ).values()
    }
    assert {k: by_id[k].unit for k in (ZHANG, LI, WANG)} == {
        ZHANG: "环卫工会", LI: "环卫工会", WANG: "供热工会"}  # fmt: skip
    assert by_id[LI].source_row == 5  # the row Excel shows it on
    income = store.conn.execute("SELECT monthly_income_fen FROM household WHERE id_number = ?",
                                [LI]).fetchone()[0]  # fmt: skip
    assert income == 150050


def test_a_bad_row_of_an_html_export_names_its_row(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "导出.xls"
    path.write_text(EXPORT.replace(LI, LI[:-1] + ("0" if LI[-1] != "0" else "1")), "utf-8")
    result = import_roster(store, path, actor=ACTOR)
    assert not result.applied and [(p.row, p.column) for p in result.rejected] == [(5, "身份证号")]


def test_real_workbooks_are_not_taken_for_web_pages() -> None:
    assert not looks_like_html((fixture_path("roster_unit_a.xlsx")).read_bytes())
    assert not looks_like_html(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))  # OLE2 .xls
    assert not looks_like_html("姓名,身份证号\n<张三>,1\n".encode())
    assert looks_like_html(b"\xef\xbb\xbf\r\n  <!DOCTYPE html><html><table>")


def test_an_excel_2003_xml_sheet_and_a_broken_file_are_refused_with_advice(
    tmp_path: Path,
) -> None:
    xml = tmp_path / "名单.xls"
    xml.write_text('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
                   '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
                   "<Worksheet ss:Name='Sheet1'><Table><Row><Cell><Data ss:Type='String'>姓名"
                   "</Data></Cell></Row></Table></Worksheet></Workbook>", "utf-8")  # fmt: skip
    with pytest.raises(InvalidInput) as caught:
        read_roster_file(xml)
    assert caught.value.key == "roster.xml_2003"
    assert "另存为 .xlsx" in render(caught.value, "zh") and "名单.xls" in render(caught.value, "zh")
    assert "save it as .xlsx" in render(caught.value, "en")

    broken = tmp_path / "坏文件.xls"
    broken.write_bytes(b"\x00\x01 not a workbook" * 20)
    with pytest.raises(InvalidInput) as caught:
        read_roster_file(broken)
    assert caught.value.key == "roster.not_spreadsheet"
    shown = render(caught.value, "zh")
    assert shown.startswith("文件“坏文件.xls”打不开：它已损坏，或并不是 Excel/WPS 表格")
