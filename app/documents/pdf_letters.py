"""Condolence letters (慰问信): one batch, one PDF, one letter per page (more if it runs long).

Layout as DESIGN.md §7 describes a letter: the title centred; the salutation flush left; body
paragraphs indented two characters; 此致 indented, 敬礼 flush left; the issuing body and the
date at the bottom right with a circle marking where the seal goes. No page numbers: each page
is a letter a family keeps.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO

from reportlab.pdfgen.canvas import Canvas

from app.documents.atomic import write_atomically
from app.documents.pdf_fonts import FontChain
from app.documents.pdf_layout import MM, page_size
from app.documents.pdf_typeset import (
    break_lines,
    draw_aligned,
    draw_spaced,
    draw_text,
    justify_space,
)
from app.domain.letter_template import MergedLetter
from app.domain.long_work import Cancel, Progress, never, no_progress
from app.i18n import _, pgettext

# Body size per paper: 四号 (14 pt) on A4, 小四 (12 pt) on A5.
_BODY = {"A4": 14.0, "A5": 11.0}
_MARGINS = {"A4": (28 * MM, 28 * MM, 32 * MM, 25 * MM), "A5": (18 * MM, 18 * MM, 20 * MM, 16 * MM)}


class LetterWriter:
    """Draws letters one after another on one canvas. A letter's text is the template's, in
    its own language; only the mark where the seal goes is in ``lang``."""

    def __init__(self, canvas: Canvas, chain: FontChain, paper: str, lang: str) -> None:
        self.c = canvas
        self.seal = pgettext("letter", "（盖章）", lang)
        self.chain = chain
        self.paper = paper
        self.w, self.h = page_size(paper)
        self.left, self.right, self.top, self.bottom = _MARGINS[paper]
        self.size = _BODY[paper]
        self.leading = self.size * 1.85
        self.pages = 0

    @property
    def text_width(self) -> float:
        return self.w - self.left - self.right

    def _page_break(self) -> float:
        self.c.showPage()
        self.pages += 1
        return self.h - self.top

    def letter(self, letter: MergedLetter) -> None:
        c, chain, size, width = self.c, self.chain, self.size, self.text_width
        y = self.h - self.top
        title_size = size * 1.7
        draw_spaced(c, self.left, y - title_size, width, letter.title, chain, title_size)
        y -= title_size * 2.6
        for line in break_lines(letter.salutation, chain, size, width):
            draw_text(c, self.left, y - size, line, chain, size)
            y -= self.leading
        for paragraph in letter.body:
            y = self._paragraph(paragraph, y, indent=2)
        for i, line in enumerate(letter.closing):
            y = self._paragraph(line, y, indent=2 if i == 0 else 0)
        self._sign_off(letter.sign_off, y)
        c.showPage()
        self.pages += 1

    def _paragraph(self, text: str, y: float, indent: int) -> float:
        size, c = self.size, self.c
        lines = break_lines(text, self.chain, size, self.text_width, indent * size)
        last = len(lines) - 1
        for i, line in enumerate(lines):
            if y - size < self.bottom:
                y = self._page_break()
            x = self.left + (indent * size if i == 0 else 0)
            space = 0.0
            if i < last:  # every line but a paragraph's last is set flush at both margins
                space = justify_space(line, self.chain, size, self.left + self.text_width - x)
            draw_text(c, x, y - size, line, self.chain, size, space)
            y -= self.leading
        return y

    def _sign_off(self, lines: tuple[str, ...], y: float) -> None:
        size, c, chain = self.size, self.c, self.chain
        radius = (21 if self.paper == "A4" else 15) * MM
        needed = self.leading * (len(lines) + 1.5) + radius * 0.4
        if y - needed < self.bottom:
            y = self._page_break()
        y -= self.leading * 1.5
        block = max((chain.width(line, size) for line in lines), default=0.0)
        right = self.w - self.right - 2 * size
        x0 = right - block
        first_y = y - size
        for line in lines:
            draw_aligned(c, x0, y - size, block, line, chain, size, "center")
            y -= self.leading
        # Where the seal goes: a light dashed circle over the issuing body, as on paper forms.
        cx = x0 + block / 2
        cy = first_y + size * 0.35 - (self.leading * (len(lines) - 1)) / 2
        c.saveState()
        c.setStrokeGray(0.75)
        c.setFillGray(0.6)
        c.setLineWidth(0.6)
        c.setDash(3, 3)
        c.circle(cx, cy, radius, stroke=1, fill=0)
        label_size = size * 0.6
        label_w = chain.width(self.seal, label_size)
        draw_text(c, cx - label_w / 2, cy - radius + label_size * 1.2, self.seal, chain,
                  label_size)  # fmt: skip
        c.restoreState()


def write_letters(
    target: Path,
    letters: Iterable[MergedLetter],
    count: int,
    *,
    chain: FontChain,
    paper: str = "A4",
    campaign: str = "",
    lang: str,
    progress: Progress = no_progress,
    cancel: Cancel = never,
) -> int:
    """All ``letters`` in one PDF at ``target`` (written whole or not at all); returns pages."""
    pages = 0

    def write(raw: IO[bytes]) -> None:
        nonlocal pages
        pages = letters_into(raw, letters, count, chain=chain, paper=paper, campaign=campaign,
                             lang=lang, progress=progress, cancel=cancel)  # fmt: skip

    write_atomically(target, write)
    return pages


def letters_into(
    raw: IO[bytes], letters: Iterable[MergedLetter], count: int, *, chain: FontChain,
    paper: str = "A4", campaign: str = "", lang: str, progress: Progress = no_progress,
    cancel: Cancel = never,
) -> int:  # fmt: skip
    """Draw the letters into an open binary stream (a file, or memory for a preview)."""
    canvas = Canvas(raw, pagesize=page_size(paper), pageCompression=1)
    canvas.setTitle(_("{campaign} 慰问信", lang).format(campaign=campaign).strip())
    canvas.setCreator(_("送温暖走访 WarmVisit", lang))
    writer = LetterWriter(canvas, chain, paper, lang)
    done = 0
    for letter in letters:
        if done % 20 == 0:
            cancel.check()
        writer.letter(letter)
        done += 1
        progress(done, count)
    cancel.check()
    if done == 0:
        canvas.showPage()
        writer.pages = 1
    canvas.save()
    return writer.pages
