"""The units' opinions reports (issue 16): each reporting unit's 意见建议 heard on the visits,
under the team that heard them, due a week after the visits by default; units past due and not
noted as sent are in ``flags``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.domain.errors import Conflict, InvalidInput, NotFound
from app.domain.id_number import mask_id
from app.domain.visits import Outcome, VisitInput, VisitMode
from app.i18n import set_language
from app.services.infra.context import Actor
from app.services.oversight import opinions
from app.services.visits import recording as visits
from app.store.db import Store
from tests.bundle_world import (
    BEIJING,
    DAY,
    TEAM_ACTOR,
    World,
    export,
    merge,
    standard_handover,
    team_households,
)
from tests.documents.pdftext import flat

pytestmark = pytest.mark.usefixtures("cheap_scrypt")


@pytest.fixture(autouse=True)
def process_language() -> Iterator[None]:
    """The command line sets the process's language (--lang en): back to the setting after."""
    yield
    set_language(None)


def heard(store: Store, household: dict[str, Any], text: str, *, outcome: Outcome = Outcome.VISITED,
          day: date = DAY) -> None:  # fmt: skip
    handovers = (standard_handover(household),) if outcome == Outcome.VISITED else ()
    visits.record_visit(
        store,
        VisitInput(household_id=household["id"], day=day, mode=VisitMode.HOME, outcome=outcome,
                   visitors=("王一",), handovers=handovers, opinions=text),
        actor=TEAM_ACTOR,
    )  # fmt: skip


def on(day: date) -> Actor:
    return Actor(
        user="clerk", clock=lambda: datetime(day.year, day.month, day.day, 9, tzinfo=BEIJING)
    )


@pytest.fixture
def heard_world(world: World) -> tuple[World, list[dict[str, Any]]]:
    mine = team_households(world.t1, "T1")
    # two of T1's households were reported by another unit
    world.central.conn.execute("UPDATE household SET unit = '单位B' WHERE id IN (?, ?)",
                               [mine[2]["id"], mine[3]["id"]])  # fmt: skip
    heard(world.t1, mine[0], "希望帮助解决孩子上学问题")
    heard(world.t1, mine[1], "  ")  # nothing said: not an opinion
    heard(world.t1, mine[2], '=HYPERLINK("http://x","点我")', day=date(2027, 1, 22))
    heard(world.t1, mine[3], "感谢工会", outcome=Outcome.NOT_HOME)
    assert merge(world.central, export(world, world.t1)).outcome == "applied"
    return world, mine


def test_each_units_report_lists_what_was_heard(heard_world: tuple[World, list[dict[str, Any]]],
                                                tmp_path: Path) -> None:  # fmt: skip
    world, mine = heard_world
    reports = {r.unit: r for r in opinions.unit_reports(world.central)}
    assert sorted(reports) == ["单位A", "单位B"]
    a, b = reports["单位A"], reports["单位B"]
    assert a.due == b.due == date(2027, 2, 4)  # the window's last day + 7
    assert (a.households, a.visited, b.households, b.visited) == (54, 2, 2, 1)
    assert [(r.name, r.id_masked, r.team, r.day, r.text) for r in a.rows] == [
        (mine[0]["name"], mask_id(mine[0]["id_number"]), "第一组", DAY, "希望帮助解决孩子上学问题")
    ]  # fmt: skip
    assert [r.text for r in b.rows] == ["感谢工会", '=HYPERLINK("http://x","点我")']
    assert [r.day for r in b.rows] == sorted(r.day for r in b.rows)

    pdf = opinions.print_opinions(world.central, tmp_path / "意见.pdf", unit="单位A",
                                  actor=on(date(2027, 1, 29))).path  # fmt: skip
    text = flat(pdf)
    assert "2027年春节送温暖意见建议汇总（单位A）" in text
    assert "应访54户，已慰问2户，意见建议1条；应于2027年2月4日前报送" in text
    assert "希望帮助解决孩子上学问题" in text and mask_id(mine[0]["id_number"]) in text
    assert mine[0]["id_number"] not in text

    xlsx = opinions.print_opinions(world.central, tmp_path / "意见.xlsx").path
    book = load_workbook(xlsx)
    assert book.sheetnames == ["单位A", "单位B"]
    cells = [c for row in book["单位B"].iter_rows() for c in row if c.value is not None]
    formula = next(c for c in cells if str(c.value).startswith("=HYPERLINK"))
    assert formula.data_type == "s"  # what was said stays text, never a live formula

    with pytest.raises(NotFound) as unknown:
        opinions.unit_reports(world.central, "单位C")
    assert unknown.value.params["known"] == ("单位A", "单位B")


