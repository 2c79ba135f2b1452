"""The recipient screen and the locked record as a team leader walked them (issue 18): the
signature under 已签收 ✓, a payment made meanwhile refused before confirming, by its name,
and 作废并重录 starting from the voided record."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.visits import Handover, Outcome, RecipientRole, VisitInput, VisitMode
from app.services.laptop import lock as team_lock
from app.services.visits.recording import record_visit
from app.store.db import Store
from app.ui import print_jobs
from app.ui.main_window import MainWindow
from app.ui.recipient_screen import RecipientScreen
from tests.ui.builders import draw_mouse, line


def open_screen(qtbot, window: MainWindow) -> RecipientScreen:  # noqa: ANN001
    window.start_visit(0)
    page = window.visit_page
    page.texts["opinions"].setPlainText("希望解决供暖问题")
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    screen = window.recipient_screen
    assert screen is not None
    qtbot.addWidget(screen)
    qtbot.waitExposed(screen)
    return screen


def test_the_signature_stays_under_the_received_banner(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    screen = open_screen(qtbot, window)
    screen.handback_ms = 60_000  # the banner stays while the test looks
    draw_mouse(screen.pad, line(40, 400, 120))
    size = screen.pad.size()
    qtbot.mouseClick(screen.confirm_button, Qt.MouseButton.LeftButton)
    assert screen.done_label.isVisible()
    QApplication.processEvents()
    assert screen.pad.size() != size  # the banner took room from the pad …
    assert screen.pad.strokes()  # … and the signature is still there, no 请在此处签名 again
    image = screen.pad.grab().toImage()
    assert min(image.pixelColor(x, 120).value() for x in range(190, 210)) < 128  # ink shown


def test_a_payment_made_meanwhile_is_refused_before_confirming_by_category_name(
    qtbot, window: MainWindow, store: Store,  # noqa: ANN001
) -> None:  # fmt: skip
    screen = open_screen(qtbot, window)
    visit = screen.prepared.visit
    # Another window (or a bundle) records a payment for the same household meanwhile.
    record_visit(store, VisitInput(
        household_id=visit.household_id, day=date(2027, 1, 21), mode=VisitMode.HOME,
        outcome=Outcome.VISITED, recipient_role=RecipientRole.SELF,
        handovers=(Handover(category_code="KN", cash_fen=100_000, goods="大米一袋",
                            goods_fen=10_000),),
    ))  # fmt: skip
    draw_mouse(screen.pad, line(40, 400, 120))  # the ink is there: refused before 确认签收
    assert not screen.isVisible()
    page = window.visit_page
    assert window.pages.currentWidget() is page
    assert page.error_text == "该户“困难职工”类慰问已于2027-01-21签收，不能重复发放"
    assert "KN" not in page.error_text


def test_void_and_redo_starts_from_the_voided_values(
    qtbot, window: MainWindow, store: Store
) -> None:  # noqa: ANN001
    screen = open_screen(qtbot, window)
    screen.handback_ms = 0
    draw_mouse(screen.pad, line(40, 400, 120))
    qtbot.mouseClick(screen.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.signed_page)
    team_lock.set_pin(store, "1234")
    qtbot.mouseClick(window.signed_page.buttons["void"], Qt.MouseButton.LeftButton)
    dialog = window.void_dialog
    qtbot.keyClicks(dialog.reason, "amount wrong")
    qtbot.keyClicks(dialog.pin, "1234")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.visit_page)
    assert window.visit_page.values()["opinions"] == "希望解决供暖问题"


def test_printing_says_where_the_file_is_and_opens_its_folder(
    qtbot, window: MainWindow, monkeypatch  # noqa: ANN001
) -> None:  # fmt: skip
    opened: list[str] = []
    monkeypatch.setattr(print_jobs, "open_url", lambda url: opened.append(url.toLocalFile()))
    screen = open_screen(qtbot, window)
    screen.handback_ms = 0
    draw_mouse(screen.pad, line(40, 400, 120))
    qtbot.mouseClick(screen.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.signed_page)
    qtbot.mouseClick(window.signed_page.buttons["printReceipt"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "saved_box", None) is not None, timeout=15_000)
    box = window.saved_box
    path = window.last_printed
    assert path.exists() and str(path.parent) in box.text() and path.name in box.text()
    folder = next(b for b in box.buttons() if b.text() == "打开文件夹(&O)")
    qtbot.mouseClick(folder, Qt.MouseButton.LeftButton)
    assert opened == [str(path.parent)]
