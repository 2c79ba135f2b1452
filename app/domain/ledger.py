"""The money handed over, one row a live payment, booked to whoever handed it over.

Money belongs to the team (and the laptop) that handed it over: the team a disbursement event
names and the device that wrote it, never the household's team now. A household the office
moved from T1 to T2 after T1 paid it keeps T1's payment on T1's lines, as on T1's signed
签收表 and in T1's window; what T2 pays it is T2's. Progress, the summary (by team, unit or
category), the receipts, the daily logs and the audit all read the rows made here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from app.domain.events import DISBURSEMENT, LiveRecord, record_fields
from app.domain.transfers import transfer_states


class Payment(NamedTuple):
    """A named tuple, as ``Event``: the audit makes one for each of 100,000 payments, and a
    tuple is built in C (a frozen dataclass's fields are set one by one)."""

    record_id: str
    household_id: str
    team_id: str  # the team that handed it over ("" where the office entered it for none)
    device_id: str  # the laptop (or the office) that wrote the version in force
    visit_id: str
    category_code: str
    day: str  # ISO date
    cash_fen: int  # by hand
    transfer_fen: int  # to the salary card, spent once the bank confirms it
    goods_fen: int

    @property
    def total_fen(self) -> int:
        return self.cash_fen + self.transfer_fen + self.goods_fen


def payments(
    records: Iterable[LiveRecord], bodies: Mapping[str, Mapping[str, Any]] | None = None
) -> list[Payment]:
    """Every live, not voided disbursement, in record order (``bodies``: event id → its body,
    parsed already)."""
    found = []
    for record in records:
        if record.kind != DISBURSEMENT or record.voided:
            continue
        f = bodies[record.event.id] if bodies is not None else record_fields(record)
        event = record.event
        cash, transfer = (0, f["cash_fen"]) if f["transfer"] else (f["cash_fen"], 0)
        found.append(Payment(record.record_id, event.household_id, event.team_id, event.device_id,
                             f["visit_id"], f["category_code"], f["date"], cash, transfer,
                             f["goods_fen"]))  # fmt: skip
    found.sort(key=lambda p: p.record_id)
    return found


Sums = list[int]  # cash by hand, transfer, goods (fen)


def sums_by(rows: Iterable[Payment], key: Mapping[str, str] | None = None,
            by: str = "team_id") -> dict[str, Sums]:  # fmt: skip
    """Cash, transfer and goods summed by a field of the payment (``team_id``,
    ``household_id``, ``category_code``), mapped through ``key`` when given."""
    found: dict[str, Sums] = {}
    for p in rows:
        group = getattr(p, by)
        if key is not None:
            group = key.get(group, "")
        sums = found.setdefault(group, [0, 0, 0])
        sums[0] += p.cash_fen
        sums[1] += p.transfer_fen
        sums[2] += p.goods_fen
    return found


def bank_transfers(records: Mapping[str, LiveRecord]) -> tuple[list[Payment], list[Payment]]:
    """The office's bank transfers (app.domain.transfers) as payments: those the bank confirmed
    (money out, the bank's answer their proof), and those still waiting for its answer (owed,
    not spent). A failed one is neither: no money left, and ``transfer_failed`` flags it."""
    confirmed: list[Payment] = []
    waiting: list[Payment] = []
    for state in transfer_states(records).values():
        if not (state.paid or state.pending):
            continue
        event = records[state.transfer_id].event
        day = str(record_fields(records[state.transfer_id]).get("date", ""))
        row = Payment(state.transfer_id, state.household_id, event.team_id, event.device_id, "",
                      state.category_code, day, 0, state.amount_fen, 0)  # fmt: skip
        (confirmed if state.paid else waiting).append(row)
    return confirmed, waiting
