"""The fonts a printed page uses: registered with reportlab once per process, chosen per character.

LXGW WenKai (a 楷体, with Latin) is the face of letters and tables; Droid Sans Fallback covers
the CJK Extension A characters WenKai lacks (it has no Latin, so it is never first). A clerk may
put a system 宋体/楷体 TrueType file first (the ``print.letter_font`` / ``print.table_font``
settings). reportlab draws a missing glyph as a blank without any error, so every text is run
through ``FontChain.runs``, which picks, per character, the first face that has it, and
``FontChain.missing`` names what no face has, so the caller can refuse before printing — never a
blank box in a family's letter.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.paths import asset

KAI_FILE = "LXGWWenKai-Regular.ttf"
FALLBACK_FILE = "DroidSansFallbackFull.ttf"
# Characters that are layout, not ink: never "missing".
_INVISIBLE = frozenset(" \t\n\r\u3000\u200b\ufeff")


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    # reportlab writes code points above U+FFFF as <2 01D4> (five hex digits), which viewers
    # and text extraction read wrongly: 𠇔 prints but cannot be searched or copied. A ToUnicode
    # CMap wants UTF-16BE, so non-BMP code points are written as surrogate pairs (<D840DDD4>).
    def utf16(code: int) -> str:
        if code <= 0xFFFF:
            return f"{code:04X}"
        code -= 0x10000
        return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"

    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})",
        "/Supplement 0", ">> def", f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ]  # fmt: skip
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # the module looks the name up at each use
# Streams are written binary (deflated), not also ASCII85-encoded: every PDF reader takes
# binary, the files are a quarter smaller, and without reportlab's C accelerator (not in the
# wheel) the pure-Python ASCII85 encoder took a third of the time of a batch of letters.
rl_config.useA85 = 0


@dataclass(slots=True)
class Face:
    """One registered TrueType face and what it can draw."""

    name: str  # the name reportlab knows it by
    path: Path
    codes: frozenset[int] | dict[int, int]
    widths: dict[int, int]
    default_width: int
    _cache: dict[str, float] = field(default_factory=dict)

    def has(self, ch: str) -> bool:
        return ord(ch) in self.codes

    def width(self, ch: str) -> float:
        """Advance of one character in 1/1000 of the font size."""
        w = self._cache.get(ch)
        if w is None:
            w = self._cache[ch] = self.widths.get(ord(ch), self.default_width)
        return w


_LOCK = threading.Lock()
_FACES: dict[str, Face] = {}


class FontUnusable(Exception):
    """A font file that reportlab cannot embed (CFF outlines, damaged, not a font)."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


def register_face(path: Path) -> Face:
    """Register the TrueType file at ``path`` with reportlab, once per process."""
    key = str(Path(path).resolve())
    with _LOCK:
        face = _FACES.get(key)
        if face is not None:
            return face
        name = "WV-" + Path(path).stem[:24] + "-" + hashlib.sha1(key.encode()).hexdigest()[:6]
        try:
            font = TTFont(name, key, subfontIndex=0)
        except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
            raise FontUnusable(Path(path), str(exc)) from None
        pdfmetrics.registerFont(font)
        f = font.face
        face = Face(name, Path(key), f.charToGlyph, f.charWidths, int(f.defaultWidth))
        _FACES[key] = face
        return face


def shipped_font(file_name: str) -> Path:
    return asset("resources", "fonts", file_name)


class FontChain:
    """Faces in order of preference; each character is drawn with the first face that has it.

    Only the first face is loaded up front; a fallback is registered the first time a character
    needs it (most batches never do, and loading one is slow).
    """

    def __init__(self, paths: Iterable[Path]) -> None:
        self.paths = tuple(paths)
        self.primary = register_face(self.paths[0])
        self._loaded: dict[Path, Face] = {self.paths[0]: self.primary}
        self._pick: dict[str, Face | None] = {}
        self._widths: dict[str, float] = {}  # text → advance per 1000 units of size
        self._runs: dict[str, list[tuple[str, str]]] = {}

    def face_for(self, ch: str) -> Face | None:
        try:
            return self._pick[ch]
        except KeyError:
            pass
        found = None
        for path in self.paths:
            face = self._loaded.get(path)
            if face is None:
                face = self._loaded[path] = register_face(path)
            if face.has(ch):
                found = face
                break
        if found is None and ch in _INVISIBLE:
            found = self.primary
        self._pick[ch] = found
        return found

    def missing(self, text: str) -> str:
        """The characters of ``text`` no face can draw, each once, in order."""
        seen: list[str] = []
        for ch in text:
            if self.face_for(ch) is None and ch not in seen:
                seen.append(ch)
        return "".join(seen)

    def runs(self, text: str) -> list[tuple[str, str]]:
        """(font name, text) pieces; a character no face has goes to the primary (the caller
        checked ``missing`` before)."""
        cached = self._runs.get(text)
        if cached is not None:
            return cached
        if len(self._runs) > 100_000:  # a batch repeats its lines; keep memory bounded
            self._runs.clear()
        primary = self.primary
        if all(primary.has(ch) for ch in text):  # the common case: one run
            self._runs[text] = [(primary.name, text)]
            return self._runs[text]
        result: list[tuple[str, str]] = []
        name, start = None, 0
        for i, ch in enumerate(text):
            face = self.face_for(ch) or primary
            if face.name != name:
                if name is not None:
                    result.append((name, text[start:i]))
                name, start = face.name, i
        if name is not None:
            result.append((name, text[start:]))
        self._runs[text] = result
        return result

    def char_width(self, ch: str, size: float) -> float:
        face = self.face_for(ch) or self.primary
        return face.width(ch) * size / 1000

    def width(self, text: str, size: float) -> float:
        total = self._widths.get(text)
        if total is None:
            total = 0.0
            for ch in text:
                face = self.face_for(ch) or self.primary
                total += face.width(ch)
            if len(self._widths) > 100_000:  # a batch repeats its lines; keep memory bounded
                self._widths.clear()
            self._widths[text] = total
        return total * size / 1000


_CHAINS: dict[tuple[str, ...], FontChain] = {}


def font_chain(first: Path | None = None) -> FontChain:
    """WenKai then Droid Sans Fallback, after ``first`` (a system font) when given and present.

    An absent ``first`` is skipped (a setting made on another machine); one that is present but
    cannot be embedded raises ``FontUnusable``.
    """
    paths = [shipped_font(KAI_FILE), shipped_font(FALLBACK_FILE)]
    if first is not None and Path(first).is_file():
        paths.insert(0, Path(first))
    key = tuple(str(p) for p in paths)
    with _LOCK:
        chain = _CHAINS.get(key)
    if chain is None:
        chain = FontChain(paths)
        with _LOCK:
            _CHAINS[key] = chain
    return chain
