"""The team window: phone visits (who answered, no signature screen, only 本人 counts where the
person must be reached), contradictions refused with a sentence, a void that updates the list at
once, the signed visit stored before the recipient is told, and the laptop's date outside the
campaign asked about before the first visit of the day."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.domain.events import DISBURSEMENT, SIGNATURE, VISIT
from app.services.laptop import lock as team_lock
from app.services.visits import plan
from app.services.visits.signing import locked_visit
from app.store.db import Store
from app.ui import clock
from app.ui.household_model import HouseholdTable
from app.ui.main_window import MainWindow
from tests.ui.builders import draw_mouse, line


def events(store: Store, kind: str) -> int:
    return store.conn.execute("SELECT count(*) FROM event WHERE kind = ?", [kind]).fetchone()[0]


def status(window: MainWindow) -> str:
    return window.model.data(window.model.index(0, HouseholdTable.STATUS))


def phone_visit(window: MainWindow, answered: int, outcome: int = 1) -> None:
    """The form of 张三 on its planned mode (电话): who answered, the outcome, 保存."""
    window.start_visit(0)
    page = window.visit_page
    page.groups["answered"].button(answered).click()
    page.groups["outcome"].button(outcome).click()
    page.save()


def test_a_planned_phone_visit_asks_who_answered_and_never_opens_the_signature_screen(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    plan.set_planned_mode(store, "电话", units=["单位A"])
    window.start_visit(0)
    page = window.visit_page
    assert page.values()["mode"] == "phone"  # the plan's mode, not 上门
    assert page.groups["answered"].button(1).isVisibleTo(page)
    assert not page.texts["cash"].isVisibleTo(page) and not page.cannot_sign.isVisibleTo(page)
    assert not page.groups["met"].button(2).isVisibleTo(page)  # nobody collects by phone
    assert page.save_button.text() == "保存(&S)"
    assert "家属接听或无人接听不算已慰问" in page.phone_note.text()
    page.groups["answered"].button(2).click()  # 家属
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.recipient_screen is None and window.pages.currentIndex() == 0
    assert (events(store, VISIT), events(store, DISBURSEMENT), events(store, SIGNATURE)) == (
        1,
        0,
        0,
    )
    assert status(window) == "✕未联系到本人"
    assert window.progress_line.text().startswith("已慰问 0/4 户 · 已发 ¥0.00")
    window.list_filter.setCurrentIndex(window.list_filter.findData("revisit"))
    assert window.model.rowCount() == 1  # to be called again
    window.list_filter.setCurrentIndex(window.list_filter.findData("all"))
    phone_visit(window, answered=1)  # 本人, called again
    assert status(window) == "✓已慰问"
    assert window.progress_line.text().startswith("已慰问 1/4 户 · 已发 ¥0.00")


def test_where_the_person_need_not_be_reached_a_relative_counts(
    window: MainWindow, store: Store
) -> None:
    plan.set_planned_mode(store, "电话", campaign=True)
    plan.set_phone_must_reach(store, False)
    phone_visit(window, answered=2)
    assert status(window) == "✓已慰问"
    assert window.progress_line.text().startswith("已慰问 1/4 户")


@pytest.mark.parametrize(
    ("mode", "answered", "met", "outcome", "sentence"),
    [
        (2, 1, None, 6, "“本人”接听了电话，结果不能是“联系不上”"),
        (2, 3, None, 1, "无人接听时结果不能是“已慰问”"),
        (1, None, 2, 2, "结果为“不在家”时没有见到人，不能代领"),
    ],
)  # fmt: skip
def test_contradictions_are_refused_with_a_sentence_and_nothing_stored(
    window: MainWindow, store: Store, mode: int, answered: int | None, met: int | None,
    outcome: int, sentence: str,
) -> None:  # fmt: skip
    window.start_visit(0)
    page = window.visit_page
    page.groups["mode"].button(mode).click()
    if answered:
        page.groups["answered"].button(answered).click()
    if met:
        page.groups["met"].button(met).click()
        for name, value in (("proxyName", "张小明"), ("proxyRelation", "儿子"),
                            ("proxyReason", "住院")):  # fmt: skip
            page.texts[name].setText(value)
    page.groups["outcome"].button(outcome).click()
    page.texts["attemptedAt"].setText("10:30")
    page.save()
    assert page.aids.error_label.text() == "✕ " + sentence  # beside the field it is about
    assert window.pages.currentWidget() is page and events(store, VISIT) == 0


def sign(qtbot, window: MainWindow, handback_ms: int = 0):  # noqa: ANN001, ANN201
    window.start_visit(0)
    qtbot.keyClick(window.visit_page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    screen = window.recipient_screen
    qtbot.addWidget(screen)
    screen.handback_ms = handback_ms
    qtbot.waitExposed(screen)
    draw_mouse(screen.pad, line(40, 400, 120))
    screen.confirm_button.click()
    return screen


def test_after_a_void_and_esc_the_list_and_top_line_no_longer_count_the_payment(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    team_lock.set_pin(store, "2468")
    sign(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.signed_page, timeout=3000)
    window._visit_finished(True)
    assert window.progress_line.text().startswith("已慰问 1/4 户 · 已发 ¥1,000.00")
    window.start_visit(0)
    window.signed_page.buttons["void"].click()
    window.void_dialog.reason.setText("金额录错")
    window.void_dialog.pin.setText("2468")
    window.void_dialog.check()
    assert window.pages.currentWidget() is window.visit_page  # the new record
    assert window.progress_line.text().startswith("已慰问 0/4 户 · 已发 ¥0.00")
    qtbot.keyClick(window.visit_page, Qt.Key.Key_Escape)  # leave the new record for later
    assert window.pages.currentIndex() == 0
    assert status(window) == "✎草稿"  # the new record, left for later
    assert window.progress_line.text().startswith("已慰问 0/4 户 · 已发 ¥0.00")


def test_closed_during_the_three_second_message_the_visit_is_stored(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    screen = sign(qtbot, window, handback_ms=3000)
    assert screen.done_label.isVisible()  # 已签收 ✓ 请将电脑交还工作人员
    household_id = window.visit_page.household.id
    window.close()  # the laptop shut in those 3 s
    with closing(sqlite3.connect(store.path)) as restart:
        kinds = [k for (k,) in restart.execute("SELECT kind FROM event")]
    assert (kinds.count(VISIT), kinds.count(DISBURSEMENT), kinds.count(SIGNATURE)) == (1, 1, 1)
    assert locked_visit(store, household_id) is not None


def test_a_laptop_date_after_the_campaign_is_asked_about_before_the_first_visit(
    window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2027, 2, 5))
    window.start_visit(0)
    box = window.day_prompt
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == "电脑上的日期是2027年2月5日，活动已于2027年1月28日结束。"
    assert "改正电脑的日期和时间" in box.informativeText()
    assert box.defaultButton().text() == "返回"
    box.defaultButton().click()  # 返回: nothing opened, the list as it was
    assert window.pages.currentIndex() == 0
    window.start_visit(0)
    go_on = next(b for b in window.day_prompt.buttons() if b.text() == "继续走访")
    go_on.click()
    assert window.pages.currentWidget() is window.visit_page
    window.visit_page.leave()
    window.start_visit(0)  # said once for the day: not asked again
    assert window.day_prompt is None and window.pages.currentWidget() is window.visit_page


def test_a_laptop_date_before_the_campaign_says_when_it_starts(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 31))
    window.start_visit(0)
    assert window.day_prompt.text() == "电脑上的日期是2026年12月31日，活动2027年1月20日才开始。"
    assert window.pages.currentIndex() == 0  # nothing opened until the team answers
