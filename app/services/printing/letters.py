"""Printing: condolence letters, one batch in one PDF, and the preview the template editor
shows as the clerk types.

A letter's text is its template's (Chinese whatever the printer's language, with the date and
the amount in capitals written as a Chinese letter writes them); the batch is checked first (a
template's fields, glyphs every font lacks, an amount for every household that needs one) and
written whole or not at all. ``progress(done, total)`` is reported and ``cancel`` stops it
without a file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.documents.pdf_fonts import FontChain
from app.documents.pdf_letters import letters_into, write_letters
from app.domain.campaign import Campaign
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import live_records
from app.domain.id_number import mask_id
from app.domain.letter_template import (
    AMOUNT_FIELDS,
    RETIREES_TEMPLATE,
    SAMPLE_HOUSEHOLD,
    WORKERS_TEMPLATE,
    LetterTemplate,
    MergedLetter,
    date_cn,
    festival_of,
    parse_template,
    template_for_category,
)
from app.domain.long_work import Cancel, Progress, never, no_progress
from app.domain.money import fen_to_capitals, format_fen
from app.domain.text import clean
from app.services.households.finding import find_households
from app.services.infra.context import Actor, require_campaign
from app.services.printing.output import Printed, chain_for, check_glyphs, output, unwritable
from app.services.printing.records import collect, find_team, in_visit_list
from app.services.printing.settings import letter_template
from app.store import documents as store_documents
from app.store import events as store_events
from app.store.db import Store

PAPERS = ("A4", "A5")


def _template_for(row: dict[str, Any], chosen: LetterTemplate | None,
                  shipped: dict[str, LetterTemplate]) -> LetterTemplate:  # fmt: skip
    if chosen is not None:
        return chosen
    return shipped[template_for_category(row["category_name"] or row["category_label"] or "")]


def _letter_values(campaign: Campaign, row: dict[str, Any], settings: dict[str, str], day: str,
                   paid: dict[str, int]) -> dict[str, str]:  # fmt: skip
    amount = paid.get(row["id"])
    if amount is None:
        amount = row["category_cash_fen"]
    return {
        "recipient_name": row["name"], "honorific": settings.get("honorific", ""),
        "festival": settings.get("festival") or festival_of(campaign.name),
        "organiser": campaign.organizer, "date": day,
        "amount": format_fen(amount) if amount is not None else "",
        "amount_capitals": fen_to_capitals(amount) if amount is not None else "",
        "team_leader": row["team_leader"] or "", "team": row["team_name"] or "",
        "campaign": campaign.name, "unit": row["unit"],
    }  # fmt: skip


def _letter_rows(store: Store, campaign: Campaign, team: str | None, category: str | None,
                 households: Sequence[str]) -> list[dict[str, Any]]:  # fmt: skip
    if sum(bool(x) for x in (team, category, households)) > 1:
        raise InvalidInput("print.choose_one")
    if team:
        team_row = find_team(store, campaign.id, team)
        return store_documents.print_households(store, campaign.id, team_id=team_row["id"])
    if category:
        if not store_documents.category_exists(store, campaign.id, clean(category)):
            raise NotFound("print.category_unknown", category=category)
        rows = store_documents.print_households(store, campaign.id, category=clean(category))
        return [r for r in rows if in_visit_list(r)]
    if households:
        found = find_households(store, typed=households)
        return store_documents.print_households(
            store, campaign.id, household_ids=[h.id for h in found]
        )
    return [r for r in store_documents.print_households(store, campaign.id) if in_visit_list(r)]


def _paid(store: Store, household_ids: Sequence[str]) -> dict[str, int]:
    """household id → cash of its live disbursements (for letters that name the amount)."""
    events = store_events.events_of_households(store, list(household_ids), skip_kind="signature")
    paid: dict[str, int] = {}
    for visit in collect(live_records(events)).visits.values():
        if not visit.voided and visit.disbursements:
            paid[visit.household_id] = paid.get(visit.household_id, 0) + visit.cash_fen
    return paid


def print_letters(
    store: Store,
    out: Path | str,
    *,
    team: str | None = None,
    category: str | None = None,
    households: Sequence[str] = (),
    template: str | None = None,
    paper: str = "A4",
    lang: str = "zh",
    actor: Actor | None = None,
    progress: Progress = no_progress,
    cancel: Cancel = never,
) -> Printed:
    """Letters for a team's list, a category, named households (ID numbers), or everyone on the
    visit list, in one PDF; the template by name, else the workers' or the retirees' by
    category. ``lang`` is the printer's: only the seal's mark and the file's title speak it."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    target = output(out, (".pdf",))
    if paper not in PAPERS:
        raise InvalidInput("print.paper", paper=paper, known=tuple(PAPERS))
    chosen = letter_template(store, template) if template else None
    shipped = {}
    if chosen is None:
        shipped = {n: letter_template(store, n) for n in (WORKERS_TEMPLATE, RETIREES_TEMPLATE)}
    rows = _letter_rows(store, campaign, team, category, households)
    if not rows:
        raise InvalidInput("print.no_households")
    settings = store_documents.print_settings(store)
    day = settings.get("letter_date") or date_cn(actor.today())
    jobs = [(_template_for(r, chosen, shipped), r) for r in rows]
    wants_amount = any(t.fields_used() & AMOUNT_FIELDS for t, _r in jobs)
    paid = _paid(store, [r["id"] for r in rows]) if wants_amount else {}
    merged: list[MergedLetter] = []
    for tmpl, row in jobs:
        values = _letter_values(campaign, row, settings, day, paid)
        if tmpl.fields_used() & AMOUNT_FIELDS and not values["amount"]:
            raise InvalidInput("print.no_amount", name=row["name"], id=mask_id(row["id_number"]))
        merged.append(tmpl.merge(values))
    chain = chain_for(store, "letter")
    check_glyphs(chain, ((r["name"], m.text()) for r, m in zip(rows, merged, strict=True)))
    try:
        pages = write_letters(target, merged, len(merged), chain=chain, paper=paper,
                              campaign=campaign.name, lang=lang, progress=progress,
                              cancel=cancel)  # fmt: skip
    except OSError as exc:
        raise unwritable(target, exc) from None
    return Printed(target, pages, len(merged))


