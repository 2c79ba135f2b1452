"""The office's decisions through the services: status changes step by step with their reasons
kept, 确定 and what it lacks, reinstating, finding a household as the clerk names it, units'
quotas and deadlines, and the clerk's decisions on 超额 / 逾期."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from app.domain.campaign import Material, Status
from app.domain.decisions import Basis, Gap, Mark, MarkDecision, Move, Skip, UnitKind
from app.domain.errors import Conflict, InvalidInput, NotFound
from app.i18n import render
from app.services.campaign import units
from app.services.households import application as households
from app.services.households import status
from app.services.households.finding import find_household
from app.services.infra.context import Actor
from app.services.oversight.flags import campaign_flags
from app.services.rosters import marks
from app.services.rosters.importing import import_roster
from app.store.db import Store
from tests.builders import ACTOR, BEIJING, make_id, write

ZHANG_1 = make_id("12011619630715469")
ZHANG_2 = make_id("12010119811125604")
LI = make_id("42030219560303074")
WANG = make_id("11010519800101001")
LATER = Actor(user="科长", clock=lambda: datetime(2026, 12, 3, 10, 0, tzinfo=BEIJING))


@pytest.fixture
def four(store: Store, tmp_path: Path) -> Store:
    """Two 张三 (单位A, 单位B), 李四 and 王五 of 单位A, all 申报."""
    text = (f"姓名,身份证号,报送单位\n张三,{ZHANG_1},单位A\n张三,{ZHANG_2},单位B\n"
            f"李四,{LI},单位A\n王五,{WANG},单位A\n")  # fmt: skip
    assert import_roster(store, write(tmp_path, "r.csv", text), actor=ACTOR).imported == 4
    return store


def status_of(store: Store, id_number: str) -> Status:
    return households.show_household(store, id_number).household.status


# --- finding a household ------------------------------------------------------------------------


def test_a_household_is_found_by_id_number_name_or_name_and_id_tail(four: Store) -> None:
    assert find_household(four, typed="李四").id_number == LI
    assert find_household(four, typed=WANG.lower()).name == "王五"
    assert find_household(four, typed=f"张三 {ZHANG_2[-4:]}").unit == "单位B"
    assert find_household(four, typed=f"张三:{ZHANG_1[-6:]}").unit == "单位A"
    masked = f"{ZHANG_1[:6]}********{ZHANG_1[-4:]}"  # as the office's own sheets print it
    assert find_household(four, typed=f"张三 {masked}").id_number == ZHANG_1


def test_an_ambiguous_name_is_refused_naming_the_candidates(four: Store) -> None:
    with pytest.raises(InvalidInput) as refused:
        find_household(four, typed="张三")
    assert render(refused.value, "zh") == (
        f"“张三”对应2户：张三 {ZHANG_1[:6]}********{ZHANG_1[-4:]} 单位A、"
        f"张三 {ZHANG_2[:6]}********{ZHANG_2[-4:]} 单位B。请加身份证号后几位区分（如 张三 4698）"
    )


def test_what_the_clerk_typed_is_shown_as_typed(four: Store) -> None:
    unknown = make_id("11010519800101002")
    with pytest.raises(NotFound) as refused:
        find_household(four, typed=unknown)
    assert f"“{unknown}”" in render(refused.value, "zh")
    with pytest.raises(NotFound) as refused:
        find_household(four, typed="张三 0000")
    assert "“张三 0000”" in render(refused.value, "zh")


# --- status changes -------------------------------------------------------------------------


def test_bulk_changes_never_touch_declined_households_and_say_so(four: Store) -> None:
    with pytest.raises(InvalidInput):  # 不予 needs a reason
        status.set_status(four, status="不予", households=["李四"], actor=ACTOR)
    status.set_status(four, status="不予", households=["李四"], reason="已调离", actor=ACTOR)
    for step in ("单位审核", "公示"):
        done = status.set_status(four, status=step, everyone=True, actor=ACTOR)
        assert done.changed == 3
        [skipped] = done.preview.skipped
        assert (skipped.name, skipped.skip) == ("李四", Skip.DECLINED)
    by_unit = status.set_status(four, status="上报", unit="单位A", actor=ACTOR)
    assert by_unit.changed == 2 and [h.name for h in by_unit.preview.skipped] == ["李四"]
    assert status_of(four, LI) == Status.DECLINED


def test_one_step_at_a_time_and_back_only_by_name_with_a_reason(four: Store) -> None:
    jump = status.set_status(four, status="公示", everyone=True, actor=ACTOR)
    assert jump.changed == 0 and {h.skip for h in jump.preview.skipped} == {Skip.NOT_YET}
    assert jump.preview.skipped[0].next_step == Status.UNIT_REVIEWED
    status.set_status(four, status="单位审核", everyone=True, actor=ACTOR)
    status.set_status(four, status="公示", everyone=True, actor=ACTOR)
    # A bulk change never moves back.
    back_all = status.set_status(four, status="单位审核", everyone=True, reason="重审", actor=ACTOR)
    assert back_all.changed == 0 and {h.skip for h in back_all.preview.skipped} == {Skip.PAST}
    # Named one by one, with a reason.
    preview = status.preview_status_change(four, status="单位审核", households=["王五"])
    assert preview.blocked is not None and preview.blocked.key == "status.back_reason"
    with pytest.raises(InvalidInput):
        status.apply_status_change(four, preview=preview, actor=ACTOR)
    back = status.set_status(four, status="单位审核", households=["王五"], reason="材料有误",
                             actor=LATER)  # fmt: skip
    assert [h.move for h in back.preview.changing] == [Move.BACK]
    history = households.show_household(four, "王五").status_history
    assert [(c.from_status, c.to_status, c.reason, c.changed_by) for c in history] == [
        (Status.APPLIED, Status.UNIT_REVIEWED, "", "clerk"),
        (Status.UNIT_REVIEWED, Status.PUBLIC_NOTICE, "", "clerk"),
        (Status.PUBLIC_NOTICE, Status.UNIT_REVIEWED, "材料有误", "科长"),
    ]
    assert history[-1].changed_at == datetime(2026, 12, 3, 10, 0, tzinfo=BEIJING)
    assert len({c.batch_id for c in history}) == 3


def test_confirmation_lists_what_is_missing_and_needs_a_reason_to_go_ahead(four: Store) -> None:
    for step in ("单位审核", "公示", "上报"):
        status.set_status(four, status=step, everyone=True, actor=ACTOR)
    required = ["身份证复印件", "户口本复印件", "困难证明", "档案表"]
    households.set_materials(four, "李四", received=required, actor=ACTOR)
    households.override_eligibility(four, "李四", rule="一", reason="核实", actor=ACTOR)
    preview = status.preview_status_change(four, status="确定", everyone=True)
    assert preview.blocked is not None and preview.blocked.kwargs == {"n": 3}
    lacking = {h.name + h.id_number[-4:]: h.gaps for h in preview.incomplete}
    assert lacking[f"王五{WANG[-4:]}"][-1] == Material.HOUSEHOLD_FORM
    assert all(Gap.REVIEW in g or Material.ID_CARD_COPY in g for g in lacking.values())
    with pytest.raises(InvalidInput):
        status.apply_status_change(four, preview=preview, actor=ACTOR)
    assert status_of(four, LI) == Status.REPORTED  # nothing changed, not even the complete one
    with pytest.raises(InvalidInput):  # going ahead needs a reason
        status.set_status(four, status="确定", everyone=True, despite_missing=True, actor=ACTOR)
    done = status.set_status(four, status="确定", everyone=True, despite_missing=True,
                             reason="材料节后补齐", actor=ACTOR)  # fmt: skip
    assert done.changed == 4 and len(done.preview.incomplete) == 3
    [*_, last] = households.show_household(four, "王五").status_history
    assert last.reason == "材料节后补齐" and Material.HARDSHIP_PROOF in last.missing
    assert households.show_household(four, "李四").status_history[-1].missing == ()


def test_a_decision_changed_since_its_preview_is_refused_whole(four: Store) -> None:
    preview = status.preview_status_change(four, status="单位审核", everyone=True)
    status.set_status(four, status="不予", households=["王五"], reason="重复申报", actor=ACTOR)
    with pytest.raises(Conflict):
        status.apply_status_change(four, preview=preview, actor=ACTOR)
    assert status_of(four, LI) == Status.APPLIED


def test_reinstating_a_declined_household_returns_it_to_its_step(four: Store) -> None:
    status.set_status(four, status="单位审核", everyone=True, actor=ACTOR)
    status.set_status(four, status="不予", households=["李四"], reason="收入超标", actor=ACTOR)
    with pytest.raises(InvalidInput):
        status.reinstate_household(four, household="李四", reason=" ", actor=ACTOR)
    done = status.reinstate_household(four, household="李四", reason="复核收入无误", actor=ACTOR)
    assert done.status == Status.UNIT_REVIEWED == status_of(four, LI)
    with pytest.raises(Conflict):
        status.reinstate_household(four, household="李四", reason="再来", actor=ACTOR)


def test_status_changes_are_kept_as_written(four: Store) -> None:
    status.set_status(four, status="单位审核", everyone=True, actor=ACTOR)
    for sql in ("UPDATE status_change SET reason = 'x'", "DELETE FROM status_change"):
        with pytest.raises(sqlite3.IntegrityError):
            four.conn.execute(sql)


# --- units, quotas, deadlines and the clerk's decisions ---------------------------------------


def _roster(tmp_path: Path, name: str, unit: str, first: int, n: int) -> Path:
    """n households 张一, 张二 … of ``unit`` (``first`` keeps files' ID numbers apart)."""
    ids = [make_id(f"3201021970{first:02d}01{i:02d}1") for i in range(n)]
    rows = [f"张{'一二三四五六七八九十'[i]},{ids[i]},{unit}" for i in range(n)]
    return write(tmp_path, name, "姓名,身份证号,报送单位\n" + "\n".join(rows) + "\n")


def test_units_are_set_one_by_one_or_by_kind_and_every_setting_is_kept(store: Store) -> None:
    units.set_units(store, name="新港镇", kind="镇", actor=ACTOR)
    units.set_units(store, name="泰达工业区", kind="工业区", actor=ACTOR)
    units.set_units(store, name="教育系统", kind="系统（产业）", actor=ACTOR)
    towns = units.set_units(store, kind="镇/工业区", quota=8, deadline=date(2026, 12, 30),
                            actor=ACTOR)  # fmt: skip
    assert [(u.name, u.kind, u.quota, u.deadline) for u in towns] == [
        ("新港镇", UnitKind.TOWN, 8, date(2026, 12, 30)),
        ("泰达工业区", UnitKind.TOWN, 8, date(2026, 12, 30)),
    ]
    units.set_units(store, kind="系统", quota=4, actor=ACTOR)
    units.set_units(store, name="教育系统", deadline=date(2026, 12, 30), actor=ACTOR)
    listed = {u.name: (u.quota, u.deadline) for u in units.list_units(store)}
    assert listed["教育系统"] == (4, date(2026, 12, 30))
    revisions = store.conn.execute("SELECT count(*) FROM unit_revision").fetchone()[0]
    assert revisions == 3 + 2 + 1 + 1
    for bad in (
        {"name": "新港镇", "kind": "街道"},
        {"name": "新港镇", "quota": -1},
        {"name": "新港镇"},
    ):
        with pytest.raises(InvalidInput):
            units.set_units(store, actor=ACTOR, **bad)  # type: ignore[arg-type]


def test_over_quota_and_late_households_wait_for_the_clerks_decision(
    store: Store, tmp_path: Path
) -> None:
    units.set_units(store, name="新港镇", kind="镇", quota=8, deadline=date(2026, 12, 30),
                    actor=ACTOR)  # fmt: skip
    units.set_units(store, name="教育系统", kind="系统", quota=4, deadline=date(2026, 11, 30),
                    actor=ACTOR)  # fmt: skip
    town = import_roster(store, _roster(tmp_path, "t.csv", "新港镇", 1, 10), actor=ACTOR)
    assert [(m.name, m.row, m.mark) for m in town.marked] == [
        ("张九", 10, Mark.OVER_QUOTA), ("张十", 11, Mark.OVER_QUOTA)
    ]  # fmt: skip
    late = import_roster(store, _roster(tmp_path, "s.csv", "教育系统", 2, 2), actor=ACTOR)
    assert {m.mark for m in late.marked} == {Mark.LATE}  # within the quota, after the deadline
    assert sorted(f.kind for f in campaign_flags(store)) == ["late", "late", "over_quota",
                                                             "over_quota"]  # fmt: skip

    with pytest.raises(InvalidInput):
        marks.decide_marks(store, decision=MarkDecision.ACCEPT, unit="新港镇", actor=ACTOR)
    accepted = marks.decide_marks(store, decision=MarkDecision.ACCEPT, unit="新港镇",
                                  reason="经区总工会同意", actor=ACTOR)  # fmt: skip
    assert (len(accepted.marks), accepted.declined) == (2, 0)
    forfeited = marks.decide_marks(store, decision=MarkDecision.FORFEIT, unit="教育系统",
                                   reason="逾期视为放弃", actor=LATER)  # fmt: skip
    assert forfeited.declined == 2
    assert campaign_flags(store) == []
    shown = households.show_household(store, f"张一 {make_id('32010219700201001')[-4:]}")
    assert shown.household.status == Status.DECLINED
    assert shown.status_history[-1].basis == Basis.LATE_FORFEITED
    assert [(m.decision, m.decided_by) for m in shown.marks] == [(MarkDecision.FORFEIT, "科长")]
    with pytest.raises(NotFound):  # nothing left to decide
        marks.decide_marks(store, decision=MarkDecision.FORFEIT, unit="教育系统", actor=ACTOR)

    # A forfeited household gives its place back: two more of 教育系统, on time now.
    units.set_units(store, name="教育系统", deadline=None, actor=ACTOR)
    again = import_roster(store, _roster(tmp_path, "s2.csv", "教育系统", 3, 5), actor=ACTOR)
    assert [(m.row, m.mark) for m in again.marked] == [(6, Mark.OVER_QUOTA)]


def test_a_marked_household_takes_no_step_until_decided(store: Store, tmp_path: Path) -> None:
    units.set_units(store, name="新港镇", kind="镇", quota=1, actor=ACTOR)
    import_roster(store, _roster(tmp_path, "t.csv", "新港镇", 1, 2), actor=ACTOR)
    held = status.set_status(store, status="单位审核", everyone=True, actor=ACTOR)
    assert held.changed == 1
    assert [(h.name, h.skip) for h in held.preview.skipped] == [("张二", Skip.PENDING_MARK)]
    marks.decide_marks(store, decision=MarkDecision.ACCEPT, households=["张二"], reason="特批",
                       actor=ACTOR)  # fmt: skip
    assert status.set_status(store, status="单位审核", everyone=True, actor=ACTOR).changed == 1


def test_a_late_file_that_only_corrects_households_is_said_late_without_marks(
    store: Store, tmp_path: Path
) -> None:
    on_time = import_roster(store, _roster(tmp_path, "a.csv", "教育系统", 7, 2), actor=ACTOR)
    assert on_time.imported == 2
    units.set_units(store, name="教育系统", deadline=date(2026, 11, 30), actor=ACTOR)
    path = _roster(tmp_path, "b.csv", "教育系统", 7, 2)
    path.write_text(path.read_text(encoding="utf-8").replace("张一", "张壹"), encoding="utf-8")
    late = import_roster(store, path, actor=LATER)  # after the deadline, one name corrected
    assert (late.imported, late.updated, late.marked) == (0, 1, ())
    [said] = [w for w in late.warnings if w.key == "roster.late_corrections"]
    assert dict(said.params) == {"unit": "教育系统", "deadline": "2026-11-30", "n": 1}
    assert "更正了1户已有的记录" in render(said, "zh")
