"""The office's rules: how a status may move, what 确定 lacks, which rows a quota or a deadline
marks, and how a clerk's words name a household."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.campaign import Material, Status
from app.domain.decisions import (
    STEPS,
    Gap,
    Mark,
    Move,
    NewRow,
    Scope,
    Skip,
    UnitKind,
    UnitRule,
    confirmation_gaps,
    marks_for_import,
    normalise_unit_kind,
    plan_move,
)
from app.domain.errors import InvalidInput
from app.domain.household_query import HouseholdQuery, household_words, parse_household_query

A, U, P, R, C, D = (*STEPS, Status.DECLINED)


@pytest.mark.parametrize(
    ("current", "target", "scope", "expected"),
    [
        (A, U, Scope.ALL, Move.FORWARD),
        (A, C, Scope.ALL, Skip.NOT_YET),  # 申报 → 确定 in one jump: never
        (A, C, Scope.LIST, Skip.NOT_YET),
        (R, C, Scope.UNIT, Move.FORWARD),
        (D, P, Scope.ALL, Skip.DECLINED),  # a bulk change never restores 不予
        (D, P, Scope.LIST, Skip.DECLINED),  # nor a named one: that is reinstate
        (P, A, Scope.ALL, Skip.PAST),  # a bulk change never moves back
        (P, A, Scope.LIST, Move.BACK),
        (P, P, Scope.LIST, Skip.ALREADY),
        (C, D, Scope.ALL, Move.DECLINE),  # 不予 from any step
        (A, D, Scope.LIST, Move.DECLINE),
    ],
)
def test_a_status_moves_one_step_at_a_time(
    current: Status, target: Status, scope: Scope, expected: Move | Skip
) -> None:
    assert plan_move(current, target, scope=scope, pending_mark=False) == expected


def test_a_marked_household_takes_no_step_forward_but_may_be_declined() -> None:
    assert plan_move(A, U, scope=Scope.ALL, pending_mark=True) == Skip.PENDING_MARK
    assert plan_move(A, D, scope=Scope.ALL, pending_mark=True) == Move.DECLINE


@given(st.sampled_from(list(Status)), st.sampled_from(list(Status)), st.sampled_from(list(Scope)))
def test_no_change_but_a_named_one_ever_moves_back_or_leaves_declined(
    current: Status, target: Status, scope: Scope
) -> None:
    move = plan_move(current, target, scope=scope, pending_mark=False)
    if current == Status.DECLINED:
        assert not isinstance(move, Move)
    if move == Move.FORWARD:
        assert STEPS.index(target) == STEPS.index(current) + 1
    if move == Move.BACK:
        assert scope == Scope.LIST


def test_what_confirmation_lacks() -> None:
    everything = frozenset(Material)
    complete = confirmation_gaps(needs_review=False, decided_ineligible=False, received=everything)
    assert complete == ()
    # A bank card copy only matters to a transfer.
    without_card = everything - {Material.BANK_CARD_COPY}
    assert confirmation_gaps(needs_review=False, decided_ineligible=False,
                             received=without_card) == ()  # fmt: skip
    gaps = confirmation_gaps(needs_review=True, decided_ineligible=False,
                             received=frozenset({Material.ID_CARD_COPY}))  # fmt: skip
    assert gaps == (Gap.REVIEW, Material.HUKOU_COPY, Material.HARDSHIP_PROOF,
                    Material.HOUSEHOLD_FORM)  # fmt: skip
    assert confirmation_gaps(needs_review=False, decided_ineligible=True,
                             received=everything)[0] == Gap.NOT_ELIGIBLE  # fmt: skip


def _rows(unit: str, n: int, first_row: int = 2) -> list[NewRow]:
    return [NewRow(f"{unit}-{i}", unit, first_row + i) for i in range(n)]


def test_the_plan_quotas_towns_8_sectors_4_by_december_30() -> None:
    rules = {"新港镇": UnitRule(8, "2026-12-30"), "教育系统": UnitRule(4, "2026-12-30")}
    new = _rows("教育系统", 5) + _rows("新港镇", 10, first_row=7)  # one file, two units
    marks = marks_for_import(new, rules, {}, "2026-12-20")
    assert [(r.unit, r.source_row, m) for r, m in marks] == [
        ("教育系统", 6, Mark.OVER_QUOTA),
        ("新港镇", 15, Mark.OVER_QUOTA),
        ("新港镇", 16, Mark.OVER_QUOTA),
    ]
    # Households already there (not declined) take their places first.
    assert len(marks_for_import(_rows("教育系统", 2), rules, {"教育系统": 3}, "2026-12-20")) == 1
    # After the deadline every household the file adds is late.
    late = marks_for_import(_rows("新港镇", 3), rules, {}, "2026-12-31")
    assert [m for _r, m in late] == [Mark.LATE] * 3
    # A unit without rules marks nothing.
    assert marks_for_import(_rows("别的单位", 20), rules, {}, "2027-01-31") == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [("镇", UnitKind.TOWN), ("工业区", UnitKind.TOWN), ("镇/工业区", UnitKind.TOWN),
     ("town", UnitKind.TOWN), ("系统", UnitKind.SECTOR), ("产业工会", UnitKind.SECTOR),
     ("系统（产业）", UnitKind.SECTOR), ("sector", UnitKind.SECTOR), ("街道", None)],
)  # fmt: skip
def test_unit_kinds_as_clerks_write_them(text: str, kind: UnitKind | None) -> None:
    assert normalise_unit_kind(text) == kind


@pytest.mark.parametrize(
    ("typed", "name", "id_number", "head", "tail"),
    [
        ("120116196307154698", "", "120116196307154698", "", ""),
        ("12011619630715469x", "", "12011619630715469X", "", ""),
        ("姚秀英", "姚秀英", "", "", ""),
        ("姚秀英 4698", "姚秀英", "", "", "4698"),
        ("姚秀英:4698", "姚秀英", "", "", "4698"),
        ("姚秀英　４６９８", "姚秀英", "", "", "4698"),
        ("姚秀英 120116********4698", "姚秀英", "", "120116", "4698"),
        ("120116********4698", "", "", "120116", "4698"),
        ("艾力·买买提 123X", "艾力·买买提", "", "", "123X"),
    ],
)
def test_a_household_named_as_a_clerk_types_it(
    typed: str, name: str, id_number: str, head: str, tail: str
) -> None:
    assert parse_household_query(typed) == HouseholdQuery(typed, name, id_number, head, tail)


def test_an_empty_name_is_refused() -> None:
    with pytest.raises(InvalidInput):
        parse_household_query("  ")


def test_a_tail_on_its_own_belongs_to_the_name_before_it() -> None:
    assert household_words(["张三", "4698", "李四", "120116196307154698"]) == [
        "张三 4698",
        "李四",
        "120116196307154698",
    ]
