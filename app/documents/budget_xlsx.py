"""The budget as a workbook a clerk can extend: real numbers, and formulas for the sums."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, Protocol

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from app.documents.atomic import write_atomically
from app.documents.words import yuan_format
from app.documents.workbook import Formula, append, first_sheet
from app.i18n import _, pgettext


class BudgetLineLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def count(self) -> int: ...
    @property
    def cash_each_fen(self) -> int: ...
    @property
    def goods_each_fen(self) -> int: ...
    @property
    def goods(self) -> str: ...


class BudgetLike(Protocol):
    @property
    def campaign(self) -> str: ...
    @property
    def lines(self) -> Sequence[BudgetLineLike]: ...
    @property
    def other_costs(self) -> Sequence[tuple[str, int]]: ...


def write_budget_xlsx(path: Path, budget: BudgetLike, *, lang: str) -> None:
    wb = Workbook()
    ws = first_sheet(wb)
    ws.title = pgettext("sheet", "预算", lang)
    append(ws, [_("{name} 经费预算", lang).format(name=budget.campaign)])
    ws["A1"].font = Font(bold=True, size=14)
    append(ws, [_("类别代码", lang), _("慰问类别", lang), _("户数", lang), _("每户慰问金", lang),
               _("慰问品", lang), _("每户慰问品价值", lang), _("慰问金合计", lang),
               _("慰问品合计", lang), _("小计", lang)])  # fmt: skip
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    first = 3
    for line in budget.lines:
        r = ws.max_row + 1
        append(ws, [line.code, line.name, line.count, line.cash_each_fen / 100, line.goods,
                   line.goods_each_fen / 100, Formula(f"=C{r}*D{r}"), Formula(f"=C{r}*F{r}"),
                   Formula(f"=G{r}+H{r}")])  # fmt: skip
    last = ws.max_row
    cost_rows = []
    if budget.other_costs:
        append(ws, [])
        append(ws, ["", _("其他费用", lang)])
        ws.cell(ws.max_row, 2).font = Font(bold=True)
        for name, fen in budget.other_costs:
            append(ws, ["", name, None, None, None, None, None, None, fen / 100])
            cost_rows.append(ws.max_row)
    append(ws, [])
    parts = [f"SUM(I{first}:I{last})"] if last >= first else []
    parts += [f"I{r}" for r in cost_rows]
    append(ws, ["", _("合计", lang), Formula(f"=SUM(C{first}:C{last})") if last >= first else 0,
               None, None, None, None, None, Formula("=" + ("+".join(parts) or "0"))])  # fmt: skip
    total_row = ws.max_row  # after append: an appended empty row does not count in max_row
    for cell in ws[total_row]:
        cell.font = Font(bold=True)
    money = yuan_format(lang)
    for row in ws.iter_rows(min_row=first, max_row=total_row):
        for cell in row:
            if cell.column in (4, 6, 7, 8, 9):  # D, F, G, H, I
                cell.number_format = money
    for letter, width in zip("ABCDEFGHI", (10, 16, 8, 14, 30, 16, 16, 16, 16), strict=True):
        ws.column_dimensions[letter].width = width

    def write(raw: IO[bytes]) -> None:
        wb.save(raw)

    write_atomically(path, write)
