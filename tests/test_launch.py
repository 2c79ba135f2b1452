"""The entry point sends the window's arguments to the window and all else to the command line,
without a word of its own on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.launch import _window_args, main


@pytest.mark.parametrize(
    ("argv", "window"),
    [([], True), (["--db", "x.db"], True), (["--lang", "en", "gui", "--size", "800x600"], True),
     (["gui", "--screenshot", "a.png"], True), (["notice", "--out", "x.pdf"], False),
     (["--json", "gui"], False), (["gui", "--size", "big"], False), (["--help"], False)],
)  # fmt: skip
def test_window_or_command_line(argv: list[str], window: bool) -> None:
    assert (_window_args(argv) is not None) is window


def test_a_command_runs_without_usage_noise(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                            ) -> None:  # fmt: skip
    code = main(["--db", str(tmp_path / "x.db"), "campaign", "show"])
    err = capsys.readouterr().err
    assert code == 1 and "usage:" not in err and "还没有慰问活动" in err
