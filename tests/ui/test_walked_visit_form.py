"""The visit form as a team leader walked it (issue 18; UX.md §3): Enter goes to the next
field, a choice group is left in one Tab and shows when it has the focus, a refused field's
message sits beside it with the focus there, and the side rail says 已填 or 未填."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.ui.main_window import MainWindow
from app.ui.visit_page import VisitPage


def opened(window: MainWindow) -> VisitPage:
    window.show()
    window.activateWindow()
    window.start_visit(0)
    page = window.visit_page
    assert window.pages.currentWidget() is page
    return page


def focused(window: MainWindow) -> object:
    """The widget with the focus in the window (the one keys go to when it is active)."""
    return window.focusWidget()


def test_enter_goes_from_field_to_field_and_a_group_is_left_in_one_step(
    qtbot, window: MainWindow  # noqa: ANN001
) -> None:  # fmt: skip
    page = opened(window)
    qtbot.waitActive(window)
    mode = page.groups["mode"]
    qtbot.waitUntil(lambda: focused(window) is mode.checkedButton())
    qtbot.keyClick(focused(window), Qt.Key.Key_Return)
    assert focused(window) is page.groups["outcome"].checkedButton()  # not 2 电话 of the same group
    qtbot.keyClick(focused(window), Qt.Key.Key_Tab)
    assert focused(window) is page.groups["met"].checkedButton()
    qtbot.keyClick(focused(window), Qt.Key.Key_2)  # 代领
    qtbot.keyClick(focused(window), Qt.Key.Key_Return)
    assert focused(window) is page.texts["proxyName"]
    qtbot.keyClicks(focused(window), "Zhang")
    qtbot.keyClick(focused(window), Qt.Key.Key_Return)
    assert focused(window) is page.texts["proxyRelation"]
    qtbot.keyClick(focused(window), Qt.Key.Key_Enter)
    assert focused(window) is page.texts["proxyReason"]
    qtbot.keyClick(focused(window), Qt.Key.Key_Return)
    notes = page.texts["conditions"]
    assert focused(window) is notes
    qtbot.keyClick(notes, Qt.Key.Key_Return)  # a note keeps Enter for its new line
    assert focused(window) is notes and notes.toPlainText() == "\n"


def test_the_focused_group_shows_apart_from_the_chosen_button(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    page = opened(window)
    chosen = page.groups["outcome"].checkedButton()
    mode = page.groups["mode"].checkedButton()
    qtbot.waitUntil(mode.hasFocus)
    without = chosen.grab().toImage()
    qtbot.keyClick(mode, Qt.Key.Key_Tab)
    qtbot.waitUntil(chosen.hasFocus)
    assert chosen.grab().toImage() != without  # the frame shows where the keys go
    assert "▶" in page.aids.rail.buttons["outcome"].text()


def test_a_missing_field_is_named_beside_it_and_takes_the_focus(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    page = opened(window)
    qtbot.waitActive(window)
    qtbot.mouseClick(page.groups["met"].button(2), Qt.MouseButton.LeftButton)  # 代领
    page.texts["proxyName"].setText("张小明")
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.recipient_screen is None
    label = page.findChild(QLabel, "fieldError")
    assert label.isVisible() and label.text() == "✕ 代领需要写明代领人姓名、与户主关系和代领原因"
    assert focused(window) is page.texts["proxyRelation"]  # the first one missing
    assert page.saved_label.text() == ""  # not small text at the bottom


def test_a_wrong_amount_is_named_beside_the_cash_field(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    page = opened(window)
    qtbot.waitActive(window)
    cash = page.texts["cash"]
    cash.setFocus()
    cash.selectAll()
    qtbot.keyClicks(cash, "abc")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    label = page.findChild(QLabel, "fieldError")
    assert label.isVisible() and label.text().startswith("✕ ")
    assert focused(window) is cash


def test_the_side_rail_says_filled_or_not_in_words(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    page = opened(window)
    qtbot.waitActive(window)
    rail = page.aids.rail.buttons
    assert "未填" in rail["opinions"].text() and "已填" in rail["outcome"].text()
    assert not rail["attempt"].isVisible()
    qtbot.mouseClick(rail["opinions"], Qt.MouseButton.LeftButton)  # jumps to the field
    assert focused(window) is page.texts["opinions"]
    qtbot.keyClicks(focused(window), "heating")
    assert "已填" in rail["opinions"].text()
    qtbot.mouseClick(rail["outcome"], Qt.MouseButton.LeftButton)  # to the group …
    qtbot.keyClick(focused(window), Qt.Key.Key_2)  # … and 2: 不在家
    assert rail["attempt"].isVisible() and "未填" in rail["attempt"].text()
    assert not rail["handover"].isVisible()


def test_once_put_right_the_sentence_goes_and_the_visit_goes_on(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    page = opened(window)
    qtbot.mouseClick(page.groups["met"].button(2), Qt.MouseButton.LeftButton)  # 代领
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    label = page.findChild(QLabel, "fieldError")
    assert label.isVisibleTo(page)
    for name, value in (("proxyName", "Zhang"), ("proxyRelation", "son"), ("proxyReason", "ill")):
        qtbot.keyClicks(page.texts[name], value)
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not label.isVisibleTo(page) and window.recipient_screen is not None
    qtbot.addWidget(window.recipient_screen)
