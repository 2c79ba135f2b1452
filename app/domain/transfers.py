"""Bank transfers as events: a household put in a batch for finance, and the bank's answer.

A ``transfer`` event says "this household is to be paid this amount in this batch, to this
account"; a ``transfer_result`` event says what the bank's result file said of it: paid (the
bank's confirmation is the proof, kind ``bank``) or failed with the bank's reason. Both are
written by the office's transfer desk (a device of the office's own, so its numbers never
leave gaps in what is relayed to the laptops) and fold like every record: arrival order and
repeats change nothing.

A transfer is money spent only once a result says paid: until then it is pending (待转账).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

import orjson

from app.domain.codes import parse_code
from app.domain.events import TRANSFER, TRANSFER_RESULT, LiveRecord, record_fields

PROOF_BANK = "bank"  # the proof of a transfer: the bank's result line (file hash, line number)


class TransferOutcome(StrEnum):
    PAID = "paid"  # 已到账
    FAILED = "failed"  # 失败


OUTCOMES = tuple(TransferOutcome)
# What banks write in a result file's status column.
_STATUS_WORDS = {
    "成功": TransferOutcome.PAID, "已到账": TransferOutcome.PAID, "到账": TransferOutcome.PAID,
    "交易成功": TransferOutcome.PAID, "处理成功": TransferOutcome.PAID,
    "入账成功": TransferOutcome.PAID, "转账成功": TransferOutcome.PAID,
    "代发成功": TransferOutcome.PAID, "已入账": TransferOutcome.PAID,
    "success": TransferOutcome.PAID, "ok": TransferOutcome.PAID,
    "失败": TransferOutcome.FAILED, "交易失败": TransferOutcome.FAILED,
    "处理失败": TransferOutcome.FAILED, "入账失败": TransferOutcome.FAILED,
    "转账失败": TransferOutcome.FAILED, "代发失败": TransferOutcome.FAILED,
    "退票": TransferOutcome.FAILED, "已退回": TransferOutcome.FAILED,
    "退回": TransferOutcome.FAILED, "fail": TransferOutcome.FAILED,
}  # fmt: skip


def parse_bank_status(text: str) -> TransferOutcome | None:
    return parse_code(TransferOutcome, text.replace(" ", ""), _STATUS_WORDS)


def batch_code(campaign_id: str, number: int) -> str:
    """What a batch is called on paper and in the bank's 摘要: WV3F9A-002 (the campaign's id
    starts it, so a file of another campaign's batch is told apart)."""
    return f"WV{campaign_id.replace('-', '')[:4].upper()}-{number:03d}"


def transfer_body(
    *, batch_id: str, batch_number: int, batch_code: str, category_code: str, amount_fen: int,
    account_id: str, card_tail: str, day: date,
) -> dict[str, Any]:  # fmt: skip
    # The card itself stays in the office's account table: an event is never erased.
    return {"batch_id": batch_id, "batch_number": batch_number, "batch_code": batch_code,
            "category_code": category_code, "amount_fen": amount_fen, "account_id": account_id,
            "card_tail": card_tail, "date": day.isoformat()}  # fmt: skip


def result_body(
    *, transfer_id: str, outcome: TransferOutcome, reason: str, file_sha256: str, file: str,
    line: int, day: date,
) -> dict[str, Any]:  # fmt: skip
    return {"transfer_id": transfer_id, "outcome": str(outcome), "reason": reason,
            "proof": PROOF_BANK, "file_sha256": file_sha256, "file": file, "line": line,
            "date": day.isoformat()}  # fmt: skip


def result_bodies(
    *, file_sha256: str, file: str, day: date,
    answers: Iterable[tuple[str, TransferOutcome, str, int]],
) -> list[dict[str, Any]]:  # fmt: skip
    """``result_body`` of each (transfer id, outcome, reason, line) of one file, in bulk."""
    same = {"proof": PROOF_BANK, "file_sha256": file_sha256, "file": file,
            "date": day.isoformat()}  # fmt: skip
    return [{"transfer_id": transfer_id, "outcome": str(outcome), "reason": reason,
             "line": line, **same} for transfer_id, outcome, reason, line in answers]  # fmt: skip


class TransferState(NamedTuple):
    """One transfer and where it stands. A named tuple, as ``Event`` is: a bank file of
    100,000 lines folds 100,000 of them, and a tuple is built in C (a frozen dataclass took
    a third of a second)."""

    transfer_id: str
    household_id: str
    batch_id: str
    batch_number: int
    batch_code: str
    category_code: str
    amount_fen: int
    account_id: str
    card_tail: str
    outcome: TransferOutcome | None  # None: pending, no answer from the bank yet
    reason: str  # the bank's, for a failed one
    result_id: str  # the result record: the proof of a paid one
    contradicted: bool = False  # results that disagree (paid and failed): shown as paid

    @property
    def pending(self) -> bool:
        return self.outcome is None

    @property
    def paid(self) -> bool:
        return self.outcome == TransferOutcome.PAID


