"""The opinions report (意见建议汇总) of one reporting unit, or of every unit: what the
households said on the visits, who said it, when and to which team, under the date it is due
(PDF, one unit per section; or a workbook, one sheet per unit)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from app.documents.atomic import write_atomically
from app.documents.pdf_fonts import FontChain
from app.documents.pdf_layout import MM, Column, Layout, Table, page_size
from app.documents.words import none_row
from app.documents.workbook import append, first_sheet
from app.i18n import _, long_date

BOLD = Font(bold=True)
FILL = PatternFill("solid", fgColor="E6E6E6")


@dataclass(frozen=True, slots=True)
class OpinionRow:
    name: str
    id_masked: str
    team: str  # the team that heard it ("" for the office's own paper entry)
    day: date
    text: str


@dataclass(frozen=True, slots=True)
class UnitOpinions:
    campaign: str
    organiser: str
    unit: str  # "" for households whose roster named no unit
    due: date
    sent: date | None  # when the office recorded it as sent
    households: int  # on the visit list
    visited: int
    rows: tuple[OpinionRow, ...]


def unit_words(unit: str, lang: str) -> str:
    return unit or _("未填单位", lang)


def opinions_title(report: UnitOpinions, lang: str) -> str:
    return _("{campaign} 意见建议汇总（{unit}）", lang).format(
        campaign=report.campaign, unit=unit_words(report.unit, lang)
    )


def report_line(report: UnitOpinions, lang: str) -> str:
    """Households, visited, opinions heard, and the due date (or the day it was sent)."""
    line = _(
        "应访 {households} 户，已慰问 {visited} 户，意见建议 {count} 条；应于 {due} 前报送", lang
    )
    text = line.format(households=report.households, visited=report.visited,
                       count=len(report.rows), due=long_date(report.due, lang))  # fmt: skip
    if report.sent is not None:
        text += _("（已于 {day} 报送）", lang).format(day=long_date(report.sent, lang))
    return text


def columns(lang: str) -> list[str]:
    return [_("序号", lang), _("姓名", lang), _("身份证号", lang), _("慰问组", lang),
            _("日期", lang), _("意见建议", lang)]  # fmt: skip


def cells(n: int, row: OpinionRow, lang: str) -> list[str]:
    return [str(n), row.name, row.id_masked, row.team or _("中心办公室", lang),
            long_date(row.day, lang), row.text]  # fmt: skip


def opinions_layout(reports: Sequence[UnitOpinions], chain: FontChain, *, made: date,
                    lang: str) -> Layout:  # fmt: skip
    lay = Layout(chain, size=page_size("A4"), margins=(15 * MM, 15 * MM, 14 * MM, 12 * MM),
                 title=opinions_title(reports[0], lang) if reports else "", lang=lang)  # fmt: skip
    widths = [Column(t, w) for t, w in zip(columns(lang), (2, 3.5, 9, 4, 6, 16), strict=True)]
    for i, report in enumerate(reports):
        if i:
            lay.new_page()
        lay.title_line(opinions_title(report, lang), 15)
        lay.pair_line(_("慰问单位：{organiser}", lang).format(organiser=report.organiser),
                      _("制表日期：{day}", lang).format(day=long_date(made, lang)), 10)  # fmt: skip
        lay.paragraph(report_line(report, lang), 10)
        lay.space(2 * MM)
        rows = [cells(n, r, lang) for n, r in enumerate(report.rows, start=1)]
        lay.table(Table(widths, rows or [none_row(len(widths), lang)], size=9))
    return lay


def write_opinions_xlsx(path: Path, reports: Sequence[UnitOpinions], *, lang: str) -> None:
    wb = Workbook()
    first = first_sheet(wb)
    for i, report in enumerate(reports):
        ws = first if i == 0 else wb.create_sheet()
        # a sheet's name: at most 31 characters, none of : \ / ? * [ ]
        name = "".join(c for c in unit_words(report.unit, lang) if c not in ":\\/?*[]")[:28]
        ws.title = name or str(i + 1)
        append(ws, [opinions_title(report, lang)])
        ws["A1"].font = Font(bold=True, size=14)
        append(ws, [report_line(report, lang)])
        append(ws, columns(lang))
        for cell in ws[3]:
            cell.font, cell.fill = BOLD, FILL
        for n, row in enumerate(report.rows, start=1):
            append(ws, cells(n, row, lang))
            ws.cell(ws.max_row, 6).alignment = Alignment(wrap_text=True, vertical="top")
        for letter, width in zip("ABCDEF", (6, 10, 22, 14, 16, 70), strict=True):
            ws.column_dimensions[letter].width = width

    def write(raw: IO[bytes]) -> None:
        wb.save(raw)

    write_atomically(path, write)
