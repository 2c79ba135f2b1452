"""From the visit form to the recipient screen, the signature, the locked record, a void and a
new record; a recipient who cannot sign; a refused record; the screen lock."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import cn2an
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from app.domain.errors import InvalidInput
from app.domain.events import SIGNATURE
from app.i18n import render
from app.services.laptop import lock as team_lock
from app.services.visits.drafts import load_draft
from app.services.visits.signing import locked_visit, signed_visits
from app.store.db import Store
from app.ui import signing_session
from app.ui.household_model import HouseholdTable
from app.ui.main_window import MainWindow
from app.ui.recipient_screen import RecipientScreen
from app.ui.signing_session import SigningEnd, SigningOutcome
from tests.ui.builders import draw_mouse, line


def open_screen(qtbot, window: MainWindow, **form: str) -> RecipientScreen:  # noqa: ANN001
    window.start_visit(0)
    page = window.visit_page
    page.texts["opinions"].setPlainText("希望解决供暖问题")
    for name, value in form.items():
        page.texts[name].setText(value)
    assert page.save_button.text() == "交受助人确认"
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    screen = window.recipient_screen
    assert screen is not None
    qtbot.addWidget(screen)
    screen.handback_ms = 0
    qtbot.waitExposed(screen)
    return screen


def shown_text(screen: RecipientScreen) -> str:
    return "\n".join(label.text() for label in screen.findChildren(QLabel) if label.isVisible())


def sign_on(qtbot, screen: RecipientScreen) -> None:  # noqa: ANN001
    draw_mouse(screen.pad, line(40, 400, 120))
    assert screen.confirm_button.isEnabled()


def events(store: Store, kind: str) -> int:
    return store.conn.execute("SELECT count(*) FROM event WHERE kind = ?", [kind]).fetchone()[0]


def test_recipient_screen_shows_what_is_signed_and_nothing_private(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    screen = open_screen(qtbot, window)
    assert screen.isFullScreen()
    text = shown_text(screen)
    assert "张三" in text and screen.amount.text() == "¥1,000.00"
    assert screen.capitals.text() == "人民币" + cn2an.an2cn("1000", "rmb")
    assert "大米一袋" in text and "本人已收到上述慰问金和慰问品。" in text
    id_number, phone = store.conn.execute(
        "SELECT id_number, phone FROM household WHERE name = '张三'"
    ).fetchone()
    assert id_number not in text and id_number[-4:] in text
    assert phone not in text and "大沽街道" not in text and "供暖" not in text
    assert not screen.confirm_button.isEnabled()  # no ink yet
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    assert screen.isVisible() and events(store, "visit") == 0  # Enter never confirms
    sign_on(qtbot, screen)
    screen.resize(screen.width() - 10, screen.height())
    qtbot.waitUntil(lambda: not screen.confirm_button.isEnabled(), timeout=2000)


def test_confirm_stores_the_signature_and_locks_the_record(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    screen = open_screen(qtbot, window)
    sign_on(qtbot, screen)
    screen.confirm_button.click()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.signed_page, timeout=3000)
    assert not screen.isVisible() and events(store, SIGNATURE) == 1
    household_id = store.conn.execute("SELECT id FROM household WHERE name = '张三'").fetchone()[0]
    visit = locked_visit(store, household_id)
    assert visit is not None and visit.intact
    code = visit.signatures[0].record.check_code
    page_text = "\n".join(label.text() for label in window.signed_page.findChildren(QLabel))
    assert code in page_text and "¥1,000.00" in page_text
    # Opening the household again shows the locked record, never the form (no editing).
    window._visit_finished(True)
    assert window.model.data(window.model.index(0, HouseholdTable.STATUS)) == "✓已慰问"
    window.start_visit(0)
    assert window.pages.currentWidget() is window.signed_page


def test_the_visit_is_stored_before_the_recipient_is_told_and_the_end_is_heard_once(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    """Killed during 已签收 ✓, the laptop keeps what the recipient was told."""
    screen = open_screen(qtbot, window)
    session = window.signing
    ends: list[SigningEnd] = []
    session.ended.connect(ends.append)
    household_id = window.visit_page.household.id
    screen.handback_ms = 300
    sign_on(qtbot, screen)
    screen.confirm_button.click()
    assert screen.done_label.isVisible() and screen.isVisible()
    with closing(sqlite3.connect(store.path)) as other:  # what a restart would read
        kinds = [k for (k,) in other.execute("SELECT kind FROM event ORDER BY rowid")]
    assert kinds.count("visit") == 1 and kinds.count(SIGNATURE) == 1
    assert load_draft(store, household_id) is None
    assert ends == [] and window.signing is session  # the team gets it back after the message
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.signed_page, timeout=3000)
    qtbot.wait(50)
    visit = locked_visit(store, household_id)
    assert ends == [SigningEnd(SigningOutcome.SIGNED, household_id, visit.visit_id)]
    assert not screen.isVisible() and window.signing is None


def test_esc_asks_and_goes_back_with_the_form_intact(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    screen = open_screen(qtbot, window)
    ends: list[SigningEnd] = []
    window.signing.ended.connect(ends.append)
    sign_on(qtbot, screen)
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    box = screen.return_prompt
    assert box.text() == "返回工作人员界面？签名将清除"
    next(b for b in box.buttons() if b.text() == "返回").click()
    assert not screen.isVisible() and window.pages.currentWidget() is window.visit_page
    assert window.visit_page.values()["opinions"] == "希望解决供暖问题"
    assert events(store, "visit") == 0 and not screen.pad.strokes()
    assert [e.outcome for e in ends] == [SigningOutcome.TEAM] and window.signing is None


def test_a_refused_record_closes_the_screen_without_telling_the_recipient(
    qtbot,
    window: MainWindow,
    store: Store,
    monkeypatch,  # noqa: ANN001
) -> None:
    """The service refuses (here: paid meanwhile by another team's record): no 已签收 ✓ on the
    recipient's side; the team reads why next to the button, the form as it was."""
    refusal = InvalidInput("visit.already_paid", date="2027-01-20", category="KN")

    def refuse(*_args: object, **_kw: object) -> None:
        raise refusal

    monkeypatch.setattr(signing_session, "record_visit", refuse)
    screen = open_screen(qtbot, window)
    ends: list[SigningEnd] = []
    window.signing.ended.connect(ends.append)
    sign_on(qtbot, screen)
    screen.confirm_button.click()
    assert not screen.isVisible() and not screen.done_label.isVisibleTo(screen)
    assert [e.outcome for e in ends] == [SigningOutcome.REFUSED] and ends[0].error is refusal
    page = window.visit_page
    assert window.pages.currentWidget() is page
    assert page.saved_label.text() == render(refusal, "zh")
    assert page.values()["opinions"] == "希望解决供暖问题" and events(store, "visit") == 0


def test_three_quiet_minutes_clear_the_signature(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    screen = open_screen(qtbot, window)
    sign_on(qtbot, screen)
    screen._idle.start(10)  # three minutes, shortened
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=2000)
    assert events(store, "visit") == 0
    assert window.visit_page.saved_label.text() == "签名未完成，已清除，请重新交受助人签名"
    assert not window.lock_screen.isHidden()  # and the laptop is locked until the team returns


def test_void_needs_a_reason_and_the_pin_then_a_new_record(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    team_lock.set_pin(store, "2468")
    screen = open_screen(qtbot, window)
    sign_on(qtbot, screen)
    screen.confirm_button.click()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.signed_page, timeout=3000)
    window.signed_page.buttons["void"].click()
    dialog = window.void_dialog
    dialog.reason.setText("金额录错")
    dialog.pin.setText("1111")
    dialog.check()
    assert dialog.isVisible() and dialog.message.text() == "密码不对，请再试"
    dialog.pin.setText("2468")
    dialog.check()
    assert window.pages.currentWidget() is window.visit_page  # a new record, prefilled
    household_id = window.visit_page.household.id
    assert locked_visit(store, household_id) is None
    (old,) = signed_visits(store, household_id)
    assert old.voided and old.signed  # kept, marked void
    screen = open_screen(qtbot, window)
    sign_on(qtbot, screen)
    screen.confirm_button.click()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.signed_page, timeout=3000)
    assert [v.voided for v in signed_visits(store, household_id)] == [False, True]


