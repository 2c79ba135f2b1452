"""Working on households after import: list and search, members, materials, overrides, one
household shown whole (statuses: status.py; finding one as a clerk names it: finding.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.domain.campaign import MATERIALS, Material, Status, new_id, normalise_material
from app.domain.decisions import Basis, Gap, parse_gap
from app.domain.eligibility import Rule, parse_rule
from app.domain.errors import InvalidInput
from app.domain.household_size import normalise_relation
from app.domain.id_number import Sex, mask_id, normalise_id, parse_id
from app.domain.money import parse_optional_money
from app.domain.text import clean, clean_name
from app.services.households.finding import find_household
from app.services.households.status import parse_status
from app.services.infra.context import Actor, require_campaign
from app.services.rosters.marks import MarkedHousehold, marks_of
from app.store import households as store_households
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class HouseholdSummary:
    id: str
    name: str
    id_number: str
    unit: str
    employer: str
    street: str
    category: str  # category name, or the roster's label when not set up
    category_code: str
    status: Status

    @property
    def id_number_masked(self) -> str:
        return mask_id(self.id_number)


def _summary(row: dict[str, Any]) -> HouseholdSummary:
    return HouseholdSummary(
        id=row["id"],
        name=row["name"],
        id_number=row["id_number"],
        unit=row["unit"],
        employer=row["employer"],
        street=row["street"],
        category=row["category_name"] or row["category_label"],
        category_code=row["category_code"] or "",
        status=Status(row["status"]),
    )


def list_households(
    store: Store,
    *,
    status: str | None = None,
    category: str | None = None,
    unit: str | None = None,
    search: str | None = None,
) -> list[HouseholdSummary]:
    campaign = require_campaign(store)
    if status:
        status = parse_status(status)
    text = clean(search) if search else None
    if text and any(ch.isdigit() for ch in text):
        text = normalise_id(text)  # ID tails and phones: full-width digits, x → X
    rows = store_households.search_households(
        store,
        campaign.id,
        status=status,
        category=clean(category) or None,
        unit=clean(unit) or None,
        text=text,
    )
    return [_summary(r) for r in rows]


def _find(store: Store, typed: str) -> dict[str, Any]:
    """The household the clerk named (full ID number, name, name and ID tail), every column."""
    found = find_household(store, typed=typed)
    row = store_households.find_household(store, require_campaign(store).id, found.id_number)
    assert row is not None
    return row


def add_member(
    store: Store,
    household: str,
    *,
    name: str,
    relation: str,
    id_number: str = "",
    health: str = "",
    income: str = "",
    married: bool | None = None,
    school_or_employer: str = "",
    actor: Actor | None = None,
) -> str:
    actor = actor or Actor()
    target = _find(store, household)
    name = clean_name(name)
    if not name:
        raise InvalidInput("member.name_missing")
    member_id_number = ""
    if clean(id_number):
        member_id_number = parse_id(id_number, today=actor.today()).value
    member_id = new_id()
    with store.transaction():
        store_households.insert_member(
            store,
            {
                "id": member_id,
                "household_id": target["id"],
                "name": name,
                "relation": normalise_relation(relation),
                "id_number": member_id_number,
                "health": clean(health),
                "income_fen": parse_optional_money(income),
                "married": None if married is None else int(married),
                "school_or_employer": clean(school_or_employer),
                "created_at": actor.now(),
                "created_by": actor.user,
            },
        )
    return member_id


def set_materials(
    store: Store,
    id_number: str,
    *,
    received: Sequence[str] = (),
    missing: Sequence[str] = (),
    on: date | None = None,
    actor: Actor | None = None,
) -> dict[Material, date]:
    """Tick materials as received (on a date) or back to missing; returns the checklist: each
    material received and when (the others are missing)."""
    actor = actor or Actor()
    household = _find(store, id_number)
    day = (on or actor.today()).isoformat()

    def known(names: Sequence[str]) -> list[Material]:
        result = []
        for name in names:
            material = normalise_material(name)
            if material is None:
                raise InvalidInput("material.unknown", material=name, known=MATERIALS)
            result.append(material)
        return result

    with store.transaction():
        store_households.set_materials(
            store, household["id"], dict.fromkeys(known(received), day), known(missing), actor.user
        )
    return _materials(store, household["id"])


def _materials(store: Store, household_id: str) -> dict[Material, date]:
    got = store_households.materials_of(store, household_id)
    return {Material(m): date.fromisoformat(day) for m, day in got.items()}


def override_eligibility(
    store: Store, id_number: str, *, rule: str | None, reason: str, actor: Actor | None = None
) -> Rule | None:
    """The clerk's decision, kept with its reason: ``rule`` 一..四 (or 1..4), or None (not
    eligible)."""
    actor = actor or Actor()
    household = _find(store, id_number)
    code = None if rule is None else parse_rule(rule)
    if rule is not None and code is None:
        raise InvalidInput("override.rule", rule=rule)
    if not clean(reason):
        raise InvalidInput("override.reason_missing")
    with store.transaction():
        store_households.insert_override(
            store,
            {
                "id": new_id(),
                "household_id": household["id"],
                "rule": code,
                "reason": clean(reason),
                "decided_at": actor.now(),
                "decided_by": actor.user,
            },
        )
    return code


@dataclass(frozen=True, slots=True)
class Household:
    """Every stored fact of a household, and its category's standard. Money in fen; optional
    numbers None when the roster left them blank."""

    id: str
    campaign_id: str
    id_number: str
    name: str
    sex: Sex
    birth_date: date
    unit: str
    employer: str
    street: str
    address: str
    phone: str
    household_size: int | None
    monthly_income_fen: int | None
    medical_cost_fen: int | None
    disaster_loss_fen: int | None
    causes: str  # joined by 、
    special_cause: str
    single_parent: bool | None
    marital_status: str
    ethnicity: str
    health: str
    category_label: str  # the roster's 慰问类别 text
    category_id: str | None
    notes: str
    status: Status
    content_hash: str
    import_id: str | None  # the roster file it came from
    source_row: int | None  # its Excel row there
    created_at: datetime
    updated_at: datetime
    category_code: str | None  # None: no category set up for it yet
    category_name: str | None
    category_cash_fen: int | None
    category_goods_fen: int | None


@dataclass(frozen=True, slots=True)
class Member:
    """A family member the clerk recorded."""

    id: str
    household_id: str
    name: str
    relation: str
    id_number: str  # "" when not given
    health: str
    income_fen: int | None
    married: bool | None
    school_or_employer: str
    created_at: datetime
    created_by: str


@dataclass(frozen=True, slots=True)
class StatusChangeRecord:
    """One move of a household's status, kept for the audit."""

    id: str
    household_id: str
    from_status: Status
    to_status: Status
    reason: str  # the clerk's words
    changed_at: datetime
    changed_by: str
    batch_id: str | None  # the changes made together (None before batches were kept)
    basis: Basis | None  # a rule's reason (逾期视为放弃 …), beside the clerk's words
    missing: tuple[Gap | Material, ...]  # confirmed although these were missing


