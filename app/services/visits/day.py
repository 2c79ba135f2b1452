"""The end of a team's day (UX.md screen 6): the cash count, and what the day held.

Cash expected in hand = the float handed over by the central office − every live cash
disbursement by hand (transfers to a salary card are not in the bag). A count that differs
needs a note; the count is an event like any other, so it travels in the result bundle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.domain.campaign import new_id
from app.domain.errors import InvalidInput
from app.domain.events import CASH_COUNT, DISBURSEMENT, VISIT, record_fields
from app.domain.money import format_fen
from app.domain.text import clean
from app.domain.visits import counts_as_visited
from app.services.bundles.devices import TEAM, NewEvent, append_events, local_device
from app.services.infra.context import Actor
from app.services.visits.plan import must_reach_rule
from app.services.visits.recording import live_state
from app.store import teams as store_teams
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class CashCount:
    """The team's count of the cash in the bag at the end of a day."""

    day: date
    float_fen: int  # the float handed over (0: none recorded)
    paid_fen: int  # cash handed over by hand, all days so far
    expected_fen: int
    counted_fen: int
    difference_fen: int  # counted − expected
    goods_left: str
    note: str  # why it differs
    by: str
    at: datetime


def _cash_count(fields: dict[str, Any], created_at: str) -> CashCount:
    """From the event's body (checked at the door: app.domain.event_bodies)."""
    return CashCount(
        date.fromisoformat(fields["date"]), fields.get("float_fen", 0),
        fields.get("paid_fen", 0), fields["expected_fen"], fields["counted_fen"],
        fields["difference_fen"], fields.get("goods_left", ""), fields.get("note", ""),
        fields.get("by", ""), datetime.fromisoformat(fields.get("at") or created_at),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class DaySummary:
    day: date
    float_fen: int | None  # None: the central office recorded no float for this team
    paid_fen: int  # cash handed over by hand, all days so far
    paid_today_fen: int
    transfer_today_fen: int
    visits_today: int
    done_today: int  # 已慰问 today (a phone call where the person answered)
    goods_today: tuple[str, ...]
    counts: tuple[CashCount, ...]  # recorded for this day, oldest first

    @property
    def expected_fen(self) -> int:
        return (self.float_fen or 0) - self.paid_fen


def _team_id(store: Store) -> str:
    device = local_device(store)
    if device is None or device.role != TEAM or not device.team_id:
        raise InvalidInput("cash.no_team")
    return device.team_id


def day_summary(store: Store, day: date) -> DaySummary:
    team_id = _team_id(store)
    iso = day.isoformat()
    paid = paid_today = transfer_today = visits = done = 0
    goods: list[str] = []
    counts: list[CashCount] = []
    must_reach = must_reach_rule(store)
    for record in live_state(store).values():
        if record.voided:
            continue
        fields = record_fields(record)
        if record.kind == DISBURSEMENT:
            if not fields["transfer"]:
                paid += fields["cash_fen"]
            if fields["date"] == iso:
                if fields["transfer"]:
                    transfer_today += fields["cash_fen"]
                else:
                    paid_today += fields["cash_fen"]
                if fields["goods"]:
                    goods.append(fields["goods"])
        elif record.kind == VISIT and fields["date"] == iso:
            visits += 1
            done += counts_as_visited(
                fields, phone_must_reach=must_reach.of(record.event.household_id)
            )
        elif record.kind == CASH_COUNT and fields["date"] == iso:
            counts.append(_cash_count(fields, record.event.created_at))
    counts.sort(key=lambda c: c.at)
    return DaySummary(
        day, store_teams.latest_float(store, team_id), paid, paid_today, transfer_today,
        visits, done, tuple(goods), tuple(counts),
    )  # fmt: skip


def record_cash_count(
    store: Store, day: date, counted_fen: int, *, goods_left: str = "", note: str = "",
    actor: Actor | None = None,
) -> CashCount:  # fmt: skip
    """Record the count; a difference needs a note. A later count of the day is a new event,
    the earlier one stays (the last one is the day's figure)."""
    actor = actor or Actor()
    team_id = _team_id(store)
    summary = day_summary(store, day)
    difference = counted_fen - summary.expected_fen
    if difference and not clean(note):
        raise InvalidInput("cash.note_needed", difference=format_fen(difference))
    body = {
        "date": day.isoformat(), "float_fen": summary.float_fen or 0,
        "paid_fen": summary.paid_fen, "expected_fen": summary.expected_fen,
        "counted_fen": counted_fen, "difference_fen": difference,
        "goods_left": clean(goods_left), "note": clean(note), "by": actor.user,
        "at": actor.now(),
    }  # fmt: skip
    device = local_device(store)
    assert device is not None  # _team_id checked it
    with store.transaction():
        [event] = append_events(
            store, device, [NewEvent(CASH_COUNT, new_id(), "", team_id, body)], actor
        )
    return _cash_count(body, event.created_at)
