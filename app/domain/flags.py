"""What needs a person after a merge: computed from the live records, never stored stale.

Money never "wins": every live disbursement counts, and more than one live disbursement for one
(household, category) is the double-payment flag whatever order the bundles came in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.domain.events import DISBURSEMENT, SIGNATURE, VISIT, LiveRecord, record_fields
from app.domain.money import format_fen
from app.domain.signature import METHOD_THUMBPRINT
from app.domain.transfers import TransferOutcome, by_household, standing, transfer_states

DOUBLE_PAYMENT = "double_payment"
OUTSIDE_WINDOW = "outside_window"
OFF_STANDARD = "off_standard"
NOT_ASSIGNED = "not_assigned"
CONFLICT = "conflict"
REVISED_VOID = "revised_void"
SLIP_PENDING = "slip_pending"  # 待收回纸质凭证: a print on a paper slip the office has not seen
# Raised on a team laptop by a newer assignment, not by the merge: a household moved to another
# team after this one visited it (the visits stay here and travel to the office).
WITHDRAWN_VISITED = "withdrawn_visited"
KINDS: tuple[str, ...] = (DOUBLE_PAYMENT, OUTSIDE_WINDOW, OFF_STANDARD, NOT_ASSIGNED, CONFLICT,
                          REVISED_VOID, SLIP_PENDING)  # fmt: skip
# 转账失败: the bank returned a household's transfer and it is neither re-sent nor paid since.
TRANSFER_FAILED = "transfer_failed"
KINDS += (TRANSFER_FAILED,)
# A roster row over its unit's quota (超额) or after its deadline (逾期), not decided yet: the
# office's own decision, not an event (roster_mark). The kinds are the marks' codes.
OVER_QUOTA = "over_quota"
LATE = "late"
KINDS = (*KINDS, OVER_QUOTA, LATE)


@dataclass(frozen=True, slots=True)
class Flag:
    kind: str
    household_id: str
    record_id: str
    params: tuple[tuple[str, str | tuple[str, ...]], ...] = ()  # dates: a tuple of ISO dates


@dataclass(frozen=True, slots=True)
class FlagContext:
    start: date
    end: date
    standards: Mapping[str, tuple[int, int]]  # category code → (cash fen, goods fen)
    # household id → its current team id. None: leave "not assigned" to ``unassigned`` (a
    # worker that opens a bundle knows the campaign's rules but not the assignments).
    team_of: Mapping[str, str | None] | None
    revised: frozenset[str] = frozenset()  # record ids that have a revise event
    # event id → its body, parsed already (a merge checks every body first): not parsed again
    bodies: Mapping[str, Mapping[str, Any]] | None = None
    # category code → (cash, goods) standards it had before a change: a visit recorded before
    # its laptop heard of the change paid one of them, and that is not off the standard
    former: Mapping[str, frozenset[tuple[int, int]]] = field(default_factory=dict)


def compute_flags(records: Mapping[str, LiveRecord], ctx: FlagContext) -> list[Flag]:
    flags: list[Flag] = []
    paid: dict[tuple[str, str], list[LiveRecord]] = {}
    for record in sorted(records.values(), key=lambda r: r.record_id):
        if record.conflict:
            flags.append(Flag(CONFLICT, record.event.household_id, record.record_id))
        if record.voided:
            if record.record_id in ctx.revised:
                flags.append(Flag(REVISED_VOID, record.event.household_id, record.record_id))
        elif record.kind == VISIT:
            flags += _visit_flags(record, ctx)
        elif record.kind == DISBURSEMENT:
            fields = _fields(record, ctx)
            paid.setdefault((record.event.household_id, fields["category_code"]), []).append(record)
            if (flag := _off_standard(record, fields, ctx)) is not None:
                flags.append(flag)
    flags += _slips_pending(records, ctx)
    flags += _double_payments(paid, ctx)
    flags += transfer_flags(records)
    return flags


def transfer_flags(records: Mapping[str, LiveRecord]) -> list[Flag]:
    """A household whose transfers come to a failed one (none pending or paid)."""
    flags = []
    for household_id, transfers in sorted(by_household(transfer_states(records).values()).items()):
        state = standing(transfers)
        if state is not None and state.outcome == TransferOutcome.FAILED:
            params = (("batch", state.batch_code), ("reason", state.reason or "-"))
            flags.append(Flag(TRANSFER_FAILED, household_id, state.result_id, params))
    return flags


def _visit_flags(record: LiveRecord, ctx: FlagContext) -> list[Flag]:
    """A visit outside the campaign's dates, or by a team the household is not assigned to."""
    fields = _fields(record, ctx)
    flags = []
    if not ctx.start <= date.fromisoformat(fields["date"]) <= ctx.end:
        flags.append(Flag(OUTSIDE_WINDOW, record.event.household_id, record.record_id,
                          (("date", fields["date"]),)))  # fmt: skip
    if ctx.team_of is not None:
        flags += unassigned([_visit_of(record)], ctx.team_of)
    return flags


