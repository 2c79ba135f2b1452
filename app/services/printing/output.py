"""Where a document goes and what it is drawn with: the output file, checked before any work,
the fonts, and the characters no font can draw. ``Printed`` says what was written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.documents.pdf_fonts import FontChain, FontUnusable, font_chain
from app.domain.errors import InvalidInput, Reason
from app.services.infra import context
from app.store import documents as store_documents
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class Printed:
    path: Path
    pages: int | None  # None for a workbook
    count: int  # letters, receipts, rows … printed
    # Something printed differently from the record (a signature left out), for the clerk.
    problems: tuple[Reason, ...] = ()


def output(out: Path | str, suffixes: Iterable[str]) -> Path:
    """The --out file, checked before any work: a known ending, not a folder."""
    path = Path(out)
    allowed = tuple(suffixes)
    if path.suffix.lower() not in allowed:
        raise InvalidInput("print.out_suffix", file=str(path), allowed=allowed)
    if path.is_dir():
        raise InvalidInput("print.out_is_folder", file=str(path))
    return path


def unwritable(path: Path, exc: OSError) -> InvalidInput:
    return context.unwritable(path, exc, key="print.out_unwritable")


def chain_for(store: Store, kind: str) -> FontChain:
    """The font chain for ``letter`` or ``table`` printing (a system font when set and present)."""
    setting = store_documents.print_settings(store).get(f"{kind}_font", "").strip()
    try:
        return font_chain(Path(setting) if setting else None)
    except FontUnusable as exc:
        raise InvalidInput("print.font_unusable", file=str(exc.path)) from None


def check_glyphs(chain: FontChain, items: Iterable[tuple[str, str]]) -> None:
    """Refuse before printing when a text holds a character no font can draw (never a blank
    box): ``items`` are (whose, text), whose being a name or the text itself."""
    for whose, value in items:
        if value and (missing := chain.missing(value)):
            raise InvalidInput("print.missing_glyph", who=whose, chars=tuple(missing))
