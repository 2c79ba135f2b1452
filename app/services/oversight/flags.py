"""What needs a person, worked out from the events: double payments, visits outside the
window or by another team, amounts off the standard, prints on paper not yet at the office.

Computed every time from the store (never stored stale); a merge works out the flags of the
households a bundle speaks of right after it, from the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.domain.errors import Reason
from app.domain.events import REVISE, SIGNATURE, Event, live_records
from app.domain.flags import (
    Flag,
    FlagContext,
    Visit,
    compute_flags,
    flag_order,
    live_visits,
    roster_mark_flags,
    unassigned,
)
from app.domain.id_number import mask_id
from app.domain.signature import may_be_thumbprint
from app.services.campaign.revisions import former_standards
from app.services.infra.context import require_campaign
from app.services.rosters.marks import open_marks
from app.store import events as store_events
from app.store import teams as store_teams
from app.store.campaigns import list_categories
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class FlagView:
    """A flag as a person is shown it: the household by its masked ID number, the reason as a
    key (flag.<kind>) and its parameters."""

    kind: str
    household_id: str
    household: str  # masked ID number
    record_id: str
    reason: Reason


def campaign_flags(store: Store) -> list[FlagView]:
    """Every flag in the store now."""
    # Signatures (3 KB each) are not read, except a print on paper, flagged until the office
    # has the slip.
    events = store_events.flag_events(store)
    computed = _computed(store, events, None) + _roster_marks(store)
    return _described(store, sorted(computed, key=flag_order))


def _roster_marks(store: Store) -> list[Flag]:
    """Households a roster brought over quota or late, not decided yet."""
    marks = open_marks(store)
    return roster_mark_flags((m.household_id, m.mark_id, m.mark.value, m.why.params)
                             for m in marks)  # fmt: skip


def flag_rules(store: Store) -> FlagContext:
    """The campaign's rules for flags, without the assignments: what a worker is given."""
    campaign = require_campaign(store)
    standards = {c.code: (c.cash_fen, c.goods_fen) for c in list_categories(store, campaign.id)}
    return FlagContext(campaign.start, campaign.end, standards, None,
                       former=former_standards(store))  # fmt: skip


def own_flags(events: list[Event], rules: FlagContext) -> tuple[list[Flag], list[Visit]]:
    """The flags a bundle's events raise on their own, and its live visits (whose households'
    teams only the store knows)."""
    considered = [e for e in events if flag_reads(e)]
    records = live_records(considered)
    revised = frozenset(e.record_id for e in considered if e.kind == REVISE)
    return compute_flags(records, replace(rules, revised=revised)), live_visits(records)


def bundle_flags(
    store: Store, households: list[str], own: list[Flag], visits: list[Visit], sender: str
) -> list[FlagView]:
    """The flags of the households a bundle speaks of, just after it was merged.

    A result bundle holds every event of its laptop, so the flags its events raise on their own
    (worked out while it was opened) stand, unless another laptop or the office wrote about the
    same household (another team paying it too): those households are worked out again here
    over everything known of them."""
    team_of = store_teams.current_team_of(store, sorted({v[0] for v in visits}))
    flags = [*own, *unassigned(visits, team_of)]
    others = store_events.flag_events_of_households(store, households, except_device=sender)
    if others:
        touched = {e.household_id for e in others}
        flags = [f for f in flags if f.household_id not in touched]
        everything = store_events.flag_events_of_households(store, sorted(touched))
        flags += _computed(store, everything, sorted(touched))
    return _described(store, sorted(flags, key=flag_order))


def flag_reads(event: Event) -> bool:
    """Flags read every event but a signature, save a print on paper (待收回纸质凭证)."""
    return event.kind != SIGNATURE or may_be_thumbprint(event.body)


def _computed(store: Store, events: list[Event], scope: list[str] | None) -> list[Flag]:
    rules = flag_rules(store)
    revised = frozenset(e.record_id for e in events if e.kind == REVISE)
    team_of = store_teams.current_team_of(store, scope)
    ctx = replace(rules, team_of=team_of, revised=revised)
    return sorted(compute_flags(live_records(events), ctx), key=flag_order)


def _described(store: Store, flags: list[Flag]) -> list[FlagView]:
    # ID numbers only of the households flagged: usually a few of the thousand in a bundle.
    ids = store_teams.id_numbers(store, sorted({f.household_id for f in flags}))
    return [
        FlagView(flag.kind, flag.household_id, mask_id(ids.get(flag.household_id, "")),
                 flag.record_id, Reason(f"flag.{flag.kind}", flag.params))
        for flag in flags
    ]  # fmt: skip
