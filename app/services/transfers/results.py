"""The bank's result file read back: each line matched to its batch's transfer by card number
(name and amount checked) and recorded as the bank's answer, paid or failed with the reason.

The file is a CSV or XLSX as the bank writes it; its columns are found by their header words
as a roster's are (``--map 列名=field`` for others). All lines or none: a line with an unknown
card, a card twice, a wrong amount or name, no status, or another batch's code refuses the
file, every such line named. Lines whose card belongs to the campaign but not to this batch
(文件有批次无), and the batch's transfers the file does not mention (批次有文件无), are listed;
they change nothing. The same file again changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.documents.roster_reader import read_roster_file
from app.domain.bank_cards import mask_card
from app.domain.campaign import new_id, new_ids
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import TRANSFER_RESULT
from app.domain.id_number import mask_id
from app.domain.money import format_fen
from app.domain.roster_columns import find_layout, parse_mapping
from app.domain.roster_rows import RowProblem
from app.domain.transfers import TransferOutcome, TransferState, result_bodies
from app.services.infra.context import Actor, require_campaign
from app.services.transfers.ledger import read_states, refuse_on_laptop, write_records
from app.services.transfers.result_lines import REQUIRED, RESULT_FIELDS, ResultLine, read_lines
from app.store import households as store_households
from app.store import transfers as store_transfers
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class FailedTransfer:
    line: int
    name: str
    id_number_masked: str
    card_masked: str
    amount_fen: int
    reason: str  # the bank's


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A line whose card is the campaign's but not in this batch (文件有批次无)."""

    line: int
    name: str
    card_masked: str
    amount_fen: int


@dataclass(frozen=True, slots=True)
class NotInFile:
    """A transfer of the batch the file does not mention (批次有文件无): still pending."""

    name: str
    id_number_masked: str
    card_masked: str
    amount_fen: int


@dataclass(frozen=True, slots=True)
class BankResult:
    file: str
    batch_number: int
    batch_code: str
    applied: bool  # False: refused for the problems, nothing recorded
    already: bool  # this very file was read before: nothing changed
    problems: tuple[RowProblem, ...]
    paid: int
    paid_fen: int
    failed: tuple[FailedTransfer, ...]
    unchanged: int  # lines already recorded alike from an earlier file
    file_not_in_batch: tuple[Unmatched, ...]
    batch_not_in_file: tuple[NotInFile, ...]
    file_lines: int
    file_fen: int
    batch_lines: int
    batch_fen: int

    @property
    def failed_fen(self) -> int:
        return sum(f.amount_fen for f in self.failed)

    @property
    def totals_agree(self) -> bool:
        """合计核对: the file holds the batch, line for line and to the fen."""
        return (self.file_lines, self.file_fen) == (self.batch_lines, self.batch_fen) and not (
            self.file_not_in_batch or self.batch_not_in_file
        )


@dataclass(slots=True)
class _Campaign:
    """What matching needs of the store: every transfer, its card and household."""

    states: list[TransferState]
    cards: dict[str, str]  # transfer id → card number it was sent to
    known_cards: set[str]  # every card the campaign has had
    batches: list[dict[str, Any]]
    people: dict[str, tuple[str, str]] = field(default_factory=dict)  # household → name, ID

    def sent(self) -> dict[str, list[TransferState]]:
        """Card → the transfers sent to it (only a file naming no batch needs it)."""
        found: dict[str, list[TransferState]] = {}
        for s in self.states:
            found.setdefault(self.cards[s.transfer_id], []).append(s)
        return found


def _load(store: Store, campaign_id: str) -> _Campaign:
    states = list(read_states(store).values())
    accounts = store_transfers.cards_by_account(store, campaign_id)
    cards = {s.transfer_id: accounts[s.account_id] for s in states}
    people = store_households.household_names(store, sorted({s.household_id for s in states}))
    return _Campaign(states, cards, set(accounts.values()),
                     store_transfers.batches(store, campaign_id), people)  # fmt: skip


def _choose_batch(
    known: _Campaign, lines: Sequence[ResultLine], number: int | None
) -> dict[str, Any]:
    """The batch the file answers: the one asked for, else the one its batch column names,
    else the one its first known card was sent in."""
    by_number = {b["number"]: b for b in known.batches}
    if number is not None:
        if number not in by_number:
            raise NotFound("transfer.batch_not_found", number=number)
        return by_number[number]
    named = {b["id"]: b for line in lines if line.batch
             for b in [_named(known.batches, line)]}  # fmt: skip
    if len(named) > 1:
        raise InvalidInput("transfer.file_many_batches", codes=tuple(b["code"] for b in
                                                                    named.values()))  # fmt: skip
    if named:
        return next(iter(named.values()))
    by_id, sent_to = {b["id"]: b for b in known.batches}, known.sent()
    for line in lines:
        if sent := sent_to.get(line.card):
            return by_id[max(sent, key=lambda s: s.batch_number).batch_id]
    raise InvalidInput("transfer.file_no_batch")


def _named(batches: Sequence[dict[str, Any]], line: ResultLine) -> dict[str, Any]:
    for b in batches:
        if b["code"] in line.batch:
            return b
    raise InvalidInput("transfer.file_other_batch", line=line.line, value=line.batch)


@dataclass(slots=True)
class _Match:
    """Lines sorted against one batch."""

    batch: dict[str, Any]
    record: list[tuple[TransferState, ResultLine]] = field(default_factory=list)
    unchanged: int = 0
    unmatched: list[Unmatched] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)  # card → first line

    def problem(self, line: ResultLine, key: str, **params: object) -> None:
        self.problems.append(RowProblem(line.line, line.column, mask_card(line.card), key, params))