def test_cannot_sign_takes_two_witnesses(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    window.start_visit(0)
    page = window.visit_page
    page.cannot_sign.setCurrentIndex(page.cannot_sign.findData("illiterate"))
    page.save()
    screen = window.recipient_screen
    qtbot.addWidget(screen)
    screen.handback_ms = 0
    assert "按手印" in screen.statement.text()
    draw_mouse(screen.pad, line(40, 400, 120))
    assert not screen.confirm_button.isEnabled()  # the witness's name first
    screen.witness_name.setText("李二")
    assert screen.confirm_button.isEnabled()
    screen.confirm_button.click()
    assert screen.skip_button.isVisible() and not screen.pad.strokes()
    screen.witness_name.setText("邻居刘姐")
    draw_mouse(screen.pad, line(40, 420, 110))
    screen.confirm_button.click()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.signed_page, timeout=3000)
    household_id = store.conn.execute("SELECT id FROM household WHERE name = '张三'").fetchone()[0]
    visit = locked_visit(store, household_id)
    assert [s.record.signer_name for s in visit.signatures] == ["李二", "邻居刘姐"]
    page_text = "\n".join(label.text() for label in window.signed_page.findChildren(QLabel))
    assert "按手印" in page_text and "李二、邻居刘姐" in page_text


