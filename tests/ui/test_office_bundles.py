"""The office window's 回传包 page, driven as the clerk would: a stick folder dropped, each
bundle previewed as merging would go and nothing stored, 合并 as one job, the ledger, the
quarantine, and the teams' assignment bundles written with their credentials shown once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLabel, QTableWidget

from app.domain.visits import Outcome, VisitInput, VisitMode
from app.services.visits import recording as visits
from app.store.db import Store
from app.ui.office.bundles_page import BundlesPage
from app.ui.office.read_table import cells
from tests.bundle_world import DAY, TEAM_ACTOR, World, export, standard_handover, team_households

pytestmark = pytest.mark.usefixtures("cheap_scrypt")


def pay(store: Store, household: dict[str, Any]) -> None:
    """A visit at home, 已慰问, the category's standard handed over."""
    visits.record_visit(
        store,
        VisitInput(household_id=household["id"], day=DAY, mode=VisitMode.HOME,
                   outcome=Outcome.VISITED, visitors=("王一", "李二"),
                   handovers=(standard_handover(household),)),
        actor=TEAM_ACTOR,
    )  # fmt: skip


def events(store: Store) -> tuple[int, int, int]:
    one = store.conn.execute
    return (one("SELECT count(*) FROM event").fetchone()[0],
            one("SELECT count(*) FROM bundle_log").fetchone()[0],
            one("SELECT count(*) FROM quarantine").fetchone()[0])  # fmt: skip


@pytest.fixture
def page(qtbot: Any, world: World) -> BundlesPage:
    p = BundlesPage(world.central)
    qtbot.addWidget(p)
    p.resize(1246, 700)
    p.show()
    return p


def idle(qtbot: Any, p: BundlesPage) -> None:
    qtbot.waitUntil(lambda: p.job is None and p.export.job is None, timeout=20000)


def drop(p: BundlesPage, paths: list[Path]) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(x)) for x in paths])
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    p.dropEvent(event)  # as Qt delivers it after a drag entered (sendEvent skips drops)
    assert event.isAccepted()


def test_a_stick_is_previewed_then_merged_with_one_click(
    qtbot: Any, page: BundlesPage, world: World
) -> None:
    hh = team_households(world.t1, "T1")
    pay(world.t1, hh[0])
    first = export(world, world.t1)
    pay(world.t1, hh[1])
    second = export(world, world.t1)  # cumulative: the first visit again, and the second
    before = events(world.central)
    drop(page, [first.parent])
    idle(qtbot, page)
    assert events(world.central) == before  # the preview stored nothing
    assert cells(page.table, 1) == ["T1", "T1"] and cells(page.table, 3) == ["1", "2"]
    assert all(s.startswith("✓ ") for s in cells(page.table, 4))
    assert cells(page.table, 9) == ["可合并", "可合并"]
    assert page.merge_button.text() == "合并2个包(&M)"
    with qtbot.waitSignal(page.changed, timeout=20000):
        qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, page)
    assert events(world.central)[0] > before[0]
    assert cells(page.table, 9) == ["已合并", "已合并"] and not page.merge_button.isEnabled()
    assert page.summary.text().startswith("已合并2 · 新记录")
    assert {first.name, second.name} <= set(cells(page.ledger, 3))
    # the same stick again: nothing to merge
    drop(page, [first.parent])
    idle(qtbot, page)
    assert cells(page.table, 9) == ["已导入过", "已导入过"] and not page.merge_button.isEnabled()


def test_a_restored_laptops_bundle_goes_to_quarantine(
    qtbot: Any, page: BundlesPage, world: World
) -> None:
    hh = team_households(world.t1, "T1")
    pay(world.t1, hh[0])
    drop(page, [export(world, world.t1)])
    idle(qtbot, page)
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    idle(qtbot, page)
    backup = world.copy(world.t1, "backup.db")
    pay(world.t1, hh[1])
    pay(backup, hh[2])
    drop(page, [export(world, world.t1, "now"), export(world, backup, "restored")])
    idle(qtbot, page)
    assert cells(page.table, 9)[0] == "可合并"
    assert cells(page.table, 9)[1].startswith("矛盾→隔离区：")
    assert events(world.central)[2] == 0
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    idle(qtbot, page)
    assert events(world.central)[2] == 1
    assert page.tabs.tabText(2) == "隔离区 1"
    q = page.quarantine
    page.tabs.setCurrentWidget(q)
    assert cells(q.list, 2) == ["T1"] and cells(q.list, 5) == ["待决定"]
    headings = [w.findChild(QLabel).text() for w in q.branch_tables]
    # side by side, in the order of their first record: what the store has, what the stick brought
    assert {h.split(" · ")[1] for h in headings} == {"已合并", "此包（隔离中）"}
    assert all(h.split(" · ")[2].startswith("现金¥") for h in headings)
    proofs = [cells(q.findChild(QTableWidget, f"branch_{n}"), 4) for n in (1, 2)]
    assert all(p and set(p) <= {"没有凭证", ""} and "没有凭证" in p for p in proofs)  # unsigned
    qtbot.mouseClick(q.decide_button, Qt.MouseButton.LeftButton)
    assert q.message.text() == "决定必须写明原因"
    qtbot.mouseClick(q.keep, Qt.MouseButton.LeftButton, pos=QPoint(8, q.keep.height() // 2))
    q.reason.setFocus()
    q.reason.insert("备份恢复的旧电脑，此包不计")  # as an input method commits it
    with qtbot.waitSignal(q.changed):
        qtbot.mouseClick(q.decide_button, Qt.MouseButton.LeftButton)
    assert q.message.text() == "已决定：0条记录计入"
    assert cells(q.list, 5) == ["已决定"] and page.tabs.tabText(2) == "隔离区"


def test_assignment_bundles_are_written_and_the_credential_shown_once(
    qtbot: Any, page: BundlesPage, world: World, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    export_tab = page.export
    page.tabs.setCurrentWidget(export_tab)
    assert cells(export_tab.table, 0) == ["T1", "T2"]
    rect = export_tab.table.visualRect(export_tab.table.model().index(1, 0))
    qtbot.mouseClick(export_tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClicks(export_tab.folder, str(stick))
    assert export_tab.button.text() == "导出1个组的分派包(&X)"
    qtbot.mouseClick(export_tab.button, Qt.MouseButton.LeftButton)
    idle(qtbot, page)
    [written] = list(stick.glob("*.wvb"))
    assert "T2" in written.name
    dialog = export_tab.credentials
    assert dialog is not None and dialog.isVisible()
    credential = world.template.t2_credential  # the team's credential is kept, not renewed
    assert dialog.lines[0].text().startswith(f"T2　{credential}")
    assert credential not in written.read_bytes().decode("latin-1")
    assert written.name in cells(page.ledger, 3)
