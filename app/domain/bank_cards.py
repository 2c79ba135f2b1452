"""Bank card numbers (银行卡号): checked, masked, and read from a roster's bank columns.

A card number is digits only (spaces removed), 16 to 19 of them, and its last digit a Luhn
check digit: UnionPay debit cards (62…) and the Visa/Mastercard ones Chinese banks issue all
carry one. Some accounts do not: rural credit cooperatives' own cards and passbook accounts
(农村信用社, 信用联社, 村镇银行, 存折). For a bank named that way a failed Luhn check is a
warning, the number is kept; anywhere else it is a typing mistake and refused
(docs/decisions.md, "Transfers").

A card number is personal data: it is shown masked (first 4 and last 4) everywhere but the
payment list finance asks for in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from app.domain.errors import InvalidInput
from app.domain.roster_columns import Layout
from app.domain.roster_rows import RowProblem
from app.domain.text import clean, squeeze

CARD_LENGTHS = range(16, 20)
# Words in a bank's name that mark accounts without a Luhn digit.
NO_LUHN_BANKS = ("信用社", "信用联社", "农信", "村镇银行", "存折")


class Card(NamedTuple):
    number: str
    luhn_ok: bool  # False only where the bank is known not to use the check


def luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def skips_luhn(bank: str) -> bool:
    return any(word in bank for word in NO_LUHN_BANKS)


def parse_card(raw: object, bank: str = "") -> Card:
    """A card number as the store keeps it; raises ``InvalidInput`` (card.*) when it cannot
    be one. A failed Luhn check at a bank that does not use it gives ``luhn_ok=False``."""
    if isinstance(raw, float) and raw >= 1e15:
        raise InvalidInput("card.excel_number")  # Excel keeps 15 digits of a number
    number = squeeze(raw)
    if not number:
        raise InvalidInput("card.missing")
    if not (number.isascii() and number.isdigit()):
        raise InvalidInput("card.chars")
    if len(number) not in CARD_LENGTHS:
        raise InvalidInput("card.length", length=len(number))
    if luhn_ok(number):
        return Card(number, True)
    if skips_luhn(bank):
        return Card(number, False)
    raise InvalidInput("card.luhn")


def mask_card(number: str) -> str:
    """First 4 and last 4 kept: 6222 0212 3456 7890 123 → 6222***********0123."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_typed(text: object) -> str:
    """What was typed in a card cell, masked as a card is (a wrong number is still personal)."""
    return mask_card(squeeze(text))


Account = tuple[str, str, str, bool]  # bank, branch, card number, luhn_ok
ACCOUNT_FIELDS = ("bank", "branch", "card")


class AccountChecker:
    """The bank columns of a roster row: ``checker(cells, excel_row)`` → (the account or None
    when the row names no card, its problems, its warnings). Made once per file, where the
    layout has a card column."""

    def __init__(self, layout: Layout) -> None:
        self._columns = tuple(layout.columns.get(f) for f in ACCOUNT_FIELDS)
        self._card_header = layout.headers[layout.columns["card"]]

    @staticmethod
    def wanted(layout: Layout) -> bool:
        return "card" in layout.columns

    def __call__(
        self, cells: Sequence[object], excel_row: int
    ) -> tuple[Account | None, list[RowProblem], list[RowProblem]]:
        bank_cell, branch_cell, card_cell = (
            cells[c] if c is not None and c < len(cells) else None for c in self._columns
        )
        if not squeeze(card_cell):
            return None, [], []
        bank = clean(bank_cell)
        try:
            card = parse_card(card_cell, bank)
        except InvalidInput as e:
            problem = RowProblem(excel_row, self._card_header, mask_typed(card_cell), e.key,
                                 e.params)  # fmt: skip
            return None, [problem], []
        warnings = []
        if not card.luhn_ok:
            warnings.append(RowProblem(excel_row, self._card_header, mask_card(card.number),
                                       "card.luhn_unchecked", {"bank": bank}))  # fmt: skip
        return (bank, clean(branch_cell), card.number, card.luhn_ok), [], warnings