def _off_standard(record: LiveRecord, fields: Mapping[str, Any], ctx: FlagContext) -> Flag | None:
    """A disbursement whose cash or goods differ from its category's standard."""
    code = fields["category_code"]
    cash, goods = ctx.standards.get(code, (0, 0))
    paid = (fields["cash_fen"], fields["goods_fen"])
    if paid == (cash, goods) or paid in ctx.former.get(code, ()):
        return None
    return Flag(OFF_STANDARD, record.event.household_id, record.record_id,
                (("cash", format_fen(fields["cash_fen"])),
                 ("goods", format_fen(fields["goods_fen"])),
                 ("standard_cash", format_fen(cash)),
                 ("standard_goods", format_fen(goods))))  # fmt: skip


def _slips_pending(records: Mapping[str, LiveRecord], ctx: FlagContext) -> list[Flag]:
    """A live visit with a print on a paper slip that the office has not received."""
    slips: dict[str, str] = {}  # visit id → slip number
    for record in records.values():
        if record.kind == SIGNATURE and not record.voided:
            fields = _fields(record, ctx)
            if fields.get("method") == METHOD_THUMBPRINT:
                slips[fields["visit"]] = fields.get("slip_number", "")
    flags = []
    for visit_id, slip in sorted(slips.items()):
        visit = records.get(visit_id)
        if visit is not None and not visit.voided and not _fields(visit, ctx).get(
                "slip_received"):  # fmt: skip
            flags.append(Flag(SLIP_PENDING, visit.event.household_id, visit_id,
                              (("slip", slip),)))  # fmt: skip
    return flags


def _double_payments(
    paid: Mapping[tuple[str, str], list[LiveRecord]], ctx: FlagContext
) -> list[Flag]:
    """More than one live disbursement for one (household, category), with their dates."""
    flags = []
    for (household_id, code), records_paid in sorted(paid.items()):
        if len(records_paid) > 1:
            dates = tuple(sorted(_fields(r, ctx)["date"] for r in records_paid))
            flags.append(Flag(DOUBLE_PAYMENT, household_id, records_paid[0].record_id,
                              (("category", code), ("times", str(len(records_paid))),
                               ("dates", dates))))  # fmt: skip
    return flags


def _fields(record: LiveRecord, ctx: FlagContext) -> Mapping[str, Any]:
    """The record's fields, read only (a revision's may still hold ``supersedes``)."""
    if ctx.bodies is not None and (data := ctx.bodies.get(record.event.id)) is not None:
        return data
    return record_fields(record)


Visit = tuple[str, str, str]  # (household id, team id, record id) of a live visit


def live_visits(records: Mapping[str, LiveRecord]) -> list[Visit]:
    """What ``unassigned`` needs of the records: each live, not voided visit."""
    return [_visit_of(r) for r in records.values() if r.kind == VISIT and not r.voided]


def unassigned(visits: Iterable[Visit], team_of: Mapping[str, str | None]) -> list[Flag]:
    """A visit by a team the household is not assigned to (now)."""
    return [Flag(NOT_ASSIGNED, household, record) for household, team, record in visits
            if team_of.get(household) != team]  # fmt: skip


def _visit_of(record: LiveRecord) -> Visit:
    return (record.event.household_id, record.event.team_id, record.record_id)


def flag_order(flag: Flag) -> tuple[str, str, str]:
    """One order for flags however they were put together: by household, record, kind."""
    return (flag.household_id, flag.record_id, flag.kind)


OpenMark = tuple[str, str, str, tuple[tuple[str, str], ...]]
"""(household id, mark id, mark code, its parameters) of a roster mark still to decide."""


def roster_mark_flags(marks: Iterable[OpenMark]) -> list[Flag]:
    """超额 / 逾期 until the clerk accepts the household (with a reason) or forfeits it."""
    return [Flag(mark, household_id, mark_id, params)
            for household_id, mark_id, mark, params in marks]  # fmt: skip
