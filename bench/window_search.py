"""Search-as-you-type latency, window start and memory on N demo households (issue 4's targets).

- Keystrokes: the team window itself, opened as `warmvisit gui` opens it, once its list is read
  into memory (off the GUI thread, after the first paint); 50 queries typed into its search box
  (one character, two characters, pinyin initials, ID tails), each timed from the text change
  to the list shown again (the search, the list reset and repainted, the first row selected).
  The selected household's card follows 50 ms after the last key; it is not counted.
  The window waits 120 ms after the last key before searching; that pause is not counted.
- Start: measured from outside, a fresh process to its first screen saved as PNG (the file
  appearing; `gui --screenshot` saves at the first paint), beside a bare PySide6 window holding a
  table started and saved the same way, alternately in the same minutes, the best of three
  each, with Python's bytecode cache written (as an installed app has it; this machine sets
  PYTHONDONTWRITEBYTECODE, which would add compiling). `--start` measures only this.
- Memory: the window's own peak (VmHWM) after the start and the 50 queries.
Run: .venv/bin/python bench/window_search.py [N] [--start]
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
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
app = QApplication([])
w = QTableWidget(100, 7)
for r in range(100):
    for c in range(7):
        w.setItem(r, c, QTableWidgetItem(f"{r}-{c}"))
w.resize(1366, 768)
class First(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
            self.seen = True
            QTimer.singleShot(0, lambda: (w.grab().save(sys.argv[1]), app.quit()))
        return False
f = First(); w.installEventFilter(f); w.show(); app.exec()
"""
# Bytecode written and read, as on a user's machine after the first start.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["QT_QPA_PLATFORM"] = "offscreen"


def build(db: Path, n: int) -> None:
    from app.services.demo.campaign import ensure_demo_campaign, write_demo_roster
    from app.services.rosters.importing import import_roster
    from app.services.search.lookup import ensure_search_index
    from app.store.db import Store
    from app.store.events import set_setting

    with Store(db) as store:
        ensure_demo_campaign(store)
        roster = db.with_suffix(".csv")
        write_demo_roster(roster, n, seed=11)
        import_roster(store, roster, unit="基准单位")
        # A team laptop's store, so `gui` opens the team window (a campaign's store without a
        # laptop identity is the office's, and opens the office window).
        set_setting(store, "role", "team")
        t = time.perf_counter()
        ensure_search_index(store)
        print(f"pinyin keys for {n:,} households: {time.perf_counter() - t:.1f} s (once)")


def keystrokes(db: Path) -> dict[str, float]:
    """In a fresh process: the window, 50 queries typed, the peak memory."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.app import open_window

    app, store, window = open_window(db)  # as `warmvisit gui` opens it
    start = time.perf_counter()
    while window._search_index is None:  # read into memory off the GUI thread, after the paint
        app.processEvents()
        time.sleep(0.005)
    ready_s = time.perf_counter() - start
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
    times = []
    for q in queries:
        window.search.setText(q)
        window._timer.stop()  # the pause after the last key is the window's, not the search's
        t = time.perf_counter()
        window.refresh_list()
        app.processEvents()  # the list painted with the rows it shows
        times.append((time.perf_counter() - t) * 1000)
        assert window.model.rowCount() > 0, q
    window.close()
    store.close()
    peak = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
                if line.startswith("VmHWM"))  # fmt: skip
    return {
        "median_ms": statistics.median(times),
        "p90_ms": sorted(times)[44],
        "worst_ms": max(times),
        "peak_mb": peak / 1024,
        "ready_s": ready_s,
    }


def _run(args: list[str], shot: Path) -> float:
    """Seconds from the process's start until its screenshot file is there (polled every
    2 ms); the process's own exit afterwards (Python and Qt tearing down) is not counted."""
    shot.unlink(missing_ok=True)
    t = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               cwd=ROOT, env=ENV)  # fmt: skip
    while not (shot.exists() and shot.stat().st_size > 0):
        if process.poll() is not None and not shot.exists():
            raise RuntimeError(f"no screenshot from {args[:3]}")
        time.sleep(0.002)
    took = time.perf_counter() - t
    process.wait()
    return took


def starts(db: Path, folder: Path) -> tuple[float, float]:
    """Seconds from launch to the first screen saved, the window's and the bare table's, best
    of three each, taken in turns (after one run each that writes the bytecode cache)."""
    app_shot, bare_shot = folder / "window.png", folder / "bare.png"
    window = [sys.executable, "-m", "app", "--db", str(db), "gui", "--screenshot", str(app_shot)]
    bare = [sys.executable, "-c", BARE, str(bare_shot)]
    app_runs, bare_runs = [], []
    for attempt in range(4):
        app_s, bare_s = _run(window, app_shot), _run(bare, bare_shot)
        if attempt:
            app_runs.append(app_s)
            bare_runs.append(bare_s)
    return min(app_runs), min(bare_runs)


def print_starts(app_s: float, bare_s: float) -> None:
    print(
        f"process start to first screen saved (PNG): the window {app_s:.2f} s; a bare PySide6 "
        f"table window {bare_s:.2f} s (best of 3, in turns); ratio {app_s / bare_s:.1f}×"
    )


def main() -> None:
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    n = int(numbers[0]) if numbers else 100_000
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        build(db, n)
        if "--start" in sys.argv:
            print(f"{n:,} households")
            print_starts(*starts(db, Path(folder)))
            return
        out = subprocess.run([sys.executable, __file__, "--keystrokes", str(db)], check=True,
                             capture_output=True, text=True, cwd=ROOT, env=ENV)  # fmt: skip
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        app_s, bare_s = starts(db, Path(folder))
        print(f"{n:,} households")
        print(
            f"keystroke to list shown, 50 queries: median {figures['median_ms']:.1f} ms, "
            f"90th percentile {figures['p90_ms']:.1f} ms, worst {figures['worst_ms']:.1f} ms; "
            f"window peak {figures['peak_mb']:.0f} MB"
        )
        print(
            f"(the list was in memory {figures['ready_s']:.2f} s after the first paint; "
            "keys typed before that search in SQL, ~25-45 ms)"
        )
        print_starts(app_s, bare_s)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--keystrokes":
        sys.path.insert(0, str(ROOT))
        print(json.dumps(keystrokes(Path(sys.argv[2]))))
    else:
        main()
