"""Roster import through the service: the clerk's outcomes, on small visible rosters."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.domain.errors import Cancelled, InvalidInput
from app.domain.long_work import CancelFlag
from app.i18n import render as problem_text
from app.services.campaign import setup as campaigns
from app.services.households import application as households
from app.services.households.status import set_status
from app.services.rosters.importing import import_roster
from app.store import households as store_households
from app.store.db import Store
from tests.builders import (
    ACTOR,
    ID_A,
    ID_B,
    SAMPLE_CSV,
    SAMPLE_FILES,
    count,
    fixture_path,
    make_id,
    planted,
    write,
)

# --- the sample roster of 单位A ----------------------------------------------------------------


@pytest.mark.parametrize("file", SAMPLE_FILES)
def test_sample_roster_refused_whole_then_imported_with_skip(store: Store, file: str) -> None:
    refused = import_roster(store, fixture_path(file), unit="单位A", actor=ACTOR)
    assert not refused.applied
    assert count(store) == 0
    reasons = {(p.row, p.column): problem_text(p) for p in refused.rejected}
    # planted: data row 8 household size 0, 29 no ID, 33 bad check digit (Excel row = +2)
    assert reasons == {
        (10, "家庭人口"): "家庭人口应为1到20之间的整数",
        (31, "身份证号"): "缺少身份证号",
        (35, "身份证号"): "身份证号校验位错误（可能有数字录错）",
    }
    [dup] = refused.duplicates
    assert (dup.row, dup.first_seen) == (15, 12)
    assert dup.id_number_masked == "330802********5533"
    # the same rows as tests/fixtures/roster_unit_a.planted.json lists (its rows are 0-based)
    planted_at = {p["kind"]: p["row"] + 2 for p in planted()}
    assert set(reasons) == {
        (planted_at["bad_household_size"], "家庭人口"),
        (planted_at["missing_id"], "身份证号"),
        (planted_at["bad_checksum"], "身份证号"),
    }
    assert dup.row == planted_at["duplicate_person"]

    done = import_roster(store, fixture_path(file), unit="单位A", skip_invalid=True, actor=ACTOR)
    assert done.applied and done.imported == 56 and count(store) == 56
    fullwidth = households.list_households(store, search="严芳霞")[0]
    assert fullwidth.id_number == "130102195804105618"
    assert households.list_households(store, search="侯平")[0].name == "侯平"
    row = store_households.find_household(store, _campaign_id(store), "130102198511219367")
    assert row["monthly_income_fen"] == 117000  # "1,170.00元"
    for plant in planted():
        if plant["kind"].endswith("_ok"):
            [found] = households.list_households(store, search=plant["name"].strip(" \u3000"))
            assert found.name == plant["name"].strip(" \u3000")


def _campaign_id(store: Store) -> str:
    return store.conn.execute("SELECT id FROM campaign").fetchone()[0]


def test_same_roster_again_in_another_encoding_changes_nothing(store: Store) -> None:
    import_roster(store, fixture_path(SAMPLE_CSV), unit="单位A", skip_invalid=True,
                  actor=ACTOR)  # fmt: skip
    before = store.conn.execute("SELECT count(*) FROM roster_import").fetchone()[0]
    again = import_roster(store, fixture_path("roster_unit_a.gbk.csv"), unit="单位A",
                          skip_invalid=True, actor=ACTOR)  # fmt: skip
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 56)
    assert store.conn.execute("SELECT count(*) FROM roster_import").fetchone()[0] == before


def test_other_unit_sending_the_same_people_gets_duplicates(store: Store) -> None:
    import_roster(store, fixture_path(SAMPLE_CSV), unit="单位A", skip_invalid=True,
                  actor=ACTOR)  # fmt: skip
    other = import_roster(store, fixture_path("roster_unit_a.xlsx"), unit="单位B",
                          skip_invalid=True, actor=ACTOR)  # fmt: skip
    assert other.imported == 0 and count(store) == 56
    from_store = [d for d in other.duplicates if d.key == "row.duplicate_in_store"]
    assert len(from_store) == 56
    assert "此人已由“单位A”报送" in problem_text(from_store[0])


# --- layouts real rosters have ----------------------------------------------------------------


def test_title_row_synonyms_and_total_row(store: Store, tmp_path: Path) -> None:
    text = (
        "填报单位：区供热公司工会,,,,\n"
        "序号,职工姓名,公民身份号码,单位名称,手机号码,家庭月总收入（元）,家庭人口数\n"
        f'1,张三,{ID_A},区供热公司,138 0000 0001,"2,100.50",3\n'
        f"2,䶮李,{ID_B},区供热公司,022-23456789,一千二百元,2\n"
        "合计,,,,,,5\n"
        "填表人：王五 审核人：赵六,,,,,,\n"
    )
    path = write(tmp_path, "供热.csv", text, "gb18030")
    result = import_roster(store, path, actor=ACTOR)
    assert result.applied and result.imported == 2 and not result.rejected
    assert result.unit == "区供热公司工会"  # taken from the title row
    rows = {h.name: h for h in households.list_households(store)}
    assert set(rows) == {"张三", "䶮李"}  # a name outside GBK survives a GB18030 file
    one = store_households.find_household(store, _campaign_id(store), ID_A)
    assert (one["phone"], one["monthly_income_fen"], one["sex"]) == ("13800000001", 210050, "M")
    two = store_households.find_household(store, _campaign_id(store), ID_B)
    assert two["monthly_income_fen"] == 120000 and two["phone"] == "022-23456789"


def test_xlsx_with_title_merged_cells_and_number_cells(store: Store, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "2027年春节困难职工慰问名单"
    ws.merge_cells("A1:E1")
    ws.append(["姓名", "证件号码", "工作单位", "家庭人口", "家庭月收入"])
    ws.append(["张三", ID_A, "甲厂", 3, 2000])
    ws.append(["李四", ID_B, None, 2.0, 1500.5])
    ws.append(["王五", 120116196112127139, None, 1, 900])  # an ID typed as a number
    ws.merge_cells("C3:C5")  # the unit written once for three rows
    path = tmp_path / "甲厂.xlsx"
    wb.save(path)
    result = import_roster(store, path, unit="甲厂工会", actor=ACTOR)
    [problem] = result.rejected
    assert problem.row == 5 and problem.column == "证件号码"
    assert "Excel存成了数字" in problem_text(problem)
    result = import_roster(store, path, unit="甲厂工会", skip_invalid=True, actor=ACTOR)
    assert result.imported == 2
    li = store_households.find_household(store, _campaign_id(store), ID_B)
    assert li["employer"] == "甲厂"  # filled from the merged cell
    assert li["household_size"] == 2 and li["monthly_income_fen"] == 150050


def test_unknown_layout_names_what_is_missing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "名字,证件\n张三,123\n")
    with pytest.raises(InvalidInput) as err:
        import_roster(store, path, actor=ACTOR)
    assert err.value.key == "roster.missing_columns"
    assert err.value.params["missing"] == ("身份证号",)
    # ... and an explicit mapping makes it readable
    path = write(tmp_path, "y.csv", f"名字,证件\n张三,{ID_A}\n")
    result = import_roster(store, path, mapping=["证件=id_number"], actor=ACTOR)
    assert result.imported == 1


def test_every_problem_of_a_row_is_reported_at_once(store: Store, tmp_path: Path) -> None:
    text = f"姓名,性别,身份证号,联系电话,家庭月收入\n张三,女,{ID_A},12345,abc\n"
    path = write(tmp_path, "x.csv", text)
    result = import_roster(store, path, actor=ACTOR)
    assert {p.column for p in result.rejected} == {"性别", "联系电话", "家庭月收入"}
    assert all(p.row == 2 for p in result.rejected)
    assert count(store) == 0


def test_corrected_file_updates_and_keeps_the_old_version(store: Store, tmp_path: Path) -> None:
    header = "姓名,身份证号,联系电话,家庭月收入\n"
    first = write(tmp_path, "a.csv", header + f"张三,{ID_A},13800000001,2000\n李四,{ID_B},,900\n")
    import_roster(store, first, unit="单位A", actor=ACTOR)
    set_status(store, status="单位审核", everyone=True, actor=ACTOR)
    fixed = write(tmp_path, "a2.csv", header + f"张三,{ID_A},13800000002,2000\n李四,{ID_B},,900\n")
    result = import_roster(store, fixed, unit="单位A", actor=ACTOR)
    assert (result.imported, result.updated, result.unchanged) == (0, 1, 1)
    row = store_households.find_household(store, _campaign_id(store), ID_A)
    assert row["phone"] == "13800000002"
    assert row["status"] == "unit_reviewed"  # a correction does not reset the application
    [history] = store.query("SELECT before_json FROM household_history")
    assert "13800000001" in history["before_json"]


def test_unknown_category_is_imported_and_linked_when_added(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", f"姓名,身份证号,慰问类别\n张三,{ID_A},农民工\n李四,{ID_B},KN\n")
    result = import_roster(store, path, actor=ACTOR)
    assert result.imported == 2
    [warning] = result.warnings
    assert warning.key == "row.unknown_category" and warning.params["rows"] == ("2",)
    by_name = {h.name: h.category_code for h in households.list_households(store)}
    assert by_name == {"张三": "", "李四": "KN"}
    added = campaigns.add_category(store, code="NM", name="农民工", cash="500", actor=ACTOR)
    assert added.linked_households == 1
    assert households.list_households(store, category="NM")[0].name == "张三"


def test_cancelled_import_leaves_the_store_as_it_was(store: Store, tmp_path: Path) -> None:
    lines = ["姓名,身份证号"]
    for i in range(5000):
        lines.append(f"张{chr(0x4E00 + i)},{make_id(f'120116{1950 + i % 50}0101{i // 50:03d}')}")
    path = write(tmp_path, "big.csv", "\n".join(lines) + "\n")
    flag = CancelFlag()
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done >= 2000:
            flag.set()  # the clerk presses Cancel after the first batch was written

    with pytest.raises(Cancelled):
        import_roster(store, path, actor=ACTOR, progress=progress, cancel=flag)
    assert count(store) == 0
    assert store.conn.execute("SELECT count(*) FROM roster_import").fetchone()[0] == 0
    assert max(seen) >= 2000


def test_progress_shows_from_the_start_to_the_last_row(store: Store, tmp_path: Path) -> None:
    lines = ["姓名,身份证号"]
    lines += [f"王{chr(0x4E00 + i)},{make_id(f'120116{1950 + i}0101001')}" for i in range(30)]
    path = write(tmp_path, "small.csv", "\n".join(lines) + "\n")
    seen: list[tuple[int, int]] = []
    import_roster(store, path, actor=ACTOR, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 0)  # before the file is read: the label, no bar yet
    assert seen[-1] == (30, 30) and count(store) == 30


def test_store_is_wal_with_foreign_keys(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(
            "INSERT INTO member (id, household_id, name, relation, created_at, created_by)"
            " VALUES ('m', 'no-such-household', 'x', '配偶', 'now', 'me')"
        )


def test_import_killed_mid_write_leaves_no_trace(store: Store, tmp_path: Path) -> None:
    """A pulled plug during an import: the process dies after the first batch was written."""
    lines = ["姓名,身份证号"]
    for i in range(5000):
        lines.append(f"李{chr(0x4E00 + i)},{make_id(f'120116{1950 + i % 50}0101{i // 50:03d}')}")
    roster = write(tmp_path, "big.csv", "\n".join(lines) + "\n")
    db = store.path
    store.close()
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from app.services.rosters.importing import import_roster\n"
        "from app.store.db import Store\n"
        "def die(done, total):\n"
        "    if done >= 2000: os._exit(9)\n"
        f"import_roster(Store({str(db)!r}), Path({str(roster)!r}), progress=die)\n"
    )
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parents[2], check=False)
    assert run.returncode == 9
    with Store(db) as reopened:
        assert count(reopened) == 0
        assert reopened.conn.execute("SELECT count(*) FROM roster_import").fetchone()[0] == 0


def test_parallel_checking_gives_the_same_rows_and_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large files are checked in worker processes; the outcome must not depend on it."""
    from app.documents.roster_reader import read_roster_file
    from app.domain.roster_columns import find_layout
    from app.domain.roster_rows import CATEGORY_LABEL
    from app.services.infra import parallel
    from app.services.rosters.checking import VALUES, RowStamp, check_rows

    sheet = read_roster_file(fixture_path(SAMPLE_CSV))
    layout = find_layout(sheet.rows)
    stamp = RowStamp(
        "campaign", "import", "2026-12-01T09:00:00+08:00", {"困难职工": "cat-1"}, "applied"
    )
    args = (sheet.rows, layout, "单位A", date(2026, 12, 1), stamp)

    def run(parallel_from: int) -> tuple[list, list, list]:
        parts = list(check_rows(*args, parallel_from=parallel_from))
        rows = [r for p in parts for r in p.rows]
        return rows, [q for p in parts for q in p.problems], [p.done for p in parts]

    monkeypatch.delenv(parallel.START_METHOD_ENV, raising=False)  # as the program chooses
    assert parallel.start_method() is not None  # so the second call really uses worker processes
    alone = run(10**9)
    split = run(1)
    # The same rows (each with a fresh id of its own) and the same problems.
    assert [r[1:] for r in split[0]] == [r[1:] for r in alone[0]]
    assert split[1] == alone[1]
    assert len({r[0] for r in alone[0] + split[0]}) == 2 * len(alone[0])
    labelled = {r[3] for r in alone[0] if r[VALUES + CATEGORY_LABEL] == "困难职工"}
    assert labelled == {"cat-1"}
    assert alone[2][-1] == split[2][-1] == len(sheet.rows) - layout.header_row - 1
    assert len(alone[0]) == 57 and {p.row for p in alone[1]} == {10, 31, 35}
