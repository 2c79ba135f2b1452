"""What the command line prints is in the language asked for: with --lang en no Chinese but the
data itself (names, addresses, units, file names); in Chinese no English sentence. Tried on what
travels as data: flags, the bundle history with a quarantine reason, a refused bundle and a
refused roster."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.domain.visits import Handover, Outcome, VisitInput, VisitMode
from app.services.visits import recording as visits
from app.store.db import Store
from tests.bundle_world import TEAM_ACTOR, World, export, merge, standard_handover, team_households

pytestmark = pytest.mark.usefixtures("cheap_scrypt")
CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134a]+")
# English words of three letters or more: a Chinese sentence has none, save these names.
ENGLISH = re.compile(r"\b(?!WarmVisit\b|PDF\b|XLSX\b|CSV\b|JSON\b|wvb\b)[A-Za-z]{3,}\b")
OPTION = re.compile(r"--[a-z][a-z-]*")  # a command's option named in a sentence is not English


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMVISIT_USER", "tester")
    monkeypatch.delenv("WARMVISIT_LANG", raising=False)


def run(capsys: pytest.CaptureFixture[str], db: Path, lang: str, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--db", str(db), "--lang", lang, *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def pay(store: Store, household: dict, day: date = date(2027, 1, 21)) -> None:  # type: ignore[type-arg]
    visits.record_visit(store, VisitInput(
        household_id=household["id"], day=day, mode=VisitMode.HOME, outcome=Outcome.VISITED,
        handovers=(standard_handover(household),)), actor=TEAM_ACTOR)  # fmt: skip


@pytest.fixture
def office(world: World) -> tuple[World, set[str]]:
    """The office after merging T1's bundle with flags (a visit outside the window, an amount off
    the standard), then a restored laptop's bundle that went to quarantine. Returns the words
    that are data: names, units, streets, addresses, categories and file names."""
    hh = team_households(world.t1, "T1")
    pay(world.t1, hh[0], day=date(2027, 2, 15))  # outside the visit window
    off = Handover(hh[1]["category"], cash_fen=1, goods="", goods_fen=0, off_standard_reason="少发")
    visits.record_visit(world.t1, VisitInput(
        household_id=hh[1]["id"], day=date(2027, 1, 21), mode=VisitMode.HOME,
        outcome=Outcome.VISITED, handovers=(off,)), actor=TEAM_ACTOR)  # fmt: skip
    merge(world.central, export(world, world.t1))
    backup = world.copy(world.t1, "backup.db")
    pay(world.t1, hh[2])
    merge(world.central, export(world, world.t1))
    pay(backup, hh[3])
    restored = export(world, backup, "restored")
    merge(world.central, restored)
    data = {str(v) for row in world.central.query(
        """SELECT h.name, h.unit, h.street, h.address, h.employer FROM household h""")
        for v in row.values()}  # fmt: skip
    data |= {row["name"] for row in world.central.query("SELECT name FROM category")}
    data |= {row["name"] for row in world.central.query("SELECT name FROM team")}
    data |= {row["name"] for row in world.central.query("SELECT name FROM campaign")}
    data |= {row["file_name"] for row in world.central.query("SELECT file_name FROM bundle_log")}
    return world, data


def chinese_left(text: str, data: set[str]) -> list[str]:
    for value in sorted(data, key=len, reverse=True):
        if value:
            text = text.replace(value, "")
    return CJK.findall(text)


@pytest.mark.parametrize("command", [["flags"], ["bundle", "history"], ["progress"]])
def test_english_output_has_no_chinese_but_the_data(
    capsys: pytest.CaptureFixture[str], office: tuple[World, set[str]], command: list[str]
) -> None:
    world, data = office
    code, out = run(capsys, world.central.path, "en", *command)  # type: ignore[arg-type]
    assert code == 0
    assert out.strip()
    assert chinese_left(out, data) == []


def test_the_flags_and_the_quarantine_reason_are_there_in_both_languages(
    capsys: pytest.CaptureFixture[str], office: tuple[World, set[str]]
) -> None:
    world, _data = office
    db = world.central.path
    _code, flags_en = run(capsys, db, "en", "flags")  # type: ignore[arg-type]
    _code, flags_zh = run(capsys, db, "zh", "flags")  # type: ignore[arg-type]
    assert "outside" in flags_en and "standard" in flags_en
    assert "走访时间" in flags_zh and "标准" in flags_zh
    _code, history_en = run(capsys, db, "en", "bundle", "history")  # type: ignore[arg-type]
    _code, history_zh = run(capsys, db, "zh", "bundle", "history")  # type: ignore[arg-type]
    assert "quarantine" in history_en.lower()
    assert "隔离" in history_zh


@pytest.mark.parametrize("command", [["flags"], ["bundle", "history"], ["progress"]])
def test_chinese_output_has_no_english_sentence(
    capsys: pytest.CaptureFixture[str], office: tuple[World, set[str]], command: list[str]
) -> None:
    world, data = office
    code, out = run(capsys, world.central.path, "zh", *command)  # type: ignore[arg-type]
    assert code == 0
    for value in data:
        out = out.replace(value, "")
    assert ENGLISH.findall(OPTION.sub("", out)) == []


def test_a_refused_bundle_and_a_refused_roster_in_both_languages(
    capsys: pytest.CaptureFixture[str], world: World, tmp_path: Path
) -> None:
    junk = tmp_path / "名单.wvb"
    junk.write_text("姓名,身份证号\n", encoding="utf-8")
    db = world.central.path
    code, en = run(capsys, db, "en", "bundle", "import", str(junk))  # type: ignore[arg-type]
    assert code == 1 and chinese_left(en, {junk.name}) == []
    code, zh = run(capsys, db, "zh", "bundle", "import", str(junk))  # type: ignore[arg-type]
    assert code == 1 and ENGLISH.findall(OPTION.sub("", zh.replace(junk.name, ""))) == []

    roster = tmp_path / "单位乙.csv"
    roster.write_text("姓名,身份证号\n张三,12345\n李四,110105194912310020\n", encoding="utf-8")
    code, en = run(capsys, db, "en", "roster", "import", str(roster))  # type: ignore[arg-type]
    assert code == 1 and "2" in en
    assert chinese_left(en, {roster.name, "张三", "李四", "姓名", "身份证号", "单位乙"}) == []
    code, zh = run(capsys, db, "zh", "roster", "import", str(roster))  # type: ignore[arg-type]
    assert code == 1 and "第2行" in zh
    assert ENGLISH.findall(OPTION.sub("", zh.replace(roster.name, ""))) == []