def _match(known: _Campaign, batch: dict[str, Any], lines: Sequence[ResultLine]) -> _Match:
    match = _Match(batch)
    in_batch = {known.cards[s.transfer_id]: s for s in known.states if s.batch_id == batch["id"]}
    for line in lines:
        first = match.seen.setdefault(line.card, line.line)
        if first != line.line:
            match.problem(line, "transfer.line_duplicate", first_line=first)
            continue
        if line.batch and batch["code"] not in line.batch:
            match.problem(line, "transfer.line_other_batch", value=line.batch, code=batch["code"])
        state = in_batch.get(line.card)
        if state is None:
            if line.card in known.known_cards:
                match.unmatched.append(Unmatched(line.line, line.name, mask_card(line.card),
                                                 line.amount_fen))  # fmt: skip
            else:
                match.problem(line, "transfer.line_unknown_card")
            continue
        _check_line(known, match, state, line)
    return match


def _check_line(known: _Campaign, match: _Match, state: TransferState, line: ResultLine) -> None:
    name = known.people.get(state.household_id, ("", ""))[0]
    before = len(match.problems)
    if line.amount_fen != state.amount_fen:
        match.problem(line, "transfer.line_amount", amount=format_fen(line.amount_fen),
                      expected=format_fen(state.amount_fen))  # fmt: skip
    if line.name and line.name != name:
        match.problem(line, "transfer.line_name", name=line.name, expected=name)
    if state.outcome is not None and state.outcome != line.outcome:
        match.problem(line, "transfer.line_contradicts", recorded=state.outcome,
                      outcome=line.outcome)  # fmt: skip
    if len(match.problems) > before:
        return
    if state.outcome is None:
        match.record.append((state, line))
    else:
        match.unchanged += 1


def read_bank_result(
    store: Store, path: Path | str, *, batch: int | None = None, mapping: Sequence[str] = (),
    actor: Actor | None = None,
) -> BankResult:  # fmt: skip
    """Read a bank result file in: all its answers recorded in one transaction, or none."""
    actor = actor or Actor()
    refuse_on_laptop(store)
    campaign = require_campaign(store)
    path = Path(path)
    sheet = read_roster_file(path)
    layout = find_layout(sheet.rows, parse_mapping(mapping, RESULT_FIELDS), RESULT_FIELDS,
                         REQUIRED)  # fmt: skip
    lines, problems = read_lines(sheet.rows, layout)
    known = _load(store, campaign.id)
    chosen = _choose_batch(known, [line for line in lines if line.card], batch)
    match = _match(known, chosen, lines)
    match.problems = sorted([*problems, *match.problems], key=lambda p: p.row)
    if not match.problems and not match.record and not match.unchanged:
        raise InvalidInput("transfer.file_not_this_batch", code=chosen["code"])
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    already = store_transfers.result_file(store, digest)
    if match.problems or already is not None:
        return _report(path, known, match, lines, applied=False, already=already is not None)
    with store.transaction():
        _record(store, path, digest, match, actor)
    return _report(path, known, match, lines, applied=True, already=False)


def _record(store: Store, path: Path, digest: str, match: _Match, actor: Actor) -> None:
    bodies = result_bodies(file_sha256=digest, file=path.name, day=actor.today(), answers=(
        (state.transfer_id, line.outcome, line.reason, line.line)
        for state, line in match.record))  # fmt: skip
    write_records(store, [(TRANSFER_RESULT, record_id, state.household_id, "", body)
                          for record_id, (state, _line), body in zip(
                              new_ids(len(match.record)), match.record, bodies, strict=True)],
                  actor)  # fmt: skip
    paid = sum(1 for _s, line in match.record if line.outcome == TransferOutcome.PAID)
    store_transfers.insert_result_file(store, {
        "id": new_id(), "batch_id": match.batch["id"], "file_name": path.name,
        "file_sha256": digest, "paid": paid, "failed": len(match.record) - paid,
        "unchanged": match.unchanged, "read_at": actor.now(), "read_by": actor.user,
    })  # fmt: skip


def _report(
    path: Path, known: _Campaign, match: _Match, lines: Sequence[ResultLine], *, applied: bool,
    already: bool,
) -> BankResult:  # fmt: skip
    batch = match.batch
    in_batch = [s for s in known.states if s.batch_id == batch["id"]]
    seen = set(match.seen)
    missing = [NotInFile(*_who(known, s), mask_card(known.cards[s.transfer_id]), s.amount_fen)
               for s in in_batch if known.cards[s.transfer_id] not in seen]  # fmt: skip
    recorded = [] if already else match.record
    paid = [(s, line) for s, line in recorded if line.outcome == TransferOutcome.PAID]
    failed = tuple(
        FailedTransfer(line.line, *_who(known, s), mask_card(line.card), s.amount_fen,
                       line.reason)
        for s, line in recorded if line.outcome == TransferOutcome.FAILED
    )  # fmt: skip
    return BankResult(
        path.name, batch["number"], batch["code"], applied, already, tuple(match.problems),
        len(paid), sum(s.amount_fen for s, _line in paid), failed,
        match.unchanged + (len(match.record) if already else 0), tuple(match.unmatched),
        tuple(missing), len(lines), sum(line.amount_fen for line in lines), len(in_batch),
        sum(s.amount_fen for s in in_batch),
    )  # fmt: skip


def _who(known: _Campaign, state: TransferState) -> tuple[str, str]:
    name, number = known.people.get(state.household_id, ("", ""))
    return name, mask_id(number)
