"""The bundle commands as a clerk and a team leader script them, through ``app.cli.main``:
names, exit codes and JSON shapes are an interface (issue 3, "Command line")."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.sync import keys
from tests.bundle_world import STANDARD, build_central, copy_db

CREDENTIAL = re.compile(r"[2-9A-HJKMNP-Z]{5}(-[2-9A-HJKMNP-Z]{5}){4}")
pytestmark = pytest.mark.usefixtures("cheap_scrypt")


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARMVISIT_USER", "tester")
    monkeypatch.setenv("WARMVISIT_LANG", "zh")
    monkeypatch.delenv("WARMVISIT_LANG")
    monkeypatch.delenv("WARMVISIT_DB", raising=False)
    monkeypatch.delenv("WARMVISIT_CREDENTIAL", raising=False)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        obj = json.loads(self.out)  # the whole of stdout is one JSON object
        assert isinstance(obj, dict)
        return obj


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Any:
    def run(db: Path, *args: str, json: bool = False) -> Run:
        capsys.readouterr()
        try:
            code = main(["--db", str(db), *(["--json"] if json else []), *args])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="module")
def central_template(tmp_path_factory: pytest.TempPathFactory, cheap_scrypt: None) -> Path:
    path = tmp_path_factory.mktemp("cli-bundles") / "central.db"
    build_central(path)
    return path


@dataclass(frozen=True)
class Office:
    central: Path
    stick: Path
    laptop: Path


@pytest.fixture
def office(central_template: Path, tmp_path: Path) -> Office:
    stick = tmp_path / "U盘"
    stick.mkdir()
    return Office(copy_db(central_template, tmp_path / "central.db"), stick, tmp_path / "t1.db")


def t1_households(db: Path) -> list[tuple[str, str]]:
    """(ID number, category code) of T1's households, read straight from the file."""
    with sqlite3.connect(db) as conn:
        return conn.execute(
            """SELECT h.id_number, c.code FROM current_assignment a
               JOIN team t ON t.id = a.team_id JOIN household h ON h.id = a.household_id
               JOIN category c ON c.id = h.category_id WHERE t.code = 'T1'
               ORDER BY h.id_number"""
        ).fetchall()


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def start_laptop(cli: Any, office: Office) -> str:
    exported = cli(office.central, "bundle", "export", "--team", "T1", "--out", str(office.stick),
                   "--float", "5000", json=True)  # fmt: skip
    assert exported.code == 0, exported.err
    obj = exported.json()
    started = cli(office.laptop, "bundle", "import", obj["file"], "--credential",
                  obj["credential"])  # fmt: skip
    assert started.code == 0, started.err
    return obj["file"]


def write_sheet(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(["身份证号,日期,方式,结果,现金,物品,备注,纸质签名", *rows]) + "\n",
                    encoding="utf-8")  # fmt: skip
    return path


def test_export_gives_file_and_credential_and_a_new_db_starts_from_it(
    cli: Any, office: Office
) -> None:
    run = cli(office.central, "bundle", "export", "--team", "T1", "--out", str(office.stick),
              "--float", "5000", json=True)  # fmt: skip
    assert run.code == 0, run.err
    obj = run.json()
    assert set(obj) >= {"file", "credential"}
    assert (obj["sequence"], obj["households"]) == (1, 28)
    file = Path(obj["file"])
    assert file.is_file() and file.parent == office.stick.resolve()
    assert file.name.startswith("WV-分派-T1-") and file.suffix == ".wvb"
    assert CREDENTIAL.fullmatch(obj["credential"])

    typed = " ".join(obj["credential"].lower().split("-"))
    started = cli(office.laptop, "bundle", "import", str(file), "--credential", typed, json=True)
    assert started.code == 0, started.err
    result = started.json()
    assert (result["new"], result["updated"], result["unchanged"], result["flags"]) == (
        28, 0, 0, [])  # fmt: skip
    [one] = result["bundles"]
    assert (one["outcome"], one["kind"], one["team"], one["sequence"]) == (
        "applied", "assignment", "T1", 1)  # fmt: skip
    assert count(office.laptop, "household") == 28

    human = cli(office.laptop, "bundle", "import", str(file), "--credential", typed)
    assert human.code == 0 and "已导入过" in human.out


