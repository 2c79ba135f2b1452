"""Bank accounts, how households are paid, transfer batches and the files of each: the tables
the office's transfer desk writes (its transfers and results are events: app.store.events)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from app.domain.events import Event, live_records
from app.domain.transfers import DeskRow, TransferState, desk_states, transfer_states
from app.store import events as store_events
from app.store.db import Store

# The setting naming the office's transfer desk: the device whose events are the transfers.
DESK_SETTING = "transfer_device_id"

ACCOUNT_COLUMNS = ("id", "household_id", "bank", "branch", "card", "luhn_ok", "import_id",
                   "reason", "recorded_at", "recorded_by")  # fmt: skip
# A household's payment in force: its own, else its category's, else cash.
_PAYMENT = "COALESCE(h.payment, c.payment, 'cash')"


class AccountRow(NamedTuple):
    id: str
    household_id: str
    bank: str
    branch: str
    card: str
    luhn_ok: int


def insert_accounts(store: Store, rows: Iterable[Sequence[Any]]) -> None:
    """New account rows, each a tuple in ``ACCOUNT_COLUMNS`` order."""
    sql = "INSERT INTO bank_account ({}) VALUES ({})".format(
        ", ".join(ACCOUNT_COLUMNS), ", ".join("?" for _ in ACCOUNT_COLUMNS)
    )
    store.conn.executemany(sql, rows)


def accounts_in_force(store: Store, campaign_id: str) -> dict[str, AccountRow]:
    """household id → its newest account, for every household of the campaign that has one."""
    cursor = store.conn.execute(
        """SELECT a.id, a.household_id, a.bank, a.branch, a.card, a.luhn_ok
           FROM bank_account a JOIN household h ON h.id = a.household_id
           WHERE h.campaign_id = ? ORDER BY a.rowid""",
        [campaign_id],
    )
    return {row.household_id: row for row in map(AccountRow._make, cursor)}


def accounts_by_id(store: Store, campaign_id: str) -> dict[str, AccountRow]:
    """Every account row of the campaign, current or replaced, by its id."""
    cursor = store.conn.execute(
        """SELECT a.id, a.household_id, a.bank, a.branch, a.card, a.luhn_ok
           FROM bank_account a JOIN household h ON h.id = a.household_id
           WHERE h.campaign_id = ?""",
        [campaign_id],
    )
    return {row.id: row for row in map(AccountRow._make, cursor)}


def cards_by_account(store: Store, campaign_id: str) -> dict[str, str]:
    """Account id → its card number, for every account row of the campaign."""
    return dict(store.conn.execute(
        """SELECT a.id, a.card FROM bank_account a JOIN household h ON h.id = a.household_id
           WHERE h.campaign_id = ?""",
        [campaign_id],
    ))  # fmt: skip


def account_history(store: Store, household_id: str) -> list[dict[str, Any]]:
    """A household's accounts, oldest first (the last is in force)."""
    return list(store.query(
        "SELECT * FROM bank_account WHERE household_id = ? ORDER BY rowid", [household_id]
    ))  # fmt: skip


def set_category_payment(store: Store, category_id: str, payment: str) -> None:
    store.conn.execute("UPDATE category SET payment = ? WHERE id = ?", [payment, category_id])


def set_household_payment(
    store: Store, household_id: str, payment: str, change: dict[str, Any]
) -> str | None:
    """Set the household's own payment and log the change; returns what it was (None: as
    its category)."""
    before = store.conn.execute(
        "SELECT payment FROM household WHERE id = ?", [household_id]
    ).fetchone()[0]
    store.conn.execute(
        "UPDATE household SET payment = ?, updated_at = ? WHERE id = ?",
        [payment, change["changed_at"], household_id],
    )
    store.insert("payment_change", {**change, "household_id": household_id,
                                     "from_payment": before, "to_payment": payment})  # fmt: skip
    return str(before) if before is not None else None


def following_category(store: Store, category_id: str) -> list[str]:
    """Ids of the category's households that have no payment of their own."""
    return [r[0] for r in store.conn.execute(
        "SELECT id FROM household WHERE category_id = ? AND payment IS NULL", [category_id]
    )]  # fmt: skip


def payment_of(store: Store, household_id: str) -> str:
    row = store.conn.execute(
        f"""SELECT {_PAYMENT} FROM household h LEFT JOIN category c ON c.id = h.category_id
            WHERE h.id = ?""",
        [household_id],
    ).fetchone()
    return str(row[0]) if row else "cash"


