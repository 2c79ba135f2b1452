"""The lock, F1 and 今日计划 as a team leader walked them (issue 18): wrong PINs in a row meet
a growing wait, F1 says what each screen is for, an empty 今日计划 says so."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from app.services.laptop import lock as team_lock
from app.store.db import Store
from app.ui.main_window import MainWindow


def press(qtbot, window: MainWindow, digits: str) -> None:  # noqa: ANN001
    screen = window.lock_screen
    keys = {b.text(): b for b in screen.findChildren(QPushButton)}
    for digit in digits:
        qtbot.mouseClick(keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keys["解锁"], Qt.MouseButton.LeftButton)


def test_wrong_pins_in_a_row_meet_a_growing_wait(qtbot, window: MainWindow, store: Store,
                                                 monkeypatch) -> None:  # noqa: ANN001  # fmt: skip
    team_lock.set_pin(store, "2468")
    now = team_lock._now()
    monkeypatch.setattr(team_lock, "_now", lambda: now)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    screen = window.lock_screen
    assert screen.isVisible()
    for _ in range(3):
        press(qtbot, window, "1111")
        assert screen.message.text() == "密码不对，请再试"
    press(qtbot, window, "1111")
    assert screen.message.text() == "密码连续输错，请等 5 秒再试"
    press(qtbot, window, "2468")  # even the right one waits
    assert screen.isVisible() and screen.message.text() == "密码连续输错，请等 5 秒再试"
    monkeypatch.setattr(team_lock, "_now", lambda: now + timedelta(seconds=6))
    press(qtbot, window, "1111")
    assert screen.message.text() == "密码连续输错，请等 10 秒再试"  # the wait doubles
    monkeypatch.setattr(team_lock, "_now", lambda: now + timedelta(seconds=17))
    press(qtbot, window, "2468")
    assert not screen.isVisible()
    assert team_lock.seconds_to_wait(store) == 0 and team_lock.try_pin(store, "1111") is False
    assert team_lock.seconds_to_wait(store) == 0  # the count started again


def test_f1_says_what_each_screen_is_for(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.search, Qt.Key.Key_F1)
    text = window.help_box.browser.toPlainText()
    assert text.startswith("▶ 名单") and "走访记录" in text and "日终清点" in text
    assert "Ctrl+Enter" in text and "受助人确认" in text
    window.help_box.close()
    window.start_visit(0)
    qtbot.keyClick(window.visit_page.texts["opinions"], Qt.Key.Key_F1)
    assert window.help_box.browser.toPlainText().startswith("▶ 走访记录")


def test_an_empty_plan_for_today_says_so(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 4)
    window.list_filter.setFocus()
    qtbot.keyClick(window.list_filter, Qt.Key.Key_End)  # the last choice: 今日计划
    assert window.list_filter.currentData() == "planned_today"
    assert window.model.rowCount() == 0
    assert window.empty_hint.text() == "今天没有计划走访的户。选“全部”可看所有的户"


def test_a_forgotten_pin_is_reset_with_the_team_credential(qtbot, window: MainWindow,
                                                           store: Store) -> None:  # noqa: ANN001  # fmt: skip
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

    from app.store import events as store_events
    from app.sync import keys
    from app.ui.lock import ResetPinDialog

    credential = keys.new_credential()
    for key, value in (("campaign_id", "c1"), ("team_id", "t1")):
        store_events.set_setting(store, key, value)
    store_events.set_setting(store, "team_mac_key", keys.team_mac_key(credential, "c1", "t1").hex())
    team_lock.set_pin(store, "2468")
    dialog = ResetPinDialog(store, window)
    qtbot.addWidget(dialog)
    edits = dialog.findChildren(QLineEdit)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(edits[0], keys.new_credential())  # another team's sheet
    qtbot.keyClicks(edits[1], "1357")
    qtbot.keyClicks(edits[2], "1357")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.message.text().startswith("组密码不对")
    assert team_lock.pin_matches(store, "2468")  # nothing changed
    edits[0].clear()
    qtbot.keyClicks(edits[0], credential.lower().replace("-", " "))  # as a person types it
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert team_lock.pin_matches(store, "1357") and not team_lock.pin_matches(store, "2468")
    # the lock screen offers it
    assert window.lock_screen.findChild(QPushButton, "forgotPin").text() == "忘记组长密码…"
