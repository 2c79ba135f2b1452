"""The command line end to end, through ``app.cli.main`` with a database file per test.

Templates (a campaign; a campaign with the budget categories; a campaign with the sample
roster imported) are built once per session and copied, so the suite stays fast.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.domain.id_number import check_digit, parse_id
from tests.builders import fixture_path

FULL_ID = re.compile(r"\d{17}[\dX]")
CAMPAIGN = "2027年春节送温暖"
INIT = [
    "campaign", "init", "--name", CAMPAIGN, "--organizer", "区总工会",
    "--start", "2027-01-20", "--end", "2027-01-28", "--min-living", "780",
]  # fmt: skip
# DESIGN.md step 4: 15×100 + 3×(100+50) + 2×(400+50) + 1×(200+50) + 180 = 3,280 元.
VECTOR_CATEGORIES = [
    ("A", "甲类", "100", None, 15),
    ("B", "乙类", "100", "50", 3),
    ("C", "丙类", "400", "50", 2),
    ("D", "丁类", "200", "50", 1),
]
YAO = "120116196307154698"  # 姚秀英, row 2 of the sample roster
YU = "120116196112127139"  # 于磊强: per-capita income too high for any rule, needs review


# --- running the command line ------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        obj = json.loads(self.out)  # the whole of stdout is one JSON object
        assert isinstance(obj, dict)
        return obj


def _call(argv: Sequence[str]) -> int:
    try:
        return main(list(argv))
    except SystemExit as e:  # argparse refusing the command line
        return e.code if isinstance(e.code, int) else 1


Runner = Callable[..., Run]


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMVISIT_USER", "tester")
    # set, then delete: monkeypatch then restores "unset" even if main() sets it (--lang)
    monkeypatch.setenv("WARMVISIT_LANG", "zh")
    monkeypatch.delenv("WARMVISIT_LANG")
    monkeypatch.delenv("WARMVISIT_DB", raising=False)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Runner:
    """``cli(db, "household", "list", json=True)`` → Run(code, stdout, stderr)."""

    def run(db: Path, *args: str, json: bool = False, lang: str | None = None) -> Run:
        capsys.readouterr()
        argv = ["--db", str(db)]
        if json:
            argv.append("--json")
        if lang:
            argv += ["--lang", lang]
        code = _call([*argv, *args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def _quiet(db: Path, *args: str) -> None:
    """For session templates (no capsys there): run, insist on success."""
    out, err = io.StringIO(), io.StringIO()
    with (
        pytest.MonkeyPatch.context() as mp,
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        mp.setenv("WARMVISIT_USER", "tester")
        mp.setenv("WARMVISIT_LANG", "zh")
        mp.delenv("WARMVISIT_LANG")
        code = _call(["--db", str(db), *args])
    assert code == 0, (args, out.getvalue(), err.getvalue())


def _copy_db(template: Path, target: Path) -> Path:
    for f in template.parent.glob(template.name + "*"):  # the file, and a WAL if one is left
        shutil.copy2(f, target.parent / f.name.replace(template.name, target.name, 1))
    return target


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    campaign = folder / "campaign.db"
    _quiet(campaign, *INIT)
    budget = _copy_db(campaign, folder / "budget.db")
    for code, name, cash, goods_value, _n in VECTOR_CATEGORIES:
        extra = ["--goods", "大米", "--goods-value", goods_value] if goods_value else []
        _quiet(budget, "category", "add", "--code", code, "--name", name, "--cash", cash, *extra)
    roster = _copy_db(campaign, folder / "roster.db")
    _quiet(
        roster, "roster", "import", str(fixture_path("roster_unit_a.utf8bom.csv")),
        "--unit", "甲单位", "--skip-invalid",
    )  # fmt: skip
    return {"campaign": campaign, "budget": budget, "roster": roster}


@pytest.fixture
def campaign_db(templates: dict[str, Path], tmp_path: Path) -> Path:
    return _copy_db(templates["campaign"], tmp_path / "wv.db")


@pytest.fixture
def budget_db(templates: dict[str, Path], tmp_path: Path) -> Path:
    return _copy_db(templates["budget"], tmp_path / "wv.db")


@pytest.fixture
def roster_db(templates: dict[str, Path], tmp_path: Path) -> Path:
    """The sample roster imported with --skip-invalid: 56 households of 甲单位."""
    return _copy_db(templates["roster"], tmp_path / "wv.db")


# --- rosters made up in the tests ---------------------------------------------------------------


def make_id(i: int) -> str:
    """A distinct valid ID number for every i below 500 × 20,000."""
    born = date(1950, 1, 1) + timedelta(days=i // 500)
    first17 = f"110105{born:%Y%m%d}{i % 500 * 2 + 1:03d}"
    return first17 + check_digit(first17)


def make_name(i: int) -> str:
    return "户" + "".join("甲乙丙丁戊己庚辛壬癸"[int(d)] for d in str(i))


def write_roster(path: Path, categories: Sequence[tuple[str, int]]) -> Path:
    """A UTF-8 CSV roster: for each (category label, n), n households naming it."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["姓名", "身份证号", "慰问类别"])
        i = 0
        for label, n in categories:
            for _ in range(n):
                writer.writerow([make_name(i), make_id(i), label])
                i += 1
    return path


def ids_of(run: Run) -> list[str]:
    return [h["id_number"] for h in run.json()["households"]]


# --- campaign, categories, costs ----------------------------------------------------------------


