"""How a household's cash standard reaches it: by a team's hand, or by a bank transfer.

A category is paid one way (``category add/set --payment``) and a household may be set apart
(``household set-payment``). A transfer household gets its cash from finance, to its bank card;
a team that visits it hands over goods at most, never cash: the laptop and ``visits import``
refuse, and its standard for the visit is the goods alone. The assignment bundle carries each
household's payment as resolved, so the laptop knows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from app.domain.codes import parse_code
from app.domain.errors import InvalidInput
from app.domain.money import format_fen
from app.domain.visits import VisitInput


class Payment(StrEnum):
    CASH = "cash"  # 现金: handed over by a team against a signature
    TRANSFER = "transfer"  # 转账: finance pays it to the bank card; proof is the bank's


PAYMENTS = tuple(Payment)
_WORDS = {"现金": Payment.CASH, "转账": Payment.TRANSFER, "银行转账": Payment.TRANSFER,
          "打卡": Payment.TRANSFER, "代发": Payment.TRANSFER}  # fmt: skip


def parse_payment(text: str) -> Payment:
    found = parse_code(Payment, text, _WORDS)
    if found is None:
        raise InvalidInput("payment.unknown", value=text, known=PAYMENTS)
    return found


def payment_in_force(household: str | None, category: str | None) -> Payment:
    """The household's own choice, else its category's, else cash."""
    return Payment(household or category or Payment.CASH)


def hand_standards(
    standards: Mapping[str, tuple[int, int]], payment: Payment
) -> dict[str, tuple[int, int]]:
    """Category code → (cash, goods) as a team hands it over to a household paid this way."""
    if payment == Payment.TRANSFER:
        return {code: (0, goods) for code, (_cash, goods) in standards.items()}
    return dict(standards)


def check_no_cash(visit: VisitInput, payment: Payment, name: str) -> None:
    """A team never hands cash to a household paid by transfer: finance pays its cash to the
    card in a batch (``transfers list``). The visit may mark the transfer due (a handover's
    ``transfer``) with no amount: the amount is the batch's, counted once the bank confirms,
    so a team's figure would count it twice and keep the household out of the batch."""
    if payment != Payment.TRANSFER:
        return
    for handover in visit.handovers:
        if handover.cash_fen and not handover.transfer:
            raise InvalidInput("visit.cash_to_transfer", name=name)
        if handover.cash_fen:
            raise InvalidInput("visit.transfer_amount", name=name,
                               amount=format_fen(handover.cash_fen))  # fmt: skip
