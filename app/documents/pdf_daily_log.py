"""A team's daily visit log (走访日志): every visit of the day in order, the money, what was
heard, and the evening cash count with its difference (or 未清点 when none was recorded)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.documents.pdf_fonts import FontChain
from app.documents.pdf_layout import MM, Cell, Column, Layout, Table, page_size
from app.domain.money import format_fen
from app.domain.visits import Outcome, VisitMode
from app.i18n import label


@dataclass(frozen=True, slots=True)
class LogRow:
    time: str  # HH:MM
    name: str
    id_tail: str
    mode: VisitMode
    outcome: Outcome
    cash_fen: int
    transfer_fen: int
    goods: str
    seen: str  # conditions, notes, proxy, next attempt
    opinions: str
    visitors: str


@dataclass(frozen=True, slots=True)
class CashCount:
    float_fen: int | None
    expected_fen: int
    counted_fen: int
    difference_fen: int
    goods_left: str
    note: str
    by: str
    at: str


@dataclass(frozen=True, slots=True)
class DailyLog:
    campaign: str
    organiser: str
    team: str
    day: str  # 2027年1月20日
    rows: tuple[LogRow, ...]
    count: CashCount | None
    note: str = ""

    @property
    def done(self) -> int:
        return sum(1 for r in self.rows if r.outcome == Outcome.VISITED)

    @property
    def cash_fen(self) -> int:
        return sum(r.cash_fen for r in self.rows)

    @property
    def transfer_fen(self) -> int:
        return sum(r.transfer_fen for r in self.rows)


NOT_COUNTED = "未清点"


def count_lines(count: CashCount | None) -> list[tuple[str, str]]:
    """The cash count as (label, value) pairs, shared by the PDF and the workbook."""
    if count is None:
        return [("现金清点", NOT_COUNTED)]
    difference = format_fen(count.difference_fen)
    if count.difference_fen > 0:
        difference += "（长款）"
    elif count.difference_fen < 0:
        difference += "（短款）"
    return [
        ("备用金", format_fen(count.float_fen) if count.float_fen is not None else "-"),
        ("应有现金", format_fen(count.expected_fen)),
        ("实点现金", format_fen(count.counted_fen)),
        ("差额", difference),
        ("剩余慰问品", count.goods_left or "-"),
        ("说明", count.note or "-"),
        ("清点人", f"{count.by}  {count.at[:16].replace('T', ' ')}"),
    ]


def daily_log_layout(log: DailyLog, chain: FontChain) -> Layout:
    lay = Layout(chain, size=page_size("A4", wide=True),
                 margins=(12 * MM, 12 * MM, 12 * MM, 10 * MM),
                 title=f"{log.campaign} 走访日志 {log.team} {log.day}")  # fmt: skip
    lay.title_line(f"{log.campaign} 走访日志", 16)
    lay.pair_line(f"慰问单位：{log.organiser}    慰问组：{log.team}", f"日期：{log.day}", 10)
    columns = [
        Column("序号", 3, "center"), Column("时间", 4.5, "center"), Column("姓名", 6),
        Column("身份证尾号", 6, "center"), Column("方式", 4, "center"),
        Column("结果", 5, "center"), Column("慰问金", 8, "right"), Column("慰问品", 13),
        Column("看到的情况 / 备注", 20), Column("意见建议", 20), Column("走访人", 7),
    ]  # fmt: skip
    rows: list[Sequence[Cell]] = []
    for n, r in enumerate(log.rows, start=1):
        cash = format_fen(r.cash_fen) if r.cash_fen or r.outcome == Outcome.VISITED else ""
        if r.transfer_fen:
            cash += f"\n（转账 {format_fen(r.transfer_fen)}）"
        rows.append([str(n), r.time, r.name, r.id_tail, label(r.mode), label(r.outcome), cash, r.goods,
                     r.seen, r.opinions, r.visitors])  # fmt: skip
    cash_total = format_fen(log.cash_fen)
    if log.transfer_fen:
        cash_total += f"\n（转账 {format_fen(log.transfer_fen)}）"
    rows.append(["", "合计", f"{len(log.rows)} 户次", "", "", f"已慰问 {log.done}", cash_total,
                 "", "", "", ""])  # fmt: skip
    lay.table(Table(columns, rows, size=8.5, emphasis=frozenset({len(rows) - 1})))
    if log.note:
        lay.paragraph(log.note, 9)
    lay.space(4 * MM)
    lay.paragraph("日终现金清点", 11)
    pairs = count_lines(log.count)
    lay.table(Table([Column("", 1), Column("", 4)], [list(p) for p in pairs], size=9,
                    header=False))  # fmt: skip
    lay.space(4 * MM)
    lay.pair_line("记录人：____________    慰问组组长：____________", "", 10)
    return lay