def payments_of(store: Store, household_ids: Sequence[str]) -> dict[str, str]:
    """household id → its payment in force, for the households named that are known."""
    found: dict[str, str] = {}
    for start in range(0, len(household_ids), 500):
        chunk = list(household_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        found.update(store.conn.execute(
            f"""SELECT h.id, {_PAYMENT} FROM household h
                LEFT JOIN category c ON c.id = h.category_id WHERE h.id IN ({marks})""",
            chunk,
        ))  # fmt: skip
    return found


def transfer_households(store: Store, campaign_id: str) -> frozenset[str]:
    """Ids of the households paid by transfer."""
    return frozenset(r[0] for r in store.conn.execute(
        f"""SELECT h.id FROM household h LEFT JOIN category c ON c.id = h.category_id
            WHERE h.campaign_id = ? AND {_PAYMENT} = 'transfer'""",
        [campaign_id],
    ))  # fmt: skip


class Candidate(NamedTuple):
    id: str
    name: str
    id_number: str
    category_code: str | None
    cash_fen: int | None


def candidates(store: Store, campaign_id: str, status: str) -> list[Candidate]:
    """Households of ``status`` paid by transfer, in roster order."""
    cursor = store.conn.execute(
        f"""SELECT h.id, h.name, h.id_number, c.code, c.cash_fen
            FROM household h LEFT JOIN category c ON c.id = h.category_id
            WHERE h.campaign_id = ? AND h.status = ? AND {_PAYMENT} = 'transfer'
            ORDER BY h.unit, h.source_row, h.rowid""",
        [campaign_id, status],
    )
    return list(map(Candidate._make, cursor))


def next_batch_number(store: Store, campaign_id: str) -> int:
    row = store.conn.execute(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM transfer_batch WHERE campaign_id = ?",
        [campaign_id],
    ).fetchone()
    return int(row[0])


def insert_batch(store: Store, row: dict[str, Any]) -> None:
    store.insert("transfer_batch", row)


def batches(store: Store, campaign_id: str) -> list[dict[str, Any]]:
    return list(store.query(
        "SELECT * FROM transfer_batch WHERE campaign_id = ? ORDER BY number", [campaign_id]
    ))  # fmt: skip


def insert_list_file(store: Store, row: dict[str, Any]) -> None:
    store.insert("transfer_list_file", row)


def list_files(store: Store, batch_id: str) -> list[dict[str, Any]]:
    return list(store.query(
        "SELECT * FROM transfer_list_file WHERE batch_id = ? ORDER BY rowid", [batch_id]
    ))  # fmt: skip


def insert_result_file(store: Store, row: dict[str, Any]) -> None:
    store.insert("transfer_result_file", row)


def result_file(store: Store, file_sha256: str) -> dict[str, Any] | None:
    rows = list(store.query(
        "SELECT * FROM transfer_result_file WHERE file_sha256 = ? LIMIT 1", [file_sha256]
    ))  # fmt: skip
    return rows[0] if rows else None


def desk_events(store: Store) -> list[Event]:
    """Every event of the transfer desk: the transfers and the bank's answers."""
    device_id = store_events.get_setting(store, DESK_SETTING)
    if not device_id:
        return []
    # Made straight from the rows (a batch of 100,000 is read back with each bank file).
    cursor = store.conn.execute(
        f"SELECT {', '.join(Event._fields)} FROM event WHERE device_id = ? ORDER BY seq",
        [device_id],
    )
    return list(map(Event._make, cursor))


def desk_rows(store: Store) -> list[DeskRow]:
    """The desk's events as ``desk_states`` folds them: kind, record, household and body."""
    device_id = store_events.get_setting(store, DESK_SETTING)
    if not device_id:
        return []
    return store.conn.execute(  # in the order written: a batch's lines keep their order
        "SELECT kind, record_id, household_id, body FROM event WHERE device_id = ? ORDER BY seq",
        [device_id],
    ).fetchall()


def desk_transfers(store: Store) -> dict[str, TransferState]:
    """Transfer id → its state: the desk's events folded directly where they allow it (they
    always do as the desk writes them), else through ``live_records``."""
    states = desk_states(desk_rows(store))
    return states if states is not None else transfer_states(live_records(desk_events(store)))


def confirmed_transfers(store: Store) -> dict[str, list[TransferState]]:
    """household id → its transfers the bank confirmed as paid (``amount_fen`` each; the proof
    is ``result_id``, the bank's result line): what an audit reconciles a transfer against."""
    found: dict[str, list[TransferState]] = {}
    for state in desk_transfers(store).values():
        if state.paid:
            found.setdefault(state.household_id, []).append(state)
    return found