@dataclass(frozen=True, slots=True)
class HouseholdDetail:
    household: Household
    members: tuple[Member, ...]  # in the order recorded
    materials: Mapping[Material, date]  # received, and when; the others are missing
    status_history: tuple[StatusChangeRecord, ...]  # oldest first
    marks: tuple[MarkedHousehold, ...] = ()  # 超额 / 逾期, decided or not


def _optional_bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _household(r: dict[str, Any]) -> Household:
    return Household(
        r["id"], r["campaign_id"], r["id_number"], r["name"], Sex(r["sex"]),
        date.fromisoformat(r["birth_date"]), r["unit"], r["employer"], r["street"],
        r["address"], r["phone"], r["household_size"], r["monthly_income_fen"],
        r["medical_cost_fen"], r["disaster_loss_fen"], r["causes"], r["special_cause"],
        _optional_bool(r["single_parent"]), r["marital_status"], r["ethnicity"], r["health"],
        r["category_label"], r["category_id"], r["notes"], Status(r["status"]),
        r["content_hash"], r["import_id"], r["source_row"],
        datetime.fromisoformat(r["created_at"]), datetime.fromisoformat(r["updated_at"]),
        r["category_code"], r["category_name"], r["category_cash_fen"], r["category_goods_fen"],
    )  # fmt: skip


def _member(r: dict[str, Any]) -> Member:
    return Member(
        r["id"], r["household_id"], r["name"], r["relation"], r["id_number"], r["health"],
        r["income_fen"], _optional_bool(r["married"]), r["school_or_employer"],
        datetime.fromisoformat(r["created_at"]), r["created_by"],
    )  # fmt: skip


def _status_change(r: dict[str, Any]) -> StatusChangeRecord:
    missing = tuple(g for g in map(parse_gap, r["missing"].split(",")) if g is not None)
    return StatusChangeRecord(
        r["id"], r["household_id"], Status(r["from_status"]), Status(r["to_status"]),
        r["reason"], datetime.fromisoformat(r["changed_at"]), r["changed_by"], r["batch_id"],
        Basis(r["basis"]) if r["basis"] else None, missing,
    )  # fmt: skip


def show_household(store: Store, id_number: str) -> HouseholdDetail:
    row = _find(store, id_number)
    members = store_households.members_by_household(store, [row["id"]]).get(row["id"], [])
    return HouseholdDetail(
        household=_household(row),
        members=tuple(_member(m) for m in members),
        materials=_materials(store, row["id"]),
        status_history=tuple(
            _status_change(c) for c in store_households.status_history(store, row["id"])
        ),
        marks=marks_of(store, row["id"]),
    )
