"""Paper that comes back: the sheets the app prints (the 分组安排表's team sheets, the 签收表
typed up with its own columns) filled in by hand and entered with ``visits import``. Their ID
numbers are masked, so a row names its household by the masked number and the name; several
households that match are refused by naming them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from app.cli import main
from app.domain.events import DISBURSEMENT, VISIT, record_fields
from app.domain.id_number import check_digit, mask_id
from app.i18n import render
from app.services.campaign import setup as campaigns
from app.services.oversight.progress import compute_progress
from app.services.rosters.importing import import_roster
from app.services.teams import assignment as teams
from app.services.visits import paper
from app.services.visits.recording import live_state
from app.store.db import Store
from tests.builders import confirm_all, write
from tests.bundle_world import ACTOR, STANDARD, World, team_households

ADDED = ["日期", "方式", "结果", "接听人", "慰问金", "转账", "金额不同的原因", "走访时间",
         "纸质签名"]  # fmt: skip


def live(store: Store, kind: str) -> list[dict[str, object]]:
    return [record_fields(r) for r in live_state(store).values()
            if r.kind == kind and not r.voided]  # fmt: skip


def fill_schedule(path: Path, rows: dict[str, list[object]]) -> None:
    """The team sheet of T1 as a team fills it in: the visit's columns added after the printed
    ones, a row per household visited (by its masked ID), the others left as printed."""
    book = openpyxl.load_workbook(path)
    sheet = book["T1"]
    header = next(r for r in sheet.iter_rows() if any(c.value == "身份证号" for c in r))
    width = len(header)
    for offset, word in enumerate(ADDED):
        sheet.cell(header[0].row, width + 1 + offset, word)
    id_column = next(c.column for c in header if c.value == "身份证号")
    for row in sheet.iter_rows(min_row=header[0].row + 1):
        cells = rows.get(str(row[id_column - 1].value))
        for offset, value in enumerate(cells or ()):
            sheet.cell(row[0].row, width + 1 + offset, value)
    book.save(path)


def test_the_printed_schedule_filled_in_by_the_team_is_entered(world: World) -> None:
    office = world.central
    path = world.folder / "分组安排表.xlsx"
    teams.write_schedule(office, path)
    home, family, person, away = team_households(office, "T1")[:4]
    cash = STANDARD[home["category"]][0] // 100
    person_cash = STANDARD[person["category"]][0] // 100
    fill_schedule(path, {
        mask_id(home["id_number"]): [datetime(2027, 1, 21), "上门", "已慰问", None, cash, None,
                                     None, None, "√"],
        mask_id(family["id_number"]): ["2027-1-21", "电话", "已慰问", "家属", None, None, None,
                                       time(9, 40)],
        mask_id(person["id_number"]): ["2027-1-21", "电话", "已慰问", "本人", person_cash, "是",
                                       "电话慰问，慰问品不发", "10:05"],
        mask_id(away["id_number"]): ["2027年1月22日", "上门", "不在家", None, None, None, None,
                                     "14:30"],
    })  # fmt: skip
    done = paper.import_visits(office, path, actor=ACTOR)
    assert (done.imported, done.rejected, done.skipped) == (4, (), 24)
    visits = {v["household_id"]: v for v in live(office, VISIT)}
    assert visits[family["id"]]["answered"] == "family"
    assert visits[family["id"]]["attempted_at"] == "9:40"
    assert visits[person["id"]]["answered"] == "person"
    assert visits[away["id"]]["outcome"] == "not_home"
    money = {d["household_id"]: d for d in live(office, DISBURSEMENT)}
    assert money[home["id"]]["cash_fen"] == cash * 100 and not money[home["id"]]["transfer"]
    assert money[person["id"]]["transfer"] and money[person["id"]]["cash_fen"] == person_cash * 100
    assert money[person["id"]]["off_standard_reason"] == "电话慰问，慰问品不发"
    assert money[person["id"]]["goods"] == ""  # nothing handed over by phone
    assert set(money) == {home["id"], person["id"]}
    (t1, _t2), _flags = compute_progress(office)
    assert (t1.visited, t1.attempted) == (2, 2)  # the relative's answer does not count
    again = paper.import_visits(office, path, actor=ACTOR)  # the same sheet twice: refused
    assert again.imported == 0 and {p.key for p in again.rejected} == {"visit.already_paid"}


def test_a_contradiction_on_paper_names_the_row_and_the_column(world: World) -> None:
    path = world.folder / "分组安排表.xlsx"
    teams.write_schedule(world.central, path)
    first, second = team_households(world.central, "T1")[:2]
    fill_schedule(path, {
        mask_id(first["id_number"]): ["2027-1-21", "电话", "联系不上", "本人"],
        mask_id(second["id_number"]): ["2027-1-21", "电话", "已慰问", "本人", 500],
    })  # fmt: skip
    done = paper.import_visits(world.central, path, actor=ACTOR)
    assert done.imported == 0
    found = sorted((p.column, render(p)) for p in done.rejected)
    assert found == [
        ("慰问金", "电话慰问不能当面发放慰问金（品）；慰问金可转账"),
        ("接听人", "“本人”接听了电话，结果不能是“联系不上”"),
    ]
    assert live(world.central, VISIT) == []


# --- the typed-up 签收表, and names that are not enough --------------------------------------


def twin_ids() -> tuple[str, str]:
    """Two ID numbers with the same first 6 and last 4 digits: one masked number for both."""
    first = "12011619800101123"
    for day in range(2, 29):
        other = f"120116198001{day:02d}123"
        if check_digit(other) == check_digit(first):
            return first + check_digit(first), other + check_digit(other)
    raise AssertionError("no twin in January")


@pytest.fixture
def twins(tmp_path: Path) -> Iterator[Store]:
    """Two 张伟 whose masked ID numbers are the same (units and addresses differ), one 李娜."""
    s = Store(tmp_path / "s.db")
    campaigns.init_campaign(s, name="春节送温暖", organizer="区总工会", start=date(2027, 1, 20),
                            end=date(2027, 1, 28), min_living="780", actor=ACTOR)  # fmt: skip
    campaigns.add_category(s, code="KN", name="困难职工", cash="1000", actor=ACTOR)
    one, two = twin_ids()
    roster = write(tmp_path, "r.csv", "姓名,身份证号,基层工会,家庭住址,慰问类别\n"
                   f"张伟,{one},机械厂,大沽街道1号,困难职工\n"
                   f"张伟,{two},纺织厂,新港街道9号,困难职工\n"
                   f"李娜,{make_other()},机械厂,大沽街道3号,困难职工\n")  # fmt: skip
    assert import_roster(s, roster, actor=ACTOR).imported == 3
    confirm_all(s, ACTOR)
    yield s
    s.close()


def make_other() -> str:
    first17 = "12011619750505246"
    return first17 + check_digit(first17)


RECEIPT_HEAD = ("序号,姓名,单位,身份证号,慰问类别,慰问金（小写）,慰问金（大写）,慰问品,日期,"
                "签收人签名（校验码）\n")  # fmt: skip


def test_the_typed_up_receipt_sheet_is_entered_by_masked_id_and_name(
    twins: Store, tmp_path: Path
) -> None:
    other = make_other()
    sheet = write(
        tmp_path,
        "签收表.csv",
        RECEIPT_HEAD
        + f"1,李娜,机械厂,{mask_id(other)},困难职工,1000.00,壹仟元整,,2027-01-21,李娜\n",
    )
    done = paper.import_visits(twins, sheet, actor=ACTOR)
    assert (done.imported, done.rejected) == (1, ())
    (paid,) = live(twins, DISBURSEMENT)
    assert paid["cash_fen"] == 100_000
    (visit,) = live(twins, VISIT)
    assert visit["outcome"] == "visited" and visit["paper_signed"]


def test_an_ambiguous_masked_id_is_refused_naming_the_candidates(
    twins: Store, tmp_path: Path
) -> None:
    one, _two = twin_ids()
    sheet = write(tmp_path, "签收表.csv", RECEIPT_HEAD
                  + f"1,张伟,,{mask_id(one)},困难职工,1000.00,壹仟元整,,2027-01-21,张伟\n"
                  + f"2,王芳,,{mask_id(one)},困难职工,1000.00,壹仟元整,,2027-01-21,王芳\n"
                  + f"3,,,{mask_id(one)},困难职工,1000.00,壹仟元整,,2027-01-21,\n")  # fmt: skip
    done = paper.import_visits(twins, sheet, actor=ACTOR)
    assert done.imported == 0 and live(twins, VISIT) == []
    found = [(p.row, p.column, render(p)) for p in done.rejected]
    assert found == [
        (2, "身份证号", "姓名“张伟”和部分身份证号对应多位慰问对象：张伟，机械厂，大沽街道1号、"
                        "张伟，纺织厂，新港街道9号；请填写完整身份证号"),
        (3, "身份证号", "没有姓名为“王芳”、身份证号与之相符的慰问对象"),
        (4, "姓名", f"身份证号 {mask_id(one)} 只显示了部分数字，请同时填写姓名"),
    ]  # fmt: skip


def test_a_full_id_with_another_name_is_refused(twins: Store, tmp_path: Path) -> None:
    one, _two = twin_ids()
    sheet = write(tmp_path, "s.csv", f"姓名,身份证号,日期,结果\n李娜,{one},2027-01-21,已慰问\n")
    (problem,) = paper.import_visits(twins, sheet, actor=ACTOR).rejected
    assert render(problem) == "身份证号对应的慰问对象是“张伟”，与这一行的姓名不符"


def test_visits_import_on_the_command_line_counts_the_rows_not_yet_visited(
    twins: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = twin_ids()
    sheet = write(tmp_path, "s.csv", "姓名,身份证号,日期,方式,结果,接听人,走访时间\n"
                  f"张伟,{one},2027-01-21,电话,联系不上,无人接听,9:30\n"
                  f"张伟,{two},,,,,\n")  # fmt: skip
    assert main(["--db", str(twins.path), "visits", "import", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert out == "已录入 1 次走访\n另有 1 行没有填写走访情况（尚未走访），未录入\n"
