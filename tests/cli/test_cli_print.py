"""The printing commands end to end: files written, ``{"file", "pages"}`` with --json, and a
clear refusal (exit 1, no file) for an unknown team, household, template or output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.cli import main
from tests.documents import world
from tests.documents.pdftext import flat


@pytest.fixture
def db(printing_world: Path, tmp_path: Path) -> Path:
    target = tmp_path / "world.db"
    shutil.copy(printing_world, target)
    return target


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--db", str(db), *argv])
    except SystemExit as e:  # argparse refusing the command line
        code = e.code if isinstance(e.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("argv", "name", "pages"),
    [
        (["letters", "--team", "T1"], "letters.pdf", 3),
        (["letters", "--household", world.ZHANG, world.WANG, "--size", "A5"], "letters.pdf", 2),
        (["letters", "--category", "困难退休职工", "--template", "职工"], "letters.pdf", 2),
        (["receipts", "--team", "T1", "--date", "2027-01-21"], "receipts.pdf", 1),
        (["daily-log", "--team", "T1", "--date", "2027-01-21"], "log.pdf", 1),
        (["daily-log", "--team", "T1", "--date", "2027-01-21"], "log.xlsx", None),
        (["household-form", world.LI], "form.pdf", 1),
        (["notice", "--unit", "区环卫所"], "notice.pdf", 1),
        (["summary", "--by", "unit"], "summary.pdf", 1),
        (["summary"], "summary.xlsx", None),
    ],
)
def test_json_names_the_file_and_its_pages(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, argv: list[str], name: str,
    pages: int | None,
) -> None:  # fmt: skip
    out = tmp_path / name
    code, stdout, err = run(capsys, db, "--json", *argv, "--out", str(out))
    assert code == 0, err
    assert json.loads(stdout) == {"file": str(out.resolve()), "pages": pages}
    assert out.is_file()


def test_plain_output_says_where(capsys: pytest.CaptureFixture[str], db: Path,
                                 tmp_path: Path) -> None:  # fmt: skip
    out = tmp_path / "r.pdf"
    code, stdout, _err = run(capsys, db, "receipts", "--team", "T1", "--out", str(out))
    assert code == 0 and stdout.strip() == f"已写入 {out.resolve()}（1页）"
    assert "贰仟捌佰元伍角" in flat(out)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["receipts", "--team", "T9"], "没有慰问组“T9”"),
        (["letters", "--team", "T1", "--template", "没有"], "没有慰问信模板“没有”，可用："),
        (["letters", "--household", "11010519800101001X"], "没有找到“11010519800101001X”"),
        (["letters", "--category", "无此类"], "没有慰问类别“无此类”"),
        (["letters", "--team", "T1", "--category", "困难职工"], "只能选一个"),
        (["notice", "--unit", "无此单位"], "没有单位“无此单位”的慰问对象"),
        (
            ["household-form", world.make_id("11010519800101001")],
            f"没有找到“{world.make_id('11010519800101001')}”",
        ),
    ],
)
def test_bad_input_is_refused_with_a_sentence_and_no_file(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, argv: list[str], message: str
) -> None:
    out = tmp_path / "x.pdf"
    code, stdout, err = run(capsys, db, *argv, "--out", str(out))
    assert code == 1 and stdout == ""
    assert message in err, err
    assert not out.exists()


def test_unwritable_output(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    out = blocker / "r.pdf"
    code, _out, err = run(capsys, db, "receipts", "--team", "T1", "--out", str(out))
    assert code == 1 and f"无法写入文件“{out}”" in err
    code, _out, err = run(capsys, db, "summary", "--out", str(tmp_path / "s.doc"))
    assert code == 1 and "扩展名应为 .pdf、.xlsx" in err


def test_a_refused_signature_is_named_on_stderr(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    from app.store.db import Store

    with Store(db) as store:
        world.record(store, world.ZHAO, team="T2", hour=14, tamper="strokes")
    out = tmp_path / "t2.pdf"
    code, stdout, err = run(capsys, db, "--json", "receipts", "--team", "T2", "--out", str(out))
    assert code == 0
    obj = json.loads(stdout)
    assert obj["pages"] == 1 and "赵㛃" in obj["problems"][0]
    assert "赵㛃" in err and "签名校验不符" in err
    code, _stdout, err = run(capsys, db, "--lang", "en", "receipts", "--team", "T2", "--out",
                             str(out))  # fmt: skip
    assert "does not verify" in err


def test_print_setting_sets_shows_and_refuses_unknown_names(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    code, out, _err = run(capsys, db, "print-setting", "notice_days", "7")
    assert code == 0 and "notice_days = 7" in out
    code, out, err = run(capsys, db, "print-setting", "colour", "red")
    assert code == 1 and "没有打印设置“colour”" in err
    code, out, _err = run(capsys, db, "print-setting")
    assert "notice_days = 7" in out and "colour" not in out


@pytest.mark.parametrize(
    ("argv", "name", "english", "chinese"),
    [
        (["letters", "--team", "T1"], "l.pdf", "(seal)", "（盖章）"),
        (["receipts", "--team", "T1"], "r.pdf", "Signature(checkcode)", "签收人签名（校验码）"),
        (["daily-log", "--team", "T1", "--date", "2027-01-21"], "d.pdf", "visitlog", "走访日志"),
        (["household-form", world.LI], "f.pdf", "Householdfile", "困难职工档案表"),
        (["notice"], "n.pdf", "Publicnotice", "公示名单"),
        (["summary"], "s.pdf", "summarybycategory", "汇总表（按慰问类别）"),
    ],
)
def test_lang_words_the_document(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, argv: list[str], name: str,
    english: str, chinese: str,
) -> None:  # fmt: skip
    out = tmp_path / name
    code, _stdout, err = run(capsys, db, "--lang", "en", *argv, "--out", str(out))
    assert code == 0, err
    assert english in flat(out) and chinese not in flat(out)
    code, _stdout, err = run(capsys, db, *argv, "--out", str(out))
    assert code == 0, err
    assert chinese in flat(out) and english not in flat(out)
