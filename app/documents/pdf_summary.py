"""Summary tables (汇总表) by category, team or unit: households, visited, money handed out
against the budget; the opinions heard, grouped (意见建议汇总); households not visited
(不漏户); and the flags that need a person."""

from __future__ import annotations

from dataclasses import dataclass

from app.documents.pdf_fonts import FontChain
from app.documents.pdf_layout import MM, Column, Layout, Table, page_size
from app.domain.errors import Reason
from app.domain.money import format_fen
from app.i18n import render


@dataclass(frozen=True, slots=True)
class SummaryLine:
    group: str
    households: int  # on the visit list
    visited: int  # 已慰问
    cash_fen: int  # by hand
    transfer_fen: int  # to salary cards
    goods_fen: int
    budget_fen: int  # standard cash + goods of the households on the list

    @property
    def not_visited(self) -> int:
        return self.households - self.visited

    @property
    def total_fen(self) -> int:
        return self.cash_fen + self.transfer_fen + self.goods_fen


@dataclass(frozen=True, slots=True)
class Summary:
    campaign: str
    organiser: str
    by: str  # 慰问类别 / 慰问组 / 单位
    made: str  # 2027年1月29日
    lines: tuple[SummaryLine, ...]
    opinions: tuple[tuple[str, str, str, str], ...]  # group, name, date, text
    not_visited: tuple[tuple[str, str, str, str, str], ...]  # name, unit, team, category, last
    flags: tuple[tuple[str, str, Reason], ...]  # household (masked), name, why

    def total(self) -> SummaryLine:
        return SummaryLine(
            "合计", *(sum(getattr(x, f) for x in self.lines) for f in (
                "households", "visited", "cash_fen", "transfer_fen", "goods_fen", "budget_fen")),
        )  # fmt: skip


SUMMARY_COLUMNS = ("应访户数", "已慰问", "未走访", "慰问金（现金）", "慰问金（转账）",
                   "慰问品价值", "发放合计", "预算", "预算结余")  # fmt: skip


def summary_layout(summary: Summary, chain: FontChain) -> Layout:
    lay = Layout(chain, size=page_size("A4", wide=True),
                 margins=(12 * MM, 12 * MM, 12 * MM, 10 * MM),
                 title=f"{summary.campaign} 汇总表（按{summary.by}）")  # fmt: skip
    lay.title_line(f"{summary.campaign} 走访慰问汇总表（按{summary.by}）", 16)
    lay.pair_line(f"慰问单位：{summary.organiser}", f"制表日期：{summary.made}", 10)
    columns = [Column(summary.by, 7)] + [
        Column(t, 4 if i < 3 else 6, "right") for i, t in enumerate(SUMMARY_COLUMNS)
    ]
    rows = []
    for line in (*summary.lines, summary.total()):
        rows.append([
            line.group, str(line.households), str(line.visited), str(line.not_visited),
            format_fen(line.cash_fen), format_fen(line.transfer_fen), format_fen(line.goods_fen),
            format_fen(line.total_fen), format_fen(line.budget_fen),
            format_fen(line.budget_fen - line.total_fen),
        ])  # fmt: skip
    lay.table(Table(columns, rows, size=9, emphasis=frozenset({len(rows) - 1})))

    lay.space(5 * MM)
    lay.paragraph(f"意见建议汇总（{len(summary.opinions)} 条）", 12)
    opinion_rows = [list(o) for o in summary.opinions] or [["", "（无）", "", ""]]
    lay.table(Table([Column(summary.by, 5), Column("姓名", 3), Column("日期", 3),
                     Column("意见建议", 22)], opinion_rows, size=9))

    lay.space(5 * MM)
    lay.paragraph(f"未走访户（{len(summary.not_visited)} 户）", 12)
    missing = [[str(n), *row] for n, row in enumerate(summary.not_visited, start=1)]
    lay.table(Table([Column("序号", 1.5, "center"), Column("姓名", 3), Column("单位", 6),
                     Column("慰问组", 4), Column("慰问类别", 4), Column("走访情况", 8)],
                    missing or [["", "（无）", "", "", "", ""]], size=9))

    lay.space(5 * MM)
    lay.paragraph(f"待处理问题（{len(summary.flags)} 项）", 12)
    flag_rows = [[masked, name, render(why)] for masked, name, why in summary.flags] or [
        ["", "（无）", ""]]
    lay.table(Table([Column("身份证号", 5), Column("姓名", 3), Column("问题", 25)], flag_rows,
                    size=9))
    return lay
