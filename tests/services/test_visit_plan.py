"""The planned visit mode (上门/电话) of the campaign, a unit or a household, carried to the team
in its assignment bundle; whether a phone visit must reach the person; and how progress, the
summary and the day count phone visits by who answered."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.domain.errors import InvalidInput, NotFound
from app.domain.visits import Handover, Outcome, PhoneAnswer, VisitInput, VisitMode
from app.i18n import render
from app.services.bundles import exchange as bundles
from app.services.oversight.progress import compute_progress
from app.services.printing.summary import build_summary
from app.services.visits import plan
from app.services.visits.day import day_summary
from app.services.visits.recording import record_visit
from tests.bundle_world import (
    ACTOR,
    DAY,
    STANDARD,
    TEAM_ACTOR,
    World,
    export,
    merge,
    team_households,
)

Cli = Callable[..., tuple[int, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(db: Path | None, *args: str) -> tuple[int, str]:
        capsys.readouterr()
        try:
            code = main(["--db", str(db), *args])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    return run


def phone_visit(household_id: str, answered: PhoneAnswer, **kwargs: Any) -> VisitInput:
    outcome = Outcome.UNREACHABLE if answered == PhoneAnswer.NO_ANSWER else Outcome.VISITED
    return VisitInput(household_id=household_id, day=DAY, mode=VisitMode.PHONE, outcome=outcome,
                      answered=answered, **kwargs)  # fmt: skip


def resend(world: World) -> None:
    """T1's next assignment bundle, imported on its laptop."""
    out = world.stick("office")
    sent = bundles.export_assignment(world.central, "T1", out, actor=ACTOR)
    bundles.import_bundle(world.t1, sent.file, credential=world.template.t1_credential,
                          actor=TEAM_ACTOR)  # fmt: skip


def test_a_units_mode_reaches_the_team_and_a_households_own_wins(world: World) -> None:
    first, second = team_households(world.central, "T1")[:2]
    done = plan.set_planned_mode(world.central, "电话", units=["单位A"], actor=ACTOR)
    assert (done.mode, done.scope, done.targets, done.households) == (
        VisitMode.PHONE, "unit", ("单位A",), 56)  # fmt: skip
    done = plan.set_planned_mode(world.central, "上门", id_numbers=[second["id_number"]])
    assert done.households == 1
    shown = plan.visit_plan(world.central)
    assert [(u.name, u.mode, u.must_reach) for u in shown.units] == [
        ("单位A", VisitMode.PHONE, None)]  # fmt: skip
    assert shown.phone_must_reach
    assert [(h.name, h.mode) for h in shown.households] == [(second["name"], VisitMode.HOME)]
    assert shown.counts == ((VisitMode.HOME, 1), (VisitMode.PHONE, 55))
    assert plan.planned_mode(world.t1, first["id"]) == VisitMode.HOME  # not sent yet
    resend(world)
    assert plan.planned_mode(world.t1, first["id"]) == VisitMode.PHONE
    assert plan.planned_mode(world.t1, second["id"]) == VisitMode.HOME
    assert plan.must_reach_rule(world.t1).of(first["id"])
    rows = world.t1.conn.execute("SELECT count(*) FROM visit_plan").fetchone()[0]
    resend(world)  # the same plan again: nothing new written on the laptop
    assert world.t1.conn.execute("SELECT count(*) FROM visit_plan").fetchone()[0] == rows
    with pytest.raises(InvalidInput) as caught:
        plan.set_planned_mode(world.t1, "上门", id_numbers=[first["id_number"]])
    assert render(caught.value) == "走访方式由中心安排，随分派包下发，不能在慰问组电脑上更改"


def test_a_unit_or_household_not_known_changes_nothing(world: World) -> None:
    with pytest.raises(NotFound) as caught:
        plan.set_planned_mode(world.central, "电话", units=["单位A", "单位Z"])
    assert render(caught.value) == "没有报送单位“单位Z”"
    with pytest.raises(InvalidInput) as both:
        plan.set_planned_mode(world.central, "电话", units=["单位A"], campaign=True)
    assert both.value.key == "plan.one_target"
    assert plan.visit_plan(world.central).counts == ((VisitMode.HOME, 56),)


