"""What needs a person after a merge: computed from the live records, never stored stale.

Money never "wins": every live disbursement counts, and more than one live disbursement for one
(household, category) is the double-payment flag whatever order the bundles came in.

A flag names the records it is about (``seen``) and the teams that wrote them: what the
office's decision on it saw (app.domain.resolutions).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from app.domain.campaign import CONFIRMED, DECLINED
from app.domain.events import DISBURSEMENT, SIGNATURE, VISIT, LiveRecord, record_fields
from app.domain.money import format_fen
from app.domain.signature import METHOD_THUMBPRINT
from app.domain.transfers import TransferOutcome, by_household, standing, transfer_states
from app.domain.visits import DONE

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
NO_PROOF = "no_proof"  # cash by hand or goods with no signature and no signed paper
PAPER_PENDING = "paper_pending"  # a paper 签收表 says signed; the office has not the sheet
NOTHING_HANDED = "nothing_handed"  # 已慰问 with nothing handed over where there is a standard
NOT_CONFIRMED = "not_confirmed"  # paid to a household declined, or neither confirmed nor assigned
KINDS += (NO_PROOF, PAPER_PENDING, NOTHING_HANDED, NOT_CONFIRMED)


@dataclass(frozen=True, slots=True)
class Flag:
    kind: str
    household_id: str
    record_id: str
    params: tuple[tuple[str, str | tuple[str, ...]], ...] = ()  # dates: a tuple of ISO dates
    seen: tuple[str, ...] = ()  # the ids of the records it is about, sorted
    teams: tuple[str, ...] = ()  # the teams that wrote them ("" for none)
    category: str = ""  # the category code, for a flag about payments
    gone: str = ""  # the id of a decided flag that no longer arises (app.domain.resolutions)


@dataclass(frozen=True, slots=True)
class FlagContext:
    start: date
    end: date
    standards: Mapping[str, tuple[int, int]]  # category code → (cash fen, goods fen)
    # household id → the teams it has been assigned to. None: leave "not assigned" to the
    # store (a worker that opens a bundle knows the campaign's rules but not the assignments).
    team_of: Mapping[str, frozenset[str]] | None
    revised: frozenset[str] = frozenset()  # record ids that have a revise event
    # event id → its body, parsed already (a merge checks every body first): not parsed again
    bodies: Mapping[str, Mapping[str, Any]] | None = None
    # category code → (cash, goods) standards it had before a change: a visit recorded before
    # its laptop heard of the change paid one of them, and that is not off the standard
    former: Mapping[str, frozenset[tuple[int, int]]] = field(default_factory=dict)
    # visit ids with a signature that is not voided (read without the strokes: signed_visits).
    # None: not known, and "no proof" is not checked.
    signed: frozenset[str] | None = None
    # household id → on the visit list (confirmed, or assigned and not declined); and → its
    # category's standard (cash + goods fen). None, as team_of: left to the store's checks.
    listed: Mapping[str, bool] | None = None
    standard_of: Mapping[str, int] | None = None


Live = tuple[list[tuple[LiveRecord, Mapping[str, Any]]], list[tuple[LiveRecord, Mapping[str, Any]]]]
"""The live, not voided visits and payments, each with its fields: read once for every rule."""


def compute_flags(records: Mapping[str, LiveRecord], ctx: FlagContext) -> list[Flag]:
    """Every flag of the records, in ``flag_order`` (one pass reads each body once; a rule
    over 100,000 records costs its dictionary look-ups, so each is made once)."""
    flags: list[Flag] = []
    paid: dict[tuple[str, str], list[LiveRecord]] = {}
    read = _reader(ctx)
    live: Live = ([], [])
    revised, inside = ctx.revised, {}  # a visit's date → within the window (few dates)
    for record in records.values():
        if record.conflict:
            flags.append(_on(CONFLICT, record))
        kind = record.kind
        if record.voided:
            if record.record_id in revised:
                flags.append(_on(REVISED_VOID, record))
        elif kind == VISIT:
            fields = read(record)
            live[0].append((record, fields))
            day = fields["date"]
            if day not in inside:
                inside[day] = ctx.start <= date.fromisoformat(day) <= ctx.end
            if not inside[day]:
                flags += _outside_window(record, ctx)
        elif kind == DISBURSEMENT:
            fields = read(record)
            live[1].append((record, fields))
            paid.setdefault((record.event.household_id, fields["category_code"]), []).append(record)
            if (flag := _off_standard(record, fields, ctx)) is not None:
                flags.append(flag)
    flags += _slips_pending(records, ctx)
    flags += _double_payments(paid, ctx)
    flags += transfer_flags(records)
    if ctx.signed is not None:
        flags += proof_flags(records, ctx, ctx.signed, live)
    flags += checked_by_store(store_checks(records, ctx, live), ctx)
    return sorted(flags, key=flag_order)


def _live(records: Mapping[str, LiveRecord], ctx: FlagContext) -> Live:
    read = _reader(ctx)
    live: Live = ([], [])
    for r in records.values():
        if not r.voided and r.kind in (VISIT, DISBURSEMENT):
            live[r.kind == DISBURSEMENT].append((r, read(r)))
    return live


_record_id = operator.attrgetter("record_id")


def transfer_flags(records: Mapping[str, LiveRecord]) -> list[Flag]:
    """A household whose transfers come to a failed one (none pending or paid)."""
    flags = []
    for household_id, transfers in sorted(by_household(transfer_states(records).values()).items()):
        state = standing(transfers)
        if state is not None and state.outcome == TransferOutcome.FAILED:
            params = (("batch", state.batch_code), ("reason", state.reason or "-"))
            flags.append(Flag(TRANSFER_FAILED, household_id, state.result_id, params))
    return flags


def _on(kind: str, record: LiveRecord, params: tuple[Any, ...] = (), category: str = "") -> Flag:
    """A flag about one record, as it stands."""
    event = record.event
    return Flag(kind, event.household_id, record.record_id, params, (record.record_id,),
                (event.team_id,), category)  # fmt: skip


def _outside_window(record: LiveRecord, ctx: FlagContext) -> list[Flag]:
    """A visit outside the campaign's dates."""
    day = _fields(record, ctx)["date"]
    if ctx.start <= date.fromisoformat(day) <= ctx.end:
        return []
    return [_on(OUTSIDE_WINDOW, record, (("date", day),))]


