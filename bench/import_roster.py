"""Import 100,000 demo households from CSV and from XLSX; print rows/s and peak memory.

Each import is measured beside the bare tool reading the same file (python-calamine for XLSX,
the csv module for CSV), best of five each, taking turns, and the ratio is printed.
"warmvisit read" is the import's own reading of the file into rows (a big XLSX sheet in two
halves at once, app/documents/xlsx_halves.py).
Run: .venv/bin/python bench/import_roster.py [N] [--start-methods fork,spawn,none] [--rounds 5].
With --start-methods the import is measured once for each way of starting its check workers
(WARMVISIT_START_METHOD, app/services/parallel.py), taking turns with the rest; without, as the
program chooses. Each measurement runs in a fresh process so peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(kind: str, path: str, db: str) -> None:
    import resource

    start, cpu = time.perf_counter(), 0.0
    if kind == "bare-xlsx":
        from python_calamine import CalamineWorkbook

        rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
        n = len(rows)
    elif kind == "read":
        from app.documents.roster_reader import read_roster_file

        start = time.perf_counter()  # (the app's modules loaded)
        n = len(read_roster_file(Path(path)).rows)
    elif kind == "bare-csv":
        import csv

        with open(path, encoding="gb18030", newline="") as f:
            n = sum(1 for _ in csv.reader(f))
    else:
        from app.services.demo.campaign import ensure_demo_campaign
        from app.services.rosters.importing import import_roster
        from app.store.db import Store

        with Store(db) as store:
            ensure_demo_campaign(store)
            start, cpu = time.perf_counter(), time.process_time()
            result = import_roster(store, Path(path), unit="基准单位")
            n = result.imported
            cpu = time.process_time() - cpu
    seconds = time.perf_counter() - start
    peak_mb = _peak_mb(resource)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds: what this process and its workers spent, whatever else the machine runs
    # (the workers' counted once they have ended, as the import ends them).
    print(json.dumps({"rows": n, "seconds": seconds, "peak_mb": peak_mb,
                      "workers_mb": workers.ru_maxrss / 1024,
                      "cpu": cpu,
                      "workers_cpu": workers.ru_utime + workers.ru_stime}))  # fmt: skip


def _peak_mb(resource) -> float:  # noqa: ANN001
    """This process's own peak (VmHWM): on Linux ru_maxrss of a child starts from its parent's.
    The check workers' largest resident size is printed apart (a forked one shares the
    parent's pages and counts them, so an upper bound)."""
    try:
        status = Path("/proc/self/status").read_text()
        own = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
    except (OSError, StopIteration):
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return own / 1024


METHOD_ENV = "WARMVISIT_START_METHOD"  # app.services.parallel.START_METHOD_ENV


def run_once(kind: str, path: Path, db: Path) -> dict[str, float]:
    """One fresh process into a fresh database. ``import@spawn``: the import, its workers
    started that way."""
    for leftover in db.parent.glob(db.name + "*"):
        leftover.unlink()
    kind, _, method = kind.partition("@")
    env = {**os.environ, METHOD_ENV: method} if method else None
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path), str(db)],
        check=True, capture_output=True, text=True, cwd=ROOT, env=env,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(kinds: list[str], path: Path, db: Path, rounds: int) -> dict[str, dict[str, float]]:
    """The best of ``rounds`` runs of each kind. This machine's speed varies by a third from
    minute to minute, in bursts: the kinds take turns, round after round, so that a slow
    burst falls on all of them, and the ratio compares runs of the same minutes."""
    runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
    for _ in range(rounds):
        for kind in kinds:
            runs[kind].append(run_once(kind, path, db))
    return {kind: min(found, key=lambda r: r["seconds"]) for kind, found in runs.items()}


def main() -> None:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("rows", nargs="?", type=int, default=100_000)
    p.add_argument("--start-methods", default="", help="e.g. fork,spawn,none (default: as chosen)")
    p.add_argument("--rounds", type=int, default=5, help="best of this many runs of each step")
    a = p.parse_args()
    n, imports = a.rows, [f"import@{m}" if m else "import" for m in a.start_methods.split(",")]
    sys.path.insert(0, str(ROOT))
    from app.services.demo.campaign import write_demo_roster

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        files = {"CSV": tmp / "roster.csv", "XLSX": tmp / "roster.xlsx"}
        for label, path in files.items():
            t = time.perf_counter()
            write_demo_roster(path, n, seed=7)
            print(f"wrote {label} of {n:,} rows in {time.perf_counter() - t:.1f} s "
                  f"({path.stat().st_size / 1e6:.1f} MB)")  # fmt: skip
        print(f"{'file':6} {'step':22} {'rows':>8} {'seconds':>8} {'rows/s':>9} {'peak MB':>8}")
        for label, path in files.items():
            bare_kind = f"bare-{label.lower()}"
            best = measure([bare_kind, "read", *imports], path, tmp / "bench.db", a.rounds)
            steps = [("bare read", best[bare_kind]), ("warmvisit read", best["read"])]
            steps += [(kind.replace("import", "warmvisit import"), best[kind]) for kind in imports]
            for step, m in steps:
                print(f"{label:6} {step:22} {m['rows']:>8,} {m['seconds']:>8.2f} "
                      f"{m['rows'] / m['seconds']:>9,.0f} {m['peak_mb']:>8.0f}")  # fmt: skip
            for kind in imports:
                full = best[kind]
                print(f"{label:6} {kind}: ratio to bare read "
                      f"{full['seconds'] / best[bare_kind]['seconds']:.1f}×; CPU s: this process "
                      f"{full['cpu']:.2f}, check workers {full['workers_cpu']:.2f}; largest "
                      f"worker {full['workers_mb']:.0f} MB resident")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        child(*sys.argv[2:5])
    else:
        main()
