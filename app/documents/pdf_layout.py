"""A small page-layout engine for the printed tables and forms: lines, wrapped paragraphs and
tables whose cells wrap and whose header repeats on every page, numbered (第 1 页 共 3 页).

Everything is laid out first (a list of drawing steps per page), so the page count is known
before the first page is drawn; then ``render`` draws page by page, reporting progress and
checking for a cancel between pages. reportlab's platypus would do the same, but splitting a
long table there costs time that grows with its length; a 100,000-row list is routine here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.pdfgen.canvas import Canvas

from app.documents.atomic import write_atomically
from app.documents.pdf_fonts import FontChain
from app.documents.pdf_typeset import break_lines, draw_aligned, draw_spaced
from app.domain.long_work import Cancel, Progress, never, no_progress
from app.i18n import _

MM = 72 / 25.4
PAGE_SIZES = {"A4": A4, "A5": A5}
GRID = 0.5  # table line width, pt
HEADER_FILL = 0.9  # grey of header and total rows
Step = Callable[[Canvas], None]


def page_size(name: str, *, wide: bool = False) -> tuple[float, float]:
    size = PAGE_SIZES[name]
    return landscape(size) if wide else size


class Drawable(Protocol):
    """Something drawn inside a table cell (a signature): its height for a given width."""

    def height(self, width: float) -> float: ...

    def draw(self, canvas: Canvas, x: float, top: float, width: float, height: float) -> None: ...


Cell = str | Drawable | None
Laid = list[str] | Drawable  # a cell measured: its text broken into lines, or what draws itself


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float  # share of the table width (any unit; normalised)
    align: str = "left"  # left / right / center


@dataclass(slots=True)
class Table:
    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]]
    size: float = 9.0
    emphasis: frozenset[int] = frozenset()  # row indices drawn on grey (totals)
    min_height: float = 0.0  # each row at least this tall (room to sign on paper)
    header: bool = True


@dataclass
class Layout:
    """Lays out a document onto pages; ``render`` draws it. ``lang`` is the language of its
    page numbers (the document's words are the caller's)."""

    chain: FontChain
    lang: str = field(kw_only=True)
    size: tuple[float, float] = A4
    margins: tuple[float, float, float, float] = (18 * MM, 18 * MM, 16 * MM, 16 * MM)  # l r t b
    page_numbers: bool = True
    title: str = ""
    pages: list[list[Step]] = field(default_factory=lambda: [[]])

    def __post_init__(self) -> None:
        self.y = self.top

    @property
    def left(self) -> float:
        return self.margins[0]

    @property
    def width(self) -> float:
        return self.size[0] - self.margins[0] - self.margins[1]

    @property
    def top(self) -> float:
        return self.size[1] - self.margins[2]

    @property
    def bottom(self) -> float:
        # Page numbers sit in the bottom margin.
        return self.margins[3] + (6 * MM if self.page_numbers else 0)

    # --- building --------------------------------------------------------------------------

    def step(self, step: Step) -> None:
        self.pages[-1].append(step)

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.top

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` fits below the cursor."""
        if self.y - height < self.bottom and self.y < self.top - 0.1:
            self.new_page()

    def space(self, height: float) -> None:
        self.y -= height

    def title_line(self, text: str, size: float = 18, *, spaced: bool = False) -> None:
        self.need(size * 1.6)
        y, x, w, chain = self.y - size, self.left, self.width, self.chain
        if spaced:
            self.step(lambda c: draw_spaced(c, x, y, w, text, chain, size))
        else:
            self.step(lambda c: draw_aligned(c, x, y, w, text, chain, size, "center"))
        self.y -= size * 1.6

    def paragraph(
        self, text: str, size: float = 10.5, *, align: str = "left", indent_chars: int = 0,
        leading: float = 1.5,
    ) -> None:  # fmt: skip
        """A wrapped paragraph; ``indent_chars`` indents its first line by that many 字."""
        indent = indent_chars * size
        lines = break_lines(text, self.chain, size, self.width, indent)
        for i, line in enumerate(lines):
            self.need(size * leading)
            x = self.left + (indent if i == 0 else 0)
            y, w = self.y - size, self.width - (indent if i == 0 else 0)

            def draw(c: Canvas, x: float = x, y: float = y, w: float = w, t: str = line,
                     f: FontChain = self.chain) -> None:  # fmt: skip
                draw_aligned(c, x, y, w, t, f, size, align)

            self.step(draw)
            self.y -= size * leading

    def pair_line(self, left: str, right: str, size: float = 10) -> None:
        """One line with text at the left and at the right margin (team, date …)."""
        self.need(size * 1.6)
        y, x, w, chain = self.y - size, self.left, self.width, self.chain

        def draw(c: Canvas) -> None:
            draw_aligned(c, x, y, w, left, chain, size, "left")
            draw_aligned(c, x, y, w, right, chain, size, "right")

        self.step(draw)
        self.y -= size * 1.6

    def table(self, table: Table) -> None:
        """A table whose rows wrap; its header repeats at the top of every page it runs onto."""
        total = sum(col.width for col in table.columns)
        grid = _Grid([col.width / total * self.width for col in table.columns], self.chain)
        size = table.size
        aligns = [col.align for col in table.columns]
        header = grid.measure([col.title for col in table.columns], size) if table.header else None
        centered = ["center"] * len(aligns)

        def put_header() -> None:
            if header is not None:
                self._put_row(grid, *header, fill=True, aligns=centered, size=size)

        self.need((header[1] if header else 0.0) + (table.min_height or size * 1.3 * 2))
        put_header()
        for index, row in enumerate(table.rows):
            laid, height = grid.measure(row, size)
            height = max(height, table.min_height)
            if self.y - height < self.bottom:
                self.new_page()
                put_header()
            grey = index in table.emphasis
            self._put_row(grid, laid, height, fill=grey, aligns=aligns, size=size)

    def _put_row(
        self,
        grid: _Grid,
        laid: list[Laid],
        height: float,
        *,
        fill: bool,
        aligns: Sequence[str],
        size: float,
    ) -> None:
        top, left = self.y, self.left
        self.step(lambda c: grid.draw_row(c, left, top, laid, height, fill, aligns, size))
        self.y -= height

    # --- drawing ---------------------------------------------------------------------------

    def render(
        self, out: IO[bytes], *, progress: Progress = no_progress, cancel: Cancel = never,
        author: str = "",
    ) -> int:  # fmt: skip
        """Draw every page into ``out``; returns the page count."""
        pages = [p for p in self.pages if p] or [[]]
        total = len(pages)
        c = Canvas(out, pagesize=self.size, pageCompression=1)
        c.setTitle(self.title)
        c.setAuthor(author)
        c.setCreator(_("送温暖走访 WarmVisit", self.lang))
        for number, steps in enumerate(pages, start=1):
            cancel.check()
            for step in steps:
                step(c)
            if self.page_numbers:
                text = _("第 {number} 页 共 {total} 页", self.lang).format(
                    number=number, total=total
                )
                draw_aligned(c, self.left, self.margins[3], self.width, text, self.chain, 9,
                             "center")  # fmt: skip
            c.showPage()
            progress(number, total)
        c.save()
        return total


