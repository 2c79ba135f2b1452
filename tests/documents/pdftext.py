"""Reading printed PDFs back: text per page, page count, page size, fonts used."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def text(path: Path) -> str:
    return "\n".join(pages(path))


def flat(path: Path) -> str:
    """All text without whitespace: wrapped table cells read as one string."""
    return "".join(text(path).split())


def fonts(path: Path) -> set[str]:
    found = set()
    for page in PdfReader(path).pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            found.add(str(font.get_object()["/BaseFont"]))
    return found


def size(path: Path) -> tuple[float, float]:
    box = PdfReader(path).pages[0].mediabox
    return float(box.width), float(box.height)
