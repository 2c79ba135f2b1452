"""Bar charts painted with QPainter (UX-OFFICE.md §7): stacked bars with their values printed,
each series told apart by hatching as well as colour. Not QtCharts: it comes only with
PySide6-Addons (a wheel over twice the size of Essentials) and is deprecated since Qt 6.10."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[int, ...]
    colour: str
    pattern: Qt.BrushStyle = Qt.BrushStyle.SolidPattern


class BarChart(QWidget):
    """Bars per label, the series stacked; a legend on top."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.labels: tuple[str, ...] = ()
        self.series: tuple[Series, ...] = ()
        self.empty = ""  # said in the middle when there is nothing to draw
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, title: str, labels: tuple[str, ...], series: tuple[Series, ...]) -> None:
        self.title, self.labels, self.series = title, labels, series
        self.update()

    def totals(self) -> list[int]:
        return [sum(s.values[i] for s in self.series) for i in range(len(self.labels))]

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        metrics = p.fontMetrics()
        line = metrics.height()
        p.setPen(QColor("#222"))
        p.drawText(8, line, self.title)
        x = 24.0 + metrics.horizontalAdvance(self.title)
        for s in self.series:  # the legend
            self._box(p, QRectF(x, line * 0.25, line * 0.8, line * 0.8), s)
            p.setPen(QColor("#222"))
            p.drawText(int(x + line), line, s.name)
            x += line + metrics.horizontalAdvance(s.name) + 16
        area = QRectF(40, line * 2, self.width() - 56, self.height() - line * 4)
        totals = self.totals()
        if not self.labels or area.width() < 20 or area.height() < 20:
            p.setPen(QColor("#555"))
            p.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty)
            p.end()
            return
        top = max(*totals, 1)
        p.setPen(QPen(QColor("#999")))
        p.drawLine(int(area.left()), int(area.bottom()), int(area.right()), int(area.bottom()))
        slot = area.width() / len(self.labels)
        width = min(slot * 0.6, 60.0)
        for i, name in enumerate(self.labels):
            left = area.left() + slot * i + (slot - width) / 2
            bottom = area.bottom()
            for s in self.series:
                height = area.height() * s.values[i] / top
                self._box(p, QRectF(left, bottom - height, width, height), s)
                bottom -= height
            p.setPen(QColor("#222"))
            value = QRectF(left - slot, bottom - line - 2, width + 2 * slot, line)
            p.drawText(value, Qt.AlignmentFlag.AlignHCenter, f"{totals[i]:,}")
            under = QRectF(left - (slot - width) / 2, area.bottom() + 2, slot, line)
            p.drawText(under, Qt.AlignmentFlag.AlignHCenter, metrics.elidedText(
                name, Qt.TextElideMode.ElideRight, int(slot)))  # fmt: skip
        p.end()

    @staticmethod
    def _box(p: QPainter, rect: QRectF, s: Series) -> None:
        p.fillRect(rect, QColor(s.colour))
        if s.pattern != Qt.BrushStyle.SolidPattern:
            p.fillRect(rect, QBrush(QColor("#333"), s.pattern))
        p.setPen(QPen(QColor("#555")))
        p.drawRect(rect)
