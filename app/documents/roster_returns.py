"""The rejected rows of a roster, sent back to the unit that wrote it: its own columns as it
wrote them, the Excel row number each came from, and what is wrong, so the unit corrects its own
file and sends it again (CSPro's batch edit: the source untouched, a listing beside it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.documents.flat_xlsx import Cell, FlatSheet, write_flat_xlsx
from app.domain.roster_rows import RowProblem
from app.i18n import _, render


@dataclass(frozen=True, slots=True)
class ReturnedRow:
    row: int  # Excel row in the unit's file
    cells: list[object]  # the row as the file has it
    problems: tuple[RowProblem, ...]


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def write_returned_rows(
    target: Path, headers: Sequence[object], rows: Sequence[ReturnedRow], *, lang: str
) -> Path:
    """``headers``: the unit's header row. Columns: 原行号, the unit's columns, 问题."""
    width = max([len(headers), *(len(r.cells) for r in rows)])
    head: list[Cell] = [_("原行号", lang), *(_cell(h) for h in headers)]
    head += [None] * (width + 1 - len(head)) + [_("问题", lang)]
    body: list[list[Cell]] = [head]
    for r in rows:
        cells: list[Cell] = [r.row, *(_cell(c) for c in r.cells)]
        cells += [None] * (width + 1 - len(cells))
        reasons = "；".join(
            f"{p.column}：{render(p, lang)}" if p.column else render(p, lang) for p in r.problems
        )
        body.append([*cells, reasons])
    widths = [8.0, *([14.0] * width), 40.0]
    write_flat_xlsx(target, [FlatSheet(_("退回", lang), body, widths=widths, bold=frozenset({0}),
                                       text=frozenset(range(1, width + 1)))])  # fmt: skip
    return target
