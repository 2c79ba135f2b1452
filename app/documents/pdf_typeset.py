"""Chinese line breaking and drawing text with per-character fonts.

Rules (GB/T 15834 practice, W3C clreq): a line may break between any two CJK characters; a Latin
word or a number (¥1,000.00) is not split unless it alone is wider than the line; no closing
punctuation at the start of a line and no opening punctuation at its end (禁则). A line that
would start with closing punctuation takes the previous character down with it; when that would
empty the line, the punctuation stays up at the end of the line instead (hanging a little past
the margin, as typesetters do).
"""

from __future__ import annotations

import functools
import re

from reportlab.pdfgen.canvas import Canvas

from app.documents.pdf_fonts import FontChain

CLOSING = frozenset("，。、；：？！）》」』”’】〕〉〗｝,.;:?!)]}%‰…—·")
OPENING = frozenset("（《「『“‘【〔〈〖｛([{")
_LATIN = re.compile(r"[A-Za-z]")
_TOKEN = re.compile(r"[A-Za-z0-9¥$@#&+*\-_/.,:%']+|\s+|.", re.DOTALL)


def tokens(text: str) -> list[str]:
    """Unbreakable pieces: a Latin word or number, a run of spaces, or one other character.

    A number keeps its punctuation (1,000.00), but CJK punctuation is its own piece so the
    kinsoku rules can move it.
    """
    return _TOKEN.findall(text)


def break_lines(
    text: str, chain: FontChain, size: float, width: float, first_indent: float = 0.0
) -> list[str]:
    """Lines of ``text`` (one paragraph, no newlines) that fit ``width`` points."""
    return list(_break_cached(text, chain, size, round(width, 2), round(first_indent, 2)))


@functools.lru_cache(maxsize=4096)
def _break_cached(
    text: str, chain: FontChain, size: float, width: float, first_indent: float
) -> tuple[str, ...]:
    # Cached: a batch of letters sets the same paragraphs again and again.
    pieces = tokens(text)
    if not pieces:
        return ("",)
    widths = [chain.width(p, size) for p in pieces]
    lines: list[str] = []
    start = 0
    limit = width - first_indent
    n = len(pieces)
    while start < n:
        while start < n and pieces[start].isspace() and lines:
            start += 1  # no spaces at the start of a continued line
        if start >= n:
            break
        used, end = 0.0, start
        while end < n and used + widths[end] <= limit + 0.01:
            used += widths[end]
            end += 1
        if end == start:
            # One piece wider than the line: split it by characters.
            piece, keep = pieces[start], ""
            for ch in piece:
                if keep and chain.width(keep + ch, size) > limit:
                    break
                keep += ch
            keep = keep or piece[0]
            lines.append(keep)
            pieces[start] = piece[len(keep) :]
            widths[start] = chain.width(pieces[start], size)
            limit = width
            continue
        if end < n:
            end = _kinsoku(pieces, start, end)
        lines.append("".join(pieces[start:end]).rstrip())
        start = end
        limit = width
    return tuple(lines) or ("",)


def _kinsoku(pieces: list[str], start: int, end: int) -> int:
    """Where to break before ``pieces[end]`` so no line starts with closing punctuation nor ends
    with opening punctuation; may return a later break (punctuation pushed up)."""
    brk = end
    while brk > start + 1 and (pieces[brk][:1] in CLOSING or pieces[brk - 1][-1:] in OPENING):
        brk -= 1  # pull the previous piece down with it
    if pieces[brk][:1] in CLOSING or brk == start:
        # Nothing left to pull down: hang the punctuation at the end of this line instead.
        brk = end
        while brk < len(pieces) and pieces[brk][:1] in CLOSING:
            brk += 1
    return brk


def draw_text(
    canvas: Canvas, x: float, y: float, text: str, chain: FontChain, size: float,
    char_space: float = 0.0,
) -> None:  # fmt: skip
    """Draw ``text`` at (x, y) baseline, switching fonts per character. ``char_space`` is added
    after every character (justified lines)."""
    runs = chain.runs(text)
    last = len(runs) - 1
    for i, (name, run) in enumerate(runs):
        canvas.setFont(name, size)
        canvas.drawString(x, y, run, charSpace=char_space)
        if i < last:
            x += chain.width(run, size) + char_space * len(run)


def justify_space(text: str, chain: FontChain, size: float, width: float) -> float:
    """The spacing that makes ``text`` fill ``width`` (a full line of a Chinese paragraph is set
    flush at both margins); 0 when it would stretch by more than a third of a character."""
    if len(text) < 2:
        return 0.0
    extra = (width - chain.width(text, size)) / (len(text) - 1)
    return extra if 0 < extra < size / 3 else 0.0


def draw_aligned(
    canvas: Canvas, x: float, y: float, width: float, text: str, chain: FontChain, size: float,
    align: str = "left",
) -> None:  # fmt: skip
    """Draw one line inside [x, x + width]: left, right or center."""
    if align != "left":
        w = chain.width(text, size)
        x += (width - w) if align == "right" else (width - w) / 2
    draw_text(canvas, x, y, text, chain, size)


def draw_spaced(
    canvas: Canvas, x: float, y: float, width: float, text: str, chain: FontChain, size: float
) -> None:
    """Draw a short title with its characters spread over ``width`` (慰  问  信), centered. A
    title with Latin words is drawn as it is: spreading letters is a Chinese custom."""
    if len(text) <= 1 or _LATIN.search(text):
        draw_aligned(canvas, x, y, width, text, chain, size, "center")
        return
    gap = size * 0.8
    total = chain.width(text, size) + gap * (len(text) - 1)
    cx = x + (width - total) / 2
    for ch in text:
        draw_text(canvas, cx, y, ch, chain, size)
        cx += chain.char_width(ch, size) + gap