def test_units_past_due_are_flagged_until_noted_as_sent(
    heard_world: tuple[World, list[dict[str, Any]]],
) -> None:
    world, _mine = heard_world
    assert opinions.overdue(world.central, date(2027, 2, 4)) == []
    late = opinions.overdue(world.central, date(2027, 2, 5))
    assert [(o.unit, o.due, o.opinions) for o in late] == [
        ("单位A", date(2027, 2, 4), 1), ("单位B", date(2027, 2, 4), 2),
    ]  # fmt: skip
    assert late[0].reason.key == "flag.opinions_overdue"

    assert opinions.mark_sent(world.central, "单位A", actor=on(date(2027, 2, 6))) == date(
        2027, 2, 6
    )
    assert [o.unit for o in opinions.overdue(world.central, date(2027, 2, 7))] == ["单位B"]
    with pytest.raises(Conflict) as twice:
        opinions.mark_sent(world.central, "单位A", actor=on(date(2027, 2, 7)))
    assert twice.value.params == {"unit": "单位A", "day": "2027-02-06"}

    assert opinions.set_opinions_due(world.central, "2027-02-10") == date(2027, 2, 10)
    assert opinions.overdue(world.central, date(2027, 2, 7)) == []
    with pytest.raises(InvalidInput) as early:
        opinions.set_opinions_due(world.central, "2027-01-01")
    assert early.value.key == "opinions.due_early"


def test_the_command_line(heard_world: tuple[World, list[dict[str, Any]]], tmp_path: Path,
                          capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    world, _mine = heard_world
    db = str(world.central.path)
    world.central.close()
    monkeypatch.setenv("WARMVISIT_USER", "clerk")
    # set, then delete: monkeypatch then restores "unset" even though --lang sets it
    monkeypatch.setenv("WARMVISIT_LANG", "zh")
    monkeypatch.delenv("WARMVISIT_LANG")

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--db", db, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    code, out, _err = run("opinions", "due")
    assert (code, out) == (0, "意见建议应于 2027-02-04 前报送\n")
    code, out, _err = run("--json", "opinions", "report", "--out", str(tmp_path / "a.pdf"))
    assert code == 0 and json.loads(out)["units"] == 2 and json.loads(out)["opinions"] == 3
    code, _out, err = run("opinions", "sent", "--unit", "单位Z")
    assert code == 1 and "没有报送单位“单位Z”的应访户，现有单位：单位A、单位B" in err
    # on 2027-02-05 both units are overdue in flags, until one is noted as sent
    monkeypatch.setattr(opinions, "Actor", lambda: on(date(2027, 2, 5)))
    code, out, _err = run("--json", "flags")
    late = [f for f in json.loads(out)["flags"] if f["kind"] == "opinions_overdue"]
    assert [f["unit"] for f in late] == ["单位A", "单位B"]
    assert late[1]["detail"] == "单位“单位B”的意见建议应于2027-02-04前报送，尚未报送（已收集2条）"
    code, out, _err = run("opinions", "sent", "--unit", "单位A", "--on", "2027-02-03")
    assert (code, out) == (0, "已记录：单位“单位A”的意见建议于 2027-02-03 报送\n")
    code, out, _err = run("opinions", "list")
    assert "2027-02-03 已报送" in out and "逾期未报送" in out
    code, out, _err = run("--lang", "en", "flags")
    assert "The opinions of unit “单位B” were due by 2027-02-04" in out and "“单位A”" not in out
