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
from app.documents.pdf_daily_log import DailyLog, count_lines
from app.documents.pdf_summary import SUMMARY_COLUMNS, Summary
from app.documents.workbook import first_sheet
from app.domain.long_work import Cancel, Progress, never, no_progress
from app.domain.visits import Outcome
from app.i18n import label, render

YUAN = '#,##0.00"元"'
BOLD = Font(bold=True)
FILL = PatternFill("solid", fgColor="E6E6E6")


def _save(path: Path, wb: Workbook) -> None:
    def write(raw: IO[bytes]) -> None:
        wb.save(raw)

    write_atomically(path, write)


def write_daily_log_xlsx(path: Path, log: DailyLog) -> None:
    wb = Workbook()
    ws = first_sheet(wb)
    ws.title = "走访日志"
    ws.append([f"{log.campaign} 走访日志"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"慰问组：{log.team}", None, None, f"日期：{log.day}"])
    headers = ["序号", "时间", "姓名", "身份证尾号", "方式", "结果", "慰问金（现金）",
               "慰问金（转账）", "慰问品", "看到的情况 / 备注", "意见建议", "走访人"]  # fmt: skip
    ws.append(headers)
    for cell in ws[3]:
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="center")
    first = 4
    for n, r in enumerate(log.rows, start=1):
        ws.append([n, r.time, r.name, r.id_tail, label(r.mode), label(r.outcome),
                   (r.cash_fen - r.transfer_fen) / 100, r.transfer_fen / 100, r.goods, r.seen,
                   r.opinions, r.visitors])  # fmt: skip
    last = ws.max_row
    has_rows = last >= first
    ws.append([None, "合计", f'=COUNTA(C{first}:C{last})' if has_rows else 0, None, None,
               f'=COUNTIF(F{first}:F{last},"{label(Outcome.VISITED)}")' if has_rows else 0,
               f"=SUM(G{first}:G{last})" if has_rows else 0,
               f"=SUM(H{first}:H{last})" if has_rows else 0])  # fmt: skip
    total_row = ws.max_row
    for cell in ws[total_row]:
        cell.font = BOLD
    for row in ws.iter_rows(min_row=first, max_row=total_row, min_col=7, max_col=8):
        for cell in row:
            cell.number_format = YUAN
    if log.note:
        ws.append([log.note])
    ws.append([])
    ws.append(["日终现金清点"])
    ws.cell(ws.max_row, 1).font = BOLD
    if log.count is None:
        ws.append(["现金清点", "未清点"])
    else:
        c = log.count
        start = ws.max_row + 1
        ws.append(["备用金", (c.float_fen or 0) / 100])
        ws.append(["应有现金", c.expected_fen / 100])
        ws.append(["实点现金", c.counted_fen / 100])
        ws.append(["差额（实点−应有）", f"=B{start + 2}-B{start + 1}"])
        for line in range(start, start + 4):
            ws.cell(line, 2).number_format = YUAN
        for name, value in count_lines(c)[4:]:
            ws.append([name, value])
    for letter, width in zip("ABCDEFGHIJKL", (8, 8, 10, 10, 6, 8, 14, 14, 24, 30, 30, 12),
                             strict=True):  # fmt: skip
        ws.column_dimensions[letter].width = width
    _save(path, wb)


def _row(ws: Worksheet, values: Sequence[Any], *, bold: bool = False, fill: bool = False,
         yuan: Iterable[int] = ()) -> list[Cell]:  # fmt: skip
    money = set(yuan)
    cells = []
    for i, value in enumerate(values):
        cell = WriteOnlyCell(ws, value=value)
        if bold:
            cell.font = BOLD
        if fill:
            cell.fill = FILL
        if i in money:
            cell.number_format = YUAN
        cells.append(cell)
    return cells


def write_summary_xlsx(
    path: Path, summary: Summary, *, progress: Progress = no_progress, cancel: Cancel = never
) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("汇总")
    ws.column_dimensions["A"].width = 24
    for letter in "BCDEFGHIJ":
        ws.column_dimensions[letter].width = 15
    ws.append(_row(ws, [f"{summary.campaign} 走访慰问汇总表（按{summary.by}）"], bold=True))
    ws.append([f"慰问单位：{summary.organiser}", None, None, None, f"制表日期：{summary.made}"])
    ws.append(_row(ws, [summary.by, *SUMMARY_COLUMNS], bold=True, fill=True))
    first = 4
    r = first
    for line in summary.lines:
        ws.append(_row(ws, [
            line.group, line.households, line.visited, f"=B{r}-C{r}", line.cash_fen / 100,
            line.transfer_fen / 100, line.goods_fen / 100, f"=E{r}+F{r}+G{r}",
            line.budget_fen / 100, f"=I{r}-H{r}",
        ], yuan=(4, 5, 6, 7, 8, 9)))  # fmt: skip
        r += 1
    last = r - 1
    sums = [f"=SUM({c}{first}:{c}{last})" if last >= first else 0 for c in "BCDEFGHIJ"]
    ws.append(_row(ws, ["合计", *sums], bold=True, fill=True, yuan=(4, 5, 6, 7, 8, 9)))

    opinions = wb.create_sheet("意见建议汇总")
    for letter, width in zip("ABCD", (24, 10, 14, 80), strict=True):
        opinions.column_dimensions[letter].width = width
    opinions.append(_row(opinions, [summary.by, "姓名", "日期", "意见建议"], bold=True, fill=True))
    for row in summary.opinions:
        opinions.append(list(row))

    missing = wb.create_sheet("未走访户")
    for letter, width in zip("ABCDEF", (8, 10, 30, 16, 16, 30), strict=True):
        missing.column_dimensions[letter].width = width
    missing.append(_row(missing, ["序号", "姓名", "单位", "慰问组", "慰问类别", "走访情况"],
                        bold=True, fill=True))  # fmt: skip
    total = len(summary.not_visited)
    for n, household in enumerate(summary.not_visited, start=1):
        if n % 5000 == 0:
            cancel.check()
            progress(n, total)
        missing.append([n, *household])

    flags = wb.create_sheet("待处理问题")
    for letter, width in zip("ABC", (22, 10, 80), strict=True):
        flags.column_dimensions[letter].width = width
    flags.append(_row(flags, ["身份证号", "姓名", "问题"], bold=True, fill=True))
    for masked, name, why in summary.flags:
        flags.append([masked, name, render(why)])
    cancel.check()
    _save(path, wb)
    progress(total, total)

