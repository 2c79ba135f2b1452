"""Printing receipts: a team's 慰问金发放签收表 (one row per visit that handed something over)
and the 签收单 of one visit, with each signature verified again before it is drawn.

On the sheet a signature that does not verify is left out and reported, so the rest can still be
filed; a single receipt is refused whole, since without its signature it proves nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from app.documents.pdf_layout import write_layout
from app.documents.pdf_receipts import ReceiptHead, ReceiptRow, sheet_layout, single_layout
from app.domain.campaign import Campaign
from app.domain.errors import InvalidInput, NotFound, Reason
from app.domain.id_number import mask_id
from app.domain.long_work import Cancel, Progress, never, no_progress
from app.domain.visits import DONE
from app.services.infra.context import require_campaign
from app.services.printing.output import Printed, chain_for, check_glyphs, output, unwritable
from app.services.printing.records import (
    VisitData,
    collect,
    find_team,
    live_state_of_team,
    parse_day,
    signature_marks,
)
from app.services.visits.recording import live_state
from app.store import documents as store_documents
from app.store import events as store_events
from app.store.campaigns import list_categories
from app.store.db import Store


def _receipt_row(visit: VisitData, row: Mapping[str, Any], categories: Mapping[str, str],
                 problems: list[Reason]) -> ReceiptRow:  # fmt: skip
    names = [categories.get(d["category_code"], d["category_code"]) for d in visit.disbursements]
    return ReceiptRow(
        receipt_no=visit.visit_id[:8].upper(), name=row["name"], unit=row["unit"],
        id_masked=mask_id(row["id_number"]), categories=tuple(dict.fromkeys(names)),
        cash_fen=visit.cash_fen, transfer_fen=visit.transfer_fen, goods=visit.goods,
        day=visit.when, visitors=visit.visitors, marks=signature_marks(visit, row, problems),
        paper_signed=bool(visit.fields.get("paper_signed")), proxy=visit.proxy,
        transfer=any(d.get("transfer") for d in visit.disbursements),
    )  # fmt: skip


def _paid_visits(visits: Iterable[VisitData]) -> list[VisitData]:
    """Visits that handed something over and stand (voided ones never print as paid)."""
    found = [v for v in visits
             if not v.voided and v.fields.get("outcome") == DONE and v.disbursements]  # fmt: skip
    return sorted(found, key=lambda v: (v.day, v.created_at, v.visit_id))


def _category_names(store: Store, campaign: Campaign) -> dict[str, str]:
    return {c.code: c.name for c in list_categories(store, campaign.id)}


def _data(row: ReceiptRow) -> str:
    """What a receipt prints that a person typed (for the glyph check)."""
    proxy = f"{row.proxy.name}{row.proxy.relation}" if row.proxy else ""
    return "".join((row.name, row.unit, *row.categories, *row.goods, *row.visitors, proxy))


def print_receipts(
    store: Store,
    out: Path | str,
    *,
    team: str,
    day: date | str | None = None,
    lang: str = "zh",
    progress: Progress = no_progress,
    cancel: Cancel = never,
) -> Printed:
    """The team's 慰问金发放签收表 for one day (or every day): one row per visit that handed
    something over, its signature drawn from the strokes; totals; a blank row for paper."""
    campaign = require_campaign(store)
    target = output(out, (".pdf",))
    team_row = find_team(store, campaign.id, team)
    when = parse_day(day)
    records = collect(live_state_of_team(store, team_row["id"]))
    visits = [v for v in _paid_visits(records.visits.values())
              if when is None or v.day == when.isoformat()]  # fmt: skip
    rows_by_id = {
        r["id"]: r
        for r in store_documents.print_households(
            store, campaign.id, household_ids=list(dict.fromkeys(v.household_id for v in visits))
        )
    }
    problems: list[Reason] = []
    categories = _category_names(store, campaign)
    rows = [_receipt_row(v, rows_by_id[v.household_id], categories, problems) for v in visits]
    head = ReceiptHead(campaign.name, campaign.organizer, team_row["name"], team_row["leader"],
                       when)  # fmt: skip
    chain = chain_for(store, "table")
    check_glyphs(chain, [(r.name, _data(r)) for r in rows]
                 + [(team_row["name"], head.team_name + head.team_leader + head.campaign
                     + head.organiser)])  # fmt: skip
    layout = sheet_layout(head, rows, chain, lang=lang)
    try:
        pages = write_layout(target, layout, progress=progress, cancel=cancel)
    except OSError as exc:
        raise unwritable(target, exc) from None
    return Printed(target, pages, len(rows), tuple(problems))


def print_visit_receipt(store: Store, visit_id: str, out: Path | str, *,
                        lang: str = "zh") -> Printed:  # fmt: skip
    """The 签收单 of one visit (A5 landscape). A signature that does not verify refuses the
    whole receipt."""
    campaign = require_campaign(store)
    target = output(out, (".pdf",))
    first = store_events.events_where(store, "record_id = ?", [visit_id])
    if not first:
        raise NotFound("visit.not_found", record=visit_id)
    household_id = first[0].household_id
    visit = collect(live_state(store, household_id)).visits.get(visit_id)
    if visit is None or not _paid_visits([visit]):
        raise InvalidInput("print.visit_not_paid")
    [row] = store_documents.print_households(store, campaign.id, household_ids=[household_id])
    problems: list[Reason] = []
    receipt = _receipt_row(visit, row, _category_names(store, campaign), problems)
    if problems:
        refused = problems[0]
        raise InvalidInput(refused.key, **refused.kwargs)
    head = ReceiptHead(campaign.name, campaign.organizer, row["team_name"] or "",
                       row["team_leader"] or "", receipt.day)  # fmt: skip
    chain = chain_for(store, "table")
    check_glyphs(chain, [(receipt.name, _data(receipt) + head.team_name + head.team_leader)])
    try:
        pages = write_layout(target, single_layout(head, receipt, chain, lang=lang))
    except OSError as exc:
        raise unwritable(target, exc) from None
    return Printed(target, pages, 1)
