"""The opinions heard on the visits (意见建议), reported per reporting unit a week after the
visits end ("于慰问结束后一周内报送"): the report of a unit or of all, the date it is due (a
campaign setting, by default the window's last day + 7), the office's note that a unit's report
was sent, and the units overdue, which ``flags`` lists."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.documents.opinions import OpinionRow, UnitOpinions, opinions_layout, write_opinions_xlsx
from app.documents.pdf_layout import write_layout
from app.domain.errors import Conflict, InvalidInput, NotFound, Reason
from app.domain.events import live_records
from app.domain.id_number import mask_id
from app.domain.visits import DONE
from app.services.infra.context import Actor, require_campaign
from app.services.printing.output import Printed, chain_for, check_glyphs, output, unwritable
from app.services.printing.records import collect, in_visit_list, parse_day
from app.store import documents as store_documents
from app.store import events as store_events
from app.store import teams as store_teams
from app.store.db import Store

DUE_KEY = "opinions_due"
SENT_KEY = "opinions_sent/"  # + the unit: {"on": date, "by": user, "at": time}
DAYS_AFTER = 7
OVERDUE = "opinions_overdue"


@dataclass(frozen=True, slots=True)
class Overdue:
    unit: str
    due: date
    households: int
    opinions: int

    @property
    def reason(self) -> Reason:
        return Reason.of(f"flag.{OVERDUE}", unit=self.unit, due=self.due.isoformat(),
                         count=self.opinions)  # fmt: skip


def opinions_due(store: Store) -> date:
    campaign = require_campaign(store)
    stored = store_events.get_setting(store, DUE_KEY)
    return date.fromisoformat(stored) if stored else campaign.end + timedelta(days=DAYS_AFTER)


def set_opinions_due(store: Store, day: date | str) -> date:
    """The date the units' reports are due; not before the visits start."""
    campaign = require_campaign(store)
    due = parse_day(day)
    if due is None or due < campaign.start:
        raise InvalidInput("opinions.due_early", day=str(day), start=campaign.start.isoformat())
    with store.transaction():
        store_events.set_setting(store, DUE_KEY, due.isoformat())
    return due


def _sent(store: Store, unit: str) -> date | None:
    stored = store_events.get_setting(store, SENT_KEY + unit)
    return date.fromisoformat(json.loads(stored)["on"]) if stored else None


def mark_sent(store: Store, unit: str, *, on: date | str | None = None,
              actor: Actor | None = None) -> date:  # fmt: skip
    """The office notes that ``unit``'s report was sent; once, and kept (a second note is
    refused naming the first)."""
    actor = actor or Actor()
    reports = {r.unit: r for r in unit_reports(store)}
    if unit not in reports:
        raise NotFound("opinions.unit_unknown", unit=unit, known=tuple(sorted(reports)))
    if (before := _sent(store, unit)) is not None:
        raise Conflict("opinions.already_sent", unit=unit, day=before.isoformat())
    day = parse_day(on) if on is not None else actor.today()
    assert day is not None
    note = {"on": day.isoformat(), "by": actor.user, "at": actor.now()}
    with store.transaction():
        store_events.set_setting(store, SENT_KEY + unit, json.dumps(note, ensure_ascii=False))
    return day


def unit_reports(store: Store, unit: str | None = None) -> list[UnitOpinions]:
    """Each reporting unit with households on the visit list (or just ``unit``): its opinions
    in order of unit, date and name."""
    campaign = require_campaign(store)
    households = [h for h in store_documents.print_households(store, campaign.id)
                  if in_visit_list(h)]  # fmt: skip
    by_id = {h["id"]: h for h in households}
    units: dict[str, list[Mapping[str, Any]]] = {}
    for h in households:
        units.setdefault(h["unit"] or "", []).append(h)
    if unit is not None and unit not in units:
        raise NotFound("opinions.unit_unknown", unit=unit, known=tuple(sorted(units)))
    teams = {t["id"]: t["name"] for t in store_teams.list_teams(store, campaign.id)}
    heard, visited = _heard(store, by_id, teams)
    due = opinions_due(store)
    return [
        UnitOpinions(campaign.name, campaign.organizer, name, due, _sent(store, name),
                     len(members), sum(1 for h in members if h["id"] in visited),
                     tuple(sorted(heard.get(name, []), key=lambda r: (r.day, r.name))))
        for name, members in sorted(units.items()) if unit is None or name == unit
    ]  # fmt: skip


def _heard(
    store: Store, by_id: Mapping[str, Mapping[str, Any]], teams: Mapping[str, str]
) -> tuple[dict[str, list[OpinionRow]], set[str]]:
    """The opinions heard, by unit, each under the team that heard it; the households visited."""
    heard: dict[str, list[OpinionRow]] = {}
    visited: set[str] = set()
    for v in collect(live_records(store_events.flag_events(store))).visits.values():
        household = by_id.get(v.household_id)
        if v.voided or household is None:
            continue
        if v.fields["outcome"] == DONE:
            visited.add(v.household_id)
        if text := (v.fields.get("opinions") or "").strip():
            heard.setdefault(household["unit"] or "", []).append(OpinionRow(
                household["name"], mask_id(household["id_number"]),
                teams.get(v.team_id, ""), v.when, text))  # fmt: skip
    return heard, visited


def overdue(store: Store, today: date | None = None) -> list[Overdue]:
    """Units whose report is past due (today by default) and not noted as sent."""
    return overdue_of(unit_reports(store), today)


def overdue_of(reports: Sequence[UnitOpinions], today: date | None = None) -> list[Overdue]:
    """Of the units' reports already read, those past due and not noted as sent."""
    today = today or Actor().today()
    return [Overdue(r.unit, r.due, r.households, len(r.rows))
            for r in reports if today > r.due and r.sent is None]  # fmt: skip


def print_opinions(
    store: Store, out: Path | str, *, unit: str | None = None, lang: str = "zh",
    actor: Actor | None = None, reports: Sequence[UnitOpinions] | None = None,
) -> Printed:  # fmt: skip
    """The report of ``unit`` (or of every unit): .pdf or .xlsx by the ending of ``out``.
    ``reports``: ``unit_reports(store, unit)`` when the caller has read them already."""
    actor = actor or Actor()
    target = output(out, (".pdf", ".xlsx"))
    reports = unit_reports(store, unit) if reports is None else reports
    rows = sum(len(r.rows) for r in reports)
    try:
        if target.suffix.lower() == ".xlsx":
            write_opinions_xlsx(target, reports, lang=lang)
            return Printed(target, None, rows)
        chain = chain_for(store, "table")
        check_glyphs(chain, [(r.name, f"{r.name}{r.team}{r.text}")
                             for report in reports for r in report.rows]
                     + [(r.unit, r.unit) for r in reports])  # fmt: skip
        layout = opinions_layout(reports, chain, made=actor.today(), lang=lang)
        pages = write_layout(target, layout)
    except OSError as exc:
        raise unwritable(target, exc) from None
    return Printed(target, pages, rows)
