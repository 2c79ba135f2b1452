"""Screen 5, 已签收: the locked record, read-only, with its signatures and 校验码 (UX.md §1, §6).

Nothing here edits the record. 作废并重录 asks for a reason and the team PIN, voids the visit
and its disbursements (both stay, struck through in the history) and opens a new record.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import fen_to_capitals, format_fen
from app.domain.signature import (
    METHOD_THUMBPRINT,
    SignatureRecord,
    bezier_segments,
    unpack_strokes,
)
from app.i18n import N_, field, listed, long_date, pgettext
from app.services.visits.signing import SignedVisit
from app.ui.lang import t


class SignatureView(QWidget):
    """A stored signature drawn from its strokes, scaled to fit, aspect ratio kept."""

    INK = QColor("#0d1b4c")

    def __init__(self, record: SignatureRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.strokes = unpack_strokes(record.strokes)
        self.setFixedSize(560, 150)

    def paintEvent(self, _event: Any) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QPen(QColor("#8a8a8a"), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        # Fit the ink, not the pad: a signature drawn small in a wide pad stays readable.
        xs = [s[0] / 10 for stroke in self.strokes for s in stroke] or [0.0]
        ys = [s[1] / 10 for stroke in self.strokes for s in stroke] or [0.0]
        pad = 12.0
        left, top = min(xs) - pad, min(ys) - pad
        width, height = max(xs) - left + pad, max(ys) - top + pad
        scale = min((self.width() - 8) / width, (self.height() - 8) / height, 2.0)
        dx = (self.width() - width * scale) / 2 - left * scale
        dy = (self.height() - height * scale) / 2 - top * scale
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.INK, max(1.2, 3.0 * scale), Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)  # fmt: skip
        painter.setPen(pen)

        def point(p: tuple[float, float]) -> QPointF:
            return QPointF(dx + p[0] * scale, dy + p[1] * scale)

        for stroke in self.strokes:
            path = QPainterPath()
            for n, (p0, c1, c2, p3) in enumerate(bezier_segments(stroke)):
                if n == 0:
                    path.moveTo(point(p0))
                path.cubicTo(point(c1), point(c2), point(p3))
            painter.drawPath(path)
        painter.end()


def _label(text: str, px: int = 18, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setStyleSheet(f"font-size: {px}px;" + (" font-weight: bold;" if bold else ""))
    return label


class SignedPage(QWidget):
    """``next_household`` back to the list; ``void_requested(visit_id)``; print requests."""

    next_household = Signal()
    void_requested = Signal(str)
    print_receipt = Signal(str)
    print_letter = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.visit: SignedVisit | None = None
        outer = QVBoxLayout(self)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        outer.addWidget(self.scroll_area, 1)
        self.body = QWidget()
        self.scroll_area.setWidget(self.body)
        self.lines = QVBoxLayout(self.body)
        actions = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        actions.addWidget(self.status, 1)
        self.buttons: dict[str, QPushButton] = {}
        for name, label in (("printReceipt", N_("打印签收单")), ("printLetter", N_("打印慰问信")),
                            ("void", N_("作废并重录")), ("next", N_("下一户"))):  # fmt: skip
            button = QPushButton(t(label))
            button.setObjectName(name)
            button.setMinimumSize(150, 48)
            actions.addWidget(button)
            self.buttons[name] = button
        outer.addLayout(actions)
        self.buttons["next"].clicked.connect(self.next_household)
        self.buttons["void"].clicked.connect(lambda: self.visit and self.void_requested.emit(
            self.visit.visit_id))  # fmt: skip
        self.buttons["printReceipt"].clicked.connect(lambda: self.visit and self.print_receipt
                                                     .emit(self.visit.visit_id))  # fmt: skip
        self.buttons["printLetter"].clicked.connect(lambda: self.visit and self.print_letter
                                                    .emit(self.visit.visit_id))  # fmt: skip

    def show_visit(self, visit: SignedVisit, name: str, id_tail: str) -> None:
        self.visit = visit
        while self.lines.count():
            item = self.lines.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        esc = html.escape
        state = t("已作废") if visit.voided else t("已签收")
        strike = ("<s>", "</s>") if visit.voided else ("", "")
        self.lines.addWidget(_label(f"{strike[0]}✓ {esc(state)} · {esc(name)}　"
                                    f"{esc(t('身份证尾号{tail}', tail=id_tail))}{strike[1]}",
                                    26, bold=True))  # fmt: skip
        self.lines.addWidget(
            _label(
                f"{esc(field(t('金额'), ''))}"
                f"<b style='font-size:28px'>{format_fen(visit.cash_fen)}</b>　"
                f"{esc(t('人民币{capitals}', capitals=fen_to_capitals(visit.cash_fen)))}",
                20,
            )
        )
        if visit.goods:
            goods = pgettext("goods separator", "，").join(visit.goods)
            self.lines.addWidget(_label(esc(field(t("慰问品"), goods))))
        if visit.proxy:
            self.lines.addWidget(_label(esc(t("代领人：{proxy}（{relation}） 代 {name} 领取",
                                              proxy=visit.proxy.name,
                                              relation=visit.proxy.relation,
                                              name=name))))  # fmt: skip
        self.lines.addWidget(_label(
            f"{esc(field(t('日期'), long_date(visit.day)))}　"
            f"{esc(field(t('走访人'), listed(visit.visitors) or '-'))}"))  # fmt: skip
        intact = visit.intact
        for signature in visit.signatures:
            record, ok = signature.record, signature.ok
            who = {"recipient": t("本人签名"), "proxy": t("代领人签名"),
                   "witness": t("见证人签名")}[record.signer_role]  # fmt: skip
            self.lines.addWidget(_label(f"{esc(field(who, record.signer_name))}　"
                                        f"{esc(t('校验码'))} <b>{record.check_code}</b>"
                                        + ("" if ok else " ✕"), 20))  # fmt: skip
            self.lines.addWidget(SignatureView(record))
        thumb = [s.record for s in visit.signatures if s.record.method == METHOD_THUMBPRINT]
        if thumb:
            names = listed(r.signer_name for r in thumb)
            self.lines.addWidget(
                _label(
                    esc(
                        t(
                            "按手印（凭证编号 {slip}），见证人：{names}",
                            slip=thumb[0].slip_number,
                            names=names,
                        )
                    )
                )
            )
        self.lines.addStretch(1)
        self.status.setText("" if intact else t("签名校验不符，不能打印，请联系中心"))
        for key in ("printReceipt", "printLetter"):
            self.buttons[key].setEnabled(intact and not visit.voided)
        self.buttons["void"].setEnabled(not visit.voided)
        self.buttons["next"].setFocus()
