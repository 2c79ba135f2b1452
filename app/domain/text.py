"""Normalising what people type into spreadsheets: full-width forms, stray spaces."""

from __future__ import annotations

import re

# Full-width ASCII (U+FF01..U+FF5E) maps to ASCII by a fixed offset; U+3000 is the
# ideographic space. NFKC would do this too, but it also rewrites CJK compatibility
# ideographs in names (e.g. U+F9xx), which must survive exactly as typed.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
# In free text (addresses, goods, notes) the full-width comma and brackets are correct Chinese
# punctuation and stay; only letters and digits become ASCII.
_ALNUM = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp - 0xFEE0).isalnum()}
_SPACES = re.compile(r"[\s\u00a0\u3000\u2002-\u200b\u202f\u205f\ufeff]+")
# Anything clean() would change in a non-ASCII cell: a space of any kind, a full-width form.
_CHANGES = re.compile(r"[\s\u00a0\u3000\u2002-\u200b\u202f\u205f\ufeff\uff01-\uff5e]")


def to_halfwidth(text: str) -> str:
    """Full-width letters, digits and punctuation → ASCII; everything else unchanged."""
    return text.translate(_FULLWIDTH)


def _cell_text(text: object) -> str:
    if type(text) is str:
        return text
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        text = int(text)  # Excel stores 13800000000 as 13800000000.0
    return str(text)


# Each function has an ASCII fast path: a 100,000-row roster calls them two million times.


def clean(text: object) -> str:
    """Free text from a cell: ASCII letters and digits, Chinese punctuation kept, spaces of
    every kind collapsed to one, trimmed."""
    value = _cell_text(text)
    if value.isascii():
        return " ".join(value.split())
    if not _CHANGES.search(value):
        return value  # most Chinese cells: nothing to do
    return _SPACES.sub(" ", value.translate(_ALNUM)).strip()


def clean_value(text: object) -> str:
    """A structured value (amount, date, code): every full-width form → ASCII, spaces folded."""
    value = _cell_text(text)
    if value.isascii():
        return " ".join(value.split())
    return _SPACES.sub(" ", to_halfwidth(value)).strip()


def squeeze(text: object) -> str:
    """A cell's text with every space removed (ID numbers, phones, headers)."""
    value = _cell_text(text)
    if value.isascii():
        return "".join(value.split())
    return _SPACES.sub("", to_halfwidth(value))


def clean_name(text: object) -> str:
    """A person's name: Chinese names lose all spaces; Latin names keep single inner spaces.

    Minority names written with a middle dot keep it, whichever dot was typed.
    """
    value = clean(text).replace("•", "·").replace("・", "·")
    if re.search(r"[A-Za-z]", value):
        return value.replace("．", ".")  # "J. Smith" keeps its full stop
    return value.replace(" ", "").replace(".", "·").replace("．", "·")


# Characters Windows refuses in a file name (and "/" everywhere); codes go into bundle names.
FILE_NAME_UNSAFE = frozenset('\\/:*?"<>|')


def unsafe_in_file_name(text: str) -> str:
    """The characters of ``text`` a file name cannot hold (controls included), in order."""
    return "".join(dict.fromkeys(c for c in text if c in FILE_NAME_UNSAFE or ord(c) < 32))


def file_name_part(text: str) -> str:
    """``text`` fit for a file name: each unsafe character becomes "_" (codes made before
    they were checked at creation)."""
    return "".join("_" if c in FILE_NAME_UNSAFE or ord(c) < 32 else c for c in text)