def transfer_states(records: Mapping[str, LiveRecord]) -> dict[str, TransferState]:
    """Transfer id → its state, from the live records (voided ones count for nothing)."""
    results: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    transfers: dict[str, LiveRecord] = {}
    for record in records.values():
        if record.voided:
            continue
        if record.kind == TRANSFER:
            transfers[record.record_id] = record
        elif record.kind == TRANSFER_RESULT:
            fields = record_fields(record)
            results.setdefault(fields["transfer_id"], []).append((record.record_id, fields))
    return {tid: _state(tid, record.event.household_id, record_fields(record),
                        results.get(tid, [])) for tid, record in transfers.items()}  # fmt: skip


# What the transfer desk's events are read as: (kind, record id, household id, body).
DeskRow = tuple[str, str, str, str]


def desk_states(rows: Iterable[DeskRow]) -> dict[str, TransferState] | None:
    """``transfer_states(live_records(events))`` of the desk's own events, folded directly:
    the desk writes transfers and their results, each record once, and never a revision or a
    void, so there is nothing to supersede. None when the rows are not so (a repeat, another
    kind): then fold them the general way."""
    transfers: dict[str, tuple[str, dict[str, Any]]] = {}
    results: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    seen: set[str] = set()
    loads = orjson.loads
    for kind, record_id, household_id, body in rows:
        if record_id in seen:
            return None
        seen.add(record_id)
        if kind == TRANSFER:
            transfers[record_id] = (household_id, loads(body))
        elif kind == TRANSFER_RESULT:
            fields = loads(body)
            results.setdefault(fields["transfer_id"], []).append((record_id, fields))
        else:
            return None
    return {tid: _state(tid, household_id, f, results.get(tid, []))
            for tid, (household_id, f) in transfers.items()}  # fmt: skip


def _state(
    transfer_id: str, household_id: str, f: dict[str, Any],
    results: list[tuple[str, dict[str, Any]]],
) -> TransferState:  # fmt: skip
    outcome, reason, result_id, contradicted = None, "", "", False
    if results:
        if len(results) == 1:  # most transfers: one answer (or none)
            result_id, chosen = results[0]
        else:
            # Paid wins over failed (money that reached the card counts), then the smallest
            # id: the same answer whatever order the results came in.
            result_id, chosen = min(results, key=lambda r: (r[1]["outcome"] != "paid", r[0]))
            contradicted = len({r["outcome"] for _id, r in results}) > 1
        outcome, reason = _OUTCOMES[chosen["outcome"]], chosen.get("reason", "")
    return TransferState(
        transfer_id, household_id, f["batch_id"], f["batch_number"],
        f["batch_code"], f["category_code"], f["amount_fen"], f["account_id"], f["card_tail"],
        outcome, reason, result_id, contradicted,
    )  # fmt: skip


_OUTCOMES = {str(o): o for o in TransferOutcome}


def by_household(states: Iterable[TransferState]) -> dict[str, list[TransferState]]:
    """Household id → its transfers, oldest batch first."""
    found: dict[str, list[TransferState]] = {}
    for state in sorted(states, key=lambda s: (s.batch_number, s.transfer_id)):
        found.setdefault(state.household_id, []).append(state)
    return found


def standing(transfers: list[TransferState]) -> TransferState | None:
    """What a household's transfers come to: the paid one, else a pending one, else the
    newest failed one (None: never in a batch)."""
    if len(transfers) < 2:  # most households: one transfer or none
        return transfers[0] if transfers else None
    for wanted in (lambda s: s.paid, lambda s: s.pending, lambda s: True):
        found = [s for s in transfers if wanted(s)]
        if found:
            return found[-1]
    return None


@dataclass(frozen=True, slots=True)
class Totals:
    """The campaign's transfers: confirmed (已转账), pending (待转账), failed (失败)."""

    paid: int = 0
    paid_fen: int = 0
    pending: int = 0
    pending_fen: int = 0
    failed: int = 0  # households whose transfer failed and is not yet re-sent or paid
    failed_fen: int = 0


def totals(states: Iterable[TransferState]) -> Totals:
    """Every paid and every pending transfer counts (money never "wins"); failed: households
    whose last transfer failed and that have none pending or paid."""
    states = list(states)
    paid = [s for s in states if s.paid]
    pending = [s for s in states if s.pending]
    failed = [s for ts in by_household(states).values()
              if (s := standing(ts)) is not None and not s.paid and not s.pending]  # fmt: skip
    return Totals(len(paid), sum(s.amount_fen for s in paid), len(pending),
                  sum(s.amount_fen for s in pending), len(failed),
                  sum(s.amount_fen for s in failed))  # fmt: skip
