"""Every document in the language of whoever prints it: printed with ``lang="en"`` no Chinese is
left once the data is taken out (names, units, categories, goods, what was typed at the door),
the amount in capitals and the letter's own text; printed in Chinese no English word is left
once the codes a person typed or the app made (check codes, receipt numbers, slips) are."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain.money import fen_to_capitals
from app.domain.signature import signature_from_body
from app.services.campaign.budget import compute_budget, write_budget
from app.services.printing import (
    daily_log,
    household_form,
    letters,
    notice,
    receipts,
    settings,
    summary,
)
from app.services.teams import assignment as teams
from app.store.db import Store
from tests.documents import world
from tests.documents.pdftext import text

CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")

# What the printing world holds that a person typed (world.py), beside its people.
TYPED = (
    "2027年春节送温暖", "滨海新区总工会", "第一慰问组", "第二慰问组", "王强", "陈明", "刘芳",
    "周社区", "慰问组成员", "社区干部", "李小明", "户主之子", "本人住院", "本人",
    "大米10kg×1袋，食用油5L×1桶", "米面油礼包", "家中整洁，老人卧床", "希望帮助孩子联系助学金",
    "希望上门体检", "找零差额，已报组长", "大米2袋", "困难职工", "困难退休职工", "KN", "TX",
)  # fmt: skip
AMOUNTS = (100_000, 100_050, 80_000, 280_050, 180_000, 200_000, 380_050, 660_000)

Printer = Callable[[Store, Path, str], None]


def _budget(store: Store, out: Path, lang: str) -> None:
    write_budget(out, compute_budget(store), lang=lang)


DOCUMENTS: dict[str, tuple[str, Printer]] = {
    "letters": (".pdf", lambda s, o, lang: letters.print_letters(
        s, o, team="T1", lang=lang, actor=world.ACTOR)),
    "receipt sheet": (".pdf", lambda s, o, lang: receipts.print_receipts(
        s, o, team="T2", lang=lang)),
    "receipt sheet with a print and a proxy": (".pdf", lambda s, o, lang: receipts.print_receipts(
        s, o, team="T1", lang=lang)),
    "daily log": (".pdf", lambda s, o, lang: daily_log.print_daily_log(
        s, o, team="T1", day="2027-01-21", lang=lang)),
    "daily log workbook": (".xlsx", lambda s, o, lang: daily_log.print_daily_log(
        s, o, team="T1", day="2027-01-21", lang=lang)),
    "household form": (".pdf", lambda s, o, lang: household_form.print_household_form(
        s, world.SUN, o, lang=lang)),
    "notice": (".pdf", lambda s, o, lang: notice.print_notice(
        s, o, lang=lang, actor=world.ACTOR)),
    "summary": (".pdf", lambda s, o, lang: summary.print_summary(s, o, by="team", lang=lang)),
    "summary workbook": (".xlsx", lambda s, o, lang: summary.print_summary(s, o, lang=lang)),
    "budget workbook": (".xlsx", _budget),
    "schedule workbook": (".xlsx", lambda s, o, lang: teams.write_schedule(s, o, lang=lang)),
}  # fmt: skip

# A heading each document prints, so that an empty extraction cannot pass.
HEADINGS = {
    "letters": ("(seal)", "（盖章）"),
    "receipt sheet": ("Signature (check code)", "签收人签名（校验码）"),
    "receipt sheet with a print and a proxy": ("Thumbprint (paper slip T1-0007)",
                                               "按手印（纸质凭证编号T1-0007）"),
    "daily log": ("visit log", "走访日志"),
    "daily log workbook": ("Cash count at the end of the day", "日终现金清点"),
    "household form": ("Household file", "困难职工档案表"),
    "notice": ("Public notice", "公示名单"),
    "summary": ("summary by team", "汇总表（按慰问组）"),
    "summary workbook": ("Open issues", "待处理问题"),
    "budget workbook": ("Goods value each", "每户慰问品价值"),
    "schedule workbook": ("team schedule", "分组安排表"),
}  # fmt: skip


@pytest.fixture(scope="module")
def printed(printing_world: Path, tmp_path_factory: pytest.TempPathFactory,
            ) -> Iterator[tuple[dict[tuple[str, str], Path], Store]]:  # fmt: skip
    """Every document in both languages, from one copy of the world with a signature that
    no longer verifies (drawn refused) added."""
    folder = tmp_path_factory.mktemp("languages")
    db = folder / "world.db"
    shutil.copy(printing_world, db)
    store = Store(db)
    world.record(store, world.ZHAO, team="T2", hour=14, tamper="strokes")
    files = {}
    for name, (suffix, print_it) in DOCUMENTS.items():
        for lang in ("en", "zh"):
            out = folder / f"{name.replace(' ', '-')}-{lang}{suffix}"
            print_it(store, out, lang)
            files[name, lang] = out
    yield files, store
    store.close()


def _read(path: Path) -> str:
    """All the words of a PDF (whitespace dropped: wrapped cells read whole) or a workbook
    (sheet names, cells, formulas left out, and the words in number formats: 1,000.00元)."""
    if path.suffix == ".pdf":
        return "".join(text(path).split())
    book = load_workbook(path)
    cells = [c for ws in book for row in ws.iter_rows() for c in row]
    values = [str(c.value) for c in cells
              if c.value is not None and not str(c.value).startswith("=")]  # fmt: skip
    formats = {c.number_format for c in cells} - {"General"}
    quoted = [word for f in formats for word in re.findall(r'"([^"]*)"', f)]
    return "".join("".join([*book.sheetnames, *values, *quoted]).split())


def _without(found: str, parts: list[str]) -> str:
    for part in sorted(parts, key=len, reverse=True):
        found = found.replace("".join(part.split()), "")
    return found


def _letter_text(store: Store) -> list[str]:
    """The letters' own text as the templates make it, for everyone printed."""
    lines = []
    for number in (world.ZHANG, world.LI, world.SUN):
        for name in ("职工", "退休职工"):
            merged = letters.letter_preview_merged(store, settings.letter_templates(store)[name],
                                                   id_number=number, actor=world.ACTOR)  # fmt: skip
            lines += merged.text().split("\n")
    return lines


