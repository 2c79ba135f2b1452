"""What needs a person, worked out from the events: double payments, visits outside the
window or by another team, amounts off the standard, prints on paper not yet at the office,
money without proof, payments to households not on the list, 已慰问 with nothing handed over.

Computed every time from the store (never stored stale); a merge works out the flags of the
households a bundle speaks of right after it, from the same rules. A flag the office decided
(app.domain.resolutions) is closed while what it saw stands; ``flags`` lists the open ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from app.domain.errors import Reason
from app.domain.events import REVISE, SIGNATURE, VOID, Event, LiveRecord, live_records
from app.domain.flags import (
    Flag,
    FlagContext,
    StoreChecks,
    checked_by_store,
    compute_flags,
    flag_order,
    on_visit_list,
    roster_mark_flags,
    signed_visit,
    store_checks,
    with_facts,
)
from app.domain.id_number import mask_id
from app.domain.resolutions import Resolution, by_flag, closing, flag_id, resolutions_in
from app.domain.signature import may_be_thumbprint
from app.services.campaign.revisions import former_standards
from app.services.infra.context import require_campaign
from app.services.rosters.marks import open_marks
from app.store import events as store_events
from app.store import money as store_money
from app.store import teams as store_teams
from app.store.campaigns import list_categories
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class Decided:
    """The office's decision that closes a flag."""

    record_id: str
    decision: str  # a Decision code
    note: str
    by: str
    at: str
    amount_fen: int = 0  # recovered
    day: date | None = None  # of the recovery
    receipt: str = ""  # the recovery's receipt number
    target: str = ""  # the payment or visit recovered or voided


@dataclass(frozen=True, slots=True)
class FlagView:
    """A flag as a person is shown it: its id, the household by name and masked ID number, the
    teams that wrote the records, the category, the reason as a key (flag.<kind>) and its
    parameters, and the decision that closed it (None: open)."""

    kind: str
    household_id: str
    household: str  # masked ID number
    record_id: str
    reason: Reason
    id: str = ""
    name: str = ""
    team_codes: tuple[str, ...] = ()
    team_names: tuple[str, ...] = ()
    category: str = ""  # code
    category_name: str = ""
    seen: tuple[str, ...] = ()  # the records a decision must have seen
    resolution: Decided | None = None


def campaign_flags(store: Store, *, include_resolved: bool = False) -> list[FlagView]:
    """Every open flag in the store now; with ``include_resolved``, the closed ones too."""
    # Signatures (3 KB each) are not read, except a print on paper, flagged until the office
    # has the slip; which visits are signed SQLite reads out of their bodies.
    events = store_events.flag_events(store)
    flags, resolutions = _computed(store, events, None)
    flags = sorted(flags + _roster_marks(store), key=flag_order)
    return _described(store, flags, resolutions, include_resolved=include_resolved)


def _roster_marks(store: Store) -> list[Flag]:
    """Households a roster brought over quota or late, not decided yet."""
    marks = open_marks(store)
    return roster_mark_flags((m.household_id, m.mark_id, m.mark.value, m.why.params)
                             for m in marks)  # fmt: skip


def flags_of(
    store: Store, events: list[Event], records: Mapping[str, LiveRecord],
    bodies: Mapping[str, Mapping[str, object]], signatures: list[tuple[str, str]],
) -> list[FlagView]:  # fmt: skip
    """``campaign_flags(include_resolved=True)`` from events already read (``flag_events``),
    their live records, their bodies parsed and (signature record id, visit) of every
    signature."""
    flags, resolutions = computed_flags(store, events, records, None, bodies, signatures)
    return _described(store, flags, resolutions, include_resolved=True)


def flag_rules(store: Store) -> FlagContext:
    """The campaign's rules for flags, without the assignments: what a worker is given."""
    campaign = require_campaign(store)
    standards = {c.code: (c.cash_fen, c.goods_fen) for c in list_categories(store, campaign.id)}
    return FlagContext(campaign.start, campaign.end, standards, None,
                       former=former_standards(store))  # fmt: skip


def own_flags(events: list[Event], rules: FlagContext) -> tuple[list[Flag], StoreChecks]:
    """The flags a bundle's events raise on their own, and what only the store can check of
    them (its visits' teams, its payments' households, its 已慰问 with nothing handed)."""
    considered = [e for e in events if flag_reads(e)]
    records = live_records(considered)
    revised = frozenset(e.record_id for e in considered if e.kind == REVISE)
    signatures = [(e.record_id, signed_visit(e.body)) for e in events if e.kind == SIGNATURE]
    ctx = replace(rules, revised=revised, signed=_signed(signatures, considered, rules))
    return compute_flags(records, ctx), store_checks(records, ctx)


def bundle_flags(
    store: Store, households: list[str], own: list[Flag], checks: StoreChecks, sender: str
) -> list[FlagView]:
    """The open flags of the households a bundle speaks of, just after it was merged.

    A result bundle holds every event of its laptop, so the flags its events raise on their own
    (worked out while it was opened) stand, unless another laptop or the office wrote about the
    same household (another team paying it too, a decision on a flag): those households are
    worked out again here over everything known of them."""
    checked = sorted({v[0] for v in checks[0]} | {p[0] for p in checks[1]})
    ctx = _with_store_facts(store, flag_rules(store), checked)
    flags = [*own, *checked_by_store(checks, ctx)]
    others = store_events.flag_events_of_households(store, households, except_device=sender)
    resolutions: dict[str, list[Resolution]] = {}
    if others:
        touched = {e.household_id for e in others}
        flags = [f for f in flags if f.household_id not in touched]
        everything = store_events.flag_events_of_households(store, sorted(touched))
        more, resolutions = _computed(store, everything, sorted(touched))
        flags += more
    return _described(store, sorted(flags, key=flag_order), resolutions)


