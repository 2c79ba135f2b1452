"""Where the visits stand: per team, households assigned and visited, money out against plan.

The households are those given to the team now; the money is what the team handed over
(app.domain.ledger), to whichever household, so the teams' money adds up to the
campaign's and each team's agrees with its signed 签收表.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.events import VISIT, live_records, record_fields
from app.domain.ledger import payments, sums_by
from app.domain.visits import counts_as_visited
from app.services.infra.context import require_campaign
from app.services.oversight.flags import computed_flags, split_open
from app.services.visits.plan import must_reach_rule
from app.store import events as store_events
from app.store import teams as store_teams
from app.store.campaigns import list_categories
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class TeamProgress:
    code: str
    name: str
    assigned: int
    visited: int  # households with a live visit that counts as 已慰问 (a phone call: 本人)
    attempted: int  # households with live visits, none of which counts (不在家 …)
    not_yet: int
    problem: int  # households with an open flag
    cash_fen: int  # handed over by hand by this team
    transfer_fen: int  # to be transferred to the salary card
    goods_fen: int
    budget_fen: int  # assigned households × their category's cash + goods
    float_fen: int | None


def compute_progress(store: Store) -> tuple[list[TeamProgress], int]:
    """Per-team progress and the number of open flags in the whole store."""
    campaign = require_campaign(store)
    categories = {c.id: c for c in list_categories(store, campaign.id)}
    # Signatures (3 KB each) change no figure: read once, for the flags and the sums.
    events = store_events.flag_events(store)
    records = live_records(events)
    flags, resolutions = computed_flags(store, events, records, None)
    open_flags = [f for f, closed in split_open(flags, resolutions) if closed is None]
    flagged = {f.household_id for f in open_flags}
    must_reach = must_reach_rule(store)
    outcomes: dict[str, bool] = {}  # household → whether a visit of it counts as 已慰问
    for record in records.values():
        if record.kind == VISIT and not record.voided:
            hid = record.event.household_id
            counted = counts_as_visited(record_fields(record), phone_must_reach=must_reach.of(hid))
            outcomes[hid] = outcomes.get(hid, False) or counted
    money = sums_by(payments(records.values()))
    result = []
    for team in store_teams.list_teams(store, campaign.id):
        rows = store_teams.team_households(store, team["id"])
        ids = [r[0] for r in rows]
        visited = sum(1 for h in ids if outcomes.get(h))
        attempted = sum(1 for h in ids if outcomes.get(h) is False)
        budget = sum(categories[c].standard_fen for _h, c in rows if c in categories)
        cash, transfer, goods = money.get(team["id"], [0, 0, 0])
        result.append(
            TeamProgress(
                code=team["code"], name=team["name"], assigned=len(ids), visited=visited,
                attempted=attempted, not_yet=len(ids) - visited - attempted,
                problem=sum(1 for h in ids if h in flagged), cash_fen=cash,
                transfer_fen=transfer, goods_fen=goods, budget_fen=budget,
                float_fen=store_teams.latest_float(store, team["id"]),
            )
        )  # fmt: skip
    return result, len(open_flags)
