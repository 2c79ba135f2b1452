"""The lines of a bank's result file: its columns found by the words banks put in their headers,
each line's card, name, amount, status and reason read, and every unreadable cell reported
with its line (as a roster's rows are)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from app.domain.bank_cards import mask_typed
from app.domain.errors import InvalidInput
from app.domain.money import parse_optional_money
from app.domain.roster_columns import Layout
from app.domain.roster_rows import RowProblem, is_footer_or_blank
from app.domain.text import clean, clean_name, squeeze
from app.domain.transfers import TransferOutcome, parse_bank_status

# field -> (label for messages, header words); ``--map 列名=field`` takes these field names.
RESULT_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": ("姓名", ("姓名", "户名", "收款人", "收款人姓名", "账户名称", "收款户名", "账户名")),
    "card": ("卡号", ("卡号", "账号", "银行卡号", "收款账号", "收款人账号", "收款卡号", "账户",
                      "入账账号", "卡号/账号")),
    "amount": ("金额", ("金额", "交易金额", "转账金额", "发放金额", "代发金额", "金额（元）")),
    "status": ("状态", ("状态", "处理结果", "交易状态", "处理状态", "结果", "入账状态",
                        "交易结果")),
    "reason": ("失败原因", ("失败原因", "原因", "错误信息", "备注", "说明", "处理说明",
                            "错误原因", "处理结果说明", "返回信息")),
    "batch": ("批次号", ("批次号", "批次", "摘要", "附言", "用途")),
}  # fmt: skip
REQUIRED = ("card", "amount", "status")


class ResultLine(NamedTuple):  # a tuple: 100,000 of them per file, built in C
    line: int  # as the spreadsheet numbers it (or the CSV's line)
    column: str  # the card column's header, for a problem about the line
    card: str
    name: str
    amount_fen: int
    outcome: TransferOutcome
    reason: str
    batch: str


class _Cached(dict):  # type: ignore[type-arg]
    """A function of a cell's value, worked out once per distinct value: a bank's file repeats
    its amounts, statuses, reasons and batch codes on every line."""

    def __init__(self, function: Any) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, key: object) -> Any:
        value = self[key] = self.function(key)
        return value


def _money(raw: object) -> tuple[int | None, InvalidInput | None]:
    try:
        return parse_optional_money(raw), None
    except InvalidInput as e:
        return None, e


def _status(raw: object) -> tuple[str, TransferOutcome | None]:
    status = clean(raw)
    return status, parse_bank_status(status) if status else None


@dataclass(slots=True)
class _Reader:
    headers: dict[str, str]
    money: _Cached = field(default_factory=lambda: _Cached(_money))
    status: _Cached = field(default_factory=lambda: _Cached(_status))
    text: _Cached = field(default_factory=lambda: _Cached(clean))
    name: _Cached = field(default_factory=lambda: _Cached(clean_name))


def read_lines(
    rows: Sequence[Sequence[object]], layout: Layout
) -> tuple[list[ResultLine], list[RowProblem]]:
    """The readable lines under the header, and every problem of the others.

    Cells are read by position (a field the file lacks reads the padding's None), and a line
    whose card is plain digits with a known amount and status is made at once; any other is
    looked at cell by cell for what to report."""
    columns = layout.columns
    reader = _Reader({f: layout.headers[c] for f, c in columns.items()})
    width = max(columns.values()) + 1
    padding = (None,) * (width + 1)
    card_c, amount_c, status_c, name_c, reason_c, batch_c = (
        columns.get(f, width) for f in ("card", "amount", "status", "name", "reason", "batch")
    )
    card_header = reader.headers["card"]
    money, status, text, name = reader.money, reader.status, reader.text, reader.name
    lines: list[ResultLine] = []
    problems: list[RowProblem] = []
    for index in range(layout.header_row + 1, len(rows)):
        cells = rows[index]
        if is_footer_or_blank(cells):
            continue
        if len(cells) <= width:
            cells = (*cells, *padding[len(cells) :])
        card = cells[card_c]
        amount, error = money[cells[amount_c]]
        outcome = status[cells[status_c]][1]
        if (
            isinstance(card, str) and card.isdigit() and card.isascii()
            and amount is not None and outcome is not None
        ):  # fmt: skip
            reason, batch = text[cells[reason_c]], text[cells[batch_c]]
            lines.append(ResultLine(index + 1, card_header, card, name[cells[name_c]], amount,
                                    outcome, reason, batch))  # fmt: skip
            continue
        cell = dict(card=card, amount=cells[amount_c], status=cells[status_c],
                    name=cells[name_c], reason=cells[reason_c], batch=cells[batch_c])  # fmt: skip
        found = _line(index + 1, cell, reader)
        if isinstance(found, ResultLine):
            lines.append(found)
        else:
            problems += found
    return lines, problems


def _line(number: int, cell: dict[str, object], reader: _Reader) -> ResultLine | list[RowProblem]:
    problems: list[RowProblem] = []
    headers = reader.headers

    def report(name: str, key: str, shown: str, **params: object) -> None:
        problems.append(RowProblem(number, headers.get(name, RESULT_FIELDS[name][0]), shown,
                                   key, params))  # fmt: skip

    card = squeeze(cell["card"])
    if isinstance(cell["card"], float) and cell["card"] >= 1e15:
        report("card", "card.excel_number", mask_typed(cell["card"]))
    elif not (card.isascii() and card.isdigit()):
        report("card", "transfer.line_card", mask_typed(cell["card"]))
    amount, error = reader.money[cell["amount"]]
    if error is not None:
        report("amount", error.key, clean(cell["amount"]), **error.params)
    elif amount is None:
        report("amount", "money.missing", "")
    status, outcome = reader.status[cell["status"]]
    if not status:
        report("status", "transfer.line_no_status", "")
    elif outcome is None:
        report("status", "transfer.line_status_unknown", status, value=status)
    if problems or amount is None or outcome is None:
        return problems
    return ResultLine(number, headers["card"], card, reader.name[cell.get("name")], amount,
                      outcome, reader.text[cell.get("reason")],
                      reader.text[cell.get("batch")])  # fmt: skip
