"""The shipped folder: its size, its archive's and a zip's, and how fast the built program starts
(`--help`, `gui --screenshot`) against `python -m app` from the source, in the same run.

The first run of each is the coldest this machine gives without dropping its file cache (the
folder was just built or unpacked); then the best of the rounds, the two taking turns.
Run after packaging/build.sh: .venv/bin/python bench/package.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "dist" / "warmvisit"
MB = 1024 * 1024


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes of the files, and how many files (links counted once)."""
    sizes = {(p.stat().st_ino): p.stat().st_size for p in folder.rglob("*") if p.is_file()}
    return sum(sizes.values()), len(sizes)


def zip_size(folder: Path) -> tuple[int, float]:
    """A zip of the folder as a Windows user would get it (deflate): bytes, seconds to make.
    A symbolic link (Linux only) is stored as a link, as unzip restores it, not as a copy."""
    with tempfile.TemporaryDirectory() as out:
        target = Path(out) / "warmvisit.zip"
        start = time.perf_counter()
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(folder.rglob("*")):
                name = str(path.relative_to(folder.parent))
                if path.is_symlink():
                    link = zipfile.ZipInfo(name)
                    link.external_attr = (stat.S_IFLNK | 0o777) << 16
                    zf.writestr(link, os.readlink(path))
                elif path.is_file():
                    zf.write(path, name)
        return target.stat().st_size, time.perf_counter() - start


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT, timeout=120)
    return time.perf_counter() - start


def main() -> None:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()
    if not (FOLDER / "warmvisit").exists():
        sys.exit("No dist/warmvisit: run bash packaging/build.sh first")
    size, files = folder_size(FOLDER)
    print(f"folder dist/warmvisit: {size / MB:.1f} MB in {files} files")
    for archive in sorted(FOLDER.parent.glob("warmvisit-*.*")):
        print(f"archive {archive.name}: {archive.stat().st_size / MB:.1f} MB")
    zipped, seconds = zip_size(FOLDER)
    print(f"zip of the folder (deflate): {zipped / MB:.1f} MB, made in {seconds:.1f} s")

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as scratch:
        db, shot = str(Path(scratch) / "demo.db"), str(Path(scratch) / "window.png")
        subprocess.run([sys.executable, "-m", "app", "--db", db, "demo", "--households", "200"],
                       check=True, capture_output=True, env=env, cwd=ROOT)  # fmt: skip
        programs = {"package": [str(FOLDER / "warmvisit")],
                    "python -m app": [sys.executable, "-m", "app"]}  # fmt: skip
        commands = {"--help": ["--help"], "gui --screenshot": ["--db", db, "gui", "--screenshot",
                                                               shot]}  # fmt: skip
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(a.rounds):
            for command, args in commands.items():
                for program, argv in programs.items():
                    times.setdefault((command, program), []).append(timed(argv + args, env))
    print(f"\n{'start-up, s':34} {'first':>7} {'best of ' + str(a.rounds):>10}")
    for (command, program), found in times.items():
        print(f"{command + '  ' + program:34} {found[0]:>7.2f} {min(found):>10.2f}")


if __name__ == "__main__":
    main()
