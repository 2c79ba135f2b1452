"""Search-as-you-type latency and window start on N demo households (issue 4's targets).

Prints the median and worst of 50 searches (a query through the service plus the model reset
the list does), the window's cold start to the first paint (a fresh process, like a user's
double click, compared with a bare PySide6 window holding a table) and peak memory.
Run: .venv/bin/python bench/window_search.py [N]
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = """
import sys, time; t=time.perf_counter()
from PySide6.QtWidgets import QApplication, QTableWidget
from PySide6.QtCore import QTimer
app = QApplication([]); w = QTableWidget(100, 6); w.resize(1366, 768); w.show()
QTimer.singleShot(0, lambda: (print(time.perf_counter()-t), app.quit())); app.exec()
"""


def build(db: Path, n: int) -> None:
    from app.services.demo import ensure_demo_campaign, write_demo_roster
    from app.services.rosters import import_roster
    from app.services.search import ensure_search_index
    from app.store.db import Store

    with Store(db) as store:
        ensure_demo_campaign(store)
        roster = db.with_suffix(".csv")
        write_demo_roster(roster, n, seed=11)
        import_roster(store, roster, unit="基准单位")
        t = time.perf_counter()
        ensure_search_index(store)
        print(f"pinyin keys for {n:,} households: {time.perf_counter() - t:.1f} s (once)")


def searches(db: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import resource

    from PySide6.QtWidgets import QApplication

    from app.services.search import search_ids, visit_statuses
    from app.store.db import Store
    from app.ui.household_model import HouseholdTable

    QApplication([])
    store = Store(db)
    model = HouseholdTable(store)
    names = [r[0] for r in store.conn.execute("SELECT name FROM household LIMIT 500")]
    ids = [r[0] for r in store.conn.execute("SELECT id_number FROM household LIMIT 500")]
    rng = random.Random(3)
    queries = []
    for _ in range(50):
        kind = rng.randrange(4)
        if kind == 0:
            queries.append(rng.choice(names)[:1])  # one character: the hard case for FTS
        elif kind == 1:
            queries.append(rng.choice(names)[:2])
        elif kind == 2:
            queries.append(rng.choice(["zs", "wl", "lj", "zhang", "chen"]))
        else:
            queries.append(rng.choice(ids)[-4:])
    status = visit_statuses(store)
    times = []
    for q in queries:
        t = time.perf_counter()
        model.load(search_ids(store, q), status)
        model.data(model.index(0, 0))  # the first page of rows is fetched for display
        times.append((time.perf_counter() - t) * 1000)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"median_ms": statistics.median(times), "worst_ms": max(times), "peak_mb": peak}


def cold_start(db: Path, out: Path) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "app", "--db", str(db), "gui", "--screenshot",
                    str(out)], check=True, capture_output=True, cwd=ROOT,
                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})  # fmt: skip
    return time.perf_counter() - t - 0.3  # the screenshot waits 0.3 s after the first paint


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        build(db, n)
        out = subprocess.run([sys.executable, __file__, "--searches", str(db)], check=True,
                             capture_output=True, text=True, cwd=ROOT)  # fmt: skip
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", BARE], check=True, capture_output=True,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})  # fmt: skip
        bare_s = time.perf_counter() - t
        start = cold_start(db, Path(folder) / "shot.png")
        print(f"{n:,} households")
        print(f"search + list reset, 50 queries: median {figures['median_ms']:.1f} ms, "
              f"worst {figures['worst_ms']:.1f} ms; peak {figures['peak_mb']:.0f} MB")  # fmt: skip
        print(f"window cold start to first paint: {start:.2f} s; a bare PySide6 table window: "
              f"{bare_s:.2f} s (both as new processes); ratio {start / bare_s:.1f}×")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--searches":
        sys.path.insert(0, str(ROOT))
        print(json.dumps(searches(Path(sys.argv[2]))))
    else:
        main()
