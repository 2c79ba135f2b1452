"""The campaign's own facts changed after ``campaign init``: name, organiser, the visit window,
低保标准 and the eligibility thresholds.

One field at a time, with a reason; the value before and after is appended to campaign_change
(never changed) and the campaign row holds the value in force. Everything that depends on a fact
reads the row each time: eligibility (低保标准, thresholds), the flags (the window), the letters
and the teams' next assignment bundle (the campaign row travels in it).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from app.domain.campaign import Campaign, CampaignField, new_id
from app.domain.eligibility import Thresholds
from app.domain.errors import InvalidInput
from app.domain.flags import OUTSIDE_WINDOW
from app.domain.money import parse_money
from app.domain.text import clean
from app.services.households.eligibility import evaluate_eligibility
from app.services.infra.context import Actor, require_campaign
from app.services.oversight.flags import campaign_flags
from app.store import campaigns as store_campaigns
from app.store.db import Store

F = CampaignField
_COLUMN = {F.NAME: "name", F.ORGANIZER: "organizer", F.START: "start_date", F.END: "end_date",
           F.MIN_LIVING: "min_living_fen", F.RULE1_PCT: "rule1_pct", F.RULE2_PCT: "rule2_pct",
           F.RULE3_PCT: "rule3_pct", F.HARDSHIP_COST: "hardship_cost_fen"}  # fmt: skip
_RULES = (F.MIN_LIVING, F.RULE1_PCT, F.RULE2_PCT, F.RULE3_PCT, F.HARDSHIP_COST)


@dataclass(frozen=True, slots=True)
class CampaignChange:
    """One change of one fact: before and after as stored (dates ISO, money fen, text)."""

    field: CampaignField
    before: str
    after: str
    reason: str
    at: datetime
    by: str


@dataclass(frozen=True, slots=True)
class Consequence:
    """What a change does to figures already there: visits recorded outside the window it leaves
    (window fields; allowed, flagged), households whose rule result changes (rule fields)."""

    visits_outside: int | None = None
    rules_changed: int | None = None


@dataclass(frozen=True, slots=True)
class Changed:
    change: CampaignChange
    campaign: Campaign
    consequence: Consequence


def field_of(raw: str) -> CampaignField:
    wanted = clean(raw).lower().replace("-", "_")
    try:
        return CampaignField(wanted)
    except ValueError:
        raise InvalidInput("campaign.field_unknown", field=clean(raw),
                           known=", ".join(f.value for f in CampaignField)) from None  # fmt: skip


def current_value(campaign: Campaign, field: CampaignField) -> str:
    """A fact as stored, in the form change_campaign takes back (money: fen as digits)."""
    t = campaign.thresholds
    return str({F.NAME: campaign.name, F.ORGANIZER: campaign.organizer,
                F.START: campaign.start.isoformat(), F.END: campaign.end.isoformat(),
                F.MIN_LIVING: t.min_living_fen, F.RULE1_PCT: t.rule1_pct,
                F.RULE2_PCT: t.rule2_pct, F.RULE3_PCT: t.rule3_pct,
                F.HARDSHIP_COST: t.hardship_cost_fen}[field])  # fmt: skip


def _date(raw: str) -> date:
    try:
        return date.fromisoformat(clean(raw))
    except ValueError:
        raise InvalidInput("campaign.date_invalid", value=clean(raw)) from None


def _pct(raw: str) -> int:
    text = clean(raw).rstrip("%％")
    if not text.isdigit():
        raise InvalidInput("campaign.pct_invalid", value=clean(raw))
    return int(text)


def _parsed(campaign: Campaign, field: CampaignField, raw: str) -> Campaign:
    """The campaign as it would be with the new value; bad values refused."""
    t = campaign.thresholds
    if field in (F.NAME, F.ORGANIZER):
        if not clean(raw):
            raise InvalidInput("campaign.name_missing" if field is F.NAME
                               else "campaign.organizer_missing")  # fmt: skip
        text = clean(raw)
        return (
            replace(campaign, name=text) if field is F.NAME else replace(campaign, organizer=text)
        )
    if field in (F.START, F.END):
        day = _date(raw)
        new = replace(campaign, start=day) if field is F.START else replace(campaign, end=day)
        if new.end < new.start:
            raise InvalidInput("campaign.dates", start=new.start.isoformat(),
                               end=new.end.isoformat())  # fmt: skip
        return new
    if field in (F.MIN_LIVING, F.HARDSHIP_COST):
        fen = parse_money(raw)
        if fen <= 0:
            raise InvalidInput("campaign.min_living" if field is F.MIN_LIVING
                               else "campaign.hardship_cost")  # fmt: skip
        key = "min_living_fen" if field is F.MIN_LIVING else "hardship_cost_fen"
        return replace(campaign, thresholds=replace(t, **{key: fen}))
    new_t = replace(t, **{field.value: _pct(raw)})
    if not 0 < new_t.rule1_pct <= new_t.rule2_pct <= new_t.rule3_pct <= 1000:
        raise InvalidInput("campaign.percentages")
    return replace(campaign, thresholds=new_t)


def _rules_changed(store: Store, thresholds: Thresholds) -> int:
    now = {r.id: r.rule for r in evaluate_eligibility(store)}
    then = {r.id: r.rule for r in evaluate_eligibility(store, thresholds=thresholds)}
    return sum(1 for hid, rule in now.items() if then.get(hid) != rule)


def _visits_outside(store: Store) -> int:
    flags = campaign_flags(store, include_resolved=True)
    return len({f.record_id for f in flags if f.kind == OUTSIDE_WINDOW})


def preview_change(store: Store, field: str, value: str) -> Consequence:
    """How many households' rule results a rule change would change (nothing is written); a
    window's visits outside are counted when it is changed (``change_campaign``)."""
    campaign = require_campaign(store)
    wanted = field_of(field)
    new = _parsed(campaign, wanted, value)
    if wanted in _RULES:
        return Consequence(rules_changed=_rules_changed(store, new.thresholds))
    return Consequence()


