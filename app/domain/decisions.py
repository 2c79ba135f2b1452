"""The office's decisions on households: how a status may move, what a bulk change leaves
alone and why, what 确定 still lacks, a unit's kind and quota, and the roster marks 超额 / 逾期.

Statuses move forward one step at a time (申报 → 单位审核 → 公示 → 上报 → 确定); 不予 is
reached from any step with a reason and never left by a status change (a reinstatement is its own
decision). A step back is for households named one by one, with a reason: a change of a whole
unit or campaign never moves anyone back, nor anyone declined.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.campaign import MATERIALS, Material, Status
from app.domain.codes import parse_code

# The steps of an application, in order; DECLINED is outside them.
STEPS = (
    Status.APPLIED,
    Status.UNIT_REVIEWED,
    Status.PUBLIC_NOTICE,
    Status.REPORTED,
    Status.CONFIRMED,
)


class Scope(StrEnum):
    """Which households a change was asked for."""

    ALL = "all"  # --all: the whole campaign
    UNIT = "unit"  # --unit: one unit's households
    LIST = "list"  # households named one by one


class Move(StrEnum):
    """What a change does to one household."""

    FORWARD = "forward"  # the next step
    BACK = "back"  # an earlier step (named households, with a reason)
    DECLINE = "decline"  # 不予 (with a reason)


class Skip(StrEnum):
    """Why a change leaves a household as it is."""

    DECLINED = "declined"  # 不予: not restored by a status change
    NOT_YET = "not_yet"  # more than one step ahead: the step before comes first
    ALREADY = "already"  # already at the status asked for
    PAST = "past"  # beyond it: a step back is for households named one by one
    PENDING_MARK = "pending_mark"  # 超额 / 逾期 not decided yet: no step forward before


class Gap(StrEnum):
    """What a household still lacks to be confirmed (besides the materials)."""

    REVIEW = "review"  # meets no rule and no decision of the clerk (待复核)
    NOT_ELIGIBLE = "not_eligible"  # the clerk decided it meets no rule


# Materials 确定 asks for. A bank card copy only matters to a transfer, so it is not asked here.
REQUIRED_MATERIALS = tuple(m for m in MATERIALS if m != Material.BANK_CARD_COPY)


def step_after(status: Status) -> Status | None:
    """The step that follows ``status`` (None after 确定 and for 不予)."""
    if status not in STEPS or status == STEPS[-1]:
        return None
    return STEPS[STEPS.index(status) + 1]


def plan_move(current: Status, target: Status, *, scope: Scope, pending_mark: bool) -> Move | Skip:
    """What a change to ``target`` does to a household now at ``current``."""
    if current == target:
        return Skip.ALREADY
    if current == Status.DECLINED:
        return Skip.DECLINED
    if target == Status.DECLINED:
        return Move.DECLINE
    here, there = STEPS.index(current), STEPS.index(target)
    if there < here:
        return Move.BACK if scope == Scope.LIST else Skip.PAST
    if pending_mark:
        return Skip.PENDING_MARK
    return Move.FORWARD if there == here + 1 else Skip.NOT_YET


def confirmation_gaps(
    *, needs_review: bool, decided_ineligible: bool, received: frozenset[str]
) -> tuple[Gap | Material, ...]:
    """What a household lacks to be confirmed: the review, the materials not received."""
    gaps: list[Gap | Material] = []
    if decided_ineligible:
        gaps.append(Gap.NOT_ELIGIBLE)
    elif needs_review:
        gaps.append(Gap.REVIEW)
    gaps += [m for m in REQUIRED_MATERIALS if m not in received]
    return tuple(gaps)


def parse_gap(code: str) -> Gap | Material | None:
    """A gap as stored (a code of either kind)."""
    return parse_code(Gap, code, {}) or parse_code(Material, code, {})


class Basis(StrEnum):
    """Why a status changed when a rule, not the clerk's own word, says so."""

    LATE_FORFEITED = "late_forfeited"  # 逾期视为放弃
    OVER_QUOTA_FORFEITED = "over_quota_forfeited"  # 超额


# --- units, quotas and deadlines ---------------------------------------------------------------


class UnitKind(StrEnum):
    """The kind of a reporting unit, which the plans give quotas by."""

    TOWN = "town"  # 镇、工业区工会
    SECTOR = "sector"  # 系统（产业）工会


_UNIT_KIND_WORDS = {
    "镇": UnitKind.TOWN,
    "工业区": UnitKind.TOWN,
    "镇/工业区": UnitKind.TOWN,
    "镇、工业区": UnitKind.TOWN,
    "镇工业区": UnitKind.TOWN,
    "系统": UnitKind.SECTOR,
    "产业": UnitKind.SECTOR,
    "系统/产业": UnitKind.SECTOR,
    "系统（产业）": UnitKind.SECTOR,
    "系统(产业)": UnitKind.SECTOR,
    "industry": UnitKind.SECTOR,
    "system": UnitKind.SECTOR,
}


def normalise_unit_kind(text: str) -> UnitKind | None:
    """A unit kind by its code or a word a clerk writes (镇, 工业区, 系统, 产业 …)."""
    value = text.strip().removesuffix("工会")
    return parse_code(UnitKind, value, _UNIT_KIND_WORDS)


class Mark(StrEnum):
    """A roster row that came over its unit's quota or after its deadline."""

    OVER_QUOTA = "over_quota"  # 超额
    LATE = "late"  # 逾期


class MarkDecision(StrEnum):
    ACCEPT = "accept"  # 接受 (with a reason)
    FORFEIT = "forfeit"  # 视为放弃: the household becomes 不予


FORFEIT_BASIS = {Mark.LATE: Basis.LATE_FORFEITED, Mark.OVER_QUOTA: Basis.OVER_QUOTA_FORFEITED}


@dataclass(frozen=True, slots=True)
class NewRow:
    """A household a roster file added: what marking it needs."""

    household_id: str
    unit: str
    source_row: int


@dataclass(frozen=True, slots=True)
class UnitRule:
    quota: int | None
    deadline: str | None  # ISO date


def marks_for_import(
    new: list[NewRow], rules: dict[str, UnitRule], counted: dict[str, int], today: str
) -> list[tuple[NewRow, Mark]]:
    """The marks the households of one roster file get, in file order.

    Late: every household the file adds when it came after its unit's deadline. Over quota: the
    households past the quota, counting the unit's households already there (not declined)
    first, then the file's in row order."""
    marks: list[tuple[NewRow, Mark]] = []
    seats: dict[str, int] = {}
    for row in sorted(new, key=lambda r: r.source_row):
        rule = rules.get(row.unit)
        if rule is None:
            continue
        if rule.deadline is not None and today > rule.deadline:
            marks.append((row, Mark.LATE))
        if rule.quota is not None:
            taken = seats.get(row.unit, counted.get(row.unit, 0)) + 1
            seats[row.unit] = taken
            if taken > rule.quota:
                marks.append((row, Mark.OVER_QUOTA))
    return marks
