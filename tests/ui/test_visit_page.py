"""Recording a visit in the window: defaults, autosave and recovery, saving, refusal."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.visits.drafts import load_draft
from app.store.db import Store
from app.ui.household_model import HouseholdTable
from app.ui.main_window import MainWindow


def test_form_opens_with_the_common_case(window: MainWindow) -> None:
    window.start_visit(0)
    page = window.visit_page
    assert window.pages.currentWidget() is page
    values = page.values()
    assert (values["mode"], values["outcome"], values["met"]) == ("home", "visited", "self")
    assert values["cash"] == "1,000.00" and values["goods"] == "大米一袋"
    assert not page.texts["proxyName"].isVisible()


def test_draft_saved_as_typed_and_restored_after_the_window_is_gone(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    window.start_visit(0)
    page = window.visit_page
    household_id = page.household.id
    page.texts["opinions"].setPlainText("希望解决供暖问题")
    qtbot.waitUntil(lambda: (load_draft(store, household_id) or {}).get("opinions")
                    == "希望解决供暖问题", timeout=3000)  # fmt: skip
    window.close()
    # No save, no leave(): a new window (as after a crash) must find the draft in the store.
    again = MainWindow(store, store.path)
    qtbot.addWidget(again)
    again.search.setText("张三")
    qtbot.waitUntil(lambda: again.model.rowCount() == 1, timeout=2000)
    again.start_visit(0)
    assert again.visit_page.values()["opinions"] == "希望解决供暖问题"
    assert again.visit_page.saved_label.text() == "已恢复草稿"


def test_number_keys_pick_and_proxy_fields_appear(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    window.start_visit(0)
    page = window.visit_page
    page.groups["met"].button(1).setFocus()
    qtbot.keyClick(page, Qt.Key.Key_2)
    assert page.values()["met"] == "proxy"
    assert page.texts["proxyName"].isVisibleTo(page)


def test_not_at_home_is_saved_at_once_with_its_revisit(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    window.start_visit(0)
    page = window.visit_page
    page.groups["outcome"].button(2).click()  # 不在家
    assert page.save_button.text() == "保存(&S)"
    assert page.texts["attemptedAt"].isVisibleTo(page) and not page.texts["cash"].isVisibleTo(page)
    page.texts["attemptedAt"].setText("10:30")
    page.save()
    assert window.pages.currentIndex() == 0
    status = window.model.data(window.model.index(0, HouseholdTable.STATUS))
    assert "不在家" in status
    assert window.progress_line.text() == "已慰问 0/4 户 · 已发 ¥0.00"
    # The card follows the list a moment later (it is not read on every key).
    qtbot.waitUntil(lambda: "10:30" in window.detail.toPlainText(), timeout=2000)
    assert "再次走访" in window.detail.toPlainText()


def test_phone_visit_asks_who_answered(window: MainWindow) -> None:
    window.start_visit(0)
    page = window.visit_page
    assert not page.groups["answered"].button(1).isVisibleTo(page)
    page.groups["mode"].button(2).click()  # 电话
    assert page.groups["answered"].button(1).isVisibleTo(page)
    page.groups["answered"].button(2).click()  # 家属
    visit = page.visit_input()
    assert visit.answered == "family" and not visit.reached_in_person and not visit.handovers


def test_a_draft_left_by_a_crash_is_offered_not_restored_silently(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    window.start_visit(0)
    window.visit_page.texts["conditions"].setPlainText("屋里很冷")
    window.visit_page.save_draft_now()
    again = MainWindow(store, store.path)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: hasattr(again, "draft_prompt") and again.draft_prompt.isVisible(),
                    timeout=2000)  # fmt: skip
    assert again.draft_prompt.text().startswith("上次有未完成的走访：张三（")
    assert again.pages.currentIndex() == 0  # nothing restored until the team says so
    continue_button = again.draft_prompt.buttons()[0]
    assert continue_button.text() == "继续"
    continue_button.click()
    assert again.pages.currentWidget() is again.visit_page
    assert again.visit_page.values()["conditions"] == "屋里很冷"
