"""How a household is paid, where a team meets it: cash by the team's hand, or a transfer that
finance makes to its bank card (app.domain.payment). The assignment bundle carries each of a
team's households' payment as resolved at the office (its own, else its category's), the
laptop keeps it, and every way a visit is recorded — the window, ``visits import`` at the
office or on the laptop — refuses cash by hand to a household paid by transfer. Goods by hand
are still handed over (and signed for); the visit may mark the transfer due, with no amount
and no signature for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.domain.campaign import new_id
from app.domain.payment import PAYMENTS, Payment, check_no_cash, hand_standards
from app.domain.visits import VisitInput
from app.services.infra.context import Actor
from app.store import households as store_households
from app.store import transfers as store_transfers
from app.store.db import Store


def payment_of(store: Store, household_id: str) -> Payment:
    """The household's payment in force (cash where it is not known)."""
    return Payment(store_transfers.payment_of(store, household_id))


def standards_for(
    store: Store, visit: VisitInput, standards: Mapping[str, tuple[int, int]]
) -> dict[str, tuple[int, int]]:
    """The standards (category code → cash, goods) a team hands over to this visit's household
    by: goods only where it is paid by transfer, and then cash is refused with the household's
    name."""
    payment = payment_of(store, visit.household_id)
    if payment == Payment.TRANSFER:
        brief = store_households.household_brief(store, visit.household_id)
        check_no_cash(visit, payment, brief[1] if brief else "")
    return hand_standards(standards, payment)


# --- the assignment bundle ----------------------------------------------------------------------


def payments_for_team(store: Store, household_ids: Sequence[str]) -> dict[str, str]:
    """What a team laptop needs: each household's payment, as resolved at the office."""
    return store_transfers.payments_of(store, household_ids)


def apply_team_payments(store: Store, sent: object, actor: Actor) -> int:
    """On a team laptop (inside the bundle's transaction): the office's payment of each
    household, written as the household's own where the laptop resolves it otherwise (the
    change logged, as at the office). Returns the households changed. A bundle written before
    payments were carried has none: everything stays as it was (the households' and
    categories' own columns, where the bundle had them); what is not a payment is left out."""
    if not isinstance(sent, Mapping):
        return 0
    wanted = {str(h): Payment(str(p)) for h, p in sent.items() if p in PAYMENTS}
    current = store_transfers.payments_of(store, list(wanted))
    changed = [h for h, p in wanted.items() if h in current and current[h] != p]
    at = actor.now()
    for household_id in changed:
        store_transfers.set_household_payment(
            store, household_id, str(wanted[household_id]),
            {"id": new_id(), "reason": "", "changed_at": at, "changed_by": actor.user},
        )  # fmt: skip
    return len(changed)
