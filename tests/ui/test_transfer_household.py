"""The team window and a household paid by bank transfer: the visit form says its money goes to
the card (the cash field disabled, with the reason), marks the transfer due, and opens the
signature screen only for goods by hand; by phone, the transfer due can be noted."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.events import DISBURSEMENT, SIGNATURE, VISIT, record_fields
from app.services.transfers import accounts
from app.services.visits.recording import live_state
from app.store.db import Store
from app.ui.fonts import register_fonts, ui_font
from app.ui.main_window import MainWindow

NOTE = "此户慰问金由财务转账到本人银行卡，慰问组不发现金"


def handed(store: Store) -> list[tuple[int, str, bool]]:
    """(cash fen, goods, transfer due) of each live disbursement."""
    return [(f["cash_fen"], f["goods"], f["transfer"]) for r in live_state(store).values()
            if r.kind == DISBURSEMENT and (f := record_fields(r))]  # fmt: skip


def events(store: Store, kind: str) -> int:
    return store.conn.execute("SELECT count(*) FROM event WHERE kind = ?", [kind]).fetchone()[0]


@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[None]:
    """The window's own face and size (18 px, the shipped CJK fallback), as the app sets it."""
    before = qapp.font()
    qapp.setFont(ui_font(register_fonts()))
    yield
    qapp.setFont(before)


def open_form(qtbot, window: MainWindow, store: Store):  # noqa: ANN001, ANN201
    """张三's visit form, 困难职工 paid by transfer, the window at 1366×768."""
    accounts.set_category_payment(store, "KN", "转账")
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.start_visit(0)
    return window.visit_page


def test_the_visit_form_of_a_transfer_household_has_no_cash_to_fill(
    qtbot,
    app_font: None,
    window: MainWindow,
    store: Store,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    page = open_form(qtbot, window, store)
    cash = page.texts["cash"]
    assert cash.isVisible() and not cash.isEnabled() and cash.text() == ""
    assert page.cash_note.isVisible() and page.cash_note.text() == NOTE
    assert page.transfer_due.isVisible() and page.transfer_due.isChecked()
    assert page.transfer_due.text() == "记为转账待发（财务转到本人银行卡，不用签名）"
    assert page.texts["goods"].text() == "大米一袋"  # goods are still handed over
    assert page.save_button.text() == "交受助人确认"
    shot = Path(os.environ.get("WARMVISIT_SHOT_DIR", tmp_path)) / "transfer_visit_form.png"
    assert page.grab().save(str(shot))
    # Goods by hand are signed for; the transfer part shows no money to the signer.
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    screen = window.recipient_screen
    assert screen is not None
    qtbot.addWidget(screen)
    assert screen.prepared.content["cash_fen"] == 0
    assert screen.prepared.content["goods"] == ["大米一袋"]
    assert screen.amount.text() == "慰问金由财务转账到本人银行卡"  # not ¥0.00
    assert not screen.capitals.isVisibleTo(screen)
    assert screen.grab().save(str(shot.with_name("transfer_recipient_screen.png")))
    assert events(store, VISIT) == 0  # nothing stored before 确认签收


def test_no_goods_and_the_transfer_due_is_saved_without_a_signature(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    page = open_form(qtbot, window, store)
    page.texts["goods"].setText("")
    page.texts["offReason"].setText("慰问品已由单位发放")
    assert page.save_button.text() == "保存(&S)"
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.recipient_screen is None and window.pages.currentIndex() == 0
    assert handed(store) == [(0, "", True)]
    assert (events(store, VISIT), events(store, SIGNATURE)) == (1, 0)


def test_by_phone_the_transfer_due_is_noted(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    page = open_form(qtbot, window, store)
    page.groups["mode"].button(2).click()  # 电话
    assert not page.texts["cash"].isVisible() and not page.cash_note.isVisible()
    assert page.transfer_due.isVisible() and page.transfer_due.isChecked()
    assert page.save_button.text() == "保存(&S)"
    page.groups["answered"].button(1).click()  # 本人
    page.save()
    assert window.pages.currentIndex() == 0
    assert handed(store) == [(0, "", True)]
    assert events(store, SIGNATURE) == 0


def test_a_household_paid_in_cash_keeps_its_cash_field(
    window: MainWindow,
    store: Store,
) -> None:
    window.start_visit(0)
    page = window.visit_page
    assert page.texts["cash"].isEnabled() and page.texts["cash"].text() == "1,000.00"
    assert not page.transfer_due.isVisibleTo(page) and not page.cash_note.isVisibleTo(page)


def test_the_list_says_a_transfer_households_money_goes_by_transfer(
    qtbot,
    window: MainWindow,
    store: Store,  # noqa: ANN001
) -> None:
    model = window.model
    amount = model.index(0, model.AMOUNT)
    assert model.data(amount) == "¥1,000.00"  # in cash: the sum the team hands over
    accounts.set_category_payment(store, "KN", "转账")
    household = model.household_id(0)
    assert household is not None
    model.load([household], {})  # as the next search reads the rows again
    assert model.data(model.index(0, model.AMOUNT)) == "转账 ¥1,000.00"
