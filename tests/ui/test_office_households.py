"""慰问对象 in the office window, driven by keys and clicks: search as you type, a filter from
its menu, sort by a header click, Ctrl+A and a status change previewed then applied, 不予
without a reason refused, the detail pane, 认定依据 with a reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from app.domain.campaign import Status
from app.services.demo.campaign import make_demo
from app.services.households.eligibility import evaluate_eligibility
from app.store.db import Store
from app.ui.office import household_table as cols
from app.ui.office.households import HouseholdsPage
from app.ui.office.status_dialog import OverrideDialog, StatusDialog


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "office.db")
    make_demo(store, households=120, seed=3)
    yield store
    store.close()


@pytest.fixture
def page(qtbot, office: Store) -> Iterator[HouseholdsPage]:  # noqa: ANN001
    page = HouseholdsPage(office)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.extras is not None and page.index is not None, timeout=5000)
    yield page
    page.close()  # before the store closes


def ime(widget: QWidget, text: str) -> None:
    """Chinese as an input method commits it (QTest types ASCII keys only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def shown(page: HouseholdsPage, column: int = cols.NAME) -> list[str]:
    m = page.model
    return [m.data(m.index(r, column)) for r in range(m.rowCount())]


def statuses(store: Store) -> dict[str, int]:
    rows = store.conn.execute("SELECT status, count(*) FROM household GROUP BY status")
    return dict(rows.fetchall())


def test_search_as_you_type_one_character_pinyin_initials_and_an_id_tail(
    qtbot, page: HouseholdsPage, office: Store  # noqa: ANN001
) -> None:  # fmt: skip
    name, id_number = office.conn.execute(
        "SELECT name, id_number FROM household ORDER BY id LIMIT 1").fetchone()  # fmt: skip
    ime(page.search, name[0])
    assert shown(page) and all(name[0] in n for n in shown(page))
    assert name in shown(page)
    page.search.clear()
    initials = office.conn.execute(
        "SELECT initials FROM household_search s JOIN household h ON h.id = s.household_id"
        " WHERE h.name = ?", [name]).fetchone()[0].split()[0]  # fmt: skip
    qtbot.keyClicks(page.search, initials)
    assert name in shown(page)
    page.search.clear()
    qtbot.keyClicks(page.search, id_number[-6:])
    assert shown(page) == [name]
    assert shown(page, cols.ID)[0] != id_number and shown(page, cols.ID)[0].endswith(id_number[-4:])
    ime(page.search, "无此人")
    assert shown(page) == []
    page.show_detail()
    assert "没有找到" in page.detail.toPlainText()


def test_a_filter_from_its_menu_and_ctrl_shift_l_clears_it(
    qtbot, page: HouseholdsPage, office: Store  # noqa: ANN001
) -> None:  # fmt: skip
    first_street, n = office.conn.execute(
        "SELECT street, count(*) FROM household GROUP BY street ORDER BY 2 DESC"
    ).fetchone()
    menu: QMenu = page.filter_buttons["street"].menu()
    menu.aboutToShow.emit()
    action = next(a for a in menu.actions() if a.text().startswith(first_street))
    assert f"({n:,})" in action.text()
    action.trigger()
    assert page.model.rowCount() == n
    assert set(shown(page, cols.STREET)) == {first_street}
    assert first_street in page.chips.text()
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 120 and page.chips.text() == "未筛选"
    review = sum(1 for r in evaluate_eligibility(office) if r.rule is None)
    menu = page.filter_buttons["rule"].menu()
    menu.aboutToShow.emit()  # every household's rule is read now, by a worker
    qtbot.waitUntil(lambda: page.model.extras.rules is not None, timeout=5000)
    menu.aboutToShow.emit()
    next(a for a in menu.actions() if a.text().startswith("待审")).trigger()
    assert page.model.rowCount() == review
    assert set(shown(page, cols.RULE)) <= {"待审"}


def test_a_header_click_sorts_by_pinyin(qtbot, page: HouseholdsPage) -> None:  # noqa: ANN001
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(cols.NAME) + 5
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5)
    )
    first = shown(page)
    from pypinyin import lazy_pinyin

    keys = ["".join(lazy_pinyin(n)) for n in first]
    assert keys[:20] == sorted(keys)[:20]
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5)
    )
    assert shown(page) == list(reversed(first)) or shown(page)[0] != first[0]


def test_ctrl_a_and_a_status_change_previewed_then_applied(
    qtbot, page: HouseholdsPage, office: Store  # noqa: ANN001
) -> None:  # fmt: skip
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(page.selected_ids()) == 120
    assert "已选 120" in page.counts.text()
    qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, StatusDialog)
    dialog.status.setCurrentIndex(dialog.status.findData(Status.UNIT_REVIEWED.value))
    qtbot.waitUntil(dialog.apply_button.isEnabled, timeout=5000)
    assert "所选120户：将改为“单位审核”的120户" in dialog.summary.text()
    assert statuses(office) == {"applied": 120}  # nothing before 改
    with qtbot.waitSignal(page.changed, timeout=5000):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert statuses(office) == {"unit_reviewed": 120}
    assert set(shown(page, cols.STATUS)) == {"单位审核"}


def test_declining_needs_a_reason_and_skips_are_counted(
    qtbot, page: HouseholdsPage, office: Store  # noqa: ANN001
) -> None:  # fmt: skip
    page.table.selectRow(0)
    qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, StatusDialog)
    dialog.status.setCurrentIndex(dialog.status.findData(Status.DECLINED.value))
    qtbot.waitUntil(lambda: "改为不予须写明原因" in dialog.summary.text(), timeout=5000)
    assert not dialog.apply_button.isEnabled()
    ime(dialog.reason, "已迁出本区")
    qtbot.waitUntil(dialog.apply_button.isEnabled, timeout=5000)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: statuses(office).get("declined") == 1, timeout=5000)
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, StatusDialog)
    dialog.status.setCurrentIndex(dialog.status.findData(Status.UNIT_REVIEWED.value))
    qtbot.waitUntil(dialog.apply_button.isEnabled, timeout=5000)
    assert "将改为“单位审核”的119户" in dialog.summary.text()
    assert "跳过1户：1户不予（不恢复）" in dialog.summary.text()
    dialog.reject()


def test_enter_opens_the_detail_and_an_override_with_a_reason(
    qtbot, page: HouseholdsPage, office: Store  # noqa: ANN001
) -> None:  # fmt: skip
    page.table.setFocus()
    page.table.selectRow(2)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    hid = page.current_id()
    name, id_number = office.conn.execute(
        "SELECT name, id_number FROM household WHERE id = ?", [hid]).fetchone()  # fmt: skip
    text = page.detail.toPlainText()
    assert name in text and id_number[-4:] in text and id_number not in text
    assert "材料" in text and "历史" in text and "下一步：单位审核" in text
    qtbot.mouseClick(page.override_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, OverrideDialog)
    dialog.rule.setCurrentIndex(dialog.rule.findData("2"))
    dialog.save()
    assert "须写明" in dialog.message.text() or "理由" in dialog.message.text()
    ime(dialog.reason, "街道核实")
    dialog.save()
    qtbot.waitUntil(lambda: page.model.data(page.model.index(2, cols.RULE)) == "二", timeout=5000)
