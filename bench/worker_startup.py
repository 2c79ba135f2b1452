"""What starting the workers costs, forked and spawned: from asking for them to the first
answer from each, and to their end; beside a worker that imports none of the app.

A spawned worker is a fresh interpreter that imports the module of the function it runs (the
roster's check workers `app.services.rosters.checking`, the merge's `app.services.bundles.merge`); a
forked one has everything already. Each measurement runs in a fresh process, the kinds taking
turns round after round, best of the rounds.
Run: .venv/bin/python bench/worker_startup.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The app's modules are imported in the child only: a spawned worker imports this script again.


def child(method: str, work: str) -> None:
    from app.services.infra.parallel import Workers, worker_count

    if work == "roster":
        from app.services.rosters.checking import RowStamp

        call: tuple = (RowStamp, "campaign", "import", "now", {})
    elif work == "merge":
        from app.services.bundles.merge import Trusted

        call = (Trusted, "team", "T1", "device", b"key", 1, None)
    else:
        call = (int, "1")  # no module of the app to import
    workers = worker_count()
    start = time.perf_counter()
    with Workers(workers, method) as pool:  # type: ignore[arg-type]
        answers = [pool.submit(*call) for _ in range(workers)]
        for answer in answers:
            answer.result()
        answered = time.perf_counter() - start
    print(json.dumps({"answered": answered, "ended": time.perf_counter() - start,
                      "workers": workers}))  # fmt: skip


def main() -> None:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--rounds", type=int, default=5)
    a = p.parse_args()
    kinds = [(method, work) for method in ("fork", "spawn") for work in ("bare", "roster", "merge")]
    runs: dict[tuple[str, str], list[dict]] = {kind: [] for kind in kinds}
    for _ in range(a.rounds):
        for kind in kinds:
            out = subprocess.run([sys.executable, __file__, "--child", *kind], check=True,
                                 capture_output=True, text=True, cwd=ROOT)  # fmt: skip
            runs[kind].append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{'start':6} {'worker runs':32} {'workers':>7} {'answered s':>10} {'ended s':>8}")
    for (method, work), found in runs.items():
        best = min(found, key=lambda r: r["answered"])
        label = {"bare": "int() (imports none of the app)", "roster": "roster_checking",
                 "merge": "merge"}[work]  # fmt: skip
        print(f"{method:6} {label:32} {best['workers']:>7} {best['answered']:>10.3f} "
              f"{best['ended']:>8.3f}")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        child(sys.argv[2], sys.argv[3])
    else:
        main()