def households_flags(store: Store, households: Sequence[str]) -> list[FlagView]:
    """The open flags of these households, worked out over everything known of them (not
    the whole campaign): what a decision on a few households' records has raised."""
    scope = sorted(set(households))
    if not scope:
        return []
    flags, resolutions = _computed(store, store_events.flag_events_of_households(store, scope),
                                   scope)  # fmt: skip
    return _described(store, flags, resolutions)


def flag_reads(event: Event) -> bool:
    """Flags read every event but a signature, save a print on paper (待收回纸质凭证)."""
    return event.kind != SIGNATURE or may_be_thumbprint(event.body)


def _signed(
    signatures: Iterable[tuple[str, str]], events: Iterable[Event], rules: FlagContext
) -> frozenset[str]:
    """The visits named by a signature that is not voided."""
    bodies = rules.bodies or {}
    voided = {(bodies.get(e.id) or e.data())["target"] for e in events if e.kind == VOID}
    return frozenset(visit for record, visit in signatures if visit and record not in voided)


def _with_store_facts(store: Store, ctx: FlagContext, scope: Sequence[str] | None) -> FlagContext:
    if scope is None:
        facts, ever = store_money.every_household_facts(store)
    else:
        facts, ever = (
            store_money.household_facts(store, scope),
            store_money.teams_ever(store, scope),
        )
    return with_facts(
        ctx,
        ever,
        {h: on_visit_list(f[0], f[1]) for h, f in facts.items()},
        {h: f[3] for h, f in facts.items()},
    )


def computed_flags(
    store: Store, events: list[Event], records: Mapping[str, LiveRecord],
    scope: list[str] | None, bodies: Mapping[str, Mapping[str, object]] | None = None,
    signatures: list[tuple[str, str]] | None = None,
) -> tuple[list[Flag], dict[str, list[Resolution]]]:  # fmt: skip
    """Every flag of ``records`` (the live records of ``events``, of the households ``scope``
    or all), and the resolutions among them by flag id. ``signatures``: (record id, visit) of
    every signature, when read already."""
    revised = frozenset(e.record_id for e in events if e.kind == REVISE)
    ctx = _with_store_facts(store, replace(flag_rules(store), bodies=bodies), scope)
    if signatures is None:
        signatures = store_money.signed_visits(store, scope)
    signed = _signed(signatures, events, ctx)
    ctx = replace(ctx, revised=revised, signed=signed)
    flags = sorted(compute_flags(records, ctx), key=flag_order)
    return flags, by_flag(resolutions_in(records.values()))


def _computed(
    store: Store, events: list[Event], scope: list[str] | None
) -> tuple[list[Flag], dict[str, list[Resolution]]]:
    return computed_flags(store, events, live_records(events), scope)


def split_open(
    flags: Iterable[Flag], resolutions: Mapping[str, list[Resolution]]
) -> list[tuple[Flag, Resolution | None]]:
    """Each flag with the resolution that closes it, or None while it is open."""
    return [(flag, closing(flag, resolutions)) for flag in flags]


def _described(
    store: Store, flags: list[Flag], resolutions: Mapping[str, list[Resolution]], *,
    include_resolved: bool = False,
) -> list[FlagView]:  # fmt: skip
    pairs = [(f, r) for f, r in split_open(flags, resolutions) if include_resolved or r is None]
    if include_resolved:
        pairs += _gone(flags, resolutions)
    # Names only of the households flagged: usually a few of the thousand in a bundle.
    labels = store_money.household_labels(store, sorted({f.household_id for f, _r in pairs}))
    campaign = require_campaign(store)
    teams = store_teams.team_names(store, campaign.id)
    names = {c.code: c.name for c in list_categories(store, campaign.id)}
    views = []
    for flag, resolution in pairs:
        label = labels.get(flag.household_id, {})
        code = flag.category or label.get("category_code") or ""
        known = sorted((teams[t] for t in flag.teams if t in teams), key=lambda t: t["code"])
        views.append(FlagView(
            flag.kind, flag.household_id, mask_id(label.get("id_number") or ""), flag.record_id,
            Reason(f"flag.{flag.kind}" if not flag.gone else "flag.gone", flag.params),
            flag.gone or flag_id(flag), label.get("name") or "",
            tuple(t["code"] for t in known), tuple(t["name"] for t in known), code,
            names.get(code, ""), flag.seen, _decided(resolution),
        ))  # fmt: skip
    return views


def _gone(
    flags: Iterable[Flag], resolutions: Mapping[str, list[Resolution]]
) -> list[tuple[Flag, Resolution | None]]:
    """Decisions on flags that no longer arise (the paper came in, the payment was voided):
    kept for the auditor, each as the flag it closed."""
    raised = {flag_id(f) for f in flags}
    found: list[tuple[Flag, Resolution | None]] = []
    for fid, decided in sorted(resolutions.items()):
        if fid in raised:
            continue
        r = max(decided, key=lambda r: (r.at, r.record_id))
        seen = tuple(sorted(r.seen))
        found.append((Flag(r.kind, r.household_id, seen[0] if seen else "",
                           (), seen, (r.team_id,), gone=fid), r))  # fmt: skip
    return found


def _decided(resolution: Resolution | None) -> Decided | None:
    if resolution is None:
        return None
    r = resolution
    return Decided(r.record_id, r.decision, r.note, r.by, r.at, r.amount_fen,
                   date.fromisoformat(r.day) if r.day else None, r.receipt, r.target)  # fmt: skip
