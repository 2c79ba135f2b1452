"""Working on households after import: list and search, status, members, materials, overrides."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.campaign import (
    MATERIALS,
    STATUSES,
    Status,
    new_id,
    normalise_material,
    normalise_status,
)
from app.domain.eligibility import Rule, parse_rule
from app.domain.errors import InvalidInput, NotFound
from app.domain.household_size import normalise_relation
from app.domain.id_number import mask_id, normalise_id, parse_id
from app.domain.money import parse_optional_money
from app.domain.text import clean, clean_name
from app.services.infra.context import Actor, require_campaign
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
    status: str

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
        status=row["status"],
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
        status = _status(status)
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


@dataclass(frozen=True, slots=True)
class StatusChange:
    status: Status
    changed: int  # households moved (those already there are not counted)


def _status(text: str) -> Status:
    status = normalise_status(text)
    if status is None:
        raise InvalidInput("status.unknown", status=text, known=STATUSES)
    return status


def _find(store: Store, campaign_id: str, id_number: str) -> dict[str, Any]:
    value = normalise_id(id_number)
    row = store_households.find_household(store, campaign_id, value)
    if row is None:
        raise NotFound("household.not_found", id_number=mask_id(value))
    return row


def set_status(
    store: Store,
    status: str,
    *,
    everyone: bool = False,
    unit: str | None = None,
    id_numbers: Sequence[str] = (),
    reason: str = "",
    actor: Actor | None = None,
) -> StatusChange:
    """Move the chosen households to ``status``. Unknown ID numbers refuse the whole request,
    so a typo never half-applies a list."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    status = _status(status)
    chosen = sum(bool(x) for x in (everyone, unit, id_numbers))
    if chosen != 1:
        raise InvalidInput("status.choose_one")
    if id_numbers:
        ids = [_find(store, campaign.id, n)["id"] for n in id_numbers]
    else:
        rows = store_households.search_households(store, campaign.id, unit=clean(unit) or None)
        ids = [r["id"] for r in rows]
        if unit and not ids:
            raise NotFound("unit.not_found", unit=unit)
    moved = 0
    with store.transaction():
        for household_id in ids:
            change = {
                "id": new_id(),
                "reason": clean(reason),
                "changed_at": actor.now(),
                "changed_by": actor.user,
            }
            moved += store_households.set_status(store, household_id, status, change)
    return StatusChange(status, moved)


def add_member(
    store: Store,
    household_id_number: str,
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
    campaign = require_campaign(store)
    household = _find(store, campaign.id, household_id_number)
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
                "household_id": household["id"],
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
) -> dict[str, str]:
    """Tick materials as received (on a date) or back to missing; returns the checklist."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    household = _find(store, campaign.id, id_number)
    day = (on or actor.today()).isoformat()

    def known(names: Sequence[str]) -> list[str]:
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
    return store_households.materials_of(store, household["id"])


def override_eligibility(
    store: Store, id_number: str, *, rule: str | None, reason: str, actor: Actor | None = None
) -> Rule | None:
    """The clerk's decision, kept with its reason: ``rule`` 一..四 (or 1..4), or None (not
    eligible)."""
    actor = actor or Actor()
    campaign = require_campaign(store)
    household = _find(store, campaign.id, id_number)
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
class HouseholdDetail:
    household: dict[str, Any]
    members: list[dict[str, Any]]
    materials: dict[str, str]
    status_history: list[dict[str, Any]]


def show_household(store: Store, id_number: str) -> HouseholdDetail:
    campaign = require_campaign(store)
    row = _find(store, campaign.id, id_number)
    return HouseholdDetail(
        household=row,
        members=store_households.members_by_household(store, [row["id"]]).get(row["id"], []),
        materials=store_households.materials_of(store, row["id"]),
        status_history=store_households.status_history(store, row["id"]),
    )
