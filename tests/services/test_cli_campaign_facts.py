"""``campaign set`` and ``campaign history``: exact sentences, exit codes, nothing changed on a
refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(["--db", str(db), *args])
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("WARMVISIT_USER", "tester")
    monkeypatch.setenv("WARMVISIT_LANG", "zh")
    monkeypatch.delenv("WARMVISIT_LANG")
    monkeypatch.delenv("WARMVISIT_DB", raising=False)
    path = tmp_path / "wv.db"
    code, _, err = run(capsys, path, "campaign", "init", "--name", "2027年春节送温暖",
                       "--organizer", "区总工会", "--start", "2027-01-20", "--end",
                       "2027-01-28", "--min-living", "780")  # fmt: skip
    assert code == 0, err
    return path


def test_campaign_set_changes_one_fact_and_history_lists_it(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, db, "campaign", "set", "min_living", "820", "--reason", "新低保标准")
    assert code == 0
    assert out.splitlines() == [
        "已修改活动设置“低保标准”：¥780.00 → ¥820.00（原值和原因已记入修改记录）",
        "有 0 户的符合条件结果因此改变",
    ]
    code, out, _ = run(capsys, db, "--lang", "en", "campaign", "set", "end", "2027-02-03",
                       "--reason", "延后")  # fmt: skip
    assert code == 0
    assert out.strip() == (
        "Campaign setting “Visits end” changed: 2027-01-28 → 2027-02-03 "
        "(the old value and the reason are kept in the change history)"
    )
    code, out, _ = run(capsys, db, "--json", "campaign", "history")
    assert [(c["field"], c["before"], c["after"], c["reason"], c["by"])
            for c in json.loads(out)["changes"]] == [
        ("min_living", "78000", "82000", "新低保标准", "tester"),
        ("end", "2027-01-28", "2027-02-03", "延后", "tester"),
    ]  # fmt: skip
    code, out, _ = run(capsys, db, "campaign", "history")
    assert code == 0 and "新低保标准" in out and "走访结束日期" in out and "¥820.00" in out
    code, out, _ = run(capsys, db, "--json", "campaign", "show")
    assert (json.loads(out)["end"], json.loads(out)["min_living_fen"]) == ("2027-02-03", 82000)


def test_a_window_ending_before_it_starts_is_refused(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, db, "campaign", "set", "end", "2027-01-10", "--reason", "提前")
    assert code != 0 and out == ""
    assert "走访结束日期2027-01-10早于开始日期2027-01-20" in err
    code, out, _ = run(capsys, db, "campaign", "history")
    assert (code, out.strip()) == (0, "（还没有记录）")
