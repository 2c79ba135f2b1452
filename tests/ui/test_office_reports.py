"""The office window's 报表, driven as the clerk would: a document chosen, its settings, Ctrl+P
writes it to the 打印 folder beside the database (opened in the viewer on a real screen); the
audit read on the page."""

from __future__ import annotations

from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt

from app.domain.visits import Outcome, VisitInput, VisitMode
from app.services.bundles import exchange as bundles
from app.services.visits import recording as visits
from app.ui.office.read_table import cells
from app.ui.office.reports_page import ReportsPage
from tests.bundle_world import (
    ACTOR,
    DAY,
    TEAM_ACTOR,
    World,
    export,
    standard_handover,
    team_households,
)

pytestmark = pytest.mark.usefixtures("cheap_scrypt")


@pytest.fixture
def page(qtbot: Any, world: World) -> ReportsPage:
    """T1 paid one household at home, merged at the office."""
    [first, *_rest] = team_households(world.t1, "T1")
    visits.record_visit(
        world.t1,
        VisitInput(household_id=first["id"], day=DAY, mode=VisitMode.HOME,
                   outcome=Outcome.VISITED, visitors=("王一",),
                   handovers=(standard_handover(first),)),
        actor=TEAM_ACTOR,
    )  # fmt: skip
    bundles.import_bundle(world.central, export(world, world.t1), actor=ACTOR)
    p = ReportsPage(world.central)
    qtbot.addWidget(p)
    p.resize(1246, 700)
    p.show()
    return p


def choose(qtbot: Any, p: ReportsPage, word: str) -> None:
    rows = [p.kinds.item(r).text() for r in range(p.kinds.count())]
    p.kinds.setFocus()
    p.kinds.setCurrentRow(0)
    for _ in range(rows.index(word)):
        qtbot.keyClick(p.kinds, Qt.Key.Key_Down)


def test_the_summary_by_team_is_written_as_xlsx(
    qtbot: Any, page: ReportsPage, world: World
) -> None:
    choose(qtbot, page, "汇总表")
    assert page.by.isVisible() and not page.team.isVisible()
    page.by.setCurrentIndex(page.by.findData("team"))
    page.format.setCurrentIndex(page.format.findData(".xlsx"))
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.job is None, timeout=30000)
    written = world.folder / "打印" / "汇总表.xlsx"
    assert page.message.text() == f"已写入 {written}" and page.open_folder.isVisible()
    sheet = openpyxl.load_workbook(written).worksheets[0]
    text = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert "第一组" in text


def test_receipts_of_a_team_go_to_a_pdf(qtbot: Any, page: ReportsPage, world: World) -> None:
    choose(qtbot, page, "签收表")
    page.team.setCurrentIndex(page.team.findData("T1"))
    page.all_days.setChecked(True)
    qtbot.mouseClick(page.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.job is None, timeout=30000)
    written = world.folder / "打印" / "签收表-T1.pdf"
    assert written.read_bytes().startswith(b"%PDF")


def test_the_audit_is_read_on_the_page(qtbot: Any, page: ReportsPage) -> None:
    choose(qtbot, page, "审计：钱款核对")
    assert page.make_button.text() == "核对(&P)"
    qtbot.mouseClick(page.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.job is None, timeout=30000)
    assert cells(page.audit, 0)[:2] == ["汇总", "第一组"]
    assert cells(page.audit, 4)[0] == cells(page.audit, 4)[1]  # all of it handed by T1
    assert "发放1户" in page.message.text()
