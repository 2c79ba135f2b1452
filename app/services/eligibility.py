"""Who qualifies under which rule, computed from the store every time (never stored stale).

A clerk's override (with a reason) is kept in its own append-only table and wins over the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.domain.eligibility import Assessment, HouseholdFacts, assess
from app.domain.errors import NotFound
from app.domain.household_size import MemberFacts, effective_size, is_married, normalise_relation
from app.domain.id_number import mask_id
from app.messages import text
from app.services.context import require_campaign
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
    rule: str | None
    reason: str  # the basis of the rule met, or why it needs review
    overridden: bool

    @property
    def review_reason(self) -> str | None:
        return None if self.rule else self.reason


def household_facts(
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


def assessment_text(assessment: Assessment, lang: str | None = None) -> str:
    return text(assessment.reason_key, lang, **dict(assessment.reason_params))


def evaluate_eligibility(
    store: Store, *, review_only: bool = False, lang: str | None = None
) -> list[EligibilityRow]:
    campaign = require_campaign(store)
    households = store_households.search_households(store, campaign.id)
    members = store_households.members_by_household(store)
    overrides = store_households.overrides_in_force(store, campaign.id)
    result = []
    for row in households:
        facts, source = household_facts(row, members.get(row["id"], []))
        assessment = assess(facts, campaign.thresholds)
        rule, reason = assessment.rule, assessment_text(assessment, lang)
        override = overrides.get(row["id"])
        if override:
            rule = override["rule"]
            reason = text(
                "elig.override",
                lang,
                reason=override["reason"],
                by=override["decided_by"],
                at=override["decided_at"][:10],
            )
        if review_only and rule:
            continue
        result.append(
            EligibilityRow(
                id=row["id"],
                id_number=row["id_number"],
                name=row["name"],
                unit=row["unit"],
                size=facts.size,
                size_source=source,
                per_capita_fen=assessment.per_capita_fen,
                rule=rule,
                reason=reason,
                overridden=override is not None,
            )
        )
    return result


def eligibility_of(store: Store, id_number: str, *, lang: str | None = None) -> EligibilityRow:
    """The rule one household qualifies under (or why it needs review), as the list computes it."""
    campaign = require_campaign(store)
    row = store_households.find_household(store, campaign.id, id_number)
    if row is None:
        raise NotFound("household.not_found", id_number=mask_id(id_number))
    members = store_households.members_by_household(store, [row["id"]]).get(row["id"], [])
    facts, source = household_facts(row, members)
    assessment = assess(facts, campaign.thresholds)
    rule, reason = assessment.rule, assessment_text(assessment, lang)
    override = store_households.override_of(store, row["id"])
    if override:
        rule = override["rule"]
        reason = text("elig.override", lang, reason=override["reason"],
                      by=override["decided_by"], at=override["decided_at"][:10])  # fmt: skip
    return EligibilityRow(
        id=row["id"], id_number=row["id_number"], name=row["name"], unit=row["unit"],
        size=facts.size, size_source=source, per_capita_fen=assessment.per_capita_fen,
        rule=rule, reason=reason, overridden=override is not None,
    )  # fmt: skip
