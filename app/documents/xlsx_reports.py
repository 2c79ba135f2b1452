"""The daily log and the summary as workbooks a clerk can extend: amounts are numbers (yuan,
formatted), and totals, differences and balances are formulas, as in budget_xlsx.

The summary uses openpyxl's write-only mode: its list of households not visited may run to
100,000 rows, which the normal mode holds in memory cell by cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from app.documents.atomic import write_atomically
from app.documents.pdf_daily_log import DailyLog, count_lines, notes, seen_words
from app.documents.pdf_summary import (
    Summary,
    group_words,
    grouping_words,
    not_visited_cells,
    not_visited_columns,
    summary_columns,
    summary_title,
)
from app.documents.words import goods_listed, team_words, yuan_format
from app.documents.workbook import Formula, append, as_text, first_sheet
from app.domain.long_work import Cancel, Progress, never, no_progress
from app.domain.visits import Outcome
from app.i18n import _, label, listed, long_date, pgettext, render

BOLD = Font(bold=True)
FILL = PatternFill("solid", fgColor="E6E6E6")


def _save(path: Path, wb: Workbook) -> None:
    def write(raw: IO[bytes]) -> None:
        wb.save(raw)

    write_atomically(path, write)


def write_daily_log_xlsx(path: Path, log: DailyLog, *, lang: str) -> None:
    wb = Workbook()
    ws = first_sheet(wb)
    ws.title = pgettext("sheet", "走访日志", lang)
    append(ws, [_("{campaign} 走访日志", lang).format(campaign=log.campaign)])
    ws["A1"].font = Font(bold=True, size=14)
    team = team_words(log.team_name, log.team_leader, lang)
    append(ws, [_("慰问组：{team}", lang).format(team=team), None, None,
               _("日期：{day}", lang).format(day=long_date(log.day, lang))])  # fmt: skip
    headers = [_("序号", lang), _("时间", lang), _("姓名", lang), _("身份证尾号", lang),
               _("方式", lang), _("结果", lang), _("慰问金（现金）", lang),
               _("慰问金（转账）", lang), _("慰问品", lang), _("看到的情况 / 备注", lang),
               _("意见建议", lang), _("走访人", lang)]  # fmt: skip
    append(ws, headers)
    for cell in ws[3]:
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="center")
    first = 4
    for n, r in enumerate(log.rows, start=1):
        append(ws, [n, r.time, r.name, r.id_tail, label(r.mode, lang), label(r.outcome, lang),
                   (r.cash_fen - r.transfer_fen) / 100, r.transfer_fen / 100,
                   goods_listed(r.goods, lang), seen_words(r, lang), r.opinions,
                   listed(r.visitors, lang)])  # fmt: skip
    last = ws.max_row
    has_rows = last >= first
    visited = label(Outcome.VISITED, lang)
    append(ws, [None, _("合计", lang),
                Formula(f"=COUNTA(C{first}:C{last})") if has_rows else 0, None, None,
                Formula(f'=COUNTIF(F{first}:F{last},"{visited}")') if has_rows else 0,
                Formula(f"=SUM(G{first}:G{last})") if has_rows else 0,
                Formula(f"=SUM(H{first}:H{last})") if has_rows else 0])  # fmt: skip
    total_row = ws.max_row
    for cell in ws[total_row]:
        cell.font = BOLD
    money = yuan_format(lang)
    for row in ws.iter_rows(min_row=first, max_row=total_row, min_col=7, max_col=8):
        for cell in row:
            cell.number_format = money
    if note := notes(log, lang):
        append(ws, [note])
    append(ws, [])
    _cash_count(ws, log, lang)
    for letter, width in zip("ABCDEFGHIJKL", (8, 8, 10, 10, 6, 8, 14, 14, 24, 30, 30, 12),
                             strict=True):  # fmt: skip
        ws.column_dimensions[letter].width = width
    _save(path, wb)


def _cash_count(ws: Worksheet, log: DailyLog, lang: str) -> None:
    """The day's last cash count under the visits; the difference as a formula."""
    append(ws, [_("日终现金清点", lang)])
    ws.cell(ws.max_row, 1).font = BOLD
    money = yuan_format(lang)
    if log.count is None:
        append(ws, list(count_lines(None, lang)[0]))
    else:
        c = log.count
        start = ws.max_row + 1
        lines = count_lines(c, lang)
        append(ws, [lines[0][0], (c.float_fen or 0) / 100])
        append(ws, [lines[1][0], c.expected_fen / 100])
        append(ws, [lines[2][0], c.counted_fen / 100])
        append(ws, [_("差额（实点−应有）", lang), Formula(f"=B{start + 2}-B{start + 1}")])
        for line in range(start, start + 4):
            ws.cell(line, 2).number_format = money
        for name, value in lines[4:]:
            append(ws, [name, value])


def _row(ws: Worksheet, values: Sequence[Any], *, bold: bool = False, fill: bool = False,
         yuan: Iterable[int] = (), money_format: str = "") -> list[Cell]:  # fmt: skip
    money = set(yuan)
    cells = []
    for i, value in enumerate(values):
        cell = WriteOnlyCell(ws, value=value)
        if not isinstance(value, Formula):
            as_text(cell)
        if bold:
            cell.font = BOLD
        if fill:
            cell.fill = FILL
        if i in money:
            cell.number_format = money_format
        cells.append(cell)
    return cells


