"""Printing the public notice (公示名单) for a unit or the whole district: households past the
unit's review, the amount proposed, the period and where to object. A notice board is public:
IDs and phones are masked as the settings say, and only the main cause is shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from app.documents.pdf_layout import write_layout
from app.documents.pdf_notice import Notice, NoticeRow, notice_layout
from app.domain.campaign import Status
from app.domain.errors import NotFound
from app.domain.id_number import mask_id
from app.domain.long_work import Cancel, Progress, never, no_progress
from app.domain.phone import phone_tail
from app.domain.roster_rows import stored_causes
from app.domain.text import clean
from app.services.infra.context import Actor, require_campaign
from app.services.printing.output import Printed, chain_for, check_glyphs, output, unwritable
from app.services.printing.records import parse_day
from app.store import documents as store_documents
from app.store.db import Store

# Households that passed the unit's review are on the notice (DESIGN.md step 3).
NOTICE_STATUSES = (Status.UNIT_REVIEWED, Status.PUBLIC_NOTICE, Status.REPORTED,
                   Status.CONFIRMED)  # fmt: skip


@dataclass(frozen=True, slots=True)
class NoticeSettings:
    """The notice's settings with their defaults (docs/decisions.md, Printing)."""

    start: date
    end: date
    contact: str
    phone: str
    id_mask: str  # mask (120116********4698) | tail | none
    phone_mask: str  # mask (138****5678) | none


def notice_settings(store: Store, campaign_organiser: str, today: date) -> NoticeSettings:
    s = store_documents.print_settings(store)
    start = parse_day(s.get("notice_start")) or today
    days = int(s.get("notice_days") or 5)
    return NoticeSettings(
        start=start, end=start + timedelta(days=max(days, 1) - 1),
        contact=s.get("notice_contact") or campaign_organiser, phone=s.get("notice_phone", ""),
        id_mask=s.get("notice_id_mask", "mask"), phone_mask=s.get("notice_phone_mask", "none"),
    )  # fmt: skip


def _mask_for_notice(value: str, how: str) -> str:
    if how == "none":
        return ""
    if how == "tail":
        return "*" * max(len(value) - 4, 0) + value[-4:]
    return mask_id(value)


def _mask_phone(value: str, how: str) -> str:
    if how == "none" or not value:
        return ""
    first = value.split(" / ", maxsplit=1)[0]
    if len(first) == 11 and first.isdigit():  # a mobile: 138****5678
        return first[:3] + "****" + first[-4:]
    return "*" * max(len(first) - 4, 0) + phone_tail(first)


def print_notice(
    store: Store, out: Path | str, *, unit: str | None = None, lang: str = "zh",
    actor: Actor | None = None, progress: Progress = no_progress, cancel: Cancel = never,
) -> Printed:  # fmt: skip
    """The 公示名单 for a unit or the whole district."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    target = output(out, (".pdf",))
    unit = clean(unit) or None
    if unit is not None and not store_documents.unit_exists(store, campaign.id, unit):
        raise NotFound("print.unit_unknown", unit=unit)
    settings = notice_settings(store, campaign.organizer, actor.today())
    rows = [r for r in store_documents.print_households(store, campaign.id, unit=unit)
            if r["status"] in NOTICE_STATUSES]  # fmt: skip
    rows.sort(key=lambda r: (r["unit"], r["category_code"] or "", r["name"]))
    notice_rows = tuple(
        NoticeRow(
            name=r["name"], unit=r["unit"],
            category=r["category_name"] or r["category_label"] or "",
            reason=next(iter(stored_causes(r["causes"])), ""),  # the main cause only
            amount_fen=r["category_cash_fen"],
            id_shown=_mask_for_notice(r["id_number"], settings.id_mask),
            phone_shown=_mask_phone(r["phone"], settings.phone_mask),
        )
        for r in rows
    )  # fmt: skip
    notice = Notice(
        campaign.name, campaign.organizer, unit or "", settings.start, settings.end,
        settings.contact, settings.phone, actor.today(), notice_rows,
        settings.id_mask != "none", settings.phone_mask != "none",
    )  # fmt: skip
    chain = chain_for(store, "table")
    check_glyphs(chain, [(r.name, f"{r.name}{r.unit}{r.category}{r.reason}") for r in notice_rows]
                 + [(text, text) for text in (notice.contact, notice.organiser, notice.campaign,
                                               notice.phone)])  # fmt: skip
    try:
        pages = write_layout(target, notice_layout(notice, chain, lang=lang), progress=progress,
                             cancel=cancel)  # fmt: skip
    except OSError as exc:
        raise unwritable(target, exc) from None
    return Printed(target, pages, len(notice_rows))
