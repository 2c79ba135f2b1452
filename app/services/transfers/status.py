"""Where the transfers stand: the campaign's totals (已转账 counts only what the bank confirmed),
and the to-do list of failed ones (转账失败), each with whether a new card awaits the next batch.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.bank_cards import mask_card
from app.domain.id_number import mask_id
from app.domain.transfers import Totals, TransferOutcome, standing
from app.services.infra.context import require_campaign
from app.services.transfers.ledger import read_book
from app.store import households as store_households
from app.store import transfers as store_transfers
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class FailedTransfer:
    """A household whose transfer the bank returned, neither re-sent nor paid since."""

    name: str
    id_number_masked: str
    batch_code: str
    amount_fen: int
    reason: str  # the bank's
    card_masked: str  # the card it failed on
    new_card: str  # masked; the account in force when it differs (the next batch pays to it)
    id_number: str = ""  # in full, to act on the household (a new card, cash): never shown


def failed_transfers(store: Store) -> tuple[FailedTransfer, ...]:
    """The to-do list: every failed transfer, in the order the batches were sent."""
    campaign = require_campaign(store)
    book = read_book(store)
    failed = [s for ts in book.households.values() if (s := standing(ts)) is not None
              and s.outcome == TransferOutcome.FAILED]  # fmt: skip
    failed.sort(key=lambda s: (s.batch_number, s.transfer_id))
    accounts = store_transfers.accounts_by_id(store, campaign.id)
    in_force = store_transfers.accounts_in_force(store, campaign.id)
    people = store_households.household_names(store, [s.household_id for s in failed])
    result = []
    for s in failed:
        name, number = people.get(s.household_id, ("", ""))
        now = in_force.get(s.household_id)
        new_card = mask_card(now.card) if now is not None and now.id != s.account_id else ""
        result.append(FailedTransfer(name, mask_id(number), s.batch_code, s.amount_fen, s.reason,
                                     mask_card(accounts[s.account_id].card), new_card,
                                     number))  # fmt: skip
    return tuple(result)


def transfer_overview(store: Store) -> Totals:
    """已转账 (confirmed by the bank), 待转账 (with the bank, no answer yet) and 失败."""
    require_campaign(store)
    return read_book(store).totals()