def write_summary_xlsx(
    path: Path, summary: Summary, *, lang: str, progress: Progress = no_progress,
    cancel: Cancel = never,
) -> None:  # fmt: skip
    wb = Workbook(write_only=True)
    by = grouping_words(summary.by, lang)
    _sums_sheet(wb.create_sheet(pgettext("sheet", "汇总", lang)), summary, by, lang)
    _opinions_sheet(wb.create_sheet(pgettext("sheet", "意见建议汇总", lang)), summary, by, lang)
    missing = wb.create_sheet(pgettext("sheet", "未走访户", lang))
    for letter, width in zip("ABCDEF", (8, 10, 30, 16, 16, 30), strict=True):
        missing.column_dimensions[letter].width = width
    append(missing, _row(missing, not_visited_columns(lang), bold=True, fill=True))
    total = len(summary.not_visited)
    for n, row in enumerate(summary.not_visited, start=1):
        if n % 5000 == 0:
            cancel.check()
            progress(n, total)
        append(missing, [n, *not_visited_cells(row, lang)])
    flags = wb.create_sheet(pgettext("sheet", "待处理问题", lang))
    for letter, width in zip("ABC", (22, 10, 80), strict=True):
        flags.column_dimensions[letter].width = width
    append(flags, _row(flags, [_("身份证号", lang), _("姓名", lang), _("问题", lang)], bold=True,
                          fill=True))  # fmt: skip
    for masked, name, why in summary.flags:
        append(flags, [masked, name, render(why, lang)])
    cancel.check()
    _save(path, wb)
    progress(total, total)


def _sums_sheet(ws: Worksheet, summary: Summary, by: str, lang: str) -> None:
    """The sums by group, a column of formulas a clerk can extend, and the total."""
    money = yuan_format(lang)
    ws.column_dimensions["A"].width = 24
    for letter in "BCDEFGHIJ":
        ws.column_dimensions[letter].width = 15
    append(ws, _row(ws, [summary_title(summary, lang)], bold=True))
    made = _("制表日期：{day}", lang).format(day=long_date(summary.made, lang))
    append(ws, [_("慰问单位：{organiser}", lang).format(organiser=summary.organiser), None, None,
               None, made])  # fmt: skip
    append(ws, _row(ws, [by, *summary_columns(lang)], bold=True, fill=True))
    first = r = 4
    for line in summary.lines:
        append(ws, _row(ws, [
            group_words(line.group, summary.by, lang), line.households, line.visited,
            Formula(f"=B{r}-C{r}"), line.cash_fen / 100, line.transfer_fen / 100,
            line.goods_fen / 100,
            Formula(f"=E{r}+F{r}+G{r}"), line.budget_fen / 100, Formula(f"=I{r}-H{r}"),
        ], yuan=(4, 5, 6, 7, 8, 9), money_format=money))  # fmt: skip
        r += 1
    last = r - 1
    sums = [Formula(f"=SUM({c}{first}:{c}{last})") if last >= first else 0 for c in "BCDEFGHIJ"]
    append(ws, _row(ws, [_("合计", lang), *sums], bold=True, fill=True, yuan=(4, 5, 6, 7, 8, 9),
                   money_format=money))  # fmt: skip
    _other_costs_rows(ws, summary, r, lang)


def _other_costs_rows(ws: Worksheet, summary: Summary, total_row: int, lang: str) -> None:
    """Other costs under the sums (budget and spent), then the whole budget against all spent:
    formulas over the sums' total row and these lines, so a clerk's edit adds up."""
    money = yuan_format(lang)
    append(ws, [])
    append(ws, _row(ws, [_("其他费用", lang), None, None, None, None, None, None,
                        _("已支出", lang), _("预算", lang)], bold=True, fill=True))  # fmt: skip
    first = total_row + 3
    for cost in summary.other_costs:
        append(ws, _row(ws, [cost.name, None, None, None, None, None, None,
                            (cost.actual_fen or 0) / 100, cost.amount_fen / 100],
                       yuan=(7, 8), money_format=money))  # fmt: skip
    last = first + len(summary.other_costs) - 1
    spent = (
        Formula(f"=H{total_row}+SUM(H{first}:H{last})")
        if summary.other_costs
        else Formula(f"=H{total_row}")
    )
    budget = (
        Formula(f"=I{total_row}+SUM(I{first}:I{last})")
        if summary.other_costs
        else Formula(f"=I{total_row}")
    )
    append(ws, _row(ws, [_("预算合计（含其他费用）", lang), None, None, None, None, None, None,
                        spent, budget], bold=True, fill=True, yuan=(7, 8),
                   money_format=money))  # fmt: skip


def _opinions_sheet(ws: Worksheet, summary: Summary, by: str, lang: str) -> None:
    for letter, width in zip("ABCD", (24, 10, 14, 80), strict=True):
        ws.column_dimensions[letter].width = width
    append(ws, _row(ws, [by, _("姓名", lang), _("日期", lang), _("意见建议", lang)],
                   bold=True, fill=True))  # fmt: skip
    for o in summary.opinions:
        append(ws, [group_words(o.group, summary.by, lang), o.name, long_date(o.day, lang),
                   o.text])  # fmt: skip
