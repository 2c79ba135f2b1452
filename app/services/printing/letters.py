"""Printing: condolence letters and receipts (the papers handed over in a home).

Each use case gathers plain values from the store, checks them (a template's fields, glyphs
every font lacks, signatures), and asks ``app.documents`` to write one file atomically. Batches
report ``progress(done, total)`` and stop at ``cancel``; a cancelled batch leaves no file.
The daily log, household form, notice and summary are in ``printing_reports``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from app.documents.pdf_layout import write_layout
from app.documents.pdf_letters import letters_into, write_letters
from app.documents.pdf_receipts import ReceiptHead, ReceiptRow, sheet_layout, single_layout
from app.domain.campaign import Campaign
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import LiveRecord, live_records
from app.domain.id_number import mask_id, normalise_id
from app.domain.letter_template import (
    AMOUNT_FIELDS,
    LetterTemplate,
    MergedLetter,
    date_cn,
    festival_of,
    parse_template,
)
from app.domain.long_work import Cancel, Progress, never, no_progress
from app.domain.money import fen_to_capitals, format_fen
from app.domain.text import clean
from app.domain.visits import DONE
from app.paths import asset
from app.services.infra.context import Actor, require_campaign
from app.services.printing.data import (
    Printed,
    PrintProblem,
    VisitData,
    chain_for,
    check_glyphs,
    collect,
    find_team,
    in_visit_list,
    output,
    parse_day,
    signature_marks,
    team_label,
    unwritable,
    who,
)
from app.services.visits.recording import live_state
from app.store import documents as store_documents
from app.store import events as store_events
from app.store.campaigns import list_categories
from app.store.db import Store

__all__ = ["PrintProblem", "Printed"]

WORKERS_TEMPLATE = "职工"
RETIREES_TEMPLATE = "退休职工"
PAPERS = ("A4", "A5")

# --- letter templates ----------------------------------------------------------------------------


def _shipped_templates() -> dict[str, str]:
    folder = asset("resources", "letters")
    if not folder.is_dir():
        return {}
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def letter_templates(store: Store) -> dict[str, str]:
    """Every template by name: the shipped ones, replaced by a clerk's edit of the same name."""
    return {**_shipped_templates(), **store_documents.stored_templates(store)}


def letter_template(store: Store, name: str) -> LetterTemplate:
    templates = letter_templates(store)
    key = clean(name)
    if key not in templates:
        raise NotFound("print.template_unknown", name=name, known=tuple(templates))
    return parse_template(key, templates[key])


def save_letter_template(store: Store, name: str, text: str) -> LetterTemplate:
    """Keep a clerk's edited template (checked first: an unknown {field} is refused)."""
    key = clean(name)
    if not key:
        raise InvalidInput("print.template_name")
    template = parse_template(key, text)
    with store.transaction():
        store_documents.save_template(store, key, text)
    return template


def reset_letter_template(store: Store, name: str) -> None:
    """Drop a clerk's edit: the shipped template of that name applies again."""
    with store.transaction():
        store_documents.remove_template(store, clean(name))


def _template_for(row: dict[str, Any], chosen: LetterTemplate | None,
                  shipped: dict[str, LetterTemplate]) -> LetterTemplate:  # fmt: skip
    if chosen is not None:
        return chosen
    category = row["category_name"] or row["category_label"] or ""
    return shipped[RETIREES_TEMPLATE if "退休" in category else WORKERS_TEMPLATE]


# --- letters -------------------------------------------------------------------------------------


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
        numbers = [normalise_id(h) for h in households]
        ids = store_documents.household_ids_by_number(store, campaign.id, numbers)
        for number in numbers:
            if number not in ids:
                raise NotFound("household.not_found", id_number=mask_id(number))
        return store_documents.print_households(
            store, campaign.id, household_ids=[ids[n] for n in numbers]
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
    actor: Actor | None = None,
    progress: Progress = no_progress,
    cancel: Cancel = never,
) -> Printed:
    """Letters for a team's list, a category, named households (ID numbers), or everyone on the
    visit list, in one PDF; the template by name, else 职工 / 退休职工 by category."""
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
            raise InvalidInput("print.no_amount", household=who(row))
        merged.append(tmpl.merge(values))
    chain = chain_for(store, "letter")
    check_glyphs(chain, ((who(r), m.text()) for r, m in zip(rows, merged, strict=True)))
    try:
        pages = write_letters(target, merged, len(merged), chain=chain, paper=paper,
                              title=f"{campaign.name} 慰问信", progress=progress,
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
    actor: Actor | None = None,
) -> tuple[bytes, int]:  # fmt: skip
    """The template ``text`` (not saved) as one letter PDF in memory, for the editor's preview:
    for the household named, else a made-up one. Returns (PDF bytes, pages)."""
    merged, chain = _preview(store, text, id_number, actor or Actor())
    buffer = io.BytesIO()
    pages = letters_into(buffer, [merged], 1, chain=chain, paper=paper)
    return buffer.getvalue(), pages


