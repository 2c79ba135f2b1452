"""How a household is paid (cash by a team, or a bank transfer) and the bank account a transfer
goes to: set by category or household, kept with their history, checked where a team hands
cash over.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.bank_cards import mask_card, parse_card
from app.domain.campaign import Category, new_id
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import DISBURSEMENT, live_records, record_fields
from app.domain.id_number import mask_id, normalise_id
from app.domain.payment import Payment, parse_payment
from app.domain.text import clean
from app.domain.transfers import standing
from app.services.infra.context import Actor, require_campaign
from app.services.transfers.ledger import read_book, refuse_on_laptop
from app.store import events as store_events
from app.store import households as store_households
from app.store import transfers as store_transfers
from app.store.campaigns import list_categories
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class BankAccount:
    """An account as shown: the card masked."""

    bank: str
    branch: str
    card_masked: str
    luhn_checked: bool  # False: the bank uses no check digit, the number was kept unchecked
    from_roster: bool
    reason: str
    recorded_at: str
    recorded_by: str


def _account(row: Mapping[str, Any]) -> BankAccount:
    return BankAccount(row["bank"], row["branch"], mask_card(row["card"]), bool(row["luhn_ok"]),
                       row["import_id"] is not None, row["reason"], row["recorded_at"],
                       row["recorded_by"])  # fmt: skip


@dataclass(frozen=True, slots=True)
class PaymentInfo:
    """How a household is paid and where its transfer goes (the history oldest first)."""

    payment: Payment
    own: bool  # set on the household itself, not taken from its category
    accounts: tuple[BankAccount, ...]

    @property
    def account(self) -> BankAccount | None:
        return self.accounts[-1] if self.accounts else None


def _find(store: Store, id_number: str) -> dict[str, Any]:
    campaign = require_campaign(store)
    row = store_households.find_household(store, campaign.id, normalise_id(id_number))
    if row is None:
        raise NotFound("household.not_found", id_number=id_number)
    return row


def payment_info(store: Store, household_id: str, own: str | None) -> PaymentInfo:
    history = store_transfers.account_history(store, household_id)
    payment = Payment(store_transfers.payment_of(store, household_id))
    return PaymentInfo(payment, own is not None, tuple(_account(r) for r in history))


def household_payment(store: Store, id_number: str) -> PaymentInfo:
    row = _find(store, id_number)
    return payment_info(store, row["id"], row["payment"])


def set_card(
    store: Store, id_number: str, *, bank: str, card: str, branch: str = "", reason: str = "",
    actor: Actor | None = None,
) -> BankAccount:  # fmt: skip
    """A new account for the household (its earlier ones stay, as history): after a failed
    transfer, or when the roster had none. The next batch pays to it."""
    actor = actor or Actor()
    refuse_on_laptop(store)
    household = _find(store, id_number)
    bank, branch = clean(bank), clean(branch)
    if not bank:
        raise InvalidInput("card.bank_missing")
    checked = parse_card(card, bank)
    row = (new_id(), household["id"], bank, branch, checked.number, int(checked.luhn_ok), None,
           clean(reason), actor.now(), actor.user)  # fmt: skip
    with store.transaction():
        store_transfers.insert_accounts(store, [row])
    return _account(dict(zip(store_transfers.ACCOUNT_COLUMNS, row, strict=True)))


@dataclass(frozen=True, slots=True)
class PaymentSet:
    name: str
    id_number_masked: str
    before: Payment
    after: Payment


def set_household_payment(
    store: Store, id_number: str, payment: str, *, reason: str = "", actor: Actor | None = None
) -> PaymentSet:
    """Pay one household by transfer or in cash, whatever its category says. A household whose
    transfer is with the bank or paid cannot go back to cash; one a team already paid in cash
    cannot go to transfer."""
    actor = actor or Actor()
    refuse_on_laptop(store)
    household = _find(store, id_number)
    wanted = parse_payment(payment)
    before = Payment(store_transfers.payment_of(store, household["id"]))
    if wanted == Payment.CASH:
        _refuse_if_transferred(store, household)
    elif _cash_paid(store, household["id"]):
        raise InvalidInput("payment.cash_paid", name=household["name"])
    change = {"id": new_id(), "reason": clean(reason), "changed_at": actor.now(),
              "changed_by": actor.user}  # fmt: skip
    with store.transaction():
        store_transfers.set_household_payment(store, household["id"], wanted.value, change)
    return PaymentSet(household["name"], mask_id(household["id_number"]), before, wanted)


def _refuse_if_transferred(store: Store, household: Mapping[str, Any]) -> None:
    state = standing(read_book(store).households.get(household["id"], []))
    if state is not None and state.paid:
        raise InvalidInput("payment.transfer_paid", name=household["name"], batch=state.batch_code)
    if state is not None and state.pending:
        raise InvalidInput("payment.transfer_pending", name=household["name"],
                           batch=state.batch_code)  # fmt: skip


def _cash_paid(store: Store, household_id: str) -> bool:
    """Whether a team handed this household cash (a live disbursement with cash)."""
    events = store_events.events_where(store, "household_id = ?", [household_id])
    return any(
        r.kind == DISBURSEMENT and not r.voided and record_fields(r)["cash_fen"]
        for r in live_records(events).values()
    )


def set_category_payment(store: Store, code: str, payment: str) -> Category:
    """Pay a whole category by transfer or in cash (households set apart keep their own)."""
    refuse_on_laptop(store)
    campaign = require_campaign(store)
    wanted = parse_payment(payment)
    found = [
        c for c in list_categories(store, campaign.id) if c.code.upper() == clean(code).upper()
    ]
    if not found:
        raise NotFound("category.not_found", code=code)
    category = found[0]
    if wanted == Payment.CASH and category.payment == Payment.TRANSFER:
        book = read_book(store)
        following = store_transfers.following_category(store, category.id)
        busy = [s for h in following if (s := standing(book.households.get(h, []))) is not None
                and (s.paid or s.pending)]  # fmt: skip
        if busy:
            raise InvalidInput("payment.category_transferred", code=category.code, n=len(busy))
    with store.transaction():
        store_transfers.set_category_payment(store, category.id, wanted.value)
    return next(c for c in list_categories(store, campaign.id) if c.id == category.id)
