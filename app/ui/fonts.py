"""The shipped fonts, registered with Qt so Chinese shows on a machine without CJK fonts."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from app.paths import asset

# The window is set in sans-serif (UX.md §10): Droid first; WenKai (a 楷体, for letters) only
# for the rare name characters Droid lacks (𠇔), Qt choosing per character.
FONT_FILES = ("DroidSansFallbackFull.ttf", "LXGWWenKai-Regular.ttf")


def register_fonts() -> list[str]:
    """Add the shipped fonts; returns the family names Qt knows them by."""
    families: list[str] = []
    for name in FONT_FILES:
        path = asset("resources", "fonts", name)
        if path.exists():
            font_id = QFontDatabase.addApplicationFont(str(path))
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families


# Latin faces before the shipped ones: where the system has no CJK sans (a bare Linux box),
# English came in the shipped fonts' Latin letters, which read as italic on the signing screen.
LATIN = ("Segoe UI", "DejaVu Sans", "Liberation Sans", "Arial")


def ui_font(families: list[str], preferred: str = "", pixel_size: int = 18) -> QFont:
    """The window's face: the one the settings prefer, else the system's sans-serif (Microsoft
    YaHei UI on Windows), then a Latin sans, the shipped fonts as fallbacks per character
    (QFont.setFamilies)."""
    font = QFont()
    font.setFamilies([*([preferred] if preferred else []), "Microsoft YaHei UI",
                      "Noto Sans CJK SC", *LATIN, *families])  # fmt: skip
    font.setPixelSize(pixel_size)
    return font
