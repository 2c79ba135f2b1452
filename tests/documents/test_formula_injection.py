"""What people typed is written to every workbook as text, never as a live formula (issue 17):
a household named =HYPERLINK(…), a cost named =cmd|' /C calc'!A0, opinions and a unit that
begin with "=". The app's own sums stay formulas."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.documents.roster_files import write_roster_xlsx
from app.domain.visits import Handover, Outcome, VisitInput, VisitMode
from app.services.campaign import revisions
from app.services.campaign.budget import compute_budget, write_budget
from app.services.oversight import opinions
from app.services.printing.daily_log import print_daily_log
from app.services.printing.summary import print_summary
from app.services.teams.assignment import write_schedule
from app.services.visits import recording as visits
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

pytestmark = pytest.mark.usefixtures("cheap_scrypt")

LINK = '=HYPERLINK("http://evil","点我")'
CALC = "=cmd|' /C calc'!A0"
SAID = "=1+1 这是意见"


def hostile_cells(path: Path) -> list[tuple[str, str]]:
    """(value, type) of every cell the test's hostile texts reached."""
    book = load_workbook(path)
    return [(str(c.value), c.data_type) for ws in book.worksheets for row in ws.iter_rows()
            for c in row if isinstance(c.value, str)
            and any(t in c.value for t in (LINK, CALC, SAID, "=U"))]  # fmt: skip


def formulas(path: Path) -> list[str]:
    book = load_workbook(path)
    return [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row
            if c.data_type == "f"]  # fmt: skip


def test_every_workbook_writes_typed_text_as_text(world: World, tmp_path: Path) -> None:
    mine = team_households(world.t1, "T1")
    target = mine[0]
    for store in (world.central, world.t1):  # as if the roster had said so
        store.conn.execute("UPDATE household SET name = ?, unit = '=U' WHERE id = ?",
                           [LINK, target["id"]])  # fmt: skip
    cash, goods, goods_fen = STANDARD[target["category"]]
    visits.record_visit(
        world.t1,
        VisitInput(household_id=target["id"], day=DAY, mode=VisitMode.HOME,
                   outcome=Outcome.VISITED, visitors=("王一",), opinions=SAID,
                   handovers=(Handover(target["category"], cash_fen=cash, goods=goods,
                                       goods_fen=goods_fen),)),
        actor=TEAM_ACTOR,
    )  # fmt: skip
    assert merge(world.central, export(world, world.t1)).outcome == "applied"
    revisions.add_cost(world.central, name=CALC, amount="10", actor=ACTOR)

    written = {
        "budget": tmp_path / "budget.xlsx",
        "summary": print_summary(world.central, tmp_path / "summary.xlsx", by="unit",
                                 actor=ACTOR).path,
        "daily": print_daily_log(world.t1, tmp_path / "daily.xlsx", team="T1", day=DAY).path,
        "opinions": opinions.print_opinions(world.central, tmp_path / "opinions.xlsx").path,
        "schedule": tmp_path / "schedule.xlsx",
        "roster": tmp_path / "roster.xlsx",
    }  # fmt: skip
    write_budget(written["budget"], compute_budget(world.central), lang="zh")
    write_schedule(world.central, written["schedule"])
    write_roster_xlsx(written["roster"], ["姓名", CALC], [[LINK, SAID]], title="=U 名单")

    for name, path in written.items():
        found = hostile_cells(path)
        assert found, name  # the text reached the workbook …
        assert {kind for _v, kind in found} == {"s"}, (name, found)  # … as text
    # the app's own sums are still formulas
    assert any(f.startswith("=SUM(") for f in formulas(written["budget"]))
    assert any(f.startswith("=SUM(") for f in formulas(written["summary"]))
    assert any(f.startswith("=SUM(") for f in formulas(written["daily"]))
    assert not any(LINK in f or CALC in f or SAID in f for p in written.values()
                   for f in formulas(p))  # fmt: skip
