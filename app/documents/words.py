"""Words several documents share, from the one catalogue in the language they are given.

Every document function takes ``lang`` and hands it on; nothing here reads the process's
language. What is Chinese by nature stays as it is: names, units, categories, causes and goods
(data), the amount in capitals, a letter's own text (docs/decisions.md, "Documents in the
language of whoever prints them").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.domain.money import format_fen
from app.i18n import _, long_date, pgettext

NONE = "-"  # an empty cell, in every language


@dataclass(frozen=True, slots=True)
class Proxy:
    """Who collected for the household, and why, as typed at the visit."""

    name: str
    relation: str = ""
    reason: str = ""


def goods_listed(items: Iterable[str], lang: str) -> str:
    """What was handed over, one handover after another: 大米10kg×1袋，食用油5L×1桶."""
    return pgettext("goods separator", "，", lang).join(i for i in items if i)


def clauses(items: Iterable[str], lang: str) -> str:
    """Clauses of one cell (what was seen; who collected): 家中整洁；代领：…."""
    return pgettext("clause separator", "；", lang).join(i for i in items if i)


def team_words(name: str, leader: str, lang: str) -> str:
    """第一慰问组（组长 王强）; nothing for a household given to no team."""
    if not name:
        return ""
    return _("{team}（组长 {leader}）", lang).format(team=name, leader=leader)


def proxy_words(proxy: Proxy, lang: str) -> str:
    """李小明（户主之子）."""
    if not proxy.relation:
        return proxy.name
    return _("{name}（{relation}）", lang).format(name=proxy.name, relation=proxy.relation)


def yuan_format(lang: str) -> str:
    """A workbook's number format for amounts in yuan: 1,000.00元, or ¥1,000.00."""
    return pgettext("number format", '#,##0.00"元"', lang)


def yuan(fen: int | None) -> str:
    return format_fen(fen) if fen is not None else NONE


def day_words(day: date | None, lang: str) -> str:
    return long_date(day, lang) if day is not None else NONE


def stored_day(value: str | None, lang: str) -> str:
    """A date kept as ISO text (a birth date, the day a material came in), as dates are written;
    anything else as it is."""
    if not value:
        return NONE
    try:
        return long_date(date.fromisoformat(value[:10]), lang)
    except ValueError:
        return value


def none_row(width: int, lang: str) -> list[str]:
    """The one row of an empty table: （无）."""
    return ["", _("（无）", lang)] + [""] * (width - 2)
