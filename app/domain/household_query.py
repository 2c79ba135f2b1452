"""How a clerk names a household on the command line: the full ID number, the name, the name with
the last digits of the ID number (张三 4698, 张三:4698), or the masked number printed on the
office's own sheets (120116********4698, with or without the name)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.errors import InvalidInput
from app.domain.text import clean_name, squeeze, to_halfwidth

# The ID part at the end: digits (or * of a masked number), an X last.
_QUERY = re.compile(r"(?P<name>.*?)[\s:,;]*(?P<id>[0-9*]*[0-9*Xx])?")
_FULL_LENGTHS = (15, 18)


@dataclass(frozen=True, slots=True)
class HouseholdQuery:
    typed: str  # as the clerk typed it: every message shows this, never a masked form
    name: str = ""
    id_number: str = ""  # a full ID number
    head: str = ""  # the first digits of a masked number (120116 of 120116********4698)
    tail: str = ""  # the last digits (4698)


def parse_household_query(typed: str) -> HouseholdQuery:
    text = to_halfwidth(typed).strip()
    match = _QUERY.fullmatch(text)
    assert match is not None  # every text matches: the ID part is optional
    name, digits = clean_name(match["name"]), squeeze(match["id"] or "").upper()
    if digits and not any(ch.isdigit() for ch in digits):  # a name that ends in X
        name, digits = clean_name(text), ""
    if not name and not digits:
        raise InvalidInput("household.query_empty")
    if "*" in digits:
        head, _stars, tail = digits.partition("*")
        return HouseholdQuery(typed, name, head=head, tail=tail.lstrip("*"))
    if len(digits) in _FULL_LENGTHS:
        return HouseholdQuery(typed, name, id_number=digits)
    return HouseholdQuery(typed, name, tail=digits)


def is_id_tail(token: str) -> bool:
    """A word that is only the last digits of an ID number (4698, 123X), never a household on
    its own in a list: it belongs to the name before it."""
    value = squeeze(to_halfwidth(token)).upper()
    return bool(re.fullmatch(r"[0-9]{1,14}X?", value))


def household_words(words: Sequence[str]) -> list[str]:
    """The households a command line names, one per query: a tail on its own after a name
    belongs to that name (张三 4698 李四 → "张三 4698", "李四")."""
    queries: list[str] = []
    for word in words:
        if queries and is_id_tail(word) and not any(ch.isdigit() for ch in queries[-1]):
            queries[-1] = f"{queries[-1]} {word}"
        else:
            queries.append(word)
    return queries