def test_only_the_person_counts_where_the_person_must_be_reached(world: World) -> None:
    a, b, c, d = team_households(world.central, "T1")[:4]
    plan.set_planned_mode(world.central, "电话", campaign=True, actor=ACTOR)
    done = plan.set_phone_must_reach(world.central, False, id_numbers=[b["id_number"]])
    assert (done.scope, done.targets, done.households) == ("household", (b["name"],), 1)
    resend(world)
    assert plan.must_reach_rule(world.t1).of(a["id"])
    assert not plan.must_reach_rule(world.t1).of(b["id"])  # the office's word, on the laptop
    cash = STANDARD[a["category"]][0]
    transfer = Handover(a["category"], cash_fen=cash, transfer=True,
                        off_standard_reason="电话慰问，慰问品不发")  # fmt: skip
    record_visit(world.t1, phone_visit(a["id"], PhoneAnswer.SELF, handovers=(transfer,)),
                 actor=TEAM_ACTOR)  # fmt: skip
    record_visit(world.t1, phone_visit(b["id"], PhoneAnswer.FAMILY), actor=TEAM_ACTOR)
    record_visit(world.t1, phone_visit(c["id"], PhoneAnswer.FAMILY), actor=TEAM_ACTOR)
    record_visit(world.t1, phone_visit(d["id"], PhoneAnswer.NO_ANSWER, attempted_at="10:05"),
                 actor=TEAM_ACTOR)  # fmt: skip
    day = day_summary(world.t1, DAY)
    assert (day.visits_today, day.done_today, day.paid_today_fen) == (4, 2, 0)
    assert day.transfer_today_fen == cash
    merge(world.central, export(world, world.t1))
    (t1, _t2), _flags = compute_progress(world.central)
    assert (t1.visited, t1.attempted, t1.cash_fen, t1.transfer_fen) == (2, 2, 0, cash)
    summary = build_summary(world.central, "team", DAY)
    assert sum(line.visited for line in summary.lines) == 2
    # The campaign says a relative answering is enough: the office counts the call to c too.
    plan.set_phone_must_reach(world.central, False)
    (t1, _t2), _flags = compute_progress(world.central)
    assert (t1.visited, t1.attempted) == (3, 1)
    assert plan.visit_plan(world.central).phone_not_reached == 56


def test_visit_plan_on_the_command_line(world: World, cli: Cli) -> None:
    db = world.central.path
    code, out = cli(db, "visit-plan", "set", "电话", "--unit", "单位A")
    assert code == 0
    assert out == "已将单位的计划走访方式定为“电话”（单位A）；现计划电话走访的共 56 户\n"
    code, out = cli(db, "visit-plan", "must-reach", "no", "--unit", "单位A")
    assert (code, out) == (0, "单位（单位A）：电话慰问须联系到本人：否（有人接听即可）；"
                              "按此计算的共 56 户\n")  # fmt: skip
    code, out = cli(db, "visit-plan", "show")
    assert code == 0 and out.splitlines() == [
        "全活动默认走访方式：上门", "电话慰问须联系到本人：是（家属接听或无人接听不算已慰问）",
        "各单位的走访方式：", "  单位A：电话、电话有人接听即可", "按计划方式：电话 56 户",
        "其中计划电话走访、有人接听即可算已慰问的 56 户",
    ]  # fmt: skip
    code, out = cli(db, "--json", "visit-plan", "show")
    shown = json.loads(out)
    assert shown["counts"] == {"phone": 56} and shown["units"] == [
        {"name": "单位A", "id_number": "", "mode": "phone", "phone_must_reach": False}]  # fmt: skip
    code, out = cli(db, "visit-plan", "set", "电话", "--unit", "单位Z")
    assert code != 0 and "没有报送单位“单位Z”" in out
