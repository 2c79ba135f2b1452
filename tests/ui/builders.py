"""Plain helpers the window tests share: the households of the small store (``store`` in
tests/ui/conftest.py) and a stroke drawn with the mouse on a signature pad."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.ui.signature_pad import SignaturePad

NAMES = ("张三", "曾三", "李四", "王五")  # the small store's households, in roster order


def draw_mouse(pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    QTest.mousePress(
        pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[0])
    )
    for x, y in points[1:-1]:
        QTest.mouseMove(pad, QPoint(x, y))
    QTest.mouseRelease(
        pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[-1])
    )


def line(x0: int, x1: int, y: int, steps: int = 12) -> list[tuple[int, int]]:
    return [(x0 + (x1 - x0) * i // steps, y) for i in range(steps + 1)]