def _off_standard(record: LiveRecord, fields: Mapping[str, Any], ctx: FlagContext) -> Flag | None:
    """A disbursement whose cash or goods differ from its category's standard."""
    code = fields["category_code"]
    cash, goods = ctx.standards.get(code, (0, 0))
    paid = (fields["cash_fen"], fields["goods_fen"])
    if paid == (cash, goods) or paid in ctx.former.get(code, ()):
        return None
    return _on(OFF_STANDARD, record,
               (("cash", format_fen(fields["cash_fen"])),
                ("goods", format_fen(fields["goods_fen"])),
                ("standard_cash", format_fen(cash)),
                ("standard_goods", format_fen(goods))), code)  # fmt: skip


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
            flags.append(_on(SLIP_PENDING, visit, (("slip", slip),)))
    return flags


def _double_payments(
    paid: Mapping[tuple[str, str], list[LiveRecord]], ctx: FlagContext
) -> list[Flag]:
    """More than one live disbursement for one (household, category), with their dates."""
    flags = []
    doubles = sorted((key, found) for key, found in paid.items() if len(found) > 1)
    for (household_id, code), records_paid in doubles:
        if len(records_paid) > 1:
            dates = tuple(sorted(_fields(r, ctx)["date"] for r in records_paid))
            first = min(records_paid, key=_record_id)
            flags.append(Flag(DOUBLE_PAYMENT, household_id, first.record_id,
                              (("category", code), ("times", str(len(records_paid))),
                               ("dates", dates)),
                              tuple(sorted(r.record_id for r in records_paid)),
                              tuple(sorted({r.event.team_id for r in records_paid})),
                              code))  # fmt: skip
    return flags


