"""Printing a team's daily log (走访日志): the visits the team recorded that day in order of
time, voided ones left out and counted, and the day's last cash count (PDF or XLSX)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from app.documents.pdf_daily_log import CashCount, DailyLog, LogRow, daily_log_layout
from app.documents.pdf_layout import write_layout
from app.documents.xlsx_reports import write_daily_log_xlsx
from app.domain.long_work import Cancel, Progress, never, no_progress
from app.domain.visits import CannotSign, Outcome, VisitMode
from app.services.infra.context import require_campaign
from app.services.printing.output import Printed, chain_for, check_glyphs, output, unwritable
from app.services.printing.records import (
    VisitData,
    collect,
    find_team,
    live_state_of_team,
    parse_day,
)
from app.store import documents as store_documents
from app.store.db import Store


def _log_row(v: VisitData, household: dict[str, Any]) -> LogRow:
    fields = v.fields
    revisit = fields.get("revisit_on") or ""
    return LogRow(
        time=v.time, name=household["name"], id_tail=household["id_number"][-4:],
        mode=VisitMode(fields["mode"]), outcome=Outcome(fields["outcome"]), cash_fen=v.cash_fen,
        transfer_fen=v.transfer_fen, goods=v.goods, opinions=fields.get("opinions") or "",
        visitors=v.visitors, conditions=fields.get("conditions") or "",
        notes=fields.get("notes") or "", proxy=v.proxy,
        cannot_sign=CannotSign(fields["cannot_sign"]) if fields.get("cannot_sign") else None,
        revisit_on=parse_day(revisit) if revisit else None,
        from_paper=fields.get("source") == "paper",
    )  # fmt: skip


def _typed(row: LogRow) -> str:
    """What a row prints that a person typed (for the glyph check)."""
    proxy = row.proxy
    who = (proxy.name, proxy.relation, proxy.reason) if proxy else ()
    return "".join((row.name, *row.goods, row.conditions, row.notes, row.opinions, *row.visitors,
                    *who))  # fmt: skip


def _cash_count(body: dict[str, Any]) -> CashCount:
    return CashCount(body.get("float_fen"), body["expected_fen"], body["counted_fen"],
                     body["difference_fen"], body.get("goods_left", ""), body.get("note", ""),
                     body.get("by", ""), body.get("at", ""))  # fmt: skip


def print_daily_log(
    store: Store, out: Path | str, *, team: str, day: date | str, lang: str = "zh",
    progress: Progress = no_progress, cancel: Cancel = never,
) -> Printed:  # fmt: skip
    """A team's 走访日志 for a day: .pdf or .xlsx by the ending of ``out``."""
    campaign = require_campaign(store)
    target = output(out, (".pdf", ".xlsx"))
    team_row = find_team(store, campaign.id, team)
    when = parse_day(day)
    assert when is not None
    iso = when.isoformat()
    records = collect(live_state_of_team(store, team_row["id"]))
    visits = sorted((v for v in records.visits.values() if not v.voided and v.day == iso),
                    key=lambda v: (v.time, v.created_at, v.visit_id))  # fmt: skip
    voided = sum(1 for v in records.visits.values() if v.voided and v.day == iso)
    households = {
        r["id"]: r
        for r in store_documents.print_households(
            store, campaign.id, household_ids=list(dict.fromkeys(v.household_id for v in visits))
        )
    }
    rows = tuple(_log_row(v, households[v.household_id]) for v in visits)
    counts = sorted((b for t, b in records.cash_counts if t == team_row["id"] and b["date"] == iso),
                    key=lambda b: b.get("at", ""))  # fmt: skip
    # A later count of the day is the day's figure.
    count = _cash_count(counts[-1]) if counts else None
    log = DailyLog(campaign.name, campaign.organizer, team_row["name"], team_row["leader"], when,
                   rows, count, voided)  # fmt: skip
    try:
        if target.suffix.lower() == ".xlsx":
            write_daily_log_xlsx(target, log, lang=lang)
            return Printed(target, None, len(rows))
        chain = chain_for(store, "table")
        check_glyphs(chain, [(r.name, _typed(r)) for r in rows])
        pages = write_layout(target, daily_log_layout(log, chain, lang=lang), progress=progress,
                             cancel=cancel)  # fmt: skip
    except OSError as exc:
        raise unwritable(target, exc) from None
    return Printed(target, pages, len(rows))
