"""Which rule a household qualifies under (DESIGN.md, process step 1).

With the local minimum living standard L (低保标准, per person per month):
  (一) per-capita income ≤ 150 % L;
  (二) per-capita income ≤ 200 % L with a special cause: children in school, disability,
       single parent, or another cause the clerk names;
  (三) major illness or major accident/disaster and per-capita income ≤ 300 % L;
  (四) this year's self-paid medical costs, or property lost to a disaster, ≥ 20,000 元.
A household that meets none is never dropped: it gets a review reason. Percentages and the
amount are campaign settings. Comparisons are done in whole fen without dividing, so a
household exactly on a threshold qualifies whatever its size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from app.domain.codes import parse_code
from app.domain.money import format_fen


class Rule(StrEnum):
    """The rule a household qualifies under, 一 to 四."""

    ONE = "1"
    TWO = "2"
    THREE = "3"
    FOUR = "4"


RULES = tuple(Rule)
_RULE_WORDS = {"一": Rule.ONE, "二": Rule.TWO, "三": Rule.THREE, "四": Rule.FOUR,
               "（一）": Rule.ONE, "（二）": Rule.TWO, "（三）": Rule.THREE,
               "（四）": Rule.FOUR}  # fmt: skip


def parse_rule(text: str) -> Rule | None:
    return parse_code(Rule, text, _RULE_WORDS)


# Words in 致困原因 that name a cause. A locality's own code list may add more; unknown words
# are kept as written and simply do not trigger a rule.
SPECIAL_CAUSE_WORDS = ("子女上学", "上学", "就学", "在校", "学生", "残疾", "残障", "单亲")
ILLNESS_WORDS = ("患病", "疾病", "大病", "重病", "癌", "肿瘤", "尿毒症", "透析", "白血病", "瘫痪")
ACCIDENT_WORDS = ("意外", "灾害", "事故", "火灾", "水灾", "受灾", "车祸", "工伤")


@dataclass(frozen=True, slots=True)
class Thresholds:
    min_living_fen: int  # L, per person per month
    rule1_pct: int = 150
    rule2_pct: int = 200
    rule3_pct: int = 300
    hardship_cost_fen: int = 2_000_000  # 20,000 元

    def limit_fen(self, pct: int) -> int:
        """Per-capita limit in fen, rounded half up for display only."""
        return (self.min_living_fen * pct + 50) // 100


@dataclass(frozen=True, slots=True)
class HouseholdFacts:
    monthly_income_fen: int | None
    size: int
    causes: tuple[str, ...] = ()
    special_cause: str = ""  # another cause the clerk names for rule (二)
    single_parent: bool | None = None
    disabled: bool = False
    medical_cost_fen: int | None = None
    disaster_loss_fen: int | None = None


@dataclass(frozen=True, slots=True)
class Assessment:
    """The rule met or None with a review reason; both as message keys + params."""

    rule: Rule | None
    per_capita_fen: int | None
    reason_key: str  # elig.basis.* when a rule is met, elig.review.* when not
    reason_params: tuple[tuple[str, str], ...] = ()


def per_capita_fen(monthly_income_fen: int, size: int) -> int:
    """Monthly income per person, rounded half up to the fen."""
    return (2 * monthly_income_fen + size) // (2 * size)


def _mentions(causes: Iterable[str], words: tuple[str, ...]) -> bool:
    return any(word in cause for cause in causes for word in words)


def assess(facts: HouseholdFacts, limits: Thresholds) -> Assessment:
    costs = [c for c in (facts.medical_cost_fen, facts.disaster_loss_fen) if c is not None]
    big_cost = max(costs, default=0) >= limits.hardship_cost_fen
    cost = ("cost", format_fen(limits.hardship_cost_fen))
    income = facts.monthly_income_fen
    if income is None:
        if big_cost:
            return Assessment(Rule.FOUR, None, "elig.basis.4", (cost,))
        return Assessment(None, None, "elig.review.no_income")

    size = max(facts.size, 1)
    special = _has_special_cause(facts)
    major = _mentions(facts.causes, ILLNESS_WORDS + ACCIDENT_WORDS)
    pc = per_capita_fen(income, size)
    # Rule (一) needs no cause, (二) a special one, (三) an illness or an accident.
    for rule, key, pct, cause in (
        (Rule.ONE, "elig.basis.1", limits.rule1_pct, True),
        (Rule.TWO, "elig.basis.2", limits.rule2_pct, special),
        (Rule.THREE, "elig.basis.3", limits.rule3_pct, major),
    ):
        # income / size ≤ L × pct / 100, kept exact in integers
        if cause and income * 100 <= limits.min_living_fen * pct * size:
            return Assessment(rule, pc, key, _limit(limits, pct))
    if big_cost:
        return Assessment(Rule.FOUR, pc, "elig.basis.4", (cost,))
    # The highest limit the household could have used is the one it missed.
    if major:
        key, pct = "elig.review.major", limits.rule3_pct
    elif special:
        key, pct = "elig.review.special", limits.rule2_pct
    else:
        key, pct = "elig.review.no_cause", limits.rule1_pct
    return Assessment(None, pc, key, (("per_capita", format_fen(pc)), *_limit(limits, pct), cost))


def _has_special_cause(facts: HouseholdFacts) -> bool:
    """A cause that opens rule (二): single parent, disability, a named or listed cause."""
    return bool(
        facts.single_parent
        or facts.disabled
        or facts.special_cause.strip()
        or _mentions(facts.causes, SPECIAL_CAUSE_WORDS)
    )


def _limit(limits: Thresholds, pct: int) -> tuple[tuple[str, str], ...]:
    return (("pct", str(pct)), ("limit", format_fen(limits.limit_fen(pct))))