def _data(store: Store) -> list[str]:
    people = [value for person in world.PEOPLE for value in person]
    causes = [c for person in world.PEOPLE for c in person[5].split("、")]
    capitals = [fen_to_capitals(fen) for fen in AMOUNTS] + ["人民币"]
    return [*people, *causes, *TYPED, *capitals]


def _codes(store: Store) -> list[str]:
    """What the app or a person made that is written in Latin letters: check codes, receipt
    numbers, slip numbers, team codes and credentials, and the goods as typed (10kg, 5L)."""
    found = ["T1-0007", "T1", "T2", "KN", "TX", "大米10kg×1袋，食用油5L×1桶"]
    for kind, record_id, body in store.conn.execute(
        "SELECT kind, record_id, body FROM event WHERE kind IN ('signature', 'visit')"
    ):
        if kind == "visit":
            found.append(record_id[:8].upper())
        else:
            found.append(signature_from_body(json.loads(body))[0].check_code)
    found += [c for (c,) in store.conn.execute("SELECT credential FROM team_credential") if c]
    return found


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_in_english_only_data_is_chinese(
    printed: tuple[dict[tuple[str, str], Path], Store], name: str
) -> None:
    files, store = printed
    found = _read(files[name, "en"])
    assert "".join(HEADINGS[name][0].split()) in found
    allowed = _data(store) + (_letter_text(store) if name == "letters" else [])
    left = _without(found, allowed)
    assert CHINESE.findall(left) == [], left


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_in_chinese_only_codes_are_latin(
    printed: tuple[dict[tuple[str, str], Path], Store], name: str
) -> None:
    files, store = printed
    found = _read(files[name, "zh"])
    assert "".join(HEADINGS[name][1].split()) in found
    left = _without(found, _codes(store))
    assert LATIN.findall(left) == [], left