def test_campaign_init_says_so_in_chinese_and_refuses_a_second(cli: Runner, tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    first = cli(db, *INIT)
    assert first.code == 0
    assert first.out == f"已建立慰问活动“{CAMPAIGN}”，数据库：{db}\n"

    again = cli(db, *INIT)
    assert again.code == 1
    assert again.out == ""
    assert again.err == f"本数据库已有慰问活动“{CAMPAIGN}”。新的活动请用 --db 另建一个数据库文件\n"

    shown = cli(db, "campaign", "show", json=True)
    assert shown.code == 0
    assert shown.json() | {"id": None} == {
        "id": None, "name": CAMPAIGN, "organizer": "区总工会", "start": "2027-01-20",
        "end": "2027-01-28", "min_living_fen": 78000, "rule1_pct": 150, "rule2_pct": 200,
        "rule3_pct": 300, "hardship_cost_fen": 2_000_000, "db": str(db),
    }  # fmt: skip


def test_campaign_init_in_english(cli: Runner, tmp_path: Path) -> None:
    db = tmp_path / "en.db"
    run = cli(db, *INIT, lang="en")
    assert run.code == 0
    assert run.out == f"Created the campaign “{CAMPAIGN}”; database: {db}\n"


def test_bad_date_is_refused_by_the_parser_naming_the_value(cli: Runner, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    args = [a if a != "2027-01-20" else "2027-13-01" for a in INIT]
    run = cli(db, *args)
    assert run.code == 1
    assert "--start" in run.err
    assert "日期“2027-13-01”无效，请写成 YYYY-MM-DD" in run.err
    assert not db.exists() or cli(db, "campaign", "show").code == 1  # nothing created


def test_bad_date_in_english_with_the_environment(
    cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WARMVISIT_LANG", "en")
    args = [a if a != "2027-01-28" else "2027-02-30" for a in INIT]
    run = cli(tmp_path / "x.db", *args)
    assert run.code == 1
    assert "“2027-02-30” is not a date; write YYYY-MM-DD" in run.err


def test_bad_date_in_english_with_the_flag(cli: Runner, tmp_path: Path) -> None:
    """README: ``--lang en`` gives English, the parser's own refusals included."""
    args = [a if a != "2027-01-20" else "2027-13-01" for a in INIT]
    run = cli(tmp_path / "x.db", *args, lang="en")
    assert run.code == 1
    assert "“2027-13-01” is not a date; write YYYY-MM-DD" in run.err


def test_bad_date_in_english_with_the_flag_and_equals_sign(cli: Runner, tmp_path: Path) -> None:
    """``--lang=en`` is the same flag to argparse, and to the clerk."""
    args = [a if a != "2027-01-20" else "2027-13-01" for a in INIT]
    run = cli(tmp_path / "x.db", "--lang=en", *args)
    assert run.code == 1
    assert "“2027-13-01” is not a date; write YYYY-MM-DD" in run.err


def test_lang_flag_does_not_stick_to_later_calls(cli: Runner, tmp_path: Path) -> None:
    """main() is called again in one process (tests, a GUI's script runner): one call's
    --lang must not change the language, or the environment, of the next."""
    english = cli(tmp_path / "a.db", *INIT, lang="en")
    assert english.out.startswith("Created the campaign")
    assert "WARMVISIT_LANG" not in os.environ
    chinese = cli(tmp_path / "b.db", *INIT)
    assert chinese.out.startswith("已建立慰问活动")


def test_category_add_cost_add_and_category_list(cli: Runner, campaign_db: Path) -> None:
    run = cli(campaign_db, "category", "add", "--code", "A", "--name", "甲类", "--cash", "100")
    assert run.code == 0
    assert (
        run.out
        == "已添加慰问类别 A 甲类：慰问金¥100.00，慰问品“-”价值¥0.00；名单中已有0户归入此类\n"
    )

    run = cli(
        campaign_db, "category", "add", "--code", "B", "--name", "乙类", "--cash", "1,000.50元",
        "--goods", "大米10kg", "--goods-value", "50", json=True,
    )  # fmt: skip
    assert run.code == 0
    assert run.json() == {
        "code": "B", "name": "乙类", "cash_fen": 100050, "goods": "大米10kg", "goods_fen": 5000,
        "linked_households": 0,
    }  # fmt: skip

    dup = cli(campaign_db, "category", "add", "--code", "a", "--name", "别的", "--cash", "1")
    assert dup.code == 1
    assert dup.err == "已有慰问类别 A（甲类），代码和名称都不能重复\n"

    cost = cli(campaign_db, "cost", "add", "--name", "工作餐", "--amount", "180")
    assert cost.code == 0
    assert cost.out == "已添加其他费用：工作餐 ¥180.00\n"
    cost = cli(campaign_db, "cost", "add", "--name", "燃油", "--amount", "12.5", json=True)
    assert cost.json() == {"name": "燃油", "amount_fen": 1250}

    listed = cli(campaign_db, "category", "list", json=True)
    assert listed.code == 0
    assert listed.json() == {
        "categories": [
            {"code": "A", "name": "甲类", "cash_fen": 10000, "goods": "", "goods_fen": 0},
            {"code": "B", "name": "乙类", "cash_fen": 100050, "goods": "大米10kg",
             "goods_fen": 5000},
        ]
    }  # fmt: skip
    table = cli(campaign_db, "category", "list")
    assert "¥1,000.50" in table.out and "大米10kg" in table.out


def test_category_added_after_import_collects_the_households_that_named_it(
    cli: Runner, roster_db: Path
) -> None:
    run = cli(roster_db, "category", "add", "--code", "ZB", "--name", "重大疾病", "--cash", "2000",
              json=True)  # fmt: skip
    assert run.json()["linked_households"] == 8
    listed = cli(roster_db, "household", "list", "--category", "ZB", json=True)
    assert len(listed.json()["households"]) == 8


# --- budget -------------------------------------------------------------------------------------


def _vector_setup(cli: Runner, db: Path, folder: Path) -> None:
    roster = write_roster(
        folder / "vectors.csv", [(c, n) for c, _nm, _c, _g, n in VECTOR_CATEGORIES]
    )
    assert cli(db, "roster", "import", str(roster), "--unit", "甲单位").code == 0
    assert cli(db, "cost", "add", "--name", "工作餐", "--amount", "180").code == 0


def test_budget_of_the_design_vectors(cli: Runner, budget_db: Path, tmp_path: Path) -> None:
    _vector_setup(cli, budget_db, tmp_path)
    run = cli(budget_db, "budget", json=True)
    assert run.code == 0
    b = run.json()
    assert b["total_fen"] == 328000
    assert [(c["code"], c["count"], c["cash_fen"], c["goods_fen"], c["subtotal_fen"])
            for c in b["categories"]] == [
        ("A", 15, 150000, 0, 150000),
        ("B", 3, 30000, 15000, 45000),
        ("C", 2, 80000, 10000, 90000),
        ("D", 1, 20000, 5000, 25000),
    ]  # fmt: skip
    assert b["other_costs"] == [{"name": "工作餐", "amount_fen": 18000}]
    assert b["other_costs_fen"] == 18000
    assert b["uncategorised_households"] == 0
    assert "file" not in b

    human = cli(budget_db, "budget")
    total_line = human.out.splitlines()[-1]
    assert "合计" in total_line and "21" in total_line and total_line.endswith("¥3,280.00")

    # A declined household (不予) leaves the budget.
    one_a = make_id(0)
    assert cli(budget_db, "household", "set-status", "不予", one_a, "--reason", "已调离").code == 0
    assert cli(budget_db, "budget", json=True).json()["total_fen"] == 328000 - 10000


@pytest.mark.parametrize(
    ("households", "cash", "total_fen"),
    [(287, "2000", 57_400_000), (3726, "100", 37_260_000)],
)
def test_budget_of_one_category(
    cli: Runner, campaign_db: Path, tmp_path: Path, households: int, cash: str, total_fen: int
) -> None:
    assert cli(campaign_db, "category", "add", "--code", "K", "--name", "困难职工",
               "--cash", cash).code == 0  # fmt: skip
    roster = write_roster(tmp_path / "many.csv", [("困难职工", households)])
    imported = cli(campaign_db, "roster", "import", str(roster), json=True)
    assert imported.code == 0
    assert imported.json()["imported"] == households
    b = cli(campaign_db, "budget", json=True).json()
    assert b["categories"][0]["count"] == households
    assert b["total_fen"] == total_fen


def test_households_without_a_category_are_counted_apart(cli: Runner, budget_db: Path,
                                                         tmp_path: Path) -> None:  # fmt: skip
    roster = write_roster(tmp_path / "r.csv", [("A", 2), ("没设置的类别", 3)])
    run = cli(budget_db, "roster", "import", str(roster), json=True)
    assert run.code == 0
    assert [w["value"] for w in run.json()["warnings"]] == ["没设置的类别"]
    b = cli(budget_db, "budget", json=True).json()
    assert b["uncategorised_households"] == 3
    assert b["total_fen"] == 2 * 10000
    assert "另有 3 户尚未归入任何慰问类别，未计入预算" in cli(budget_db, "budget").out


def test_budget_xlsx(cli: Runner, budget_db: Path, tmp_path: Path) -> None:
    _vector_setup(cli, budget_db, tmp_path)
    target = tmp_path / "预算.xlsx"
    run = cli(budget_db, "budget", "--xlsx", str(target), json=True)
    assert run.code == 0
    assert run.json()["file"] == str(target.resolve())
    ws = load_workbook(target).active
    rows = list(ws.iter_rows(values_only=True))
    lines = [r for r in rows if r[0] in ("A", "B", "C", "D")]
    assert [(r[0], r[2], r[3], r[5]) for r in lines] == [
        ("A", 15, 100, 0), ("B", 3, 100, 50), ("C", 2, 400, 50), ("D", 1, 200, 50),
    ]  # fmt: skip
    assert [r for r in rows if r[1] == "工作餐"][0][8] == 180
    total = next(r for r in rows if r[1] == "合计")
    assert str(total[8]).startswith("=SUM(")
    assert str(total[2]).startswith("=SUM(")

    human = cli(budget_db, "budget", "--xlsx", str(tmp_path / "again.xlsx"))
    assert human.out.rstrip().endswith(f"已写入：{(tmp_path / 'again.xlsx').resolve()}")


def test_a_wrong_database_file_is_named_and_left_as_it_was(cli: Runner, tmp_path: Path) -> None:
    roster = tmp_path / "名单.xlsx"
    roster.write_bytes(b"PK\x03\x04 a workbook, not a database" * 50)
    before = roster.read_bytes()
    run = cli(roster, "campaign", "show")
    assert (run.code, run.out) == (1, "")
    assert f"“{roster}”不是 WarmVisit 数据库文件（可能选错了文件），文件没有改动" in run.err
    assert roster.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名单.xlsx"]  # no -wal, no -shm
    folder = cli(tmp_path, "campaign", "show")
    assert folder.code == 1 and "是一个文件夹，不是数据库文件" in folder.err


def test_an_xlsx_that_cannot_be_written_is_named_with_the_reason(
    cli: Runner, budget_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    blocker = out / "一个文件"  # a file where the folder should be
    blocker.write_text("")
    for args in (("budget", "--xlsx"), ("team", "schedule", "--xlsx"),
                 ("demo", "--households", "3", "--xlsx")):  # fmt: skip
        target = blocker / "输出.xlsx"
        run = cli(budget_db, *args, str(target))
        assert run.code == 1, args
        assert f"无法写入文件“{target}”" in run.err and "未生成任何文件" in run.err, run.err
        assert "意外错误" not in run.err
    assert list(out.iterdir()) == [blocker]  # no temporary file left either


# --- roster import ------------------------------------------------------------------------------


def test_refused_import_reports_every_problem_and_changes_nothing(
    cli: Runner, campaign_db: Path
) -> None:
    run = cli(campaign_db, "roster", "import", str(fixture_path("roster_unit_a.utf8bom.csv")),
              "--unit", "甲单位", json=True)  # fmt: skip
    assert run.code == 1
    report = run.json()
    assert report["applied"] is False
    assert report["imported"] == 0
    assert report["unit"] == "甲单位"
    assert report["file"] == "roster_unit_a.utf8bom.csv"
    assert [(p["row"], p["column"], p["value"], p["reason"]) for p in report["rejected"]] == [
        (10, "家庭人口", "0", "家庭人口应为1到20之间的整数"),
        (31, "身份证号", "", "缺少身份证号"),
        (35, "身份证号", "120116198611090470", "身份证号校验位错误（可能有数字录错）"),
    ]
    assert [(d["row"], d["first_seen"], d["id_number_masked"]) for d in report["duplicates"]] == [
        (15, 12, "330802********5533")
    ]
    assert (
        report["duplicates"][0]["reason"] == "与本文件第12行是同一人（身份证号相同），只保留第12行"
    )
    assert cli(campaign_db, "household", "list", json=True).json() == {"households": []}
    assert cli(campaign_db, "unit", "list", json=True).json() == {"units": []}


def test_refused_import_in_words_names_each_bad_row(cli: Runner, campaign_db: Path) -> None:
    run = cli(campaign_db, "roster", "import", str(fixture_path("roster_unit_a.utf8bom.csv")),
              "--unit", "甲单位")  # fmt: skip
    assert run.code == 1
    lines = run.out.splitlines()
    assert "  第10行 家庭人口“0”：家庭人口应为1到20之间的整数" in lines
    assert "  第31行 身份证号“”：缺少身份证号" in lines
    assert "  第35行 身份证号“120116198611090470”：身份证号校验位错误（可能有数字录错）" in lines
    assert (
        "  第15行 330802********5533：与本文件第12行是同一人（身份证号相同），只保留第12行" in lines
    )
    assert lines[-1] == "因有问题行，本次没有导入任何数据。"
    assert "新增 0 户" in run.out


def test_import_again_and_from_another_unit(cli: Runner, campaign_db: Path) -> None:
    def imp(name: str, unit: str) -> Run:
        return cli(campaign_db, "roster", "import", str(fixture_path(name)), "--unit", unit,
                   "--skip-invalid", json=True)  # fmt: skip

    first = imp("roster_unit_a.utf8bom.csv", "甲单位")
    assert first.code == 0
    r = first.json()
    assert (r["applied"], r["imported"], r["updated"], r["unchanged"]) == (True, 56, 0, 0)
    assert len(r["rejected"]) == 3 and len(r["duplicates"]) == 1

    # The same roster saved as GBK by the same unit: nothing new, nothing changed.
    again = imp("roster_unit_a.gbk.csv", "甲单位")
    assert again.code == 0
    r = again.json()
    assert (r["imported"], r["updated"], r["unchanged"]) == (0, 0, 56)

    # The same people sent by another unit: duplicates of what the store holds.
    other = imp("roster_unit_a.xlsx", "乙单位")
    assert other.code == 0
    r = other.json()
    assert (r["imported"], r["updated"], r["unchanged"]) == (0, 0, 0)
    from_store = [d for d in r["duplicates"] if d["first_seen_unit"] == "甲单位"]
    in_file = [d for d in r["duplicates"] if d["first_seen_unit"] != "甲单位"]
    assert len(from_store) == 56
    assert all(d["first_seen_file"] == "roster_unit_a.utf8bom.csv" for d in from_store)
    assert all(d["row"] == d["first_seen"] for d in from_store)  # same layout, same rows
    assert from_store[0]["reason"] == (
        f"此人已由“甲单位”报送（roster_unit_a.utf8bom.csv 第{from_store[0]['first_seen']}行），"
        "不重复导入"
    )
    assert [(d["row"], d["first_seen"]) for d in in_file] == [(15, 12)]

    households = cli(campaign_db, "household", "list", json=True).json()["households"]
    assert len(households) == 56
    assert {h["unit"] for h in households} == {"甲单位"}


def test_import_of_a_missing_file_is_refused_on_stderr(
    cli: Runner, campaign_db: Path, tmp_path: Path
) -> None:
    missing = cli(campaign_db, "roster", "import", str(tmp_path / "nope.csv"), json=True)
    assert missing.code == 1
    assert missing.out == ""
    assert "nope.csv" in missing.err


def test_roster_history_lists_the_files_that_changed_something(
    cli: Runner, campaign_db: Path, tmp_path: Path
) -> None:
    empty = cli(campaign_db, "roster", "history")
    assert (empty.code, empty.out.strip()) == (0, "（还没有记录）")
    roster = write_roster(tmp_path / "甲单位名单.csv", [("困难职工", 3)])
    assert cli(campaign_db, "roster", "import", str(roster), "--unit", "甲单位").code == 0
    assert cli(campaign_db, "roster", "import", str(roster), "--unit", "甲单位").code == 0
    bad = tmp_path / "乙单位名单.csv"
    bad.write_text("姓名,身份证号\n张三,123\n", encoding="utf-8")
    assert cli(campaign_db, "roster", "import", str(bad), "--unit", "乙单位").code == 1

    [entry] = cli(campaign_db, "roster", "history", json=True).json()["imports"]  # one changed
    assert {k: entry[k] for k in ("file", "unit", "added", "updated", "unchanged", "rejected",
                                  "duplicates")} == {
        "file": "甲单位名单.csv", "unit": "甲单位", "added": 3, "updated": 0, "unchanged": 0,
        "rejected": 0, "duplicates": 0}  # fmt: skip
    assert entry["sha256"] == hashlib.sha256(roster.read_bytes()).hexdigest()
    shown = cli(campaign_db, "--lang", "en", "roster", "history").out
    assert "甲单位名单.csv" in shown and "Added" in shown


def test_a_file_too_big_to_be_a_roster_is_refused_before_it_is_read(
    cli: Runner, campaign_db: Path, tmp_path: Path
) -> None:
    huge = tmp_path / "备份.xlsx"
    with huge.open("wb") as f:  # sparse: 300 MB on paper, nothing on the disk
        f.truncate(300 * 2**20)
    refused = cli(campaign_db, "roster", "import", str(huge), json=True)
    assert (refused.code, refused.out) == (1, "")
    assert "文件“备份.xlsx”有 300 MB，超过名单文件的上限 200 MB" in refused.err
    listed = cli(campaign_db, "household", "list", json=True).json()["households"]
    assert listed == []


def _unit_roster(path: Path, unit: str, first: int, n: int, *, title: bool = False) -> Path:
    """n households of ``unit``: in a unit column, or (``title``) named by the title row."""
    names = "一二三四五六七八九十"
    lines = [f"填报单位：{unit},,", "姓名,身份证号,"] if title else ["姓名,身份证号,报送单位"]
    lines += [f"{unit[0]}{names[i]},{make_id(first + i)},{'' if title else unit}"
              for i in range(n)]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_quotas_and_deadlines_mark_imports_for_the_clerk_to_decide(
    cli: Runner, campaign_db: Path, tmp_path: Path
) -> None:
    """The plan: 各镇、工业区工会 at most 8 households, 系统（产业）工会 at most 4, by 12月30日;
    over the quota or late, a household is imported, marked and listed until decided."""
    for name, kind in (("新港镇", "镇"), ("泰达工业区", "工业区"), ("教育系统", "系统")):
        assert cli(campaign_db, "unit", "set", "--name", name, "--kind", kind).code == 0
    towns = cli(campaign_db, "unit", "set", "--kind", "镇/工业区", "--quota", "8",
                "--deadline", "2026-12-30")  # fmt: skip
    assert towns.out == (
        "单位“新港镇”：类别 镇/工业区，限额 8，报送截止 2026-12-30\n"
        "单位“泰达工业区”：类别 镇/工业区，限额 8，报送截止 2026-12-30\n"
    )
    cli(campaign_db, "unit", "set", "--kind", "系统", "--quota", "4", "--deadline", "2026-12-30")

    # The unit from --unit, from a column, from the title row: the quota holds all the same.
    town = _unit_roster(tmp_path / "t.csv", "新港镇", 0, 10)
    by_option = cli(campaign_db, "roster", "import", str(town), "--unit", "新港镇")
    assert by_option.code == 0
    assert "“新港镇”限报8户，本次导入后超出：2户标为超额，待决定" in by_option.out
    assert (
        "  新港镇 第10行 新九 110105********0178：超额：“新港镇”限报8户，此户超出" in by_option.out
    )
    column = _unit_roster(tmp_path / "c.csv", "教育系统", 100, 5)
    by_column = cli(campaign_db, "roster", "import", str(column), json=True)
    assert [(m["name"], m["row"], m["mark"]) for m in by_column.json()["marked"]] == [
        ("教五", 6, "over_quota")
    ]
    by_title = cli(campaign_db, "roster", "import",
                   str(_unit_roster(tmp_path / "z.csv", "泰达工业区", 200, 9, title=True)),
                   json=True)  # fmt: skip
    assert [(m["unit"], m["row"]) for m in by_title.json()["marked"]] == [("泰达工业区", 11)]
    # After the deadline: late (and over the quota as well).
    cli(campaign_db, "unit", "set", "--name", "教育系统", "--deadline", "2020-01-01")
    late = cli(campaign_db, "roster", "import",
               str(_unit_roster(tmp_path / "l.csv", "教育系统", 300, 1)), json=True)  # fmt: skip
    assert late.code == 0
    assert [w["row"] for w in late.json()["warnings"]] == [0, 0]  # the file, not a row 0
    assert {m["mark"] for m in late.json()["marked"]} == {"late", "over_quota"}

    flags = cli(campaign_db, "flags", json=True).json()["flags"]
    assert sorted(f["kind"] for f in flags) == ["late"] + ["over_quota"] * 5
    units = {u["name"]: u for u in cli(campaign_db, "unit", "list", json=True).json()["units"]}
    assert units["新港镇"] | {} == {
        "name": "新港镇", "kind": "town", "quota": 8, "deadline": "2026-12-30",
        "households": 10, "counted": 10, "open_marks": 2,
    }  # fmt: skip

    # A marked household takes no step before the decision.
    held = cli(campaign_db, "household", "set-status", "单位审核", "--unit", "泰达工业区")
    assert "跳过1户：1户超额或逾期待决定（先用 unit decide 决定）" in held.out
    # Accept needs a reason; forfeit makes the household 不予 for the rule's reason.
    bare = cli(campaign_db, "unit", "decide", "--name", "新港镇", "--accept")
    assert (bare.code, bare.err) == (1, "接受超额或逾期的慰问对象须用 --reason 写明理由\n")
    accept = cli(campaign_db, "unit", "decide", "--name", "新港镇", "--accept", "--reason",
                 "经区总工会同意增加名额")  # fmt: skip
    assert accept.out == "已决定2户的超额或逾期（接受），其中0户改为不予\n"
    # Two 教一 (row 2 of two files): the name alone is refused, naming both; the tail decides.
    which = cli(campaign_db, "unit", "decide", "教一", "--forfeit", "--reason", "逾期未报")
    assert (which.code, which.out) == (1, "")
    assert which.err == (
        "“教一”对应2户：教一 110105********2018 教育系统、教一 110105********6019 教育系统。"
        "请加身份证号后几位区分（如 张三 4698）\n"
    )
    forfeit = cli(
        campaign_db, "unit", "decide", "教一", "6019", "--forfeit", "--reason", "逾期未报"
    )
    assert forfeit.out == "已决定1户的超额或逾期（视为放弃），其中1户改为不予\n"
    shown = cli(campaign_db, "household", "show", "教一:6019").out
    assert "：申报 → 不予（逾期视为放弃、逾期未报）" in shown
    left = cli(campaign_db, "flags", json=True).json()["flags"]
    assert sorted(f["kind"] for f in left) == ["over_quota"] * 2  # 教五, 泰九


# --- households ---------------------------------------------------------------------------------


def test_household_list_masks_id_numbers_except_in_json(cli: Runner, roster_db: Path) -> None:
    table = cli(roster_db, "household", "list")
    assert table.code == 0
    assert not FULL_ID.search(table.out)
    assert "120116********4698" in table.out
    assert table.out.splitlines()[-1] == "共 56 户"

    found = cli(roster_db, "household", "list", json=True).json()["households"]
    assert len(found) == 56
    assert YAO in {h["id_number"] for h in found}
    for h in found:
        assert parse_id(h["id_number"]).value == h["id_number"]
        assert set(h) == {"id", "name", "id_number", "unit", "category", "status"}
        assert h["status"] == "applied"


def test_household_search_by_name_and_id_tail(cli: Runner, roster_db: Path) -> None:
    by_name = cli(roster_db, "household", "list", "--search", "秀英", json=True).json()
    names = [h["name"] for h in by_name["households"]]
    assert "姚秀英" in names
    assert all("秀英" in n for n in names)

    for tail in ("4698", "４６９８"):  # full-width digits as a Chinese IME types them
        hit = cli(roster_db, "household", "list", "--search", tail, json=True)
        assert ids_of(hit) == [YAO]
    table = cli(roster_db, "household", "list", "--search", "4698")
    assert "姚秀英" in table.out and YAO not in table.out
    assert table.out.splitlines()[-1] == "共 1 户"

    none = cli(roster_db, "household", "list", "--search", "不存在的人", json=True)
    assert none.json() == {"households": []}


def test_set_status_for_everyone_step_by_step(cli: Runner, roster_db: Path) -> None:
    jump = cli(roster_db, "household", "set-status", "确定", "--all")
    assert jump.code == 0
    assert jump.out == (
        "改为“确定” — 所选56户：将改变0户\n"
        "跳过56户：56户仍是“申报”（须先改为“单位审核”）\n"
        "已将 0 户的状态改为“确定”\n"
    )
    for step in ("单位审核", "公示", "上报"):
        run = cli(roster_db, "household", "set-status", step, "--all")
        assert run.out.endswith(f"已将 56 户的状态改为“{step}”\n"), run.out
    # 确定 lists what each household lacks and is refused without --despite-missing.
    refused = cli(roster_db, "household", "set-status", "确定", "--all")
    assert refused.code == 1
    assert "  于磊强 120116********7139（甲单位）：缺 资格待复核、身份证复印件" in refused.out
    assert refused.err.startswith("56户资格未定或材料未齐，不能确定（见上）")
    assert ids_of(cli(roster_db, "household", "list", "--status", "确定", json=True)) == []
    done = cli(roster_db, "household", "set-status", "确定", "--all", "--despite-missing",
               "--reason", "材料后补")  # fmt: skip
    assert done.code == 0, done.err
    assert done.out.endswith("已将 56 户的状态改为“确定”\n其中56户照常确定，所缺已记入状态记录\n")
    assert len(ids_of(cli(roster_db, "household", "list", "--status", "确定", json=True))) == 56
    # English status names are understood too
    assert len(ids_of(cli(roster_db, "household", "list", "--status", "confirmed",
                          json=True))) == 56  # fmt: skip
    again = cli(roster_db, "household", "set-status", "确定", "--all", json=True).json()
    assert (again["status"], again["changed"], again["skipped"]) == ("confirmed", 0, 56)


def test_set_status_refusals(cli: Runner, roster_db: Path) -> None:
    unknown = cli(roster_db, "household", "set-status", "乱写", "--all")
    assert unknown.code == 1
    assert unknown.out == ""
    assert unknown.err == "状态“乱写”无效，可用：申报、单位审核、公示、上报、确定、不予\n"

    both = cli(roster_db, "household", "set-status", "公示", YAO, "--all")
    assert both.code == 1
    assert both.err == (
        "请只选一种范围：--all、--unit 单位 或 若干慰问对象"
        "（身份证号、姓名或姓名加身份证号后几位）\n"
    )

    # One unknown household refuses the whole list; the message shows it as typed.
    typo = cli(roster_db, "household", "set-status", "单位审核", YAO, "110105198001010011")
    assert typo.code == 1
    assert typo.err.startswith("没有找到“110105198001010011”")
    assert ids_of(cli(roster_db, "household", "list", "--status", "单位审核", json=True)) == []

    nounit = cli(roster_db, "household", "set-status", "公示", "--unit", "没有这个单位")
    assert nounit.code == 1
    assert nounit.err == "没有单位“没有这个单位”的慰问对象\n"


def test_set_status_takes_households_after_options(cli: Runner, roster_db: Path) -> None:
    """README: ``set-status STATUS (--all | --unit NAME | HOUSEHOLD…) [--reason TEXT]``; a
    clerk writes the reason first as often as last, and names a household by ID number or by
    name and the last digits of its ID number."""
    run = cli(roster_db, "household", "set-status", "单位审核", "--reason", "单位已审", YAO,
              "于磊强", "7139")  # fmt: skip
    assert run.code == 0, run.err
    assert run.out == "改为“单位审核” — 所选2户：将改变2户\n已将 2 户的状态改为“单位审核”\n"
    assert sorted(ids_of(cli(roster_db, "household", "list", "--status", "单位审核",
                             json=True))) == [YU, YAO]  # fmt: skip
    history = cli(roster_db, "household", "show", YU, json=True).json()["status_history"]
    assert [(h["from_status"], h["to_status"], h["reason"], h["changed_by"]) for h in history] == [
        ("applied", "unit_reviewed", "单位已审", "tester")
    ]


def test_declined_back_and_reinstated_each_with_its_reason(cli: Runner, roster_db: Path) -> None:
    no_reason = cli(roster_db, "household", "set-status", "不予", "姚秀英")
    assert (no_reason.code, no_reason.err) == (1, "改为不予须用 --reason 写明理由\n")
    cli(roster_db, "household", "set-status", "不予", "姚秀英", "--reason", "已调离")
    preview = cli(roster_db, "household", "set-status", "单位审核", "--all", "--dry-run")
    assert preview.out.splitlines()[:3] == [
        "改为“单位审核” — 所选56户：将改变55户",
        "跳过1户：1户不予（不恢复）",
        "  姚秀英 120116********4698（甲单位）：不予，不恢复",
    ]
    assert preview.out.endswith("预览：未做任何更改（去掉 --dry-run 即照此执行）\n")
    assert ids_of(cli(roster_db, "household", "list", "--status", "单位审核", json=True)) == []
    cli(roster_db, "household", "set-status", "单位审核", "--all")
    back = cli(roster_db, "household", "set-status", "申报", "于磊强", "7139")
    assert (back.code, back.err) == (1, "1户将退回到“申报”：退回须用 --reason 写明理由\n")
    assert cli(roster_db, "household", "set-status", "申报", "于磊强", "7139", "--reason",
               "材料退回").code == 0  # fmt: skip
    again = cli(roster_db, "household", "reinstate", "姚秀英", "--reason", "复核后符合")
    assert again.out == "已恢复姚秀英：不予 → 申报\n"
    shown = cli(roster_db, "household", "show", "姚秀英 4698").out.splitlines()
    assert shown[-3] == "状态与决定记录："
    assert shown[-2].endswith("tester：申报 → 不予（已调离）")
    assert shown[-1].endswith("tester：不予 → 申报（复核后符合）")


def test_override_then_eligibility(cli: Runner, roster_db: Path) -> None:
    before = cli(roster_db, "eligibility", json=True).json()["households"]
    yu = next(h for h in before if h["id_number"] == YU)
    assert yu["rule"] is None and yu["review_reason"]

    run = cli(roster_db, "household", "override", YU, "--rule", "一", "--reason", "测试")
    assert run.code == 0
    assert run.out == "已人工认定：条款 一，理由：测试\n"

    after = cli(roster_db, "eligibility", json=True).json()["households"]
    yu = next(h for h in after if h["id_number"] == YU)
    assert yu["rule"] == "1"
    assert yu["overridden"] is True
    assert yu["review_reason"] is None
    review = cli(roster_db, "eligibility", "--review-only", json=True).json()["households"]
    assert YU not in {h["id_number"] for h in review}
    table = cli(roster_db, "eligibility")
    yu_line = next(line for line in table.out.splitlines() if "于磊强" in line)
    assert "(一)" in yu_line and "人工认定：测试（tester，" in yu_line

    # …and back to "not eligible", by hand and with a reason.
    none = cli(roster_db, "household", "override", YU, "--rule", "none", "--reason", "复核不符",
               json=True)  # fmt: skip
    assert none.json() == {"id_number": YU, "rule": None, "reason": "复核不符"}
    review = cli(roster_db, "eligibility", "--review-only", json=True).json()["households"]
    assert YU in {h["id_number"] for h in review}


def test_override_refusals(cli: Runner, roster_db: Path) -> None:
    blank = cli(roster_db, "household", "override", YU, "--rule", "一", "--reason", "  ")
    assert blank.code == 1
    assert blank.err == "人工认定必须写明理由（--reason）\n"
    missing = cli(roster_db, "household", "override", YU, "--rule", "一")
    assert missing.code == 1  # argparse: --reason is required; refused like any input
    bad_rule = cli(roster_db, "household", "override", YU, "--rule", "五", "--reason", "x")
    assert bad_rule.code == 1
    assert bad_rule.err == "认定条款“五”无效，应为 一、二、三、四 或 none\n"
    nobody = cli(roster_db, "household", "override", "110105198001010011", "--rule", "一",
                 "--reason", "x")  # fmt: skip
    assert nobody.code == 1
    assert nobody.err == (  # as typed, never masked
        "没有找到“110105198001010011”："
        "请用完整身份证号、姓名，或姓名加身份证号后几位（如 张三 4698）\n"
    )
    yu = next(h for h in cli(roster_db, "eligibility", json=True).json()["households"]
              if h["id_number"] == YU)  # fmt: skip
    assert yu["rule"] is None and yu["overridden"] is False


def test_eligibility_review_only_lists_only_households_to_review(
    cli: Runner, roster_db: Path
) -> None:
    everyone = cli(roster_db, "eligibility", json=True).json()["households"]
    assert len(everyone) == 56
    review = cli(roster_db, "eligibility", "--review-only", json=True).json()["households"]
    assert review
    assert all(h["rule"] is None for h in review)
    assert all(isinstance(h["review_reason"], str) and h["review_reason"] for h in review)
    assert [h["id"] for h in review] == [h["id"] for h in everyone if h["rule"] is None]
    for h in everyone:
        assert set(h) == {"id", "id_number", "name", "per_capita_fen", "rule", "review_reason",
                          "reason", "household_size", "size_source", "overridden"}  # fmt: skip
        assert (h["rule"] is None) == (h["review_reason"] is not None)
        assert h["rule"] in (None, "1", "2", "3", "4")
    table = cli(roster_db, "eligibility", "--review-only")
    assert table.out.splitlines()[-1] == f"共 {len(review)} 户，其中待复核 {len(review)} 户"
    assert not FULL_ID.search(table.out)


def test_household_show_member_and_materials(cli: Runner, roster_db: Path) -> None:
    member = cli(roster_db, "household", "add-member", YAO, "--name", "王五", "--relation", "配偶",
                 "--married", "yes")  # fmt: skip
    assert member.code == 0
    assert member.out == "已添加家庭成员 王五\n"
    got = cli(roster_db, "household", "materials", YAO, "--received", "身份证", "--date",
              "2027-01-05", json=True)  # fmt: skip
    assert got.json()["materials"]["id_card_copy"] == "2027-01-05"
    assert got.json()["materials"]["household_form"] is None

    shown = cli(roster_db, "household", "show", YAO)
    assert shown.code == 0
    assert YAO not in shown.out and "120116********4698" in shown.out
    assert "  王五（配偶）健康：-" in shown.out
    assert "[x] 身份证复印件 2027-01-05" in shown.out
    detail = cli(roster_db, "household", "show", YAO, json=True).json()
    assert detail["household"]["id_number"] == YAO
    assert [m["name"] for m in detail["members"]] == ["王五"]
    assert detail["materials"] == {"id_card_copy": "2027-01-05"}

    unknown = cli(roster_db, "household", "materials", YAO, "--received", "结婚证")
    assert unknown.code == 1
    assert unknown.err.startswith("材料“结婚证”不在清单中")


# --- demo ---------------------------------------------------------------------------------------


def test_demo_is_repeatable_by_seed(cli: Runner, tmp_path: Path) -> None:
    first, second = tmp_path / "one.db", tmp_path / "two.db"
    run = cli(first, "demo", "--households", "50", "--seed", "3")
    assert run.code == 0
    assert run.out.startswith("演示活动已就绪：50 户")
    ids = ids_of(cli(first, "household", "list", json=True))
    assert len(ids) == 50
    assert (
        cli(second, "demo", "--households", "50", "--seed", "3", json=True).json()["households"]
        == 50
    )
    assert ids_of(cli(second, "household", "list", json=True)) == ids
    assert cli(first, "budget", json=True).json()["total_fen"] > 0


def test_demo_roster_file_only(cli: Runner, tmp_path: Path) -> None:
    db, target = tmp_path / "demo.db", tmp_path / "名单.csv"
    run = cli(db, "demo", "--households", "20", "--csv", str(target), json=True)
    assert run.code == 0
    assert run.json()["files"] == [str(target.resolve())]
    assert target.is_file()
    assert cli(db, "campaign", "show").code == 1  # only the file was written


# --- refusals under --json ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (
            ["campaign", "show"],
            "还没有慰问活动：请先运行 warmvisit campaign init（或 warmvisit demo）",
        ),
        (["budget"], "还没有慰问活动"),
        (["household", "list"], "还没有慰问活动"),
    ],
)
def test_json_refusal_without_campaign_prints_nothing_on_stdout(
    cli: Runner, tmp_path: Path, args: list[str], reason: str
) -> None:
    run = cli(tmp_path / "empty.db", *args, json=True)
    assert run.code == 1
    assert run.out == ""
    assert reason in run.err


def test_json_refusal_in_english(cli: Runner, roster_db: Path) -> None:
    run = cli(roster_db, "household", "show", "110105198001010011", json=True, lang="en")
    assert run.code == 1
    assert run.out == ""
    assert run.err == (
        "No household matches “110105198001010011”: give the full ID number, the name, or the"
        " name and the last digits of the ID number (e.g. 张三 4698)\n"
    )


def test_json_output_is_one_object_for_every_listing(cli: Runner, roster_db: Path) -> None:
    for args in (
        ["campaign", "show"], ["category", "list"], ["unit", "list"], ["household", "list"],
        ["eligibility"], ["budget"], ["household", "show", YAO],
    ):  # fmt: skip
        run = cli(roster_db, *args, json=True)
        assert run.code == 0, args
        run.json()  # raises unless stdout is exactly one JSON object


def test_budget_lines_are_corrected_as_revisions(
    cli: Runner, budget_db: Path, tmp_path: Path
) -> None:
    _vector_setup(cli, budget_db, tmp_path)
    twice = cli(budget_db, "cost", "add", "--name", "工作餐", "--amount", "180")
    assert (twice.code, twice.out) == (1, "")
    assert twice.err == "已有其他费用“工作餐”：要改它的金额请用 cost set，不会重复计入\n"
    assert cli(budget_db, "budget", json=True).json()["total_fen"] == 328000

    no_reason = cli(budget_db, "cost", "set", "--name", "工作餐", "--amount", "200")
    assert no_reason.code == 1 and "需要写明原因（--reason）" in no_reason.err
    fixed = cli(budget_db, "cost", "set", "--name", "工作餐", "--amount", "200", "--reason",
                "多一组", json=True)  # fmt: skip
    assert fixed.json() == {"name": "工作餐", "amount_fen": 20000, "actual_fen": None}
    spent = cli(
        budget_db, "cost", "set", "--name", "工作餐", "--actual", "195.5", "--reason", "发票"
    )
    assert spent.out == "其他费用“工作餐”：预算 ¥200.00，已支出 ¥195.50\n"
    assert cli(budget_db, "budget", json=True).json()["total_fen"] == 330000
    history = cli(budget_db, "cost", "list", "--history", json=True).json()["revisions"]
    assert [(r["amount_fen"], r["actual_fen"], r["reason"]) for r in history] == [
        (18000, None, ""), (20000, None, "多一组"), (20000, 19550, "发票"),
    ]  # fmt: skip
    listed = cli(budget_db, "cost", "list")
    assert "工作餐" in listed.out and "¥195.50" in listed.out

    standard = cli(budget_db, "category", "set", "--code", "A", "--cash", "120", "--reason",
                   "区里追加")  # fmt: skip
    assert standard.code == 0
    assert cli(budget_db, "budget", json=True).json()["total_fen"] == 330000 + 15 * 2000
    changes = cli(budget_db, "category", "history", json=True).json()["changes"]
    assert [(c["code"], c["before"]["cash_fen"], c["after"]["cash_fen"], c["reason"], c["by"])
            for c in changes] == [("A", 10000, 12000, "区里追加", "tester")]  # fmt: skip
    assert "区里追加" in cli(budget_db, "category", "history").out
    english = cli(budget_db, "cost", "remove", "--name", "工作餐", "--reason", "x", lang="en")
    assert english.code == 0 and "工作餐" in english.out and "history" in english.out
    assert cli(budget_db, "budget", json=True).json()["other_costs_fen"] == 0
