"""The office window's 问题清单, driven as the clerk would: kinds with counts, ↑↓ through the
flags, 1–9 pick a decision, a note, Ctrl+Enter saves and moves on; decided flags stay listed
with the decision when 显示已处理 is on."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from app.domain.visits import Outcome, VisitInput, VisitMode
from app.services.bundles import exchange as bundles
from app.services.campaign import setup as campaigns
from app.services.campaign.units import set_units
from app.services.oversight.flags import campaign_flags
from app.services.rosters.importing import import_roster
from app.services.visits import recording as visits
from app.store.db import Store
from app.ui.office.flags_page import FlagsPage
from app.ui.office.read_table import cells
from tests.builders import ACTOR as CLERK
from tests.builders import SAMPLE_CSV, fixture_path
from tests.bundle_world import ACTOR, DAY, TEAM_ACTOR, World, export, standard_handover
from tests.bundle_world import team_households as households_of

pytestmark = pytest.mark.usefixtures("cheap_scrypt")
CTRL = Qt.KeyboardModifier.ControlModifier


def pay(store: Store, household: dict[str, Any]) -> None:
    visits.record_visit(
        store,
        VisitInput(household_id=household["id"], day=DAY, mode=VisitMode.HOME,
                   outcome=Outcome.VISITED, visitors=("王一",),
                   handovers=(standard_handover(household),)),
        actor=TEAM_ACTOR,
    )  # fmt: skip


def ime(widget: Any, text: str) -> None:
    """Chinese typed as an input method commits it (QTest types ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def open_page(qtbot: Any, store: Store) -> FlagsPage:
    p = FlagsPage(store)
    qtbot.addWidget(p)
    p.resize(1246, 700)
    p.show()
    qtbot.waitUntil(lambda: p.job is None, timeout=20000)
    return p


def choose_kind(qtbot: Any, p: FlagsPage, word: str) -> None:
    rows = [p.kinds.item(r).text() for r in range(p.kinds.count())]
    [row] = [r for r, text in enumerate(rows) if text.startswith(word)]
    p.kinds.setFocus()
    p.kinds.setCurrentRow(0)
    for _ in range(row):
        qtbot.keyClick(p.kinds, Qt.Key.Key_Down)
    assert p.kinds.currentRow() == row


def open_kinds(store: Store) -> list[str]:
    return sorted(f.kind for f in campaign_flags(store))


@pytest.fixture
def doubled(world: World) -> World:
    """T1's household paid twice, from two laptops of the team."""
    hh = households_of(world.t1, "T1")
    pay(world.t1, hh[0])
    second = world.laptop("t1b.db")
    pay(second, hh[0])
    for laptop, stick in ((world.t1, "a"), (second, "b")):
        bundles.import_bundle(world.central, export(world, laptop, stick), actor=ACTOR)
    assert "double_payment" in open_kinds(world.central)
    return world


def test_a_double_payment_is_decided_from_the_keyboard(qtbot: Any, doubled: World) -> None:
    p = open_page(qtbot, doubled.central)
    assert p.kinds.item(0).text().startswith("全部")
    choose_kind(qtbot, p, "重复发放")
    assert cells(p.table, 0) == ["重复发放"]
    # both payments side by side: the same team, two laptops, neither signed
    evidence = p.pane.payments
    assert cells(evidence, 1) == ["T1", "T1"] and len(set(cells(evidence, 2))) == 2
    assert cells(evidence, 3) == ["¥500.00", "¥500.00"] and cells(evidence, 5) == ["无凭证"] * 2
    p.table.setFocus()
    buttons = [b.text() for b in p.pane.group.buttons()]
    assert buttons == ["&1 已追回", "&2 两笔都对", "&3 作废其一"]
    qtbot.keyClick(p.table, Qt.Key.Key_2)
    assert p.pane.chosen_code() == "both_right" and p.pane.recovery.isHidden()
    qtbot.keyClick(p.table, Qt.Key.Key_Return, CTRL)
    assert p.pane.problem.text() == "处理问题必须写明说明"
    qtbot.keyClick(p.table, Qt.Key.Key_Return)  # Enter goes to the note
    assert p.pane.note.hasFocus()
    ime(p.pane.note, "两户同名，已核实各自领取")
    with qtbot.waitSignal(p.changed):
        qtbot.keyClick(p.pane.note, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: p.job is None, timeout=20000)
    assert "double_payment" not in open_kinds(doubled.central)
    qtbot.mouseClick(p.show_all, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: p.job is None, timeout=20000)
    choose_kind(qtbot, p, "重复发放")
    assert cells(p.table, 5) == ["已处理"]
    assert "已处理：两笔都对" in p.pane.evidence.text()
    assert "两户同名，已核实各自领取" in p.pane.evidence.text()


def test_a_recovery_takes_its_amount_date_and_receipt(qtbot: Any, doubled: World) -> None:
    p = open_page(qtbot, doubled.central)
    choose_kind(qtbot, p, "重复发放")
    p.table.setFocus()
    qtbot.keyClick(p.table, Qt.Key.Key_1)
    assert p.pane.recovery.isVisible()
    qtbot.keyClicks(p.pane.amount, "1000")
    qtbot.keyClicks(p.pane.receipt, "SJ-0001")
    ime(p.pane.note, "第二笔已退回")
    qtbot.mouseClick(p.pane.button, Qt.MouseButton.LeftButton)
    assert p.pane.problem.text().startswith("追回金额")  # more than the payment handed over
    p.pane.amount.selectAll()
    qtbot.keyClicks(p.pane.amount, "500")
    qtbot.mouseClick(p.pane.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: p.job is None, timeout=20000)
    [decided] = [f for f in campaign_flags(doubled.central, include_resolved=True)
                 if f.kind == "double_payment"]  # fmt: skip
    assert decided.resolution is not None
    assert (decided.resolution.amount_fen, decided.resolution.receipt) == (50_000, "SJ-0001")


def test_over_quota_households_are_accepted_with_a_reason(qtbot: Any, tmp_path: Any) -> None:
    store = Store(tmp_path / "office.db")
    campaigns.init_campaign(store, name="春节送温暖", organizer="区总工会",
                            start=date(2027, 1, 20), end=date(2027, 1, 28), min_living="780",
                            actor=CLERK)  # fmt: skip
    set_units(store, name="单位A", quota=55, actor=CLERK)
    import_roster(store, fixture_path(SAMPLE_CSV), unit="单位A", skip_invalid=True, actor=CLERK)
    assert open_kinds(store) == ["over_quota"]
    p = open_page(qtbot, store)
    assert p.message.text() == "待处理 1 条"
    choose_kind(qtbot, p, "超额")
    assert [b.text() for b in p.pane.group.buttons()] == ["&1 接受", "&2 视为放弃"]
    ime(p.pane.note, "经研究同意增加名额")
    qtbot.keyClick(p.pane.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: p.job is None, timeout=20000)
    assert open_kinds(store) == []
    assert p.message.text() == "没有待处理的问题 ✓"
    store.close()


def test_a_restored_laptops_fork_is_the_first_alarm(qtbot: Any, world: World) -> None:
    hh = households_of(world.t1, "T1")
    pay(world.t1, hh[0])
    bundles.import_bundle(world.central, export(world, world.t1, "a"), actor=ACTOR)
    backup = world.copy(world.t1, "backup.db")
    pay(world.t1, hh[1])
    pay(backup, hh[2])
    for laptop, stick in ((world.t1, "b"), (backup, "c")):
        bundles.import_bundle(world.central, export(world, laptop, stick), actor=ACTOR)
    p = open_page(qtbot, world.central)
    assert p.kinds.item(1).text() == "⚠ 隔离区待决定　1"
    choose_kind(qtbot, p, "⚠ 隔离区待决定")
    assert cells(p.table, 2) == ["T1"]
    assert "在“回传包”页的隔离区对照两边并决定" in p.pane.evidence.text()
    assert not p.pane.note.isVisible()  # decided there, not here
