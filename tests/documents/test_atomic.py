"""A file written whole or not at all, and no temporary file left for ever: a write killed
midway (a bundle export, a workbook of names) leaves a hidden .tmp beside the target, which
the next write of that target removes (issue 17)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from app.documents import atomic
from app.documents.atomic import write_atomically

ROOT = Path(__file__).resolve().parents[2]
KILLED_MIDWAY = """
import os, sys, time
from pathlib import Path
from app.documents.atomic import write_atomically
def write(out):
    out.write(b"half a bundle")
    out.flush()
    os.kill(os.getpid(), 9)
write_atomically(Path(sys.argv[1]), write)
"""


def test_a_write_killed_midway_leaves_the_old_file_and_the_next_write_cleans_up(
    tmp_path: Path,
) -> None:
    target = tmp_path / "WV-结果-T1-20270121-0d00-001 [1].wvb"
    target.write_bytes(b"the earlier bundle")
    done = subprocess.run([sys.executable, "-c", KILLED_MIDWAY, str(target)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)  # fmt: skip
    assert done.returncode == -9
    assert target.read_bytes() == b"the earlier bundle"
    [leftover] = [p for p in tmp_path.iterdir() if p != target]
    assert leftover.name.startswith(f".{target.name}.") and leftover.name.endswith(".tmp")

    # a leftover of a minute ago is not another write under way: the next write removes it
    old = time.time() - atomic.LEFTOVER_AGE - 1
    os.utime(leftover, (old, old))
    other = tmp_path / f".{target.name}x.abc.tmp"  # another file's: left alone
    other.write_bytes(b"")
    os.utime(other, (old, old))
    write_atomically(target, lambda out: out.write(b"the new bundle"))
    assert target.read_bytes() == b"the new bundle"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, other.name])


def test_a_fresh_temporary_file_may_be_another_write_under_way(tmp_path: Path) -> None:
    target = tmp_path / "summary.xlsx"
    busy = tmp_path / f".{target.name}.k3j2.tmp"
    busy.write_bytes(b"being written")
    write_atomically(target, lambda out: out.write(b"x"))
    assert busy.exists()
