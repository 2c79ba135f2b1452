"""Summary tables (汇总表) by category, team or unit: households, visited, money handed out
against the budget; the opinions heard, grouped (意见建议汇总); households not visited
(不漏户); and the flags that need a person. The wording is shared with the workbook."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.documents.pdf_fonts import FontChain
from app.documents.pdf_layout import MM, Column, Layout, Table, page_size
from app.documents.words import NONE, none_row
from app.domain.campaign import OtherCost
from app.domain.errors import Reason
from app.domain.money import format_fen
from app.domain.visits import Outcome
from app.i18n import _, label, long_date, pgettext, render


@dataclass(frozen=True, slots=True)
class SummaryLine:
    group: str  # a category, team or unit; "" for households in none
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
class Opinion:
    group: str
    name: str
    day: date
    text: str


@dataclass(frozen=True, slots=True)
class NotVisited:
    name: str
    unit: str
    team: str  # "" for none
    category: str  # "" for none
    last: tuple[date, Outcome] | None  # the last attempt (不在家 …), if any


@dataclass(frozen=True, slots=True)
class Summary:
    campaign: str
    organiser: str
    by: str  # category | team | unit
    made: date
    lines: tuple[SummaryLine, ...]
    opinions: tuple[Opinion, ...]
    not_visited: tuple[NotVisited, ...]
    flags: tuple[tuple[str, str, Reason], ...]  # household (masked), name, why
    other_costs: tuple[OtherCost, ...] = ()  # budgeted, and spent as the office entered it

    @property
    def budget_fen(self) -> int:
        """The whole budget: the categories' and the other costs' (what ``budget`` says)."""
        return self.total().budget_fen + sum(c.amount_fen for c in self.other_costs)

    @property
    def spent_fen(self) -> int:
        """Handed out (cash, transfer, goods) and the other costs spent so far."""
        return self.total().total_fen + sum(c.actual_fen or 0 for c in self.other_costs)

    def total(self) -> SummaryLine:
        return SummaryLine(
            "", *(sum(getattr(x, f) for x in self.lines) for f in (
                "households", "visited", "cash_fen", "transfer_fen", "goods_fen", "budget_fen")),
        )  # fmt: skip


def grouping_words(by: str, lang: str) -> str:
    if by == "team":
        return pgettext("grouped by", "慰问组", lang)
    if by == "unit":
        return pgettext("grouped by", "单位", lang)
    return pgettext("grouped by", "慰问类别", lang)


def group_words(group: str, by: str, lang: str) -> str:
    """The group's name; households in no category or team are 未分类 / 未分组."""
    if group:
        return group
    if by == "category":
        return _("未分类", lang)
    if by == "team":
        return _("未分组", lang)
    return NONE


def summary_title(summary: Summary, lang: str) -> str:
    if summary.by == "team":
        title = _("{campaign} 走访慰问汇总表（按慰问组）", lang)
    elif summary.by == "unit":
        title = _("{campaign} 走访慰问汇总表（按单位）", lang)
    else:
        title = _("{campaign} 走访慰问汇总表（按慰问类别）", lang)
    return title.format(campaign=summary.campaign)


def summary_columns(lang: str) -> list[str]:
    return [_("应访户数", lang), _("已慰问", lang), _("未走访", lang), _("慰问金（现金）", lang),
            _("慰问金（转账）", lang), _("慰问品价值", lang), _("发放合计", lang),
            _("预算", lang), _("预算结余", lang)]  # fmt: skip


def not_visited_columns(lang: str) -> list[str]:
    return [_("序号", lang), _("姓名", lang), pgettext("work unit", "单位", lang),
            _("慰问组", lang), _("慰问类别", lang), _("走访情况", lang)]  # fmt: skip


def not_visited_cells(row: NotVisited, lang: str) -> list[str]:
    """Name, unit, team, category and the last attempt of a household not visited."""
    if row.last is None:
        last = _("未走访", lang)
    else:
        last = f"{long_date(row.last[0], lang)} {label(row.last[1], lang)}"
    return [row.name, row.unit, group_words(row.team, "team", lang),
            group_words(row.category, "category", lang), last]  # fmt: skip


