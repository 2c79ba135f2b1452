"""Receipts: the 签收单 of one visit (A5 landscape) and a team's 慰问金发放签收表 (A4 landscape
table, one row per visit, totals at the foot, one blank row for paper signing)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.documents.pdf_fonts import FontChain
from app.documents.pdf_layout import MM, Cell, Column, Layout, Table, page_size
from app.documents.pdf_signature import SignatureCell, SignatureMark
from app.documents.words import Proxy, goods_listed, proxy_words, team_words
from app.domain.money import fen_to_capitals, format_fen
from app.domain.signature import statement_version
from app.i18n import _, listed, long_date, pgettext, text

# The amount in capitals is Chinese by nature, in every language: 人民币壹仟元整.
RMB = "人民币"


@dataclass(frozen=True, slots=True)
class ReceiptRow:
    receipt_no: str
    name: str
    unit: str
    id_masked: str
    categories: tuple[str, ...]  # the names of the categories handed over
    cash_fen: int
    transfer_fen: int  # part of cash_fen paid to the salary card, not by hand
    goods: tuple[str, ...]
    day: date
    visitors: tuple[str, ...]
    marks: tuple[SignatureMark, ...]
    paper_signed: bool = False  # signed the paper sheet (the laptop was down)
    transfer: bool = False  # money marked to go to the bank card (a household paid by transfer)
    proxy: Proxy | None = None


@dataclass(frozen=True, slots=True)
class ReceiptHead:
    campaign: str
    organiser: str
    team_name: str  # "" for a household given to no team
    team_leader: str
    day: date | None  # None: every day


def _cash_text(fen: int, transfer_fen: int, lang: str) -> str:
    cash = format_fen(fen)
    if transfer_fen:
        cash += "\n" + _("（转账 {amount}）", lang).format(amount=format_fen(transfer_fen))
    return cash


def _signature(row: ReceiptRow, chain: FontChain, lang: str,
               ink: float = 9 * MM) -> SignatureCell | str:  # fmt: skip
    if row.marks:
        return SignatureCell(row.marks, chain, lang, ink_height=ink)
    if row.paper_signed:
        return _("纸质签收", lang)
    # Cash by hand or goods with nothing signed: said, never a blank cell to fill in later.
    return _("无签名", lang) if row.cash_fen > row.transfer_fen or row.goods else ""


def _head_line(head: ReceiptHead, lang: str) -> str:
    return _("慰问单位：{organiser}    慰问组：{team}", lang).format(
        organiser=head.organiser, team=team_words(head.team_name, head.team_leader, lang)
    )


def sheet_layout(head: ReceiptHead, rows: Sequence[ReceiptRow], chain: FontChain, *,
                 lang: str) -> Layout:  # fmt: skip
    title = _("{campaign} 慰问金（品）发放签收表", lang).format(campaign=head.campaign)
    lay = Layout(chain, size=page_size("A4", wide=True),
                 margins=(12 * MM, 12 * MM, 12 * MM, 10 * MM), title=title, lang=lang)  # fmt: skip
    lay.title_line(title, 16)
    day = long_date(head.day, lang) if head.day else _("全部日期", lang)
    lay.pair_line(_head_line(head, lang), _("日期：{day}", lang).format(day=day), 10)
    columns = [
        Column(_("序号", lang), 3.5, "center"), Column(_("姓名", lang), 7.5),
        Column(pgettext("work unit", "单位", lang), 9), Column(_("身份证号", lang), 14.5),
        Column(_("慰问类别", lang), 7), Column(_("慰问金（小写）", lang), 9, "right"),
        Column(_("慰问金（大写）", lang), 11), Column(_("慰问品", lang), 12.5),
        Column(_("日期", lang), 10.5, "center"), Column(_("签收人签名（校验码）", lang), 24),
        Column(_("走访人", lang), 7),
    ]  # fmt: skip
    table_rows: list[list[Cell]] = []
    for number, row in enumerate(rows, start=1):
        name = row.name
        if row.proxy:
            name += "\n" + _("代领：{name}", lang).format(name=proxy_words(row.proxy, lang))
        table_rows.append([
            str(number), name, row.unit, row.id_masked, listed(row.categories, lang),
            _cash_text(row.cash_fen, row.transfer_fen, lang), fen_to_capitals(row.cash_fen),
            goods_listed(row.goods, lang), long_date(row.day, lang),
            _signature(row, chain, lang), listed(row.visitors, lang),
        ])  # fmt: skip
    # One row left blank for paper signing when the laptop is down.
    table_rows.append([str(len(rows) + 1), "", "", "", "", "", "", "", "", "", ""])
    cash = sum(r.cash_fen for r in rows)
    transfer = sum(r.transfer_fen for r in rows)
    goods = sum(1 for r in rows if r.goods)
    table_rows.append([
        "", _("合计", lang), _("{count} 户", lang).format(count=len(rows)), "", "",
        _cash_text(cash, transfer, lang), fen_to_capitals(cash),
        _("{count} 份", lang).format(count=goods), "", "", "",
    ])  # fmt: skip
    lay.table(Table(columns, table_rows, size=8.5, min_height=15 * MM,
                    emphasis=frozenset({len(table_rows) - 1})))  # fmt: skip
    if not rows:
        lay.paragraph(_("（当日没有发放记录）", lang), 9)
    lay.space(4 * MM)
    lay.pair_line(_("经办人：____________    慰问组组长：____________    财务审核：____________",
                    lang),
                  _("{organiser}（盖章）", lang).format(organiser=head.organiser), 10)  # fmt: skip
    return lay


def single_layout(head: ReceiptHead, row: ReceiptRow, chain: FontChain, *, lang: str) -> Layout:
    title = _("{campaign} 慰问金（品）签收单", lang).format(campaign=head.campaign)
    lay = Layout(chain, size=page_size("A5", wide=True),
                 margins=(12 * MM, 12 * MM, 10 * MM, 8 * MM), page_numbers=False, title=title,
                 lang=lang)  # fmt: skip
    lay.title_line(title, 14)
    lay.pair_line(_head_line(head, lang), _("编号：{number}", lang).format(number=row.receipt_no),
                  9)  # fmt: skip
    size = 9.5
    day = long_date(row.day, lang)
    four = [Column("", 1), Column("", 2), Column("", 1), Column("", 2)]
    lay.table(Table(four, [
        [_("姓名", lang), row.name, _("身份证号", lang), row.id_masked],
        [pgettext("work unit", "单位", lang), row.unit, _("慰问类别", lang),
         listed(row.categories, lang)],
        [_("慰问金（小写）", lang), _cash_text(row.cash_fen, row.transfer_fen, lang),
         _("慰问金（大写）", lang), RMB + fen_to_capitals(row.cash_fen)],
        [_("走访日期", lang), day, _("走访人", lang), listed(row.visitors, lang)],
    ], size=size, header=False))  # fmt: skip
    two = [Column("", 1), Column("", 5)]
    goods = goods_listed(row.goods, lang) or _("无", lang)
    lay.table(Table(two, [[_("慰问品", lang), goods]], size=size, header=False))
    version = statement_version(row.cash_fen - row.transfer_fen, row.transfer)
    statement = text(f"sign.statement.{version}", lang)
    signer = _("签收人签名", lang)
    if row.proxy:
        signer = _("代领人签名", lang)
        statement += "\n" + _("代领人：{proxy} 代 {name} 领取", lang).format(
            proxy=proxy_words(row.proxy, lang), name=row.name
        )
    lay.table(Table(two, [[_("声明", lang), statement],
                          [signer, _signature(row, chain, lang, 16 * MM)]],
                    size=size, header=False, min_height=8 * MM))  # fmt: skip
    lay.space(3 * MM)
    lay.pair_line("", f"{head.organiser}    {day}", 9.5)
    return lay