def test_credential_from_the_environment(cli: Any, office: Office,
                                         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    run = cli(office.central, "bundle", "export", "--team", "T1", "--out", str(office.stick),
              json=True)  # fmt: skip
    obj = run.json()
    missing = cli(office.laptop, "bundle", "import", obj["file"])
    assert (
        missing.code == 1
        and "--credential" in missing.err
        and "WARMVISIT_CREDENTIAL" in missing.err
    )
    assert count(office.laptop, "campaign") == 0
    monkeypatch.setenv("WARMVISIT_CREDENTIAL", obj["credential"])
    started = cli(office.laptop, "bundle", "import", obj["file"], json=True)
    assert started.code == 0, started.err
    assert started.json()["new"] == 28


def test_refused_file_exit_1_reason_on_stderr_one_json_object(cli: Any, office: Office) -> None:
    run = cli(office.central, "bundle", "export", "--team", "T1", "--out", str(office.stick),
              json=True)  # fmt: skip
    file = Path(run.json()["file"])
    wrong = cli(office.laptop, "bundle", "import", str(file), "--credential",
                keys.new_credential(), json=True)  # fmt: skip
    assert wrong.code == 1
    assert f"拒收 {file.name}：无法打开文件包" in wrong.err
    obj = wrong.json()
    assert (obj["new"], obj["updated"], obj["unchanged"], obj["flags"]) == (0, 0, 0, [])
    [one] = obj["bundles"]
    assert one["outcome"] == "refused" and "口令" in one["reason"]
    assert count(office.laptop, "campaign") == count(office.laptop, "household") == 0

    junk = office.stick / "名单.wvb"
    junk.write_text("姓名,身份证号\n", encoding="utf-8")
    before = count(office.central, "bundle_log")
    at_office = cli(office.central, "bundle", "import", str(junk), json=True)
    assert at_office.code == 1 and "不是 WarmVisit 文件包" in at_office.err
    assert at_office.json()["bundles"][0]["outcome"] == "refused"
    assert count(office.central, "bundle_log") == before


def test_visits_import_export_merge_and_progress(cli: Any, office: Office) -> None:
    start_laptop(cli, office)
    (paid_id, category), (away_id, _c) = t1_households(office.central)[:2]
    cash = STANDARD[category][0] // 100
    sheet = write_sheet(office.stick.parent / "签收表.csv", [
        f"{paid_id},2027年1月21日,上门,已慰问,{cash},,,是",
        f"{away_id},2027/1/21,上门,不在家,,,,否",
    ])  # fmt: skip
    entered = cli(office.laptop, "visits", "import", str(sheet), json=True)
    assert entered.code == 0, entered.err
    assert entered.json() == {"imported": 2, "skipped": 0, "rejected": []}

    exported = cli(office.laptop, "bundle", "export", "--out", str(office.stick), json=True)
    assert exported.code == 0, exported.err
    result_file = exported.json()["file"]
    assert Path(result_file).name.startswith("WV-结果-T1-")
    on_team = cli(office.laptop, "bundle", "export", "--team", "T1", "--out", str(office.stick))
    assert on_team.code == 1 and "慰问组电脑" in on_team.err

    merged = cli(office.central, "bundle", "import", result_file, json=True)
    assert merged.code == 0, merged.err
    obj = merged.json()
    assert (obj["new"], obj["updated"], obj["unchanged"]) == (3, 0, 0)
    # Entered on the laptop, the row marked signed is proven once the office has the sheet.
    assert [f["kind"] for f in obj["flags"]] == ["paper_pending"]
    received = cli(office.central, "visits", "receive-slip", paid_id)
    assert received.code == 0, received.err
    assert cli(office.central, "flags", json=True).json()["flags"] == []
    again = cli(office.central, "bundle", "import", result_file)
    assert again.code == 0 and "已导入过" in again.out

    # Each side lists what it wrote and read; the same file brought again is not a new entry.
    office_log = cli(office.central, "bundle", "history", json=True).json()["bundles"]
    assert [(b["direction"], b["kind"], b["team"], b["sequence"], b["outcome"], b["new"])
            for b in office_log] == [("export", "assignment", "T1", 1, "exported", 28),
                                     ("import", "result", "T1", 1, "applied", 3)]  # fmt: skip
    assert office_log[1]["file"] == Path(result_file).name and office_log[1]["reason"] == ""
    laptop_log = cli(office.laptop, "bundle", "history").out
    assert "读入  分派包" in laptop_log and "写出  结果包" in laptop_log
    assert Path(result_file).name in laptop_log

    shown = cli(office.central, "progress", json=True)
    assert shown.code == 0
    report = shown.json()
    assert set(report) == {"teams", "flags", "transfers"} and report["flags"] == 0
    assert report["transfers"]["paid_fen"] == 0  # none by bank transfer here
    t1 = next(t for t in report["teams"] if t["code"] == "T1")
    assert set(t1) >= {"code", "assigned", "visited", "cash_fen"}
    goods = STANDARD[category][2]
    assert {k: t1[k] for k in ("assigned", "visited", "attempted", "not_yet", "cash_fen",
                                "transfer_fen", "goods_fen", "float_fen")} == {
        "assigned": 28, "visited": 1, "attempted": 1, "not_yet": 26, "cash_fen": cash * 100,
        "transfer_fen": 0, "goods_fen": goods, "float_fen": 500_000,
    }  # fmt: skip
    t2 = next(t for t in report["teams"] if t["code"] == "T2")
    assert (t2["assigned"], t2["visited"], t2["cash_fen"], t2["float_fen"]) == (28, 0, 0, None)


def test_visits_import_with_a_bad_row_records_nothing(cli: Any, office: Office) -> None:
    start_laptop(cli, office)
    (first, category), (second, _c) = t1_households(office.central)[:2]
    cash = STANDARD[category][0] // 100
    sheet = write_sheet(office.stick.parent / "签收表.csv", [
        f"{first},2027-01-21,上门,已慰问,{cash},,,是",
        f"{second},2027-01-32,上门,不在家,,,,否",
    ])  # fmt: skip
    run = cli(office.laptop, "visits", "import", str(sheet), json=True)
    assert run.code == 1
    obj = run.json()
    assert obj["imported"] == 0
    assert [(p["row"], p["column"], p["value"]) for p in obj["rejected"]] == [
        (3, "日期", "2027-01-32")]  # fmt: skip
    assert count(office.laptop, "event") == 0


def test_device_list_and_revoke(cli: Any, office: Office) -> None:
    start_laptop(cli, office)
    (paid_id, category), (later_id, _c) = t1_households(office.central)[:2]
    cash = STANDARD[category][0] // 100
    sheet = write_sheet(
        office.stick.parent / "a.csv", [f"{paid_id},2027-01-21,上门,已慰问,{cash},,,是"]
    )
    assert cli(office.laptop, "visits", "import", str(sheet)).code == 0
    first = cli(office.laptop, "bundle", "export", "--out", str(office.stick), json=True).json()
    assert cli(office.central, "bundle", "import", first["file"]).code == 0

    listed = cli(office.central, "device", "list", json=True)
    assert listed.code == 0
    found = listed.json()["devices"]
    assert sorted(d["role"] for d in found) == ["central", "team"]
    laptop = next(d for d in found if d["role"] == "team")
    assert set(laptop) == {"id", "role", "team", "fingerprint", "first_seen", "revoked_at",
                           "events"}  # fmt: skip
    assert (laptop["team"], laptop["events"], laptop["revoked_at"]) == ("T1", 2, None)

    assert cli(office.central, "device", "revoke", "zzz", "--reason", "丢失").code == 1
    revoked = cli(office.central, "device", "revoke", laptop["id"][:8], "--reason", "笔记本丢失",
                  json=True)  # fmt: skip
    assert revoked.code == 0, revoked.err
    assert revoked.json()["id"] == laptop["id"] and revoked.json()["revoked_at"]
    again = cli(office.central, "device", "list", json=True).json()["devices"]
    assert next(d for d in again if d["id"] == laptop["id"])["revoked_at"]

    sheet = write_sheet(office.stick.parent / "b.csv", [f"{later_id},2027-01-22,上门,不在家,,,,否"])
    assert cli(office.laptop, "visits", "import", str(sheet)).code == 0
    later = cli(office.laptop, "bundle", "export", "--out", str(office.stick), json=True).json()
    events = count(office.central, "event")
    held = cli(office.central, "bundle", "import", later["file"])
    assert held.code == 0 and "1条记录暂不计入（见 quarantine list）" in held.out
    assert count(office.central, "event") == events + 1  # kept, verified, and held

    listed = cli(office.central, "quarantine", "list")
    assert listed.code == 0 and "已停用电脑" in listed.out and "待决定" in listed.out
    item = cli(office.central, "quarantine", "list", json=True).json()["items"][0]
    shown = cli(office.central, "quarantine", "show", item["id"][:10])
    assert shown.code == 0 and "暂不计入" in shown.out
    assert cli(office.central, "quarantine", "accept", item["id"]).code == 1  # --reason needed
    kept = cli(office.central, "quarantine", "keep-aside", item["id"], "--reason", "待核实")
    assert kept.code == 0 and "已搁置" in kept.out
    again = cli(office.central, "quarantine", "keep-aside", item["id"], "--reason", "x")
    assert again.code == 1 and "已经决定过" in again.err
    assert cli(office.central, "quarantine", "list").out.strip() == "没有待定事项"
    assert cli(office.central, "device", "unrevoke", laptop["id"], "--reason", "找回").code == 0


def test_a_newer_assignment_taking_a_visited_household_away_is_flagged(
    cli: Any, office: Office
) -> None:
    start_laptop(cli, office)
    (visited_id, category), *_rest = t1_households(office.central)
    cash = STANDARD[category][0] // 100
    sheet = write_sheet(office.stick.parent / "签收表.csv",
                        [f"{visited_id},2027年1月21日,上门,已慰问,{cash},,,是"])  # fmt: skip
    assert cli(office.laptop, "visits", "import", str(sheet)).code == 0
    moved = cli(office.central, "assign", "--team", "T2", "--household", visited_id)
    assert moved.code == 0, moved.err
    newer = cli(office.central, "bundle", "export", "--team", "T1", "--out", str(office.stick),
                json=True).json()  # fmt: skip

    run = cli(office.laptop, "bundle", "import", newer["file"], "--credential",
              newer["credential"], json=True)  # fmt: skip
    assert run.code == 0, run.err
    [flag] = run.json()["flags"]
    masked = visited_id[:6] + "********" + visited_id[-4:]
    assert (flag["kind"], flag["household"]) == ("withdrawn_visited", masked)
    assert flag["detail"].endswith("已调出本组，但本机已有走访记录：记录保留，请与中心核对")
    assert visited_id not in {n for n, _c in t1_households(office.laptop)}
