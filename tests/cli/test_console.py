"""The console as a clerk's Windows has it: GBK (cp936) when output is redirected, and Ctrl+C.

Each command runs in its own process, as from a console, with ``PYTHONIOENCODING=cp936``
standing in for a Chinese Windows redirecting its output to a file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CANCELLED = {"zh": "已取消，未做任何更改\n", "en": "Cancelled; nothing was changed\n"}
KEPT = "已中断；中断前已完成的更改已保存\n"


def run(
    *argv: str, encoding: str = "cp936", script: str = "", **popen: object
) -> tuple[int, bytes, bytes]:
    """``warmvisit ARGV…`` in a fresh process; ``script`` runs first (to stage a Ctrl+C)."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "WARMVISIT_USER": "tester",
           "PYTHONPATH": str(REPO)}  # fmt: skip
    env.pop("WARMVISIT_LANG", None)
    code = f"{script}\nimport sys\nfrom app.launch import main\nsys.exit(main({list(argv)!r}))"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True,
                          timeout=300, check=False, **popen)  # type: ignore[call-overload]  # fmt: skip
    return done.returncode, done.stdout, done.stderr


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo campaign: categories, budget, 40 households, some of them to review."""
    db = tmp_path_factory.mktemp("console") / "demo.db"
    code, _out, err = run("--db", str(db), "demo", "--households", "40", encoding="utf-8")
    assert code == 0, err.decode()
    return db


@pytest.mark.parametrize(
    ("command", "shown"),
    [(["budget"], "￥"), (["campaign", "show"], "低保标准：￥780.00/人/月"),
     (["eligibility", "--review-only"], "￥"), (["--lang", "en", "budget"], "￥")],
)  # fmt: skip
def test_amounts_print_in_gbk_with_the_yen_gbk_has(demo: Path, command: list[str], shown: str
                                                   ) -> None:  # fmt: skip
    code, out, err = run("--db", str(demo), *command)
    assert (code, err) == (0, b"")
    text = out.decode("gbk")  # every byte is GBK: nothing was written in another encoding
    assert shown in text
    assert "¥" not in text


def test_a_name_gbk_cannot_write_prints_as_a_question_mark(tmp_path: Path) -> None:
    db, roster = _store_with_campaign(tmp_path), tmp_path / "rare.csv"
    roster.write_text("姓名,身份证号\n王䶮,120116196307154698\n", encoding="utf-8")
    code, _out, err = run("--db", str(db), "roster", "import", str(roster), "--unit", "甲")
    assert (code, err) == (0, b"")
    code, out, err = run("--db", str(db), "household", "list")
    assert (code, err) == (0, b"")
    assert "王?" in out.decode("gbk")


@pytest.mark.parametrize(
    "command", [["budget"], ["campaign", "show"], ["eligibility", "--review-only"],
                ["household", "list"]],
)  # fmt: skip
def test_json_is_utf8_whatever_the_console_writes(demo: Path, command: list[str]) -> None:
    code, out, err = run("--db", str(demo), "--json", *command)
    assert (code, err) == (0, b"")
    text = out.decode("utf-8")  # GBK bytes of Chinese text are not UTF-8
    assert isinstance(json.loads(text), dict)
    assert any("\u4e00" <= c <= "\u9fff" for c in text)  # as itself, not \\u escapes


# --- Ctrl+C -------------------------------------------------------------------------------------


def _store_with_campaign(tmp_path: Path) -> Path:
    db = tmp_path / "wv.db"
    code, _out, err = run("--db", str(db), "campaign", "init", "--name", "2027年春节送温暖",
                          "--organizer", "区总工会", "--start", "2027-01-20", "--end",
                          "2027-01-28", "--min-living", "780")  # fmt: skip
    assert code == 0, err.decode()
    return db


def _households(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM household").fetchone()[0]


def _roster(tmp_path: Path, households: int) -> Path:
    from app.services.demo.campaign import write_demo_roster

    return write_demo_roster(tmp_path / "roster.csv", households, seed=3)


# A real SIGINT, sent once the import has written its first rows inside its transaction.
_INTERRUPT_WHILE_WRITING = """
import os, signal
from app.store import households
_insert = households.insert_households
def insert_then_interrupt(*args, **kwargs):
    _insert(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGINT)
households.insert_households = insert_then_interrupt
"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ctrl_c_during_an_import_changes_nothing_and_says_so(tmp_path: Path, lang: str) -> None:
    db, roster = _store_with_campaign(tmp_path), _roster(tmp_path, 3000)
    code, out, err = run("--db", str(db), "--lang", lang, "roster", "import", str(roster),
                         script=_INTERRUPT_WHILE_WRITING)  # fmt: skip
    assert (code, out, err.decode("gbk")) == (130, b"", CANCELLED[lang])
    assert _households(db) == 0
    # and the same file imports whole afterwards
    assert run("--db", str(db), "roster", "import", str(roster))[0] == 0
    assert _households(db) == 3000


def test_ctrl_c_to_the_whole_console_stops_the_workers_without_a_word(tmp_path: Path) -> None:
    # 25,000 rows are checked by worker processes, which a console's Ctrl+C reaches too. It
    # comes with the last rows written, when the workers wait for work that will not come.
    db, roster = _store_with_campaign(tmp_path), _roster(tmp_path, 25_000)
    everyone = """
import os, signal
from app.store import households
_insert, _written = households.insert_households, []
def insert_then_interrupt(store, columns, rows):
    _insert(store, columns, rows)
    _written.append(len(rows))
    if sum(_written) == 25_000:
        os.killpg(os.getpgid(0), signal.SIGINT)
households.insert_households = insert_then_interrupt
"""
    code, out, err = run("--db", str(db), "roster", "import", str(roster), script=everyone,
                         start_new_session=True)  # fmt: skip
    assert (code, out, err.decode("gbk")) == (130, b"", CANCELLED["zh"])
    assert _households(db) == 0


def test_ctrl_c_after_the_import_was_saved_says_it_was_kept(tmp_path: Path) -> None:
    db, roster = _store_with_campaign(tmp_path), _roster(tmp_path, 200)
    after = """
import os, signal
from app.services.rosters import importing as rosters
_import = rosters.import_roster
def import_then_interrupt(*args, **kwargs):
    done = _import(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGINT)
    return done
rosters.import_roster = import_then_interrupt
"""
    code, out, err = run("--db", str(db), "roster", "import", str(roster), script=after)
    assert (code, out, err.decode("gbk")) == (130, b"", KEPT)
    assert _households(db) == 200


# Ctrl+C while the command line's modules load, before any command has begun.
_INTERRUPT_WHILE_LOADING = """
import builtins
_import = builtins.__import__
def interrupted_import(name, *args, **kwargs):
    if name == "app.cli":
        raise KeyboardInterrupt
    return _import(name, *args, **kwargs)
builtins.__import__ = interrupted_import
"""


def test_ctrl_c_while_the_command_line_loads_says_the_sentence(tmp_path: Path) -> None:
    for lang, sentence in CANCELLED.items():
        code, out, err = run("--db", str(tmp_path / "x.db"), "--lang", lang, "campaign", "show",
                             script=_INTERRUPT_WHILE_LOADING)  # fmt: skip
        assert (code, out, err.decode("gbk")) == (130, b"", sentence)
    assert not (tmp_path / "x.db").exists()


def test_a_job_with_no_steps_to_count_says_it_is_under_way_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from app.cli.output import under_way

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert under_way("正在核对每一分钱", lambda: 42) == 42
    assert screen.getvalue() == "\r正在核对每一分钱 …\n"
