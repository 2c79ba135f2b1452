"""Resident ID numbers (GB 11643-1999): normalise, check, derive birth date and sex, mask.

The region code is never checked: codes change (天津滨海新区 120116 dates from 2009) and
published tables lag, so a table-based validator rejects real people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from operator import mul

from app.domain.errors import InvalidInput
from app.domain.text import squeeze

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"  # ISO 7064 MOD 11-2: index = sum % 11
_SHAPE = re.compile(r"\d{17}[\dX]", re.ASCII)  # ASCII: \d alone takes ١٢٣ too


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits."""
    if len(first17) != 17:
        raise ValueError("check_digit needs 17 digits")
    total = sum(map(mul, map(int, first17), _WEIGHTS))
    return _CHECK[total % 11]


def normalise_id(raw: object) -> str:
    """Full-width → ASCII, spaces dropped, x → X. Does not check anything."""
    return squeeze(raw).upper()


@dataclass(frozen=True, slots=True)
class IdNumber:
    value: str
    birth_date: date
    sex: str  # "男" or "女"

    @property
    def tail4(self) -> str:
        return self.value[-4:]

    @property
    def masked(self) -> str:
        return mask_id(self.value)


def parse_id(raw: object, *, today: date | None = None) -> IdNumber:
    """Check an ID number; raise ``InvalidInput`` with a key saying what is wrong."""
    value = normalise_id(raw)
    if not value:
        raise InvalidInput("id.missing")
    if len(value) == 15 and value.isdigit():
        raise InvalidInput("id.old15", value=value)
    if len(value) != 18:
        raise InvalidInput("id.length", length=len(value))
    if not _SHAPE.fullmatch(value):
        raise InvalidInput("id.chars")
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise InvalidInput("id.birth_date", date=value[6:14]) from None
    if born.year < 1900 or born > (today or date.today()):
        raise InvalidInput("id.birth_date", date=value[6:14])
    if check_digit(value[:17]) != value[17]:
        raise InvalidInput("id.check_digit")
    return IdNumber(value, born, "男" if int(value[16]) % 2 else "女")


def mask_id(value: str) -> str:
    """Masked for lists and notices: first 6 and last 4 kept (120116********4698)."""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def age_on(id_number: IdNumber, day: date) -> int:
    born = id_number.birth_date
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