def _preview(
    store: Store, text: str, id_number: str | None, actor: Actor
) -> tuple[MergedLetter, Any]:
    campaign = require_campaign(store)
    template = parse_template("preview", text)
    row: dict[str, Any] = {"id": "", "name": "张三", "unit": "示例单位", "team_leader": "王强",
                           "team_name": "第一慰问组", "category_cash_fen": 100000,
                           "id_number": "", "category_name": ""}  # fmt: skip
    if id_number:
        found = _letter_rows(store, campaign, None, None, [id_number])
        row = found[0]
    settings = store_documents.print_settings(store)
    values = _letter_values(campaign, row, settings,
                            settings.get("letter_date") or date_cn(actor.today()), {})  # fmt: skip
    merged = template.merge(values)
    chain = chain_for(store, "letter")
    check_glyphs(chain, [(row["name"], merged.text())])
    return merged, chain


# --- receipts ------------------------------------------------------------------------------------


def _receipt_row(visit: VisitData, row: dict[str, Any], categories: dict[str, str],
                 problems: list[PrintProblem]) -> ReceiptRow:  # fmt: skip
    fields = visit.fields
    proxy = fields.get("proxy") or {}
    proxy_text = ""
    if proxy and proxy.get("name"):
        proxy_text = proxy["name"] + (f"（{proxy['relation']}）" if proxy.get("relation") else "")
    names = [categories.get(d["category_code"], d["category_code"]) for d in visit.disbursements]
    return ReceiptRow(
        receipt_no=visit.visit_id[:8].upper(), name=row["name"], unit=row["unit"],
        id_masked=mask_id(row["id_number"]), category="、".join(dict.fromkeys(names)),
        cash_fen=visit.cash_fen, transfer_fen=visit.transfer_fen, goods=visit.goods,
        day=date_cn(date.fromisoformat(visit.day)),
        visitors="、".join(fields.get("visitors") or ()),
        marks=signature_marks(visit, who(row), problems),
        paper_signed=bool(fields.get("paper_signed")), proxy=proxy_text,
    )  # fmt: skip


def _paid_visits(visits: Iterable[VisitData]) -> list[VisitData]:
    """Visits that handed something over and stand (voided ones never print as paid)."""
    found = [v for v in visits
             if not v.voided and v.fields.get("outcome") == DONE and v.disbursements]  # fmt: skip
    return sorted(found, key=lambda v: (v.day, v.created_at, v.visit_id))


def _category_names(store: Store, campaign: Campaign) -> dict[str, str]:
    return {c.code: c.name for c in list_categories(store, campaign.id)}


def print_receipts(
    store: Store,
    out: Path | str,
    *,
    team: str,
    day: date | str | None = None,
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
    rows_by_id = {r["id"]: r for r in store_documents.print_households(
        store, campaign.id, household_ids=list(dict.fromkeys(v.household_id for v in visits)))}
    problems: list[PrintProblem] = []
    categories = _category_names(store, campaign)
    rows = [_receipt_row(v, rows_by_id[v.household_id], categories, problems) for v in visits]
    head = ReceiptHead(
        campaign.name, campaign.organizer, team_label(team_row),
        date_cn(when) if when else "全部日期",
        note="" if rows else "（当日没有发放记录）",
    )  # fmt: skip
    chain = chain_for(store, "table")
    check_glyphs(chain, [(r.name, f"{r.name}{r.unit}{r.goods}{r.visitors}{r.proxy}") for r in rows]
                 + [(team_row["name"], head.team + head.campaign + head.organiser)])  # fmt: skip
    layout = sheet_layout(head, rows, chain)
    try:
        pages = write_layout(target, layout, progress=progress, cancel=cancel)
    except OSError as exc:
        raise unwritable(target, exc) from None
    return Printed(target, pages, len(rows), tuple(problems))


def live_state_of_team(store: Store, team_id: str) -> dict[str, LiveRecord]:
    """The live records a team wrote (voids and revisions of them carry the same team)."""
    return live_records(store_events.team_events(store, team_id))


def print_visit_receipt(store: Store, visit_id: str, out: Path | str) -> Printed:
    """The 签收单 of one visit (A5 landscape). A signature that does not verify refuses the
    whole receipt: a single receipt without its signature proves nothing."""
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
    problems: list[PrintProblem] = []
    receipt = _receipt_row(visit, row, _category_names(store, campaign), problems)
    if problems:
        raise InvalidInput("print.signature_refused", household=who(row), date=visit.day)
    team = f"{row['team_name']}（组长 {row['team_leader']}）" if row["team_name"] else ""
    head = ReceiptHead(campaign.name, campaign.organizer, team, receipt.day)
    chain = chain_for(store, "table")
    check_glyphs(chain, [(receipt.name, f"{receipt.name}{receipt.unit}{receipt.goods}"
                                        f"{receipt.visitors}{receipt.proxy}{team}")])  # fmt: skip
    try:
        pages = write_layout(target, single_layout(head, receipt, chain))
    except OSError as exc:
        raise unwritable(target, exc) from None
    return Printed(target, pages, 1)


PRINT_SETTINGS = ("letter_font", "table_font", "festival", "honorific", "letter_date",
                  "notice_start", "notice_days", "notice_contact", "notice_id_mask",
                  "notice_phone_mask")  # fmt: skip  (meanings: docs/printing.md)


def print_settings(store: Store) -> dict[str, str]:
    return store_documents.print_settings(store)


def set_print_setting(store: Store, name: str, value: str) -> None:
    """A printing setting by name (``print-setting NAME VALUE``); an empty value removes it."""
    if name not in PRINT_SETTINGS:
        raise InvalidInput("print.setting_unknown", name=name, known=tuple(PRINT_SETTINGS))
    with store.transaction():
        store_documents.set_print_setting(store, name, clean(value))
