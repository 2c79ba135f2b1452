"""A team's daily visit log (走访日志): every visit of the day in order, the money, what was
heard, and the evening cash count with its difference (or 未清点 when none was recorded)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.documents.pdf_fonts import FontChain
from app.documents.pdf_layout import MM, Cell, Column, Layout, Table, page_size
from app.documents.words import Proxy, clauses, goods_listed, team_words, yuan
from app.domain.money import format_fen
from app.domain.visits import CannotSign, Outcome, VisitMode
from app.i18n import _, label, listed, long_date, pgettext


@dataclass(frozen=True, slots=True)
class LogRow:
    time: str  # HH:MM
    name: str
    id_tail: str
    mode: VisitMode
    outcome: Outcome
    cash_fen: int
    transfer_fen: int
    goods: tuple[str, ...]
    opinions: str
    visitors: tuple[str, ...]
    # What was seen, as typed, and what else happened at the door:
    conditions: str = ""
    notes: str = ""
    proxy: Proxy | None = None
    cannot_sign: CannotSign | None = None  # the recipient gave a print on paper
    revisit_on: date | None = None
    from_paper: bool = False  # typed in from a paper receipt sheet


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
    team_name: str
    team_leader: str
    day: date
    rows: tuple[LogRow, ...]
    count: CashCount | None
    voided: int = 0  # records of the day voided, left out

    @property
    def done(self) -> int:
        return sum(1 for r in self.rows if r.outcome == Outcome.VISITED)

    @property
    def cash_fen(self) -> int:
        return sum(r.cash_fen for r in self.rows)

    @property
    def transfer_fen(self) -> int:
        return sum(r.transfer_fen for r in self.rows)


def seen_words(row: LogRow, lang: str) -> str:
    """The 看到的情况 / 备注 cell: what was seen, then who collected, a print, the next try."""
    parts = [row.conditions, row.notes]
    if row.proxy is not None and row.proxy.name:
        why = pgettext("clause separator", "，", lang).join(
            x for x in (row.proxy.relation, row.proxy.reason) if x
        )
        if why:
            parts.append(_("代领：{name}（{why}）", lang).format(name=row.proxy.name, why=why))
        else:
            parts.append(_("代领：{name}", lang).format(name=row.proxy.name))
    if row.cannot_sign is not None:
        parts.append(_("按手印（{why}）", lang).format(why=label(row.cannot_sign, lang)))
    if row.revisit_on is not None:
        parts.append(_("再访：{date}", lang).format(date=long_date(row.revisit_on, lang)))
    if row.from_paper:
        parts.append(_("纸质签收表补录", lang))
    return clauses(parts, lang)


def notes(log: DailyLog, lang: str) -> str:
    """What the table does not show: an empty day, voided records left out."""
    found = []
    if not log.rows:
        found.append(_("（当日没有走访记录）", lang))
    if log.voided:
        found.append(_("（另有 {count} 条已作废的记录未列入）", lang).format(count=log.voided))
    return "".join(found)


def count_lines(count: CashCount | None, lang: str) -> list[tuple[str, str]]:
    """The cash count as (label, value) pairs, shared by the PDF and the workbook."""
    if count is None:
        return [(_("现金清点", lang), _("未清点", lang))]
    difference = format_fen(count.difference_fen)
    if count.difference_fen > 0:
        difference += _("（长款）", lang)
    elif count.difference_fen < 0:
        difference += _("（短款）", lang)
    return [
        (pgettext("cash count", "备用金", lang), yuan(count.float_fen)),
        (_("应有现金", lang), format_fen(count.expected_fen)),
        (_("实点现金", lang), format_fen(count.counted_fen)),
        (_("差额", lang), difference),
        (_("剩余慰问品", lang), count.goods_left or "-"),
        (_("说明", lang), count.note or "-"),
        (_("清点人", lang), f"{count.by}  {count.at[:16].replace('T', ' ')}"),
    ]


def _cash(fen: int, transfer_fen: int, lang: str) -> str:
    if not transfer_fen:
        return format_fen(fen)
    return (
        format_fen(fen)
        + "\n"
        + _("（转账 {amount}）", lang).format(amount=format_fen(transfer_fen))
    )


def daily_log_layout(log: DailyLog, chain: FontChain, *, lang: str) -> Layout:
    team = team_words(log.team_name, log.team_leader, lang)
    day = long_date(log.day, lang)
    heading = _("{campaign} 走访日志", lang).format(campaign=log.campaign)
    lay = Layout(chain, size=page_size("A4", wide=True),
                 margins=(12 * MM, 12 * MM, 12 * MM, 10 * MM),
                 title=f"{heading} {team} {day}", lang=lang)  # fmt: skip
    lay.title_line(heading, 16)
    lay.pair_line(
        _("慰问单位：{organiser}    慰问组：{team}", lang).format(
            organiser=log.organiser, team=team
        ),
        _("日期：{day}", lang).format(day=day),
        10,
    )
    columns = [
        Column(_("序号", lang), 3, "center"), Column(_("时间", lang), 4.5, "center"),
        Column(_("姓名", lang), 6), Column(_("身份证尾号", lang), 6, "center"),
        Column(_("方式", lang), 4.5, "center"), Column(_("结果", lang), 5.5, "center"),
        Column(_("慰问金", lang), 8, "right"), Column(_("慰问品", lang), 13),
        Column(_("看到的情况 / 备注", lang), 19.5), Column(_("意见建议", lang), 19),
        Column(_("走访人", lang), 7),
    ]  # fmt: skip
    rows: list[Sequence[Cell]] = []
    for n, r in enumerate(log.rows, start=1):
        cash = ""
        if r.cash_fen or r.outcome == Outcome.VISITED:
            cash = _cash(r.cash_fen, r.transfer_fen, lang)
        rows.append([str(n), r.time, r.name, r.id_tail, label(r.mode, lang),
                     label(r.outcome, lang), cash, goods_listed(r.goods, lang),
                     seen_words(r, lang), r.opinions, listed(r.visitors, lang)])  # fmt: skip
    rows.append(["", _("合计", lang), _("{count} 户次", lang).format(count=len(log.rows)), "", "",
                 _("已慰问 {count}", lang).format(count=log.done),
                 _cash(log.cash_fen, log.transfer_fen, lang), "", "", "", ""])  # fmt: skip
    lay.table(Table(columns, rows, size=8.5, emphasis=frozenset({len(rows) - 1})))
    if note := notes(log, lang):
        lay.paragraph(note, 9)
    lay.space(4 * MM)
    lay.paragraph(_("日终现金清点", lang), 11)
    pairs = count_lines(log.count, lang)
    lay.table(Table([Column("", 1), Column("", 4)], [list(p) for p in pairs], size=9,
                    header=False))  # fmt: skip
    lay.space(4 * MM)
    lay.pair_line(_("记录人：____________    慰问组组长：____________", lang), "", 10)
    return lay
