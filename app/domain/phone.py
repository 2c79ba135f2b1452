"""Chinese phone numbers as rosters carry them: mobiles, landlines, several in one cell."""

from __future__ import annotations

import re

from app.domain.errors import InvalidInput
from app.domain.text import squeeze

_MOBILE = re.compile(r"(?:\+?86)?(1[3-9]\d{9})", re.ASCII)  # ASCII: \d alone takes ١٢٣ too
_PLAIN_MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII)
# Area codes are 010, 02x and 0[3-9]xx (never 3 digits there, never 4 here), so "02223456789"
# is 022-23456789, not 0222-3456789; local numbers are 7 or 8 digits and never start with 0
# or 1 (trunk and service prefixes); an optional extension.
_LANDLINE = re.compile(
    r"(0(?:10|2\d|[3-9]\d{2}))?-?([2-9]\d{6,7})(?:(?:-|转|ext\.?)(\d{1,6}))?",
    re.ASCII | re.IGNORECASE,
)
_SEPARATORS = re.compile(r"[/,;、，；|]|或")


def normalise_phone(raw: object) -> str:
    """One or more numbers, each checked; several are joined with ' / '. Empty stays empty."""
    if type(raw) is str and _PLAIN_MOBILE.fullmatch(raw):
        return raw  # most cells: one mobile number written as it is returned
    text = squeeze(raw).replace("(", "").replace(")", "-").replace("（", "").replace("）", "-")
    if not text:
        return ""
    numbers = []
    for part in filter(None, _SEPARATORS.split(text)):
        numbers.append(_one_number(part))
    return " / ".join(numbers)


def _one_number(part: str) -> str:
    digits_only = part.replace(" ", "")
    if m := _MOBILE.fullmatch(digits_only.replace("-", "")):
        return m.group(1)
    if m := _LANDLINE.fullmatch(digits_only):
        area, local, ext = m.groups()
        text = f"{area}-{local}" if area else local
        return f"{text}-{ext}" if ext else text
    raise InvalidInput("phone.invalid", value=part)


def phone_tail(value: str, n: int = 4) -> str:
    first = value.split(" / ", maxsplit=1)[0]
    return first[-n:]
