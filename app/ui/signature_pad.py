"""The signature pad on the recipient screen: pen, finger or mouse in, vector strokes out.

What it stores and why is in UX.md §5 and ``app.domain.signature``. Here: which events count
(one pen, one finger or one mouse at a time; the mouse twins Windows and Qt synthesise from pen
and touch are dropped), when a sample is taken (on reception, from a monotonic clock, because
``QEvent.timestamp()`` is ~16 ms coarse on Windows), and painting only the new segment into a
cached image so a busy GUI thread does not make Qt merge pen events.

Windows press-and-hold, flicks and pen feedback are turned off on the recipient screen's native
window (``app.ui.win_pen``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QInputDevice,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPointingDevice,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.domain.signature import (
    METHOD_PAD,
    PRESSURE_SCALE,
    Cubic,
    Sample,
    SignatureRecord,
    content_sha256,
    has_enough_ink,
    open_segment,
    pack_strokes,
    pressure_width,
    settled_segment,
    strokes_sha256,
)
from app.i18n import N_
from app.ui.lang import t

_Type = QEvent.Type
_TOUCH_EVENTS = (_Type.TouchBegin, _Type.TouchUpdate, _Type.TouchEnd, _Type.TouchCancel)
_DeviceType = QInputDevice.DeviceType
# A mouse event from one of these is a twin of a pen or touch event we already took.
_TWIN_DEVICES = (
    _DeviceType.Stylus,
    _DeviceType.Airbrush,
    _DeviceType.Puck,
    _DeviceType.TouchScreen,
)

TABLET, TOUCH, MOUSE = "tablet", "touch", "mouse"


def _now() -> datetime:
    return datetime.now().astimezone()


class SignaturePad(QWidget):
    """One signing act. ``inkChanged(bool)`` says whether ``has_enough_ink`` holds.

    It emits when that changes while drawing, and always ``False`` on ``clear()`` and on a
    resize, so a confirm button can follow it. There is no undo and no context menu: the only
    way back is 重写 (``clear``).
    """

    inkChanged = Signal(bool)

    HINT = N_("请在此处签名")
    HINT_PX = 28  # recipient screen text ≥ 24 px (UX.md §10)
    BACKGROUND = QColor("#ffffff")
    HINT_COLOR = QColor("#595959")  # 7.0:1 on white; hints need ≥ 4.5:1 too
    BASELINE_COLOR = QColor("#8a8a8a")
    INK_COLOR = QColor("#0d1b4c")  # blue-black, like a ballpoint
    INK_MIN_PX, INK_MAX_PX = 1.6, 4.8  # on screen; receipts use 0.6–2.2 pt at print size
    MIN_WIDTH, MIN_HEIGHT = 400, 200

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = _now,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.setMinimumSize(self.MIN_WIDTH, self.MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._clock = clock  # wall time for started_at / ended_at
        self._monotonic = monotonic  # sample times: never jumps with the wall clock
        self._strokes: list[list[Sample]] = []
        self._source: str | None = None  # TABLET / TOUCH / MOUSE while a stroke is open
        self._touch_id: int | None = None  # the one touch point followed
        self._t0: float | None = None  # monotonic time of the first sample
        self._started_at = ""
        self._ended_at = ""
        self._devices: list[tuple[str, str]] = []  # (type, name) in order of first use
        self._enough = False
        self._frozen = False  # signed and confirmed: the ink stays on show, whatever the size
        self._image = QImage()
        self._open_rect = QRectF()

    # --- what the screen asks --------------------------------------------------------------

    def strokes(self) -> list[list[Sample]]:
        return [list(stroke) for stroke in self._strokes]

    def has_enough_ink(self) -> bool:
        return self._enough

    @property
    def device_type(self) -> str:
        """Device kinds that drew, in order of use: ``mouse``, ``stylus``, ``touchscreen+mouse``."""
        return "+".join(dict.fromkeys(kind for kind, _name in self._devices))

    @property
    def device_name(self) -> str:
        return " + ".join(dict.fromkeys(name for _kind, name in self._devices if name))

    def logical_dpi_x(self) -> float:
        """Logical px per physical inch, for the 1.5 cm ink rule; 96 when the screen is unsure."""
        screen = self.screen()
        dpi = screen.physicalDotsPerInchX() / self.devicePixelRatioF() if screen else 0.0
        return dpi if 50 <= dpi <= 400 else 96.0

    def freeze(self) -> None:
        """The signature is given: it stays visible (a resize no longer clears it) until the
        screen closes; the pad takes no more ink (it is disabled by its owner)."""
        self._frozen = True

    def clear(self) -> None:
        self._frozen = False
        self._strokes = []
        self._source = None
        self._touch_id = None
        self._started_at = self._ended_at = ""
        self._devices = []
        self._enough = False
        self._new_image()
        self.update()
        self.inkChanged.emit(False)

    def record(
        self,
        *,
        content: Mapping[str, Any],
        signer_role: str,
        signer_name: str,
        signer_relation: str = "",
        method: str = METHOD_PAD,
        reason: str = "",
        slip_number: str = "",
    ) -> SignatureRecord:
        """The signature event's record, bound to ``content`` (what the signer was shown)."""
        strokes = self.strokes()
        if not has_enough_ink(strokes, self.logical_dpi_x()):
            raise ValueError("the pad holds no signature yet")
        packed = pack_strokes(strokes)
        return SignatureRecord(
            pad_width=self.width(),
            pad_height=self.height(),
            device_pixel_ratio_x100=round(self.devicePixelRatioF() * 100),
            device_type=self.device_type,
            device_name=self.device_name,
            strokes=packed,
            started_at=self._started_at,
            ended_at=self._ended_at if self._source is None else self._timestamp(),
            signer_role=signer_role,
            signer_name=signer_name,
            signer_relation=signer_relation,
            strokes_sha256=strokes_sha256(packed),
            content_sha256=content_sha256(content),
            method=method,
            reason=reason,
            slip_number=slip_number,
        )

    # --- input -------------------------------------------------------------------------------

    def tabletEvent(self, event: QTabletEvent) -> None:
        # Accepted, so Qt sends no mouse twin; a twin from Windows is dropped in _is_twin.
        event.accept()
        device = event.pointingDevice()
        kind = event.type()
        if kind == _Type.TabletPress and self._source is None:
            self._begin(TABLET, device)
        if self._source != TABLET:
            return
        pressure = None
        if device is not None and device.hasCapability(QInputDevice.Capability.Pressure):
            pressure = round(event.pressure() * PRESSURE_SCALE)
        self._add(event.position(), pressure)
        if kind == _Type.TabletRelease:
            self._end()

    def event(self, event: QEvent) -> bool:
        if event.type() in _TOUCH_EVENTS:
            assert isinstance(event, QTouchEvent)
            self._touch(event)
            event.accept()
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        if event.type() == _Type.TouchCancel:
            if self._source == TOUCH:
                self._end()  # the system took the touch; what was drawn stays drawn
            return
        device = event.pointingDevice()
        if self._touch_id is None:
            if self._source is not None:
                return  # a pen or mouse stroke is open: fingers (a resting palm) wait
            pressed = [p for p in event.points() if p.state() == p.State.Pressed]
            if not pressed:
                return
            self._touch_id = pressed[0].id()
            self._begin(TOUCH, device)
        point = next((p for p in event.points() if p.id() == self._touch_id), None)
        if point is None:
            return  # only other fingers moved: ignored
        pressure = None
        if device is not None and device.hasCapability(QInputDevice.Capability.Pressure):
            pressure = round(point.pressure() * PRESSURE_SCALE)
        self._add(point.position(), pressure)
        if point.state() == point.State.Released:
            self._end()

    @staticmethod
    def _is_twin(event: QMouseEvent) -> bool:
        device = event.pointingDevice()
        return device is not None and device.type() in _TWIN_DEVICES

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        if self._is_twin(event) or event.button() != Qt.MouseButton.LeftButton:
            return
        if self._source is None:
            self._begin(MOUSE, event.pointingDevice())
            self._add(event.position(), None)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        event.accept()
        if self._source == MOUSE and not self._is_twin(event):
            self._add(event.position(), None)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
        if (
            self._source == MOUSE
            and not self._is_twin(event)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            self._add(event.position(), None)
            self._end()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # A double click arrives instead of the second press: it starts a stroke like a press.
        self.mousePressEvent(event)

    # --- strokes -----------------------------------------------------------------------------

    def _timestamp(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    def _begin(self, source: str, device: QPointingDevice | None) -> None:
        self._source = source
        if not self._strokes:
            self._t0 = None  # set by the first sample: its t is 0
            self._started_at = self._timestamp()
            self.update()  # the hint goes at the first stroke
        self._strokes.append([])
        if device is not None:
            entry = (device.type().name.lower(), device.name())
        else:
            entry = (source, "")
        if entry not in self._devices:
            self._devices.append(entry)

    def _end(self) -> None:
        stroke = self._strokes[-1]
        last = open_segment(stroke)
        if last is not None:
            self._paint_into_cache(last, stroke[-1][3])
        self._source = None
        self._touch_id = None
        self._ended_at = self._timestamp()
        self._open_rect = QRectF()
        self.update()

    def _add(self, position: QPointF, pressure: int | None) -> None:
        # Sub-pixel logical position ×10, kept inside the pad: ink beyond its edge was not seen.
        x = round(min(max(position.x(), 0.0), float(self.width())) * 10)
        y = round(min(max(position.y(), 0.0), float(self.height())) * 10)
        now = self._monotonic()  # on reception: QEvent.timestamp() is ~16 ms coarse on Windows
        if self._t0 is None:
            self._t0 = now
        t = round((now - self._t0) * 1000)
        stroke = self._strokes[-1]
        if stroke and stroke[-1][0] == x and stroke[-1][1] == y and stroke[-1][3] == pressure:
            return  # nothing new: a repeated position adds bytes, not ink
        stroke.append((x, y, t, pressure))
        settled = settled_segment(stroke)
        if settled is not None:
            self._paint_into_cache(settled, stroke[-2][3])
        self._update_open(stroke)
        if not self._enough and has_enough_ink(self._strokes, self.logical_dpi_x()):
            self._enough = True
            self.inkChanged.emit(True)

    # --- painting ----------------------------------------------------------------------------

    def _width(self, pressure: int | None) -> float:
        return pressure_width(pressure, self.INK_MIN_PX, self.INK_MAX_PX)

    def _new_image(self) -> None:
        ratio = self.devicePixelRatioF()
        self._image = QImage(
            max(1, round(self.width() * ratio)),
            max(1, round(self.height() * ratio)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        self._image.setDevicePixelRatio(ratio)
        self._image.fill(Qt.GlobalColor.transparent)

    def _rebuild_cache(self) -> None:
        """Paint every stroke again (after a change of device pixel ratio)."""
        self._new_image()
        for stroke in self._strokes:
            for i in range(3, len(stroke) + 1):
                segment = settled_segment(stroke[:i])
                assert segment is not None
                self._paint_into_cache(segment, stroke[i - 2][3])
            if stroke is not self._strokes[-1] or self._source is None:
                last = open_segment(stroke)
                if last is not None:
                    self._paint_into_cache(last, stroke[-1][3])
        self.update()

    def _paint_segment(self, painter: QPainter, segment: Cubic, pressure: int | None) -> QRectF:
        width = self._width(pressure)
        pen = QPen(self.INK_COLOR, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        start, c1, c2, end = (QPointF(*p) for p in segment)
        if segment[0] == segment[1] == segment[2] == segment[3]:
            painter.drawPoint(start)  # a tap: a round dot as wide as the pen
        else:
            path = QPainterPath(start)
            path.cubicTo(c1, c2, end)
            painter.drawPath(path)
        xs = [p[0] for p in segment]
        ys = [p[1] for p in segment]
        margin = width + 2
        return QRectF(
            min(xs) - margin, min(ys) - margin, max(xs) - min(xs) + 2 * margin,
            max(ys) - min(ys) + 2 * margin,
        )  # fmt: skip

    def _paint_into_cache(self, segment: Cubic, pressure: int | None) -> None:
        if self._image.isNull():
            self._new_image()
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self._paint_segment(painter, segment, pressure)
        painter.end()
        self.update(rect.toAlignedRect())

    def _update_open(self, stroke: list[Sample]) -> None:
        # The open segment is drawn over the cache in paintEvent, so only its area repaints.
        segment = open_segment(stroke)
        old = self._open_rect
        if segment is None:
            self._open_rect = QRectF()
        else:
            xs = [p[0] for p in segment]
            ys = [p[1] for p in segment]
            margin = self.INK_MAX_PX + 2
            self._open_rect = QRectF(
                min(xs) - margin, min(ys) - margin, max(xs) - min(xs) + 2 * margin,
                max(ys) - min(ys) + 2 * margin,
            )  # fmt: skip
        self.update(old.united(self._open_rect).toAlignedRect())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.BACKGROUND)
        baseline = round(self.height() * 0.72)
        margin = max(24, self.width() // 20)
        painter.setPen(QPen(self.BASELINE_COLOR, 2))
        painter.drawLine(margin, baseline, self.width() - margin, baseline)
        if not self._strokes:
            font = QFont(self.font())
            font.setPixelSize(self.HINT_PX)
            painter.setFont(font)
            painter.setPen(self.HINT_COLOR)
            painter.drawText(
                QRectF(margin, 0, self.width() - 2 * margin, baseline - 12),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                t(self.HINT),
            )
        if not self._image.isNull():
            painter.drawImage(0, 0, self._image)
        if self._source is not None and self._strokes:
            stroke = self._strokes[-1]
            segment = open_segment(stroke)
            if segment is not None:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                self._paint_segment(painter, segment, stroke[-1][3])
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A resize clears the ink: the signer must sign at the final size, and strokes drawn at
        # another size would be stored against a pad size they were not drawn on (UX.md §4).
        super().resizeEvent(event)
        if self._frozen:  # the 已签收 ✓ line took room: the signer still sees the signature
            self._rebuild_cache()
            return
        self.clear()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == _Type.DevicePixelRatioChange:
            self._rebuild_cache()  # same logical size: the strokes stay, only the pixels change