def test_lock_now_and_unlock_with_the_pin(qtbot, window: MainWindow, store: Store) -> None:  # noqa: ANN001
    team_lock.set_pin(store, "1357")
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.start_visit(0)
    window.visit_page.texts["conditions"].setPlainText("屋里很冷")
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    lock = window.lock_screen
    assert lock.isVisible() and lock.geometry() == window.rect()
    lock_text = "\n".join(label.text() for label in lock.findChildren(QLabel))
    assert "记录已保存" in lock_text and "张三" not in lock_text
    lock.pin.setText("0000")
    lock.try_unlock()
    assert lock.isVisible() and lock.message.text() == "密码不对，请再试"
    for key in "1357":
        lock._key(key)
    lock._key("解锁")
    assert not lock.isVisible()
    assert window.pages.currentWidget() is window.visit_page
    assert window.visit_page.values()["conditions"] == "屋里很冷"


def test_idle_minutes_warn_then_lock(qtbot, window: MainWindow, store: Store) -> None:  # noqa: ANN001
    window.show()
    seen: list[int] = []
    window.idle._warn = seen.append  # the countdown overlay, recorded
    window.idle.countdown.setInterval(5)
    window.idle.timer.start(5)
    qtbot.waitUntil(window.lock_screen.isVisible, timeout=3000)
    assert seen[:2] == [30, 29]


def test_a_key_or_a_click_during_the_countdown_keeps_the_window_open(
    qtbot, window: MainWindow
) -> None:  # noqa: ANN001, E501
    from PySide6.QtCore import Qt

    window.show()
    seen: list[int] = []
    window.idle._warn = seen.append
    window.idle.countdown.setInterval(60_000)  # the countdown holds at 30 while we act
    for act in (
        lambda: qtbot.keyClick(window.search, "a"),
        lambda: qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton),
    ):
        window.idle.timer.start(5)
        qtbot.waitUntil(window.idle.countdown.isActive, timeout=3000)
        assert seen[-1] == 30
        act()
        assert not window.idle.countdown.isActive() and window.idle.timer.isActive()
        assert seen[-1] == 0  # the warning hidden again
    assert not window.lock_screen.isVisible()


@pytest.mark.parametrize("size", [(1366, 768), (1093, 560)])
def test_recipient_screen_fits_without_scrolling(
    qtbot,
    window: MainWindow,
    size: tuple[int, int],  # noqa: ANN001
) -> None:
    screen = open_screen(qtbot, window)
    screen.showNormal()
    screen.resize(*size)
    qtbot.wait(50)
    assert screen.pad.height() >= 200 and screen.pad.width() >= 0.6 * size[0]
    assert screen.confirm_button.height() >= 64 and screen.confirm_button.width() >= 200
    bottom = screen.confirm_button.mapTo(screen, screen.confirm_button.rect().bottomLeft()).y()
    assert bottom <= size[1]


def test_print_the_receipt_and_the_letter_from_the_signed_screen(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    from pypdf import PdfReader

    screen = open_screen(qtbot, window)
    sign_on(qtbot, screen)
    screen.confirm_button.click()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.signed_page, timeout=3000)
    code = window.signed_page.visit.signatures[0].record.check_code
    window.signed_page.buttons["printReceipt"].click()
    qtbot.waitUntil(lambda: window.signed_page.status.text().startswith("已保存"), timeout=10_000)
    receipt = window.last_printed
    text = "".join(page.extract_text() for page in PdfReader(receipt).pages)
    assert "张三" in text and "1,000.00" in text and code in text
    window.signed_page.buttons["printLetter"].click()
    qtbot.waitUntil(lambda: window.last_printed != receipt, timeout=10_000)
    letter = "".join(page.extract_text() for page in PdfReader(window.last_printed).pages)
    assert "张三" in letter and "区总工会" in letter
