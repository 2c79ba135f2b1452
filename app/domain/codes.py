"""Enumerated values are ASCII codes: in events, the store, bundles and JSON output.

A person reads them as words from the catalogue (app.i18n.labels) and may type them as words;
``parse_code`` takes the code itself, its English name with spaces, or one of the words a
clerk writes in a roster, a paper sheet or a command (the input vocabulary of each kind).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

C = TypeVar("C", bound=StrEnum)


def parse_code(kind: type[C], text: str, words: Mapping[str, C]) -> C | None:
    """The code ``text`` names, or None."""
    value = text.strip()
    lowered = value.lower().replace(" ", "_").replace("-", "_")
    for candidate in (value, lowered):
        if candidate in kind._value2member_map_:
            return kind(candidate)
    return words.get(value) or words.get(lowered)
