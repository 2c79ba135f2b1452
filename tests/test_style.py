"""The code as ruff would write it (pyproject.toml's rules, size rules included), so CI holds
what a developer's editor shows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["app", "tests", "bench", "scripts", "docs", "packaging"]


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).with_name("ruff")
    return subprocess.run([str(tool), *args, *CHECKED], cwd=ROOT, capture_output=True, text=True,
                          check=False)  # fmt: skip


def test_ruff_finds_nothing() -> None:
    run = ruff("check", "--no-cache")
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_code_is_formatted() -> None:
    run = ruff("format", "--check", "--no-cache")
    assert run.returncode == 0, run.stdout + run.stderr
