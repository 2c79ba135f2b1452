"""活动设置 → 修改活动设置…: the clerk changes the campaign's facts after it was created, as the
services keep them — a reason required, a bad value refused with its sentence and nothing
changed, a preview of how many households' rule results a new 低保标准 changes, the facts line
and the history following the change."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from app.services.campaign import facts
from app.services.campaign import setup as campaigns
from app.services.households.eligibility import evaluate_eligibility
from app.services.infra.context import require_campaign
from app.services.printing.notice import notice_settings
from app.services.printing.settings import print_settings
from app.services.rosters.importing import import_roster
from app.store.db import Store
from app.ui.office.campaign_page import CampaignPage
from app.ui.office.read_table import cells
from tests.builders import ACTOR, SAMPLE_CSV, fixture_path


def ime(widget: Any, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def retype(qtbot: Any, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        ime(edit, text)


def click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "office.db")
    campaigns.init_campaign(
        s, name="2027年春节送温暖", organizer="区总工会", start=date(2027, 1, 20),
        end=date(2027, 1, 28), min_living="780", actor=ACTOR,
    )  # fmt: skip
    import_roster(s, fixture_path(SAMPLE_CSV), unit="单位A", skip_invalid=True, actor=ACTOR)
    yield s
    s.close()


def choose(qtbot: Any, dialog: Any, words: str) -> None:
    """The field picked with the keyboard, as a clerk would (Down until it shows)."""
    dialog.field.setFocus()
    for _ in range(dialog.field.count()):
        if dialog.field.currentText() == words:
            return
        qtbot.keyClick(dialog.field, Qt.Key.Key_Down)
    assert dialog.field.currentText() == words


def test_the_clerk_changes_the_window_end_with_a_reason(qtbot: Any, store: Store) -> None:
    page = CampaignPage(store)
    qtbot.addWidget(page)
    page.show()
    assert "走访2027-01-20至2027-01-28" in page.facts.facts.text()
    click(qtbot, page.facts.revise_button)
    dialog = page.facts.revise_dialog
    assert dialog is not None and dialog.isVisible()
    choose(qtbot, dialog, "走访结束日期")
    assert (dialog.current.text(), dialog.value.text()) == ("2027-01-28", "2027-01-28")

    retype(qtbot, dialog.value, "2027-01-10")
    retype(qtbot, dialog.reason, "提前结束")
    click(qtbot, dialog.save_button)
    assert dialog.message.text() == "走访结束日期2027-01-10早于开始日期2027-01-20"
    assert require_campaign(store).end == date(2027, 1, 28)

    retype(qtbot, dialog.value, "2027-02-03")
    dialog.reason.clear()
    click(qtbot, dialog.save_button)
    assert dialog.message.text() == "修改活动设置需要写明原因"

    retype(qtbot, dialog.reason, "春节后补访")
    click(qtbot, dialog.save_button)
    assert dialog.message.text() == "已修改“走访结束日期”：2027-01-28 → 2027-02-03"
    assert "走访2027-01-20至2027-02-03" in page.facts.facts.text()
    assert [cells(dialog.history, c) for c in range(1, 5)] == [
        ["走访结束日期"], ["2027-01-28"], ["2027-02-03"], ["春节后补访"]]  # fmt: skip
    assert dialog.reason.text() == ""


def test_the_preview_counts_the_households_a_new_minimum_changes(qtbot: Any, store: Store) -> None:
    page = CampaignPage(store)
    qtbot.addWidget(page)
    page.show()
    click(qtbot, page.facts.revise_button)
    dialog = page.facts.revise_dialog
    choose(qtbot, dialog, "低保标准")
    assert (dialog.current.text(), dialog.value.text()) == ("¥780.00", "780.00")
    retype(qtbot, dialog.value, "2000")
    click(qtbot, dialog.preview_button)
    expected = facts.preview_change(store, "min_living", "2000").rules_changed
    assert expected
    assert dialog.consequence.text() == f"改后有 {expected:,} 户的符合条件结果会变"
    before = {r.id: r.rule for r in evaluate_eligibility(store)}
    retype(qtbot, dialog.reason, "新低保标准")
    click(qtbot, dialog.save_button)
    assert dialog.message.text() == (
        f"已修改“低保标准”：¥780.00 → ¥2,000.00；{expected:,} 户的符合条件结果随之改变"
    )
    after = {r.id: r.rule for r in evaluate_eligibility(store)}
    assert sum(1 for h in before if before[h] != after[h]) == expected
    assert "低保标准¥2,000.00" in page.facts.facts.text()


def test_the_clerk_sets_the_notice_period_and_sees_each_categorys_letter(
    qtbot: Any, store: Store
) -> None:
    campaigns.add_category(store, code="R", name="退休困难职工", cash="500", actor=ACTOR)
    campaigns.add_category(store, code="K", name="困难职工", cash="800", actor=ACTOR)
    page = CampaignPage(store)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.printing)
    part = page.printing
    assert cells(part.templates, 2) == ["退休职工", "职工"]
    retype(qtbot, part.edits["notice_days"], "七")
    retype(qtbot, part.edits["notice_start"], "2027-01-05")
    click(qtbot, part.save_button)
    assert part.message.text() == "公示天数“七”无效，请写 1 至 366 的整数"
    assert print_settings(store) == {}  # nothing kept, not even the good start date

    retype(qtbot, part.edits["notice_days"], "7")
    part.masks["notice_id_mask"].setFocus()
    qtbot.keyClick(part.masks["notice_id_mask"], Qt.Key.Key_Down)  # 部分遮盖 → 只显示后四位
    click(qtbot, part.save_button)
    assert part.message.text() == "已保存 3 项打印设置"
    assert print_settings(store) == {
        "notice_days": "7", "notice_start": "2027-01-05", "notice_id_mask": "tail"}  # fmt: skip
    notice = notice_settings(store, "区总工会", date(2027, 1, 2))
    assert (notice.start, notice.end, notice.id_mask) == (
        date(2027, 1, 5), date(2027, 1, 11), "tail")  # fmt: skip
