"""A captured signature drawn on paper from its strokes (UX.md §5), with its 校验码 beside it.

The strokes are cubic Béziers in the pad's logical pixels (``bezier_segments``); they are scaled
to the box keeping their aspect ratio, y turned upwards, and stroked with the width each segment
carries (pressure, or the middle width). A signature whose hashes did not verify is never drawn:
the cell says so instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from app.documents.pdf_fonts import FontChain
from app.documents.pdf_typeset import draw_text
from app.domain.signature import METHOD_THUMBPRINT, bezier_segments, stroke_widths, unpack_strokes
from app.i18n import _

MM = 72 / 25.4


@dataclass(frozen=True, slots=True)
class SignatureMark:
    """One signing act as a document needs it (plain values; the service verified it)."""

    role: str  # recipient / proxy / witness
    signer_name: str
    strokes: str  # packed strokes
    check_code: str
    ok: bool  # both hashes verified and the content is what is printed
    method: str = "pad"
    slip_number: str = ""
    relation: str = ""


def draw_strokes(
    canvas: Canvas, packed: str, x: float, y: float, width: float, height: float
) -> None:
    """The strokes scaled into the box whose lower left corner is (x, y)."""
    strokes = [s for s in unpack_strokes(packed) if s]
    if not strokes:
        return
    xs = [p[0] / 10 for s in strokes for p in s]
    ys = [p[1] / 10 for s in strokes for p in s]
    min_x, min_y = min(xs), min(ys)
    ink_w, ink_h = max(max(xs) - min_x, 1.0), max(max(ys) - min_y, 1.0)
    scale = min(width / ink_w, height / ink_h)
    off_x = x + (width - ink_w * scale) / 2
    off_y = y + (height + ink_h * scale) / 2  # the top of the ink; pad y grows downwards
    # Pad widths are for the screen; a small box gets thinner ink, but never a hairline.
    factor = min(max(scale * 2.5, 0.45), 1.0)

    def at(p: tuple[float, float]) -> tuple[float, float]:
        return off_x + (p[0] - min_x) * scale, off_y - (p[1] - min_y) * scale

    canvas.saveState()
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    canvas.setStrokeGray(0)
    for stroke in strokes:
        segments = bezier_segments(stroke)
        widths = stroke_widths(stroke)
        path, current = None, None
        for segment, pad_width in zip(segments, widths, strict=True):
            w = round(pad_width * factor, 2)
            if w != current:
                if path is not None and current is not None:
                    canvas.setLineWidth(current)
                    canvas.drawPath(path, stroke=1, fill=0)
                path, current = canvas.beginPath(), w
                path.moveTo(*at(segment[0]))
            assert path is not None
            path.curveTo(*at(segment[1]), *at(segment[2]), *at(segment[3]))
        if path is not None and current is not None:
            canvas.setLineWidth(current)
            canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


@dataclass(frozen=True, slots=True)
class SignatureCell:
    """The signatures of one receipt in a table cell or a box: ink, signer, 校验码.

    For 按手印 the recipient's print is on the numbered paper slip; the cell says so and shows
    the witnesses' signatures.
    """

    marks: tuple[SignatureMark, ...]
    chain: FontChain
    lang: str
    ink_height: float = 9 * MM
    size: float = 6.5

    def _label(self, mark: SignatureMark) -> str:
        lang = self.lang
        if mark.role == "witness":
            return _("见证人 {name}", lang).format(name=mark.signer_name)
        if mark.role == "proxy" and mark.relation:
            return _("代领人签名：{name}（{relation}）", lang).format(
                name=mark.signer_name, relation=mark.relation
            )
        if mark.role == "proxy":
            return _("代领人签名：{name}", lang).format(name=mark.signer_name)
        return ""

    def _head(self) -> str:
        slips = [m.slip_number for m in self.marks if m.method == METHOD_THUMBPRINT]
        if slips:
            return _("按手印（纸质凭证编号 {slip}）", self.lang).format(slip=slips[0])
        return ""

    def _under(self, mark: SignatureMark) -> list[str]:
        lines = [self._label(mark)] if mark.role != "recipient" else []
        if mark.ok:
            lines.append(_("校验码 {code}", self.lang).format(code=mark.check_code))
        return [line for line in lines if line]

    def height(self, width: float) -> float:
        head = self.size * 1.4 if self._head() else 0
        return head + sum(self.ink_height + self.size * 0.5 + len(self._under(m)) * self.size
                          * 1.25 for m in self.marks)  # fmt: skip

    def draw(self, canvas: Canvas, x: float, top: float, width: float, height: float) -> None:
        y = top
        head = self._head()
        if head:
            y -= self.size
            draw_text(canvas, x, y, head, self.chain, self.size)
            y -= self.size * 0.4
        for mark in self.marks:
            box_top = y
            if mark.ok:
                draw_strokes(canvas, mark.strokes, x, box_top - self.ink_height, width,
                             self.ink_height)  # fmt: skip
            else:
                refused = _("签名校验不符，未打印", self.lang)
                draw_text(canvas, x, box_top - self.ink_height / 2, refused, self.chain,
                          self.size + 1)  # fmt: skip
            y = box_top - self.ink_height - self.size * 0.5
            for line in self._under(mark):
                y -= self.size
                draw_text(canvas, x, y, line, self.chain, self.size)
                y -= self.size * 0.25
