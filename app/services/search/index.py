"""The household list held in memory for search as you type on a large store.

``str.__contains__`` mapped in C over one text per household is several times faster than
SQLite's scan of the list table, whatever is typed (figures in docs/decisions.md). The texts
are the list table's own columns, read once (off the GUI thread, after the first paint), so
both ways find the same households in the same order (tests compare them).

Kept small (the window's whole memory aim is 150 MB): two texts per household (a
Python string costs 50–70 bytes before its first character), and the ID numbers and household
ids as two long texts of fixed-width entries.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import contains
from typing import overload

from app.domain.long_work import Cancel, never
from app.store import search as store_search
from app.store.db import Store

_ID_WIDTH = 36  # a household id: a UUID in its text form
_NUMBER_WIDTH = 19  # an ID number (18) and the char(1) that closes it


@dataclass(frozen=True, slots=True)
class SearchIndex:
    hay: list[str]  # per household: name, address, street (NUL between)
    keys: list[str]  # per household, all ASCII: hay's ASCII runs, pinyin, phone (see below)
    ids: str  # every household id, end to end, in list order
    numbers: str  # every ID number and char(1), end to end

    def __len__(self) -> int:
        return len(self.hay)

    def everyone(self, limit: int) -> Sequence[str]:
        return Found(self, array("i", range(min(len(self.hay), limit))))

    def find(self, text: str, *, letters: bool, digits: bool, limit: int) -> Sequence[str]:
        """``store_search.find_ids`` over the texts in memory: the same households in the same
        order. Letters and digits are looked for in ``keys`` alone: an ASCII text holds where
        they can match (hay's own letters and digits, the pinyin, the phone), and Python finds
        ASCII in ASCII several times faster than in Chinese text. The ID number is searched
        apart, by its tail, from four digits on."""
        texts, needle = (self.keys, text.lower()) if (letters or digits) else (self.hay, text)
        positions = array("i", compress(range(len(texts)), map(contains, texts, repeat(needle))))
        if digits and len(text) >= 4:
            tails = self._number_tails(text)
            if tails:
                positions = array("i", sorted(set(positions) | tails))
        return Found(self, positions[:limit])

    def _number_tails(self, digits: str) -> set[int]:
        """Households whose ID number ends with ``digits`` (few: a loop over the matches)."""
        found: set[int] = set()
        needle = digits + "\x01"
        at = self.numbers.find(needle)
        while at != -1:
            found.add(at // _NUMBER_WIDTH)
            at = self.numbers.find(needle, at + 1)
        return found


# In keys, each run of characters beyond ASCII in the hay becomes one char(31): letters and
# digits meet only where they met in the hay ("10号楼1门" → "10\x1f1\x1f"). Pinyin is letters
# and spaces, a phone digits and a dash: a letter never matches a phone, a digit never pinyin.
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]+")


def _keys(hay: str, letters_and_phone: str) -> str:
    # In lower case: letters and digits are matched whatever their case ("smith" finds Mary
    # Smith), as the list table's lower() does. Pinyin is lower case already, a phone digits.
    return f"{_BEYOND_ASCII.sub(chr(31), hay).lower()}\x1e{letters_and_phone}"


class Found(Sequence[str]):
    """Household ids at some positions of the index, each cut out of the long text when asked
    for (a list model asks for a screenful)."""

    def __init__(self, index: SearchIndex, positions: array[int]) -> None:
        self._ids = index.ids
        self._positions = positions

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, item: int) -> str: ...
    @overload
    def __getitem__(self, item: slice) -> list[str]: ...
    def __getitem__(self, item: int | slice) -> str | list[str]:
        if isinstance(item, slice):
            return [self._cut(p) for p in self._positions[item]]
        return self._cut(self._positions[item])

    def __iter__(self) -> Iterator[str]:
        return map(self._cut, self._positions)

    def _cut(self, position: int) -> str:
        return self._ids[position * _ID_WIDTH : (position + 1) * _ID_WIDTH]


def load_search_index(store: Store, *, cancel: Cancel = never) -> SearchIndex | None:
    """The list table in memory; None (search in SQL) if an id or ID number is not of the
    fixed width the compact form needs (never so in a store this program wrote).

    One column at a time, so the short-lived strings of one pass never sit between the kept
    ones of another (freed memory in between would stay with the process). ``cancel`` is
    checked every few thousand rows: a window closing does not wait for the whole read."""
    try:
        ids = "".join(_fixed(_checked(store_search.list_column(store, "household_id"), cancel),
                             _ID_WIDTH))  # fmt: skip
        numbers = "".join(_fixed(_checked(store_search.list_column(store, "id_end"), cancel),
                                 _NUMBER_WIDTH))  # fmt: skip
    except ValueError:
        return None
    hay = list(_checked(store_search.list_column(store, "hay"), cancel))
    keys = list(map(_keys, hay, _checked(store_search.list_column(store, "letters_phone"),
                                         cancel)))  # fmt: skip
    return SearchIndex(hay, keys, ids, numbers)


def _fixed(values: Iterator[str], width: int) -> Iterator[str]:
    for value in values:
        if len(value) != width:
            raise ValueError(value)
        yield value


def _checked(values: Iterator[str], cancel: Cancel) -> Iterator[str]:
    for count, value in enumerate(values):
        if not count % 5000:
            cancel.check()
        yield value
