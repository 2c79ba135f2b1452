"""Where the visits stand: per team, households assigned and visited, money out against plan."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.events import DISBURSEMENT, VISIT, record_fields
from app.domain.visits import counts_as_visited
from app.services.infra.context import require_campaign
from app.services.oversight.flags import campaign_flags
from app.services.visits.plan import must_reach_rule
from app.services.visits.recording import live_state
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
    problem: int  # households with a flag
    cash_fen: int  # handed over by hand
    transfer_fen: int  # to be transferred to the salary card
    goods_fen: int
    budget_fen: int  # assigned households × their category's cash + goods
    float_fen: int | None


def compute_progress(store: Store) -> tuple[list[TeamProgress], int]:
    """Per-team progress and the number of flags in the whole store."""
    campaign = require_campaign(store)
    categories = {c.id: c for c in list_categories(store, campaign.id)}
    records = live_state(store)
    flags = campaign_flags(store)
    flagged = {f.household_id for f in flags}
    must_reach = must_reach_rule(store)
    outcomes: dict[str, bool] = {}  # household → whether a visit of it counts as 已慰问
    money: dict[str, list[int]] = {}
    for record in records.values():
        if record.voided:
            continue
        fields = record_fields(record)
        hid = record.event.household_id
        if record.kind == VISIT:
            counted = counts_as_visited(fields, phone_must_reach=must_reach.of(hid))
            outcomes[hid] = outcomes.get(hid, False) or counted
        elif record.kind == DISBURSEMENT:
            m = money.setdefault(hid, [0, 0, 0])
            m[1 if fields["transfer"] else 0] += fields["cash_fen"]
            m[2] += fields["goods_fen"]
    result = []
    for team in store_teams.list_teams(store, campaign.id):
        rows = store_teams.team_households(store, team["id"])
        ids = [r[0] for r in rows]
        visited = sum(1 for h in ids if outcomes.get(h))
        attempted = sum(1 for h in ids if outcomes.get(h) is False)
        budget = sum(categories[c].standard_fen for _h, c in rows if c in categories)
        float_fen = store_teams.latest_float(store, team["id"])
        result.append(
            TeamProgress(
                code=team["code"], name=team["name"], assigned=len(ids), visited=visited,
                attempted=attempted, not_yet=len(ids) - visited - attempted,
                problem=sum(1 for h in ids if h in flagged),
                cash_fen=sum(money.get(h, [0, 0, 0])[0] for h in ids),
                transfer_fen=sum(money.get(h, [0, 0, 0])[1] for h in ids),
                goods_fen=sum(money.get(h, [0, 0, 0])[2] for h in ids),
                budget_fen=budget, float_fen=float_fen,
            )
        )  # fmt: skip
    return result, len(flags)