def change_campaign(
    store: Store, field: str, value: str, reason: str, actor: Actor | None = None
) -> Changed:
    """One fact changed, with a reason; refused (nothing changed) when the value is bad or the
    same. A window that leaves recorded visits outside is allowed: they are counted (and
    flagged)."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    wanted = field_of(field)
    if not clean(reason):
        raise InvalidInput("campaign.reason_missing")
    new = _parsed(campaign, wanted, value)
    before, after = current_value(campaign, wanted), current_value(new, wanted)
    if before == after:
        raise InvalidInput("campaign.unchanged", value=after)
    rules = _rules_changed(store, new.thresholds) if wanted in _RULES else None
    stored: object = int(after) if wanted in _RULES else after
    with store.transaction():
        store_campaigns.update_campaign(store, campaign.id, _COLUMN[wanted], stored)
        store_campaigns.insert_campaign_change(store, {
            "id": new_id(), "campaign_id": campaign.id, "field": wanted.value, "before": before,
            "after": after, "reason": clean(reason), "changed_at": actor.now(),
            "changed_by": actor.user,
        })  # fmt: skip
    outside = _visits_outside(store) if wanted in (F.START, F.END) else None
    change = CampaignChange(wanted, before, after, clean(reason),
                            datetime.fromisoformat(actor.now()), actor.user)  # fmt: skip
    return Changed(change, require_campaign(store), Consequence(outside, rules))


def campaign_history(store: Store) -> tuple[CampaignChange, ...]:
    """Every change of the campaign's facts, oldest first."""
    return tuple(
        CampaignChange(CampaignField(r["field"]), r["before"], r["after"], r["reason"],
                       datetime.fromisoformat(r["changed_at"]), r["changed_by"])
        for r in store_campaigns.campaign_changes(store, require_campaign(store).id)
    )  # fmt: skip
