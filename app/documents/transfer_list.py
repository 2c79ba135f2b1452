"""The payment list finance takes to the bank (慰问金转账清单): one line per household of the
batch, the last line the count and the sum to check against; a second sheet lists the
households paid by transfer that are not on it, and why (缺卡号 first)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.documents.flat_xlsx import Cell, FlatSheet, write_flat_xlsx
from app.domain.errors import Reason
from app.domain.money import format_fen
from app.i18n import _, long_date, pgettext, render


@dataclass(frozen=True, slots=True)
class ListLine:
    name: str
    id_masked: str
    bank: str
    branch: str
    card: str  # masked, or in full where finance asked for it
    amount_fen: int


@dataclass(frozen=True, slots=True)
class LeftOut:
    name: str
    id_masked: str
    category: str
    why: Reason


@dataclass(frozen=True, slots=True)
class TransferListDoc:
    campaign: str
    organiser: str
    number: int
    code: str
    made: date
    by: str
    full_cards: bool
    lines: Sequence[ListLine]
    left_out: Sequence[LeftOut]

    @property
    def total_fen(self) -> int:
        return sum(line.amount_fen for line in self.lines)


def check_line(count: int, total_fen: int, lang: str) -> str:
    """共287笔 ¥574,000.00: what finance checks the bank's total against."""
    return _("共{count}笔 {total}", lang).format(count=count, total=format_fen(total_fen))


def _list_rows(doc: TransferListDoc, lang: str) -> Iterator[Sequence[Cell]]:
    title = _("{campaign} 慰问金转账清单（第{number}批 {code}）", lang)
    yield [title.format(campaign=doc.campaign, number=doc.number, code=doc.code)]
    cards = _("卡号为全号", lang) if doc.full_cards else _("卡号已遮蔽（前4位、后4位）", lang)
    yield [_("慰问单位：{organiser}", lang).format(organiser=doc.organiser), None, None,
           _("制表：{by} {day}", lang).format(by=doc.by, day=long_date(doc.made, lang)), None,
           cards]  # fmt: skip
    yield [_("序号", lang), _("姓名", lang), _("身份证号", lang), _("开户行", lang),
           _("开户网点", lang), _("卡号", lang), _("金额（元）", lang),
           _("批次号", lang)]  # fmt: skip
    for n, line in enumerate(doc.lines, start=1):
        yield [n, line.name, line.id_masked, line.bank, line.branch, line.card,
               line.amount_fen / 100, doc.code]  # fmt: skip
    yield [_("合计", lang), check_line(len(doc.lines), doc.total_fen, lang), None, None, None,
           None, doc.total_fen / 100]  # fmt: skip


def _left_out_rows(doc: TransferListDoc, lang: str) -> Iterator[Sequence[Cell]]:
    yield [_("未列入本批的转账户（共{count}户）", lang).format(count=len(doc.left_out))]
    yield [_("序号", lang), _("姓名", lang), _("身份证号", lang), _("慰问类别", lang),
           _("原因", lang)]  # fmt: skip
    for n, row in enumerate(doc.left_out, start=1):
        yield [n, row.name, row.id_masked, row.category, render(row.why, lang)]


def write_transfer_list(path: Path, doc: TransferListDoc, *, lang: str) -> None:
    lines = len(doc.lines)
    write_flat_xlsx(path, [
        FlatSheet(pgettext("sheet", "转账清单", lang), _list_rows(doc, lang),
                  widths=(6, 10, 20, 18, 18, 23, 14, 13),
                  money=frozenset({6}), bold=frozenset({0, 2, lines + 3}),
                  text=frozenset({2, 5})),
        FlatSheet(pgettext("sheet", "未列入", lang), _left_out_rows(doc, lang),
                  widths=(6, 10, 20, 14, 60), bold=frozenset({0, 1})),
    ])  # fmt: skip
