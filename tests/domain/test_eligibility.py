"""Eligibility rules (一)–(四) at their boundaries, and household size by the DESIGN.md rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.eligibility import HouseholdFacts, Rule, Thresholds, assess, per_capita_fen
from app.domain.household_size import (
    DEFAULT_SIZE,
    MemberFacts,
    effective_size,
    household_size,
    normalise_relation,
)

L = Thresholds(min_living_fen=78_000)  # 780 元, as in the campaign plans


def facts(income_yuan: float | None, size: int = 1, **kw: object) -> HouseholdFacts:
    income = None if income_yuan is None else round(income_yuan * 100)
    return HouseholdFacts(monthly_income_fen=income, size=size, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("case", "rule"),
    [
        (facts(1170), Rule.ONE),  # exactly 150 % of 780 qualifies
        (facts(1170.01), None),
        (facts(3510, size=3), Rule.ONE),  # 1,170 per person in a household of three
        (facts(1560, causes=("子女上学",)), Rule.TWO),
        (facts(1560, single_parent=True), Rule.TWO),
        (facts(1560, special_cause="父母长期卧床"), Rule.TWO),
        (facts(1560.01, causes=("残疾",)), None),
        (facts(2340, causes=("本人患病",)), Rule.THREE),
        (facts(2340, causes=("意外灾害",)), Rule.THREE),
        (facts(2340.01, causes=("家属患病",)), None),
        (facts(9000, medical_cost_fen=2_000_000), Rule.FOUR),
        (facts(9000, disaster_loss_fen=1_999_999), None),
        (facts(None, medical_cost_fen=2_500_000), Rule.FOUR),
    ],
)
def test_rules_at_their_thresholds(case: HouseholdFacts, rule: str | None) -> None:
    assert assess(case, L).rule == rule


def test_review_reason_says_which_limit_was_missed() -> None:
    result = assess(facts(3000, causes=("本人患病",)), L)
    assert result.rule is None and result.reason_key == "elig.review.major"
    params = dict(result.reason_params)
    assert params == {"per_capita": "¥3,000.00", "pct": "300", "limit": "¥2,340.00",
                      "cost": "¥20,000.00"}  # fmt: skip
    assert assess(facts(None), L).reason_key == "elig.review.no_income"


def test_thresholds_are_campaign_settings() -> None:
    strict = Thresholds(min_living_fen=100_000, rule1_pct=100)
    assert assess(facts(1000), strict).rule == Rule.ONE
    assert assess(facts(1000.01), strict).rule is None


@given(st.integers(0, 10**9), st.integers(1, 20))
def test_rule_one_is_exact_in_fen(income: int, size: int) -> None:
    result = assess(HouseholdFacts(monthly_income_fen=income, size=size), L)
    exact = income * 100 <= 78_000 * 150 * size  # no rounding on either side
    assert (result.rule == Rule.ONE) == exact
    assert result.per_capita_fen == per_capita_fen(income, size)


def test_household_size_rules() -> None:
    spouse, child, parent = MemberFacts("配偶"), MemberFacts("子女"), MemberFacts("父母")
    married_child = MemberFacts("子女", married=True)
    # married: self, spouse, unmarried children; parents live in their own household
    assert household_size([spouse, child, married_child, parent], applicant_married=None) == 3
    # unmarried: parents, self and other unmarried members
    assert household_size([parent, parent, MemberFacts("兄弟姐妹")], applicant_married=False) == 4
    # single parent with two children: the actual count
    assert household_size([child, child], applicant_married=False) == 3
    assert effective_size([], None, applicant_married=None) == (DEFAULT_SIZE, "default")
    assert effective_size([], 5, applicant_married=None) == (5, "roster")
    assert effective_size([spouse], 5, applicant_married=None) == (2, "members")


@pytest.mark.parametrize(
    ("text", "relation"),
    [("妻子", "配偶"), ("儿子", "子女"), ("户主之女", "子女"), ("母亲", "父母"),
     ("孙子", "孙子女"), ("外孙女", "孙子女"), ("弟弟", "兄弟姐妹"), ("邻居", "其他")],
)  # fmt: skip
def test_relations_as_people_write_them(text: str, relation: str) -> None:
    assert normalise_relation(text) == relation
