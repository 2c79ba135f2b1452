"""A file Excel, WPS or a PDF viewer holds open: Windows refuses the rename with a
PermissionError (a sharing violation). Here os.replace answers as Windows would; the message
names the file and says to close it, and the earlier file is untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.documents import atomic
from app.domain.errors import InvalidInput
from app.i18n import render


def test_a_file_held_open_elsewhere_is_named_and_left_alone(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "慰问汇总表.xlsx"
    target.write_bytes(b"the earlier report")
    tries: list[str] = []

    def held(src: str, dst: Path) -> None:
        tries.append(src)
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(atomic.os, "replace", held)
    monkeypatch.setattr(atomic, "RETRY_WAIT", 0)
    with pytest.raises(InvalidInput) as caught:
        atomic.write_atomically(target, lambda out: out.write(b"the new report"))
    assert len(tries) == atomic.RETRIES  # a scan lets go in time; Excel does not
    assert render(caught.value, "zh") == (
        f"文件“{target}”正被其他程序打开（Excel、WPS 或 PDF 阅读器），无法替换：请先关闭它再试。"
        "原文件没有改动"
    )
    assert "(Excel, WPS or a PDF viewer)" in render(caught.value, "en")
    assert target.read_bytes() == b"the earlier report"
    assert os.listdir(tmp_path) == [target.name]  # no temporary file left


def test_a_file_let_go_of_after_a_moment_is_written(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "letters.pdf"
    real = os.replace
    answers = iter([PermissionError(13, "held"), None])

    def scanned(src: str, dst: Path) -> None:
        if (error := next(answers)) is not None:
            raise error
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", scanned)
    monkeypatch.setattr(atomic, "RETRY_WAIT", 0)
    atomic.write_atomically(target, lambda out: out.write(b"%PDF"))
    assert target.read_bytes() == b"%PDF"