def summary_layout(summary: Summary, chain: FontChain, *, lang: str) -> Layout:
    by = grouping_words(summary.by, lang)
    title = summary_title(summary, lang)
    lay = Layout(chain, size=page_size("A4", wide=True),
                 margins=(12 * MM, 12 * MM, 12 * MM, 10 * MM), title=title, lang=lang)  # fmt: skip
    lay.title_line(title, 16)
    lay.pair_line(_("慰问单位：{organiser}", lang).format(organiser=summary.organiser),
                  _("制表日期：{day}", lang).format(day=long_date(summary.made, lang)),
                  10)  # fmt: skip
    columns = [Column(by, 7)] + [
        Column(t, 4 if i < 3 else 6, "right") for i, t in enumerate(summary_columns(lang))
    ]
    rows = []
    for line in (*summary.lines, summary.total()):
        rows.append([
            group_words(line.group, summary.by, lang), str(line.households), str(line.visited),
            str(line.not_visited), format_fen(line.cash_fen), format_fen(line.transfer_fen),
            format_fen(line.goods_fen), format_fen(line.total_fen), format_fen(line.budget_fen),
            format_fen(line.budget_fen - line.total_fen),
        ])  # fmt: skip
    rows[-1][0] = _("合计", lang)
    lay.table(Table(columns, rows, size=9, emphasis=frozenset({len(rows) - 1})))

    _other_costs(lay, summary, lang)
    _opinions(lay, summary, by, lang)
    _not_visited(lay, summary, lang)
    _flags(lay, summary, lang)
    return lay


def _other_costs(lay: Layout, summary: Summary, lang: str) -> None:
    """Other costs, budgeted and spent, and the whole budget against all that was spent."""
    lay.space(5 * MM)
    lay.paragraph(_("其他费用", lang), 12)
    rows = [[c.name, format_fen(c.amount_fen),
             format_fen(c.actual_fen) if c.actual_fen is not None else NONE]
            for c in summary.other_costs] or [none_row(3, lang)]  # fmt: skip
    columns = [Column(_("费用", lang), 10), Column(_("预算", lang), 6, "right"),
               Column(_("已支出", lang), 6, "right")]  # fmt: skip
    lay.table(Table(columns, rows, size=9))
    line = _("预算合计（含其他费用）{budget}，已支出合计 {spent}，结余 {left}", lang)
    left = summary.budget_fen - summary.spent_fen
    lay.paragraph(line.format(budget=format_fen(summary.budget_fen),
                              spent=format_fen(summary.spent_fen), left=format_fen(left)),
                  10)  # fmt: skip


def _opinions(lay: Layout, summary: Summary, by: str, lang: str) -> None:
    lay.space(5 * MM)
    lay.paragraph(_("意见建议汇总（{count} 条）", lang).format(count=len(summary.opinions)), 12)
    rows = [[group_words(o.group, summary.by, lang), o.name, long_date(o.day, lang), o.text]
            for o in summary.opinions] or [none_row(4, lang)]  # fmt: skip
    columns = [Column(by, 5), Column(_("姓名", lang), 3), Column(_("日期", lang), 3.5),
               Column(_("意见建议", lang), 21.5)]  # fmt: skip
    lay.table(Table(columns, rows, size=9))


def _not_visited(lay: Layout, summary: Summary, lang: str) -> None:
    lay.space(5 * MM)
    lay.paragraph(_("未走访户（{count} 户）", lang).format(count=len(summary.not_visited)), 12)
    rows = [[str(n), *not_visited_cells(row, lang)]
            for n, row in enumerate(summary.not_visited, start=1)]  # fmt: skip
    widths = (1.5, 3, 6, 4, 4, 8)
    aligns = ("center", "left", "left", "left", "left", "left")
    titles = not_visited_columns(lang)
    columns = [Column(t, w, a) for t, w, a in zip(titles, widths, aligns, strict=True)]
    lay.table(Table(columns, rows or [none_row(6, lang)], size=9))


def _flags(lay: Layout, summary: Summary, lang: str) -> None:
    lay.space(5 * MM)
    lay.paragraph(_("待处理问题（{count} 项）", lang).format(count=len(summary.flags)), 12)
    rows = [[masked, name, render(why, lang)] for masked, name, why in summary.flags]
    columns = [Column(_("身份证号", lang), 5), Column(_("姓名", lang), 3),
               Column(_("问题", lang), 25)]  # fmt: skip
    lay.table(Table(columns, rows or [none_row(3, lang)], size=9))