def _fields(record: LiveRecord, ctx: FlagContext) -> Mapping[str, Any]:
    """The record's fields, read only (a revision's may still hold ``supersedes``)."""
    if ctx.bodies is not None and (data := ctx.bodies.get(record.event.id)) is not None:
        return data
    return record_fields(record)


def _reader(ctx: FlagContext) -> Callable[[LiveRecord], Mapping[str, Any]]:
    """``_fields`` for many records: the bodies looked up without asking each time."""
    bodies = ctx.bodies
    if bodies is None:
        return record_fields
    get = bodies.get

    def read(record: LiveRecord) -> Mapping[str, Any]:
        data = get(record.event.id)
        return data if data is not None else record_fields(record)

    return read


# --- proof of what was handed over -----------------------------------------------------------


def proof_flags(
    records: Mapping[str, LiveRecord], ctx: FlagContext, signed: frozenset[str],
    live: Live | None = None,
) -> list[Flag]:  # fmt: skip
    """Cash by hand or goods handed over in a live visit with nothing to prove it: no signature
    (``signed``) and no signed paper. A paper 签收表 row marked signed is a claim until the
    office has the sheet (``slip_received`` on the visit, as for a print on a paper slip); a
    print on a slip is ``slip_pending``'s. Transfers are proven by the bank, not here."""
    visits, payments = live if live is not None else _live(records, ctx)
    handed: dict[str, list[int]] = {}  # visit id → [cash by hand, goods]
    for _record, fields in payments:
        sums = handed.get(fields["visit_id"])
        if sums is None:
            sums = handed[fields["visit_id"]] = [0, 0]
        sums[0] += 0 if fields["transfer"] else fields["cash_fen"]
        sums[1] += fields["goods_fen"]
    flags = []
    for visit, fields in visits:  # live, not voided
        cash, goods = handed.get(visit.record_id) or (0, 0)
        if not (cash or goods) or fields.get("slip_received"):
            continue
        paper = fields.get("source") == "paper" and fields.get("paper_signed")
        if not paper and visit.record_id in signed:
            continue
        params = (("date", fields["date"]), ("cash", format_fen(cash)),
                  ("goods", format_fen(goods)))  # fmt: skip
        flags.append(_on(PAPER_PENDING if paper else NO_PROOF, visit, params))
    return flags


def signed_visit(body: str) -> str:
    """The visit a signature event's body names, found without parsing its 3 KB of strokes:
    ``"visit":"…"`` is a key (a value's quotes are escaped), the last of the canonical body and
    equal to the one in the signed content. "" when there is none."""
    at = body.rfind('"visit":"')
    if at < 0:
        return ""
    end = body.find('"', at + 9)
    return body[at + 9 : end] if end > 0 else ""


# --- what only the store can check: assignments, statuses, categories ------------------------

Visit = tuple[str, str, str]  # (household, team, record) of a live visit
Paid = tuple[str, str, str, str]  # (household, team, record, category code) of a live payment
StoreChecks = tuple[list[Visit], list[Paid], list[Visit]]  # plain tuples: a worker sends them


def store_checks(
    records: Mapping[str, LiveRecord], ctx: FlagContext, live: Live | None = None
) -> StoreChecks:
    """What the store's checks need of the records: the live visits, the live payments, and the
    已慰问 visits of households handed nothing in them."""
    found, payments = live if live is not None else _live(records, ctx)
    visits: list[Visit] = []
    done: list[Visit] = []
    for r, fields in found:
        e = r.event
        visit = (e.household_id, e.team_id, r.record_id)
        visits.append(visit)
        if fields["outcome"] == DONE:
            done.append(visit)
    paid: list[Paid] = [(r.event.household_id, r.event.team_id, r.record_id,
                         fields["category_code"]) for r, fields in payments]  # fmt: skip
    handed = {p[0] for p in paid}
    return visits, paid, [v for v in done if v[0] not in handed]


