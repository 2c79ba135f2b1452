"""Receipts: the 签收单 of one visit (A5 landscape) and a team's 慰问金发放签收表 (A4 landscape
table, one row per visit, totals at the foot, one blank row for paper signing)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.documents.pdf_fonts import FontChain
from app.documents.pdf_layout import MM, Cell, Column, Layout, Table, page_size
from app.documents.pdf_signature import SignatureCell, SignatureMark
from app.domain.money import fen_to_capitals, format_fen
from app.domain.signature import STATEMENT_VERSION
from app.i18n import text


@dataclass(frozen=True, slots=True)
class ReceiptRow:
    receipt_no: str
    name: str
    unit: str
    id_masked: str
    category: str
    cash_fen: int
    transfer_fen: int  # part of cash_fen paid to the salary card, not by hand
    goods: str
    day: str  # 2027年1月20日
    visitors: str
    marks: tuple[SignatureMark, ...]
    paper_signed: bool = False  # signed the paper sheet (the laptop was down)
    proxy: str = ""  # 张小明（户主之子）


@dataclass(frozen=True, slots=True)
class ReceiptHead:
    campaign: str
    organiser: str
    team: str  # 第一慰问组（组长 王强）
    day: str  # 2027年1月20日, or 全部日期
    note: str = ""  # e.g. "当日没有发放记录"


def _cash_text(row: ReceiptRow) -> str:
    text = format_fen(row.cash_fen)
    if row.transfer_fen:
        text += f"\n（转账 {format_fen(row.transfer_fen)}）"
    return text


def _signature(row: ReceiptRow, chain: FontChain, ink: float = 9 * MM) -> SignatureCell | str:
    if row.marks:
        return SignatureCell(row.marks, chain, ink_height=ink)
    return "纸质签收" if row.paper_signed else ""


def sheet_layout(head: ReceiptHead, rows: Sequence[ReceiptRow], chain: FontChain) -> Layout:
    lay = Layout(chain, size=page_size("A4", wide=True),
                 margins=(12 * MM, 12 * MM, 12 * MM, 10 * MM),
                 title=f"{head.campaign} 慰问金（品）发放签收表")  # fmt: skip
    lay.title_line(f"{head.campaign} 慰问金（品）发放签收表", 16)
    lay.pair_line(f"慰问单位：{head.organiser}    慰问组：{head.team}", f"日期：{head.day}", 10)
    columns = [
        Column("序号", 3.5, "center"), Column("姓名", 7.5), Column("单位", 9),
        Column("身份证号", 14.5), Column("慰问类别", 7), Column("慰问金（小写）", 9, "right"),
        Column("慰问金（大写）", 11), Column("慰问品", 12.5), Column("日期", 10.5, "center"),
        Column("签收人签名（校验码）", 24), Column("走访人", 7),
    ]  # fmt: skip
    table_rows: list[list[Cell]] = []
    for number, row in enumerate(rows, start=1):
        name = row.name + (f"\n代领：{row.proxy}" if row.proxy else "")
        table_rows.append([
            str(number), name, row.unit, row.id_masked, row.category, _cash_text(row),
            fen_to_capitals(row.cash_fen), row.goods, row.day, _signature(row, chain),
            row.visitors,
        ])  # fmt: skip
    # One row left blank for paper signing when the laptop is down.
    table_rows.append([str(len(rows) + 1), "", "", "", "", "", "", "", "", "", ""])
    cash = sum(r.cash_fen for r in rows)
    transfer = sum(r.transfer_fen for r in rows)
    goods = sum(1 for r in rows if r.goods)
    total_cash = format_fen(cash) + (f"\n（转账 {format_fen(transfer)}）" if transfer else "")
    table_rows.append(["", "合计", f"{len(rows)} 户", "", "", total_cash, fen_to_capitals(cash),
                       f"{goods} 份", "", "", ""])  # fmt: skip
    lay.table(Table(columns, table_rows, size=8.5, min_height=15 * MM,
                    emphasis=frozenset({len(table_rows) - 1})))  # fmt: skip
    if head.note:
        lay.paragraph(head.note, 9)
    lay.space(4 * MM)
    lay.pair_line("经办人：____________    慰问组组长：____________    财务审核：____________",
                  f"{head.organiser}（盖章）", 10)  # fmt: skip
    return lay


def single_layout(head: ReceiptHead, row: ReceiptRow, chain: FontChain) -> Layout:
    lay = Layout(chain, size=page_size("A5", wide=True),
                 margins=(12 * MM, 12 * MM, 10 * MM, 8 * MM), page_numbers=False,
                 title=f"{head.campaign} 慰问金（品）签收单")  # fmt: skip
    lay.title_line(f"{head.campaign} 慰问金（品）签收单", 14)
    lay.pair_line(f"慰问单位：{head.organiser}    慰问组：{head.team}",
                  f"编号：{row.receipt_no}", 9)  # fmt: skip
    size = 9.5
    four = [Column("", 1), Column("", 2), Column("", 1), Column("", 2)]
    lay.table(Table(four, [
        ["姓名", row.name, "身份证号", row.id_masked],
        ["单位", row.unit, "慰问类别", row.category],
        ["慰问金（小写）", _cash_text(row), "慰问金（大写）",
         "人民币" + fen_to_capitals(row.cash_fen)],
        ["走访日期", row.day, "走访人", row.visitors],
    ], size=size, header=False))  # fmt: skip
    two = [Column("", 1), Column("", 5)]
    lay.table(Table(two, [["慰问品", row.goods or "无"]], size=size, header=False))
    label = "代领人签名" if row.proxy else "签收人签名"
    statement = text(f"sign.statement.{STATEMENT_VERSION}") + (
        f"\n代领人：{row.proxy} 代 {row.name} 领取" if row.proxy else "")
    lay.table(Table(two, [["声明", statement], [label, _signature(row, chain, 16 * MM)]],
                    size=size, header=False, min_height=8 * MM))  # fmt: skip
    lay.space(3 * MM)
    lay.pair_line("", f"{head.organiser}    {row.day}", 9.5)
    return lay