def letter_preview_merged(
    store: Store, text: str, *, id_number: str | None = None, actor: Actor | None = None,
) -> MergedLetter:  # fmt: skip
    """The template ``text`` (not saved) merged for the household named, else a made-up one:
    what the editor shows as the clerk types."""
    return _preview(store, text, id_number, actor or Actor())[0]


def letter_preview(
    store: Store, text: str, *, paper: str = "A4", id_number: str | None = None,
    lang: str = "zh", actor: Actor | None = None,
) -> tuple[bytes, int]:  # fmt: skip
    """The template ``text`` (not saved) as one letter PDF in memory, for the editor's preview:
    for the household named, else a made-up one. Returns (PDF bytes, pages)."""
    merged, chain = _preview(store, text, id_number, actor or Actor())
    buffer = io.BytesIO()
    pages = letters_into(buffer, [merged], 1, chain=chain, paper=paper, lang=lang)
    return buffer.getvalue(), pages


def _preview(store: Store, text: str, id_number: str | None,
             actor: Actor) -> tuple[MergedLetter, FontChain]:  # fmt: skip
    campaign = require_campaign(store)
    template = parse_template("preview", text)
    row: dict[str, Any] = dict(SAMPLE_HOUSEHOLD)
    if id_number:
        row = _letter_rows(store, campaign, None, None, [id_number])[0]
    settings = store_documents.print_settings(store)
    values = _letter_values(campaign, row, settings,
                            settings.get("letter_date") or date_cn(actor.today()), {})  # fmt: skip
    merged = template.merge(values)
    chain = chain_for(store, "letter")
    check_glyphs(chain, [(row["name"], merged.text())])
    return merged, chain