def checked_by_store(checks: StoreChecks, ctx: FlagContext) -> list[Flag]:
    """The checks whose facts ``ctx`` holds (none in a worker: team_of and the rest are None)."""
    visits, paid, bare = checks
    flags = []
    if ctx.team_of is not None:
        flags += unassigned(visits, ctx.team_of)
    if ctx.listed is not None:
        flags += unconfirmed(paid, ctx.listed)
    if ctx.standard_of is not None:
        flags += nothing_handed(bare, ctx.standard_of)
    return flags


def on_visit_list(status: str, team_id: str | None) -> bool:
    """Households the campaign visits: confirmed, or given to a team, and not declined."""
    return status != DECLINED and (status == CONFIRMED or bool(team_id))


def with_facts(
    ctx: FlagContext,
    team_of: Mapping[str, frozenset[str]],
    listed: Mapping[str, bool],
    standard_of: Mapping[str, int],
) -> FlagContext:
    return replace(ctx, team_of=team_of, listed=listed, standard_of=standard_of)


def live_visits(records: Mapping[str, LiveRecord]) -> list[Visit]:
    """What ``unassigned`` needs of the records: each live, not voided visit."""
    return [(r.event.household_id, r.event.team_id, r.record_id)
            for r in records.values() if r.kind == VISIT and not r.voided]  # fmt: skip


def unassigned(visits: Iterable[Visit], team_of: Mapping[str, frozenset[str]]) -> list[Flag]:
    """A visit by a team the household was never assigned to. A team that had it and visited
    before (or unaware of) a move is not flagged: the household was on its list, and its money
    stays the team's; a second payment is a double payment."""
    return [Flag(NOT_ASSIGNED, household, record, (), (record,), (team,))
            for household, team, record in visits
            if team not in team_of.get(household, ())]  # fmt: skip


def unconfirmed(paid: Iterable[Paid], listed: Mapping[str, bool]) -> list[Flag]:
    """A payment to a household not on the visit list: declined, or neither confirmed nor
    given to a team."""
    return [Flag(NOT_CONFIRMED, household, record, (), (record,), (team,), code)
            for household, team, record, code in paid
            if not listed.get(household, False)]  # fmt: skip


def nothing_handed(bare: Iterable[Visit], standard_of: Mapping[str, int]) -> list[Flag]:
    """已慰问 with nothing handed over to a household whose category has a standard: one flag
    a household, on its first such visit, having seen them all."""
    by_household: dict[str, list[Visit]] = {}
    for visit in bare:
        if standard_of.get(visit[0], 0) > 0:
            by_household.setdefault(visit[0], []).append(visit)
    flags = []
    for household, visits in sorted(by_household.items()):
        visits.sort(key=lambda v: v[2])
        flags.append(Flag(NOTHING_HANDED, household, visits[0][2],
                          (("standard", format_fen(standard_of[household])),),
                          tuple(sorted(v[2] for v in visits)),
                          tuple(sorted({v[1] for v in visits}))))  # fmt: skip
    return flags


def flag_order(flag: Flag) -> tuple[str, str, str]:
    """One order for flags however they were put together: by household, record, kind."""
    return (flag.household_id, flag.record_id, flag.kind)


OpenMark = tuple[str, str, str, tuple[tuple[str, str], ...]]
"""(household id, mark id, mark code, its parameters) of a roster mark still to decide."""


def roster_mark_flags(marks: Iterable[OpenMark]) -> list[Flag]:
    """超额 / 逾期 until the clerk accepts the household (with a reason) or forfeits it."""
    return [Flag(mark, household_id, mark_id, params)
            for household_id, mark_id, mark, params in marks]  # fmt: skip
