"""The end of day as a team leader walked it (issue 18): the counter named as a team member,
and a count that money went out after says it is stale."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from app.store.db import Store
from app.ui.main_window import MainWindow
from tests.bundle_world import World
from tests.ui.builders import draw_mouse, line

pytestmark = pytest.mark.usefixtures("cheap_scrypt")


def count_bodies(store: Store) -> list[dict]:
    rows = store.conn.execute("SELECT body FROM event WHERE kind = 'cash_count'").fetchall()
    return [json.loads(r[0]) for r in rows]


def test_the_count_names_the_member_and_goes_stale_when_money_goes_out(
    qtbot, world: World  # noqa: ANN001
) -> None:  # fmt: skip
    laptop = world.t1
    window = MainWindow(laptop, laptop.path)
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.form.findChild(type(window.day_page.buttons["back"]), "dayButton"),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    day = window.day_page
    assert [day.counter.itemText(i) for i in range(day.counter.count())] == ["王一", "李二"]
    day.counter.setCurrentIndex(1)
    qtbot.keyClicks(day.counted, "5000")
    qtbot.mouseClick(day.buttons["saveCount"], Qt.MouseButton.LeftButton)
    assert [b["by"] for b in count_bodies(laptop)] == ["李二"]  # what the daily log prints
    assert "李二" in day.last_count.text() and "过时" not in day.last_count.text()
    qtbot.mouseClick(day.buttons["back"], Qt.MouseButton.LeftButton)
    window.start_visit(0)  # a visit hands cash over after the count
    page = window.visit_page
    cash = page.values()["cash"]
    assert cash
    qtbot.mouseClick(page.groups["met"].button(1), Qt.MouseButton.LeftButton)
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    screen = window.recipient_screen
    assert screen is not None
    qtbot.addWidget(screen)
    screen.handback_ms = 0
    draw_mouse(screen.pad, line(40, 400, 120))
    screen.confirm_button.click()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.signed_page)
    window.show_day()
    text = day.last_count.text()
    assert text.startswith(f"⚠ 清点后又发放了 ¥{cash}，这次清点已过时，请重新清点")
