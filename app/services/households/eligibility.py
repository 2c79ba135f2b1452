"""Who qualifies under which rule, computed from the store every time (never stored stale).

A clerk's override (with a reason) is kept in its own append-only table and wins over the rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from app.domain.campaign import Campaign
from app.domain.eligibility import HouseholdFacts, Rule, Thresholds, assess
from app.domain.errors import NotFound, Reason
from app.domain.household_size import MemberFacts, effective_size, is_married, normalise_relation
from app.domain.id_number import mask_id
from app.services.infra.context import require_campaign
from app.store import households as store_households
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class EligibilityRow:
    id: str
    id_number: str
    name: str
    unit: str
    size: int
    size_source: str  # members | roster | default
    per_capita_fen: int | None
    rule: Rule | None
    # The basis of the rule met, or why it needs review (elig.*), or the clerk's override
    # (elig.override with reason, by, at).
    reason: Reason
    overridden: bool

    @property
    def needs_review(self) -> bool:
        return self.rule is None


def _household_facts(
    row: dict[str, Any], members: list[dict[str, Any]]
) -> tuple[HouseholdFacts, str]:
    facts = [
        MemberFacts(
            normalise_relation(m["relation"]), None if m["married"] is None else bool(m["married"])
        )
        for m in members
    ]
    size, source = effective_size(
        facts, row["household_size"], applicant_married=is_married(row["marital_status"])
    )
    causes = tuple(c for c in row["causes"].split("、") if c)
    disabled = "残" in row["health"] or any("残" in (m["health"] or "") for m in members)
    return (
        HouseholdFacts(
            monthly_income_fen=row["monthly_income_fen"],
            size=size,
            causes=causes,
            special_cause=row["special_cause"],
            single_parent=None if row["single_parent"] is None else bool(row["single_parent"]),
            disabled=disabled,
            medical_cost_fen=row["medical_cost_fen"],
            disaster_loss_fen=row["disaster_loss_fen"],
        ),
        source,
    )


def _row(
    row: dict[str, Any], members: list[dict[str, Any]], campaign: Campaign,
    override: dict[str, Any] | None,
) -> EligibilityRow:  # fmt: skip
    facts, source = _household_facts(row, members)
    assessment = assess(facts, campaign.thresholds)
    rule: Rule | None = assessment.rule
    reason = Reason(assessment.reason_key, tuple(dict(assessment.reason_params).items()))
    if override:
        rule = Rule(override["rule"]) if override["rule"] else None
        reason = Reason.of("elig.override", reason=override["reason"],
                           by=override["decided_by"], at=override["decided_at"][:10])  # fmt: skip
    return EligibilityRow(
        id=row["id"], id_number=row["id_number"], name=row["name"], unit=row["unit"],
        size=facts.size, size_source=source, per_capita_fen=assessment.per_capita_fen,
        rule=rule, reason=reason, overridden=override is not None,
    )  # fmt: skip


def evaluate_eligibility(
    store: Store, *, review_only: bool = False, thresholds: Thresholds | None = None
) -> list[EligibilityRow]:
    """Every household's rule; with ``thresholds``, as it would be under those (a preview)."""
    campaign = require_campaign(store)
    if thresholds is not None:
        campaign = replace(campaign, thresholds=thresholds)
    households = store_households.search_households(store, campaign.id)
    members = store_households.members_by_household(store)
    overrides = store_households.overrides_in_force(store, campaign.id)
    rows = (_row(row, members.get(row["id"], []), campaign, overrides.get(row["id"]))
            for row in households)  # fmt: skip
    return [r for r in rows if not (review_only and r.rule)]


def eligibility_of_ids(store: Store, household_ids: Sequence[str]) -> dict[str, EligibilityRow]:
    """``evaluate_eligibility`` of the households named by id (a window's page of rows)."""
    campaign = require_campaign(store)
    rows = store_households.households_by_ids(store, household_ids)
    members = store_households.members_by_household(store, household_ids)
    overrides = store_households.overrides_of(store, household_ids)
    return {row["id"]: _row(row, members.get(row["id"], []), campaign, overrides.get(row["id"]))
            for row in rows}  # fmt: skip


def eligibility_of(store: Store, id_number: str) -> EligibilityRow:
    """The rule one household qualifies under (or why it needs review), as the list computes it."""
    campaign = require_campaign(store)
    row = store_households.find_household(store, campaign.id, id_number)
    if row is None:
        raise NotFound("household.not_found", id_number=mask_id(id_number))
    members = store_households.members_by_household(store, [row["id"]]).get(row["id"], [])
    return _row(row, members, campaign, store_households.override_of(store, row["id"]))
