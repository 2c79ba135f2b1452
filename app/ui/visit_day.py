"""Before the first visit of a day whose date is outside the campaign's: a question, not a
silent record that turns up later as flags at the office (app/services/visits/dates.py).

The team may be right (the office allowed a late visit): 继续走访 goes on, and the question is
not asked again that day; 返回 (the default, and Esc) leaves the list as it was, so the laptop's
clock can be set first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import long_date
from app.services.visits.dates import confirm_visit_day, visit_day
from app.store.db import Store
from app.ui import clock
from app.ui.lang import language, t


def ask_visit_day(parent: QWidget, store: Store, go_on: Callable[[], None]) -> QMessageBox | None:
    """``go_on`` at once when the date is inside the campaign (or the team already said so
    today); else after the team answers 继续走访. Returns the question while it is open."""
    day = visit_day(store, clock.today())
    if not day.needs_warning:
        go_on()
        return None
    lang = language()
    when = long_date(day.day, lang)
    if day.early:
        first = t("电脑上的日期是{day}，活动{start}才开始。", day=when,
                  start=long_date(day.start, lang))  # fmt: skip
    else:
        first = t("电脑上的日期是{day}，活动已于{end}结束。", day=when,
                  end=long_date(day.end, lang))  # fmt: skip
    box = QMessageBox(QMessageBox.Icon.Warning, t("电脑日期不在活动期间"), first, parent=parent)
    box.setInformativeText(t("如果电脑日期不对，请先返回，改正电脑的日期和时间。如果日期没错，"
                             "可以继续走访：今天的记录会标明“活动期外”，由中心核对。"))  # fmt: skip
    go = box.addButton(t("继续走访"), QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton(t("返回"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)

    def answered(button: object) -> None:
        if button is go:
            confirm_visit_day(store, day.day)
            go_on()

    box.buttonClicked.connect(answered)
    box.open()
    return box
