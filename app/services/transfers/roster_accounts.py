"""The bank columns of a roster (开户行, 开户网点, 银行卡号): each row's card checked with the
rest of the row, and the accounts written with the households, in the import's transaction.

A bad card number rejects its row like any other bad cell (row, column, the value masked); a
row without one simply has no account. An account is written when it is new or differs from
the household's account in force (the older one stays as history), so a corrected file that
changes only a card still changes something.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app.domain.bank_cards import Account, AccountChecker
from app.domain.campaign import new_ids
from app.domain.roster_columns import Layout
from app.domain.roster_rows import RowProblem, is_footer_or_blank
from app.store import transfers as store_transfers
from app.store.db import Store


@dataclass(slots=True)
class RosterAccounts:
    """The accounts of one roster file, by Excel row, and the problems of its card cells."""

    by_row: dict[int, Account] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)

    def without_rejected(self, rows: list[list[object]]) -> list[list[object]]:
        """The sheet with the rows of a bad card left blank (skipped, as the clerk asked)."""
        bad = {p.row for p in self.problems}
        return [[] if i + 1 in bad else cells for i, cells in enumerate(rows)]

    def new_rows(
        self, store: Store, campaign_id: str, household_at: Mapping[int, str], import_id: str,
        now: str, user: str,
    ) -> list[tuple[object, ...]]:  # fmt: skip
        """Account rows (``ACCOUNT_COLUMNS``) for the households whose account is new."""
        in_force = store_transfers.accounts_in_force(store, campaign_id)
        wanted = []
        for excel_row, (bank, branch, card, luhn) in self.by_row.items():
            household_id = household_at.get(excel_row)
            if household_id is None:
                continue  # a duplicate row, or a rejected one skipped
            current = in_force.get(household_id)
            if current is None or (current.bank, current.branch, current.card) != (
                bank, branch, card
            ):  # fmt: skip
                wanted.append((household_id, bank, branch, card, int(luhn)))
        return [(account_id, hid, bank, branch, card, luhn, import_id, "", now, user)
                for account_id, (hid, bank, branch, card, luhn)
                in zip(new_ids(len(wanted)), wanted, strict=True)]  # fmt: skip


def read_accounts(rows: Sequence[Sequence[object]], layout: Layout) -> RosterAccounts | None:
    """The bank columns of every data row; None when the file has no card column."""
    if not AccountChecker.wanted(layout):
        return None
    checker = AccountChecker(layout)
    found = RosterAccounts()
    for index in range(layout.header_row + 1, len(rows)):
        cells = rows[index]
        if is_footer_or_blank(cells):
            continue
        account, problems, warnings = checker(cells, index + 1)
        if account is not None:
            found.by_row[index + 1] = account
        found.problems += problems
        found.warnings += warnings
    return found
