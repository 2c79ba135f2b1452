"""The laptop's date against the campaign's dates, before the first visit of a day.

A visit takes its date from the laptop's clock. A clock that is wrong (a flat battery, a new
laptop never set) would put every visit of the day outside the campaign, found only later as
flags at the office; so the window asks before the first visit of such a day. The team may be
right (a visit the office allowed after the end): having said so once, it is not asked again
that day, and the visits are still flagged for the office to see.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from app.services.infra.context import Actor, require_campaign
from app.store import events as store_events
from app.store.db import Store

_CONFIRMED = "visit_day_confirmed"  # the device setting: the last day the team went on


@dataclass(frozen=True, slots=True)
class VisitDay:
    day: date  # the laptop's date
    start: date  # the campaign's
    end: date
    confirmed: bool  # the team said this date is right, today

    @property
    def early(self) -> bool:
        return self.day < self.start

    @property
    def late(self) -> bool:
        return self.day > self.end

    @property
    def needs_warning(self) -> bool:
        return (self.early or self.late) and not self.confirmed


def visit_day(store: Store, day: date) -> VisitDay:
    campaign = require_campaign(store)
    stored = store_events.get_setting(store, _CONFIRMED)
    confirmed = bool(stored) and json.loads(stored or "{}").get("day") == day.isoformat()
    return VisitDay(day, campaign.start, campaign.end, confirmed)


def confirm_visit_day(store: Store, day: date, *, actor: Actor | None = None) -> VisitDay:
    """The team goes on with this date, outside the campaign's: kept with who and when."""
    actor = actor or Actor()
    value = {"day": day.isoformat(), "by": actor.user, "at": actor.now()}
    with store.transaction():
        store_events.set_setting(store, _CONFIRMED, json.dumps(value, ensure_ascii=False))
    return visit_day(store, day)
