"""The payment list for finance: every 确定 household paid by transfer, with a valid card, not
paid yet nor with the bank, becomes one locked batch (a ``transfer`` event each) and one XLSX.

A household is never in two batches at once: one whose transfer is pending or paid is left
out, so is one a team already paid in cash. One whose transfer failed comes back once its
card was corrected (``household set-card``); until then it waits on the to-do list. Card
numbers are masked on the list unless finance asks for them in full, and every list written
is kept (who, when, which batch, masked or full).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.documents.transfer_list import LeftOut, ListLine, TransferListDoc, write_transfer_list
from app.domain.bank_cards import mask_card
from app.domain.campaign import CONFIRMED, Campaign, new_id, new_ids
from app.domain.errors import InvalidInput, NotFound, Reason
from app.domain.events import DISBURSEMENT, SIGNATURE, TRANSFER, live_records, record_fields
from app.domain.id_number import mask_id
from app.domain.transfers import TransferState, batch_code, standing, transfer_body
from app.services.infra.context import Actor, require_campaign, unwritable
from app.services.transfers.ledger import (
    Book,
    book_of,
    read_states,
    refuse_on_laptop,
    write_records,
)
from app.store import events as store_events
from app.store import households as store_households
from app.store import transfers as store_transfers
from app.store.db import Store
from app.store.transfers import AccountRow, Candidate


@dataclass(frozen=True, slots=True)
class LeftOutHousehold:
    name: str
    id_number_masked: str
    category: str
    reason: Reason  # transfer.left_*


@dataclass(frozen=True, slots=True)
class TransferList:
    number: int | None  # None: nobody to pay, no batch made and no file written
    code: str
    file: Path | None
    count: int
    total_fen: int
    full_cards: bool
    left_out: tuple[LeftOutHousehold, ...]
    already: int  # households whose transfer is with the bank or paid

    @property
    def missing_card(self) -> tuple[LeftOutHousehold, ...]:
        return tuple(x for x in self.left_out if x.reason.key == "transfer.left_no_card")


@dataclass(slots=True)
class _Plan:
    lines: list[tuple[Candidate, AccountRow]]
    left_out: list[LeftOutHousehold]
    already: int = 0


def _left(c: Candidate, key: str, **params: object) -> LeftOutHousehold:
    return LeftOutHousehold(c.name, mask_id(c.id_number), c.category_code or "",
                            Reason.of(key, **params))  # fmt: skip


def _sort(
    candidates: Sequence[Candidate], accounts: Mapping[str, AccountRow], book: Book,
    cash_paid: set[str],
) -> _Plan:  # fmt: skip
    plan = _Plan([], [])
    for c in candidates:
        state = standing(book.households.get(c.id, []))
        account = accounts.get(c.id)
        if state is not None and (state.paid or state.pending):
            plan.already += 1
        elif c.id in cash_paid:
            plan.left_out.append(_left(c, "transfer.left_cash_paid"))
        elif not c.cash_fen:
            plan.left_out.append(_left(c, "transfer.left_no_amount"))
        elif account is None:
            plan.left_out.append(_left(c, "transfer.left_no_card"))
        elif state is not None and state.account_id == account.id:
            plan.left_out.append(_left(c, "transfer.left_failed", batch=state.batch_code,
                                       reason=state.reason or "-"))  # fmt: skip
        else:
            plan.lines.append((c, account))
    plan.left_out.sort(key=lambda x: x.reason.key != "transfer.left_no_card")  # 缺卡号 first
    return plan


def _plan(store: Store, campaign: Campaign) -> _Plan:
    candidates = store_transfers.candidates(store, campaign.id, CONFIRMED)
    accounts = store_transfers.accounts_in_force(store, campaign.id)
    # What is known of these households: their transfers and what teams handed them.
    events = store_events.events_of_households(store, [c.id for c in candidates],
                                               skip_kind=SIGNATURE)  # fmt: skip
    records = live_records(events)
    cash_paid = {
        r.event.household_id
        for r in records.values()
        if r.kind == DISBURSEMENT and not r.voided and record_fields(r)["cash_fen"]
    }
    return _sort(candidates, accounts, book_of(events), cash_paid)


def list_transfers(
    store: Store, out: Path | str, *, full_cards: bool = False, lang: str = "zh",
    actor: Actor | None = None,
) -> TransferList:  # fmt: skip
    """A new batch of everyone to pay now, written to ``out`` (.xlsx), in one transaction."""
    actor = actor or Actor()
    refuse_on_laptop(store)
    campaign = require_campaign(store)
    target = _target(out)
    plan = _plan(store, campaign)
    left_out = tuple(plan.left_out)
    if not plan.lines:
        return TransferList(None, "", None, 0, 0, full_cards, left_out, plan.already)
    with store.transaction():
        number = store_transfers.next_batch_number(store, campaign.id)
        code = batch_code(campaign.id, number)
        batch_id = new_id()
        total = sum(c.cash_fen or 0 for c, _a in plan.lines)
        store_transfers.insert_batch(store, {
            "id": batch_id, "campaign_id": campaign.id, "number": number, "code": code,
            "lines": len(plan.lines), "total_fen": total, "created_at": actor.now(),
            "created_by": actor.user,
        })  # fmt: skip
        day = actor.today()
        write_records(store, [
            (TRANSFER, record_id, c.id, "", transfer_body(
                batch_id=batch_id, batch_number=number, batch_code=code,
                category_code=c.category_code or "", amount_fen=c.cash_fen or 0,
                account_id=a.id, card_tail=a.card[-4:], day=day))
            for record_id, (c, a) in zip(new_ids(len(plan.lines)), plan.lines, strict=True)
        ], actor)  # fmt: skip
        lines = [ListLine(c.name, mask_id(c.id_number), a.bank, a.branch,
                          a.card if full_cards else mask_card(a.card), c.cash_fen or 0)
                 for c, a in plan.lines]  # fmt: skip
        _write(store, target, batch_id, _doc(campaign, number, code, actor, full_cards, lines,
                                             left_out), lang, actor)  # fmt: skip
    return TransferList(number, code, target, len(lines), total, full_cards, left_out,
                        plan.already)  # fmt: skip


def _target(out: Path | str) -> Path:
    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise InvalidInput("transfer.out_suffix", file=str(path))
    if path.is_dir():
        raise InvalidInput("print.out_is_folder", file=str(path))
    return path


def _doc(
    campaign: Campaign, number: int, code: str, actor: Actor, full_cards: bool,
    lines: Sequence[ListLine], left_out: Sequence[LeftOutHousehold],
) -> TransferListDoc:  # fmt: skip
    return TransferListDoc(
        campaign.name, campaign.organizer, number, code, actor.today(), actor.user, full_cards,
        lines, [LeftOut(x.name, x.id_number_masked, x.category, x.reason) for x in left_out],
    )  # fmt: skip


def _write(store: Store, target: Path, batch_id: str, doc: TransferListDoc, lang: str,
           actor: Actor) -> None:  # fmt: skip
    """The file, and the record that it was written (masked or full: who, when)."""
    store_transfers.insert_list_file(store, {
        "id": new_id(), "batch_id": batch_id, "file_name": target.name,
        "full_cards": int(doc.full_cards), "written_at": actor.now(), "written_by": actor.user,
    })  # fmt: skip
    try:
        write_transfer_list(target, doc, lang=lang)
    except OSError as exc:
        raise unwritable(target, exc) from None


def rewrite_list(
    store: Store, number: int, out: Path | str, *, full_cards: bool = False, lang: str = "zh",
    actor: Actor | None = None,
) -> TransferList:  # fmt: skip
    """The list of an existing batch written again (the same lines: a batch never changes),
    e.g. in full for the bank after a masked one was checked."""
    actor = actor or Actor()
    refuse_on_laptop(store)
    campaign = require_campaign(store)
    target = _target(out)
    batch = next((b for b in store_transfers.batches(store, campaign.id) if b["number"] == number),
                 None)  # fmt: skip
    if batch is None:
        raise NotFound("transfer.batch_not_found", number=number)
    states = [s for s in read_states(store).values() if s.batch_id == batch["id"]]
    lines = _batch_lines(store, campaign, states, full_cards)
    with store.transaction():
        _write(store, target, batch["id"], _doc(campaign, number, batch["code"], actor,
                                                full_cards, lines, ()), lang, actor)  # fmt: skip
    return TransferList(number, batch["code"], target, len(lines),
                        sum(line.amount_fen for line in lines), full_cards, (), 0)  # fmt: skip


def _batch_lines(
    store: Store, campaign: Campaign, states: Sequence[TransferState], full_cards: bool
) -> list[ListLine]:
    accounts = store_transfers.accounts_by_id(store, campaign.id)
    people = store_households.household_names(store, [s.household_id for s in states])
    lines = []
    for s in states:  # in the order they were listed (the events' order)
        name, number = people.get(s.household_id, ("", ""))
        account = accounts[s.account_id]
        card = account.card if full_cards else mask_card(account.card)
        lines.append(ListLine(name, mask_id(number), account.bank, account.branch, card,
                              s.amount_fen))  # fmt: skip
    return lines
