"""Printing the household form (困难职工档案表) of one household: the applicant, income, family,
the rule qualified under, materials on file and the visits made, signatures checked again.
Full ID numbers: it is the union's file copy (docs/decisions.md, Printing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.documents.pdf_household_form import (
    Applicant,
    FormVisit,
    HouseholdForm,
    Income,
    Member,
    household_form_layout,
)
from app.documents.pdf_layout import write_layout
from app.domain.campaign import MATERIALS
from app.domain.errors import Reason
from app.domain.roster_rows import stored_causes
from app.domain.visits import Outcome, VisitMode
from app.services.households.application import Household, HouseholdDetail, show_household
from app.services.households.eligibility import EligibilityRow, eligibility_of
from app.services.infra.context import require_campaign
from app.services.printing.output import Printed, chain_for, check_glyphs, output, unwritable
from app.services.printing.records import VisitData, collect, signature_marks
from app.services.visits.recording import live_state
from app.store import documents as store_documents
from app.store.db import Store


def _applicant(h: Household, row: dict[str, Any]) -> Applicant:
    return Applicant(
        name=h.name, sex=h.sex, ethnicity=h.ethnicity, birth_date=h.birth_date.isoformat(),
        id_number=h.id_number, health=h.health, employer=h.employer, unit=h.unit,
        street=h.street, marital_status=h.marital_status, address=h.address, phone=h.phone,
        single_parent=h.single_parent, category=h.category_name or h.category_label or "",
        status=h.status, team_name=row["team_name"] or "", team_leader=row["team_leader"] or "",
    )  # fmt: skip


def _income(h: Household, elig: EligibilityRow, min_living_fen: int) -> Income:
    return Income(h.monthly_income_fen, elig.size, elig.size_source, elig.per_capita_fen,
                  min_living_fen, h.medical_cost_fen, h.disaster_loss_fen)  # fmt: skip


def _members(detail: HouseholdDetail) -> tuple[Member, ...]:
    return tuple(Member(m.name, m.relation, m.id_number, m.health, m.income_fen,
                        m.school_or_employer) for m in detail.members)  # fmt: skip


def _visit(v: VisitData, row: dict[str, Any], problems: list[Reason]) -> FormVisit:
    marks = signature_marks(v, row, problems)
    return FormVisit(
        day=v.when, mode=VisitMode(v.fields["mode"]), outcome=Outcome(v.fields["outcome"]),
        voided=v.voided, cash_fen=v.cash_fen if v.disbursements else None, goods=v.goods,
        checks=tuple(m.check_code if m.ok else None for m in marks),
        paper_signed=bool(v.fields.get("paper_signed")),
    )  # fmt: skip


def _typed(form: HouseholdForm) -> str:
    """What the form prints that a person typed (for the glyph check)."""
    a = form.applicant
    members = [f"{m.name}{m.relation}{m.health}{m.school_or_employer}" for m in form.members]
    goods = [g for v in form.visits for g in v.goods]
    return "".join((a.name, a.ethnicity, a.health, a.employer, a.unit, a.street,
                    a.marital_status, a.address, a.phone, a.category, a.team_name, a.team_leader,
                    *form.causes, *members, *goods))  # fmt: skip


def print_household_form(store: Store, id_number: str, out: Path | str, *,
                         lang: str = "zh") -> Printed:  # fmt: skip
    """The 困难职工档案表 of one household (full ID numbers: it is the union's file copy)."""
    campaign = require_campaign(store)
    target = output(out, (".pdf",))
    detail = show_household(store, id_number)
    h = detail.household
    elig = eligibility_of(store, h.id_number)
    [row] = store_documents.print_households(store, campaign.id, household_ids=[h.id])
    problems: list[Reason] = []
    records = collect(live_state(store, h.id))
    in_order = sorted(records.visits.values(), key=lambda v: (v.day, v.created_at))
    visits = tuple(_visit(v, row, problems) for v in in_order)
    form = HouseholdForm(
        campaign.name, campaign.organizer, _applicant(h, row),
        _income(h, elig, campaign.thresholds.min_living_fen),
        (*stored_causes(h.causes), h.special_cause), elig.rule, elig.reason, _members(detail),
        tuple((m, d.isoformat() if (d := detail.materials.get(m)) else None) for m in MATERIALS),
        visits,
    )  # fmt: skip
    chain = chain_for(store, "table")
    check_glyphs(chain, [(h.name, _typed(form))])
    try:
        pages = write_layout(target, household_form_layout(form, chain, lang=lang))
    except OSError as exc:
        raise unwritable(target, exc) from None
    return Printed(target, pages, 1, tuple(problems))
