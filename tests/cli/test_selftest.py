"""``warmvisit --self-test`` and ``--version``: what a user runs to see that an installation works
(issue 19), from a folder whose name has Chinese and a space, as Windows users' folders do."""

from __future__ import annotations

import sys
import tempfile
import tomllib
from pathlib import Path

import pytest

import app
from app.launch import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def chinese_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder and the temporary folder: 送温暖 测试 (Chinese and a space)."""
    folder = tmp_path / "送温暖 测试"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_the_self_test_passes_and_leaves_nothing(
    chinese_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--self-test"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.splitlines()[0] == "自检 1/7：新建临时数据库……正常"
    assert "自检 5/7：用随附字体排印慰问信……正常" in out
    assert f"自检通过：7 项全部正常（WarmVisit {app.__version__}）" in out
    assert list(chinese_folder.iterdir()) == []


def test_a_broken_font_stops_the_self_test_with_a_sentence(
    chinese_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    # An unpacked folder whose font file was cut short (a download broken off).
    installed = tmp_path / "程序 文件夹"
    fonts = installed / "resources" / "fonts"
    fonts.mkdir(parents=True)
    (fonts / "LXGWWenKai-Regular.ttf").write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 60)
    monkeypatch.setattr(sys, "_MEIPASS", str(installed), raising=False)
    code = main(["--self-test"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "自检 4/7：登记一次走访……正常" in out and "5/7" not in out
    assert err.startswith("自检未通过：第 5/7 步“用随附字体排印慰问信”失败：字体文件“")
    assert "无法嵌入PDF" in err and "请重新解压或安装后再试" in err
    assert list(chinese_folder.iterdir()) == []


def test_version_is_the_packages(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"warmvisit {app.__version__}\n"
    # One source: pyproject.toml reads the version from app/__init__.py.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert "version" in project["dynamic"] and "version" not in project