@dataclass(frozen=True, slots=True)
class _Grid:
    """A table's columns on the page: how wide each is, how a row is measured and drawn."""

    widths: list[float]
    chain: FontChain
    pad: float = 2.0  # between a cell's border and its contents

    def measure(self, cells: Sequence[Cell], size: float) -> tuple[list[Laid], float]:
        """Each cell laid out for its column, and the row's height (its tallest cell)."""
        pad, chain = self.pad, self.chain
        laid: list[Laid] = []
        height = 0.0
        for cell, w in zip(cells, self.widths, strict=True):
            if cell is None or isinstance(cell, str):
                lines: list[str] = []
                for part in (cell or "").split("\n"):
                    lines += break_lines(part, chain, size, w - 2 * pad)
                laid.append(lines)
                h = len(lines) * size * 1.3
            else:
                laid.append(cell)
                h = cell.height(w - 2 * pad)
            height = max(height, h + 2 * pad + 1)
        return laid, height

    def draw_row(
        self,
        c: Canvas,
        left: float,
        top: float,
        laid: list[Laid],
        height: float,
        fill: bool,
        aligns: Sequence[str],
        size: float,
    ) -> None:
        pad, chain = self.pad, self.chain
        if fill:
            c.setFillGray(HEADER_FILL)
            c.rect(left, top - height, sum(self.widths), height, stroke=0, fill=1)
            c.setFillGray(0)
        c.setLineWidth(GRID)
        x = left
        for item, w, align in zip(laid, self.widths, aligns, strict=True):
            c.rect(x, top - height, w, height, stroke=1, fill=0)
            if isinstance(item, list):
                y = top - pad - size
                for line in item:
                    draw_aligned(c, x + pad, y, w - 2 * pad, line, chain, size, align)
                    y -= size * 1.3
            else:
                item.draw(c, x + pad, top - pad, w - 2 * pad, height - 2 * pad)
            x += w


def write_layout(
    target: Path, layout: Layout, *, progress: Progress = no_progress, cancel: Cancel = never
) -> int:
    """Render a laid-out document to ``target`` (whole or not at all); returns the page count.
    A cancel between pages leaves no file."""
    pages = 0

    def write(raw: IO[bytes]) -> None:
        nonlocal pages
        pages = layout.render(raw, progress=progress, cancel=cancel)

    write_atomically(target, write)
    return pages
