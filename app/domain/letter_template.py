"""Letter templates (慰问信) a clerk edits as plain text, and the merge fields they may use.

A template is sections under bracketed headings; lines starting with ``#`` are notes for the
clerk and never print::

    [标题]      慰问信
    [称谓]      同志                 (the default {honorific}: 同志, 师傅, 老同志 …)
    [称呼]      尊敬的{recipient_name}{honorific}：      (flush left)
    [正文]      one paragraph per line, each indented two characters
    [结语]      此致 (indented two characters) / 敬礼！ (flush left, the lines after the first)
    [落款]      {organiser} / {date}  (bottom right, with the seal over the first line)

DESIGN.md §7: no hardship details in a letter, so no field names an illness, an income or a
cause.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from app.domain.errors import InvalidInput

FIELDS: dict[str, str] = {
    "recipient_name": "受慰问人姓名",
    "honorific": "称谓（同志、师傅、老同志…）",
    "festival": "节日（春节…）",
    "organiser": "慰问单位",
    "date": "日期（2027年1月20日）",
    "amount": "慰问金（¥1,000.00）",
    "amount_capitals": "慰问金大写（壹仟元整）",
    "team_leader": "慰问组组长",
    "team": "慰问组",
    "campaign": "慰问活动",
    "unit": "所在单位",
}
SECTIONS = {"标题": "title", "称谓": "honorific", "称呼": "salutation", "正文": "body",
            "结语": "closing", "落款": "sign_off"}  # fmt: skip
AMOUNT_FIELDS = frozenset({"amount", "amount_capitals"})


@dataclass(frozen=True, slots=True)
class LetterTemplate:
    name: str
    title: str
    honorific: str
    salutation: str
    body: tuple[str, ...]
    closing: tuple[str, ...]
    sign_off: tuple[str, ...]

    def fields_used(self) -> frozenset[str]:
        used: set[str] = set()
        for text in (self.title, self.salutation, *self.body, *self.closing, *self.sign_off):
            used |= _fields(text)
        return frozenset(used)

    def merge(self, values: Mapping[str, str]) -> MergedLetter:
        """The letter for one recipient; ``values`` holds every field (``honorific`` may be
        empty, then the template's default is used)."""
        filled = {**dict.fromkeys(FIELDS, ""), **values}
        filled["honorific"] = filled["honorific"] or self.honorific

        def fill(text: str) -> str:
            return text.format_map(filled)

        return MergedLetter(
            fill(self.title), fill(self.salutation), tuple(fill(p) for p in self.body),
            tuple(fill(line) for line in self.closing),
            tuple(fill(line) for line in self.sign_off),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class MergedLetter:
    title: str
    salutation: str
    body: tuple[str, ...]
    closing: tuple[str, ...]
    sign_off: tuple[str, ...]

    def text(self) -> str:
        return "\n".join((self.title, self.salutation, *self.body, *self.closing,
                          *self.sign_off))  # fmt: skip


def _fields(text: str) -> set[str]:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise InvalidInput("letter.brace", line=text) from None
    found = set()
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in FIELDS or spec or conversion:
            raise InvalidInput("letter.unknown_field", field=name or "{}",
                               known=tuple("{" + f + "}" for f in FIELDS))  # fmt: skip
        found.add(name)
    return found


def parse_template(name: str, text: str) -> LetterTemplate:
    """Read a template; raises ``InvalidInput`` naming what is wrong (an unknown {field}, a
    stray brace, no body)."""
    sections: dict[str, list[str]] = {key: [] for key in SECTIONS.values()}
    current: str | None = None
    for raw in text.replace("\r\n", "\n").replace("\ufeff", "").split("\n"):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        heading = line[1:-1].strip() if line[0] in "[【" and line[-1] in "]】" else None
        if heading is not None:
            if heading not in SECTIONS:
                raise InvalidInput("letter.section", section=heading,
                                   known=tuple(f"[{s}]" for s in SECTIONS))  # fmt: skip
            current = SECTIONS[heading]
            continue
        if current is None:
            raise InvalidInput("letter.no_section", line=line)
        _fields(line)
        sections[current].append(line)
    if not sections["body"]:
        raise InvalidInput("letter.no_body")
    return LetterTemplate(
        name=name,
        title="".join(sections["title"][:1]) or "慰问信",
        honorific="".join(sections["honorific"][:1]) or "同志",
        salutation="".join(sections["salutation"][:1]) or "尊敬的{recipient_name}{honorific}：",
        body=tuple(sections["body"]),
        closing=tuple(sections["closing"]),
        sign_off=tuple(sections["sign_off"]) or ("{organiser}", "{date}"),
    )


def date_cn(day: date) -> str:
    """2027年1月20日: dates on paper as DESIGN.md writes them."""
    return f"{day.year}年{day.month}月{day.day}日"


FESTIVALS = ("元旦春节", "春节", "元旦", "中秋国庆", "中秋", "国庆", "端午", "五一", "重阳")


def festival_of(campaign_name: str) -> str:
    """The festival a campaign is named for (2027年元旦春节送温暖 → 元旦春节), else 春节."""
    return next((f for f in FESTIVALS if f in campaign_name), "春节")


# The shipped templates (resources/letters/<name>.txt) and which one a household gets when no
# template is named: the retirees' when its category's name says 退休 (docs/decisions.md).
WORKERS_TEMPLATE = "职工"
RETIREES_TEMPLATE = "退休职工"


def template_for_category(category_name: str) -> str:
    return RETIREES_TEMPLATE if "退休" in category_name else WORKERS_TEMPLATE


# The made-up household a template is previewed for when the clerk names none: a letter is
# Chinese whatever the window's language, so is its sample.
SAMPLE_HOUSEHOLD: dict[str, object] = {
    "id": "", "name": "张三", "unit": "示例单位", "team_leader": "王强", "team_name": "第一慰问组",
    "category_cash_fen": 100000, "id_number": "", "category_name": "",
}  # fmt: skip
