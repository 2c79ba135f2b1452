"""The signature pad: pen, touch and mouse strokes store alike, twins are dropped, ink gates
the confirm button, and what is drawn is what is stored."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QInputDevice, QMouseEvent, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.domain.signature import signed_content, unpack_strokes, verify
from app.ui.signature_pad import SignaturePad
from tests.ui.builders import draw_mouse, line

BEIJING = timezone(timedelta(hours=8))
Cap = QInputDevice.Capability


@pytest.fixture
def pad(qtbot):
    ticks = itertools.count(0, 8)  # a sample every 8 ms, like a 125 Hz pen
    widget = SignaturePad(
        clock=lambda: datetime(2027, 1, 20, 14, 31, 5, tzinfo=BEIJING),
        monotonic=lambda: next(ticks) / 1000,
    )
    qtbot.addWidget(widget)
    widget.resize(800, 260)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def touch(pad: SignaturePad, device: QPointingDevice):
    # The QWindow overload: the QWidget one is off by the widget's offset in its window here.
    return QTest.touchEvent(pad.window().windowHandle(), device)


def at(pad: SignaturePad, x: float, y: float) -> QPoint:
    return pad.mapTo(pad.window(), QPoint(round(x), round(y)))


def send_tablet(pad, device, kind, x: float, y: float, pressure: float) -> None:
    buttons = (
        Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else Qt.MouseButton.LeftButton
    )
    pos = QPointF(x, y)
    event = QTabletEvent(
        kind, device, pos, pad.mapToGlobal(pos), pressure, 0, 0, 0, 0, 0,
        Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, buttons,
    )  # fmt: skip
    QApplication.sendEvent(pad, event)


def pen(capabilities: Cap = Cap.Position | Cap.Pressure) -> QPointingDevice:
    return QPointingDevice(
        "Wacom One pen", 7, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
        capabilities, 1, 2,
    )  # fmt: skip


def is_dark(color: QColor) -> bool:
    return color.lightness() < 110


# --- input ---------------------------------------------------------------------------------------


def test_mouse_stroke_is_stored_with_increasing_time_and_no_pressure(pad):
    draw_mouse(pad, [(50, 100), (80, 110), (120, 125), (170, 130), (230, 120)])
    (stroke,) = pad.strokes()
    assert [(x, y) for x, y, _t, _p in stroke] == [
        (500, 1000), (800, 1100), (1200, 1250), (1700, 1300), (2300, 1200)
    ]  # fmt: skip
    times = [t for _x, _y, t, _p in stroke]
    assert times[0] == 0 and all(a < b for a, b in itertools.pairwise(times))
    assert all(p is None for *_xyt, p in stroke)
    assert pad.device_type == "mouse"


def test_touch_follows_one_finger(pad):
    device = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen, Cap.Position)
    touch(pad, device).press(0, at(pad, 100, 150))
    touch(pad, device).move(0, at(pad, 150, 160)).press(1, at(pad, 400, 50))  # a second finger
    touch(pad, device).move(0, at(pad, 200, 170)).move(1, at(pad, 420, 60))
    touch(pad, device).release(0, at(pad, 260, 170)).stationary(1)
    touch(pad, device).move(1, at(pad, 500, 80))  # left alone, it still draws nothing
    touch(pad, device).release(1, at(pad, 500, 80))
    (stroke,) = pad.strokes()
    assert [(x, y, p) for x, y, _t, p in stroke] == [
        (1000, 1500, None), (1500, 1600, None), (2000, 1700, None), (2600, 1700, None)
    ]  # fmt: skip
    assert pad.device_type == "touchscreen"
    assert pad.device_name == device.name()


def test_touch_pressure_is_kept_when_the_screen_reports_it(pad):
    device = QTest.createTouchDevice(
        QInputDevice.DeviceType.TouchScreen, Cap.Position | Cap.Pressure
    )
    touch(pad, device).press(0, at(pad, 100, 150))
    touch(pad, device).release(0, at(pad, 140, 150))
    (stroke,) = pad.strokes()
    assert all(isinstance(p, int) for *_xyt, p in stroke)


@pytest.mark.parametrize(
    "device_type", [QInputDevice.DeviceType.TouchScreen, QInputDevice.DeviceType.Stylus]
)
def test_synthesised_mouse_twins_are_dropped(pad, device_type):
    device = QPointingDevice(
        "twin source", 9, device_type, QPointingDevice.PointerType.Finger, Cap.Position, 10, 0
    )
    for kind, x in [
        (QEvent.Type.MouseButtonPress, 100), (QEvent.Type.MouseMove, 300),
        (QEvent.Type.MouseButtonRelease, 500),
    ]:  # fmt: skip
        pos = QPointF(x, 100)
        event = QMouseEvent(
            kind, pos, pos, pad.mapToGlobal(pos), Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, device,
        )  # fmt: skip
        QApplication.sendEvent(pad, event)
    assert pad.strokes() == []
    assert not pad.has_enough_ink()


def test_pen_stroke_is_stored_with_pressure(pad):
    device = pen()
    send_tablet(pad, device, QEvent.Type.TabletPress, 100.25, 50.5, 0.25)
    send_tablet(pad, device, QEvent.Type.TabletMove, 140.5, 60.0, 0.5)
    send_tablet(pad, device, QEvent.Type.TabletRelease, 180.0, 62.3, 0.75)
    (stroke,) = pad.strokes()
    assert [(x, y, p) for x, y, _t, p in stroke] == [
        (1002, 505, 256),
        (1405, 600, 512),
        (1800, 623, 768),
    ]  # fmt: skip  (sub-pixel positions kept ×10)
    assert pad.device_type == "stylus"
    assert pad.device_name == "Wacom One pen"


def test_pen_without_pressure_capability_stores_null_pressure(pad):
    device = pen(Cap.Position)
    send_tablet(pad, device, QEvent.Type.TabletPress, 100, 50, 0.4)
    send_tablet(pad, device, QEvent.Type.TabletRelease, 150, 50, 0.4)
    (stroke,) = pad.strokes()
    assert [p for *_xyt, p in stroke] == [None, None]


def test_a_finger_cannot_join_an_open_pen_stroke(pad):
    device = pen()
    finger = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen, Cap.Position)
    send_tablet(pad, device, QEvent.Type.TabletPress, 100, 50, 0.4)
    touch(pad, finger).press(0, at(pad, 300, 200))  # the palm
    send_tablet(pad, device, QEvent.Type.TabletMove, 130, 55, 0.4)
    touch(pad, finger).release(0, at(pad, 300, 200))
    send_tablet(pad, device, QEvent.Type.TabletRelease, 160, 60, 0.4)
    (stroke,) = pad.strokes()
    assert len(stroke) == 3
    assert pad.device_type == "stylus"


def test_right_button_does_not_draw_and_there_is_no_context_menu(pad):
    QTest.mouseClick(
        pad, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, QPoint(100, 100)
    )
    assert pad.strokes() == []
    assert pad.contextMenuPolicy() == Qt.ContextMenuPolicy.PreventContextMenu


# --- ink -----------------------------------------------------------------------------------------


def test_ink_changed_follows_the_ink(pad, qtbot):
    assert not pad.has_enough_ink()
    with qtbot.assertNotEmitted(pad.inkChanged):
        draw_mouse(pad, [(100, 100), (102, 101)])  # a dot is not a signature
    with qtbot.waitSignal(pad.inkChanged) as blocker:
        draw_mouse(pad, line(100, 500, 120))
    assert blocker.args == [True]
    with qtbot.waitSignal(pad.inkChanged) as blocker:
        pad.clear()
    assert blocker.args == [False]
    assert pad.strokes() == [] and not pad.has_enough_ink()


def test_a_resize_clears_the_ink(pad, qtbot):
    draw_mouse(pad, line(100, 500, 120))
    assert pad.has_enough_ink()
    with qtbot.waitSignal(pad.inkChanged) as blocker:
        pad.resize(900, 300)
    assert blocker.args == [False]
    assert pad.strokes() == []


def test_ink_needs_one_and_a_half_centimetres(pad, qtbot):
    min_px = 1.5 / 2.54 * pad.logical_dpi_x()
    with qtbot.assertNotEmitted(pad.inkChanged):
        draw_mouse(pad, line(100, 100 + int(min_px) - 1, 120))
    with qtbot.waitSignal(pad.inkChanged):
        draw_mouse(pad, line(100, 100 + int(min_px) + 1, 160))


# --- painting ------------------------------------------------------------------------------------


def test_grab_shows_the_stroke_and_the_hint_goes(pad):
    before = pad.grab().toImage()
    hint_area = [(x, y) for x in range(0, 800, 3) for y in range(60, 175, 3)]
    assert any(is_dark(before.pixelColor(x, y)) for x, y in hint_area)  # 请在此处签名
    draw_mouse(pad, line(100, 700, 230, steps=30))
    after = pad.grab().toImage()
    assert all(is_dark(after.pixelColor(x, 230)) for x in range(110, 690, 20))
    assert not any(is_dark(after.pixelColor(x, y)) for x, y in hint_area)


def test_sizes_and_contrast():
    def luminance(color: QColor) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(color.redF())
            + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF())
        )

    light, dark = luminance(SignaturePad.BACKGROUND), luminance(SignaturePad.HINT_COLOR)
    assert (light + 0.05) / (dark + 0.05) >= 4.5
    assert SignaturePad.HINT_PX >= 24
    assert SignaturePad.MIN_HEIGHT >= 200


def test_minimum_height(pad):
    assert pad.minimumHeight() >= 200


# --- the record ----------------------------------------------------------------------------------


def test_record_binds_strokes_content_and_device(pad):
    draw_mouse(pad, line(100, 500, 120))
    draw_mouse(pad, [(520, 80), (560, 140), (600, 90)])
    shown = signed_content(
        campaign="2027春节", visit="v-1", disbursement="d-1", household="h-1",
        recipient_name="张三", id_tail="1234", cash_fen=100000, cash_capitals="人民币壹仟元整",
        goods=["大米10kg×1袋"], organiser="XX区总工会", team="第一慰问组", date="2027-01-20",
        statement_version="1",
    )  # fmt: skip
    record = pad.record(content=shown, signer_role="recipient", signer_name="张三")
    assert unpack_strokes(record.strokes) == pad.strokes()
    assert (record.pad_width, record.pad_height) == (800, 260)
    assert record.device_pixel_ratio_x100 == round(pad.devicePixelRatioF() * 100)
    assert record.device_type == "mouse"
    assert record.started_at == record.ended_at == "2027-01-20T14:31:05+08:00"
    assert verify(record, shown)
    assert not verify(record, {**shown, "cash_fen": 100001})


def test_record_needs_ink(pad):
    with pytest.raises(ValueError):
        pad.record(content={}, signer_role="recipient", signer_name="张三")
