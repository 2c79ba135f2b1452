"""Merge 100 teams' result bundles (100,000 visits, each with a ~3 KB signature) centrally.

Issue 3's targets: exporting one team's bundle of 1,000 visits < 0.5 s; merging all 100 bundles
< 10 s and < 300 MB peak. The merge is measured beside the bare tools on the same files
(container read + verify + decrypt + json.loads, then sqlite executemany of the same rows), and
the ratio printed. Then the next day's bundles (cumulative: every event of the laptop so far,
ten visits voided, a cash count) merged on top: what each evening after the first costs.
Each measurement runs in a fresh process so its peak memory is its own.
Run: .venv/bin/python bench/merge_bundles.py [--teams 100] [--households 1000]
[--workdir DIR (build once, reuse)] [--profile (then a cProfiled merge: top costs)]
[--start-methods fork,spawn,none (the merge once for each way of starting the workers that open
bundles, WARMVISIT_START_METHOD; default: as the program chooses)] [--rounds N (best of N)].
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

# The app's modules are imported where they are used, not here: a spawned worker imports this
# script again (as __mp_main__), and what a worker costs to start must be what the program's.
ROOT = Path(__file__).resolve().parent.parent
# A fixed clock inside the demo campaign's window (2027-01-20..28), so no visit is flagged
# "outside the window" and the merge does the ordinary, not the exceptional, work.
CLOCK = datetime(2027, 1, 22, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def actor():  # noqa: ANN201 - an Actor
    from app.services.infra.context import Actor

    return Actor(user="bench", clock=lambda: CLOCK)


# --- setup (once): central store, assignment bundles, laptops, result bundles ----------------


def build(work: Path, n_teams: int, per_team: int) -> None:
    from app.services.bundles.exchange import export_assignment
    from app.services.demo.campaign import ensure_demo_campaign, write_demo_roster
    from app.services.households.status import advance_everyone
    from app.services.rosters.importing import import_roster
    from app.services.teams import assignment as teams
    from app.store.db import Store

    for sub in ("assign", "laptops", "results", "results-day2"):
        (work / sub).mkdir(parents=True, exist_ok=True)
    t, a = time.perf_counter(), actor()
    roster = write_demo_roster(work / "roster.csv", n_teams * per_team, seed=7)
    codes = [f"T{i + 1:03d}" for i in range(n_teams)]
    with Store(work / "central.db") as store:
        ensure_demo_campaign(store)
        result = import_roster(store, roster, unit="基准单位", skip_invalid=True, actor=a)
        advance_everyone(store, status="确定", reason="基准", despite_missing=True, actor=a)
        for code in codes:
            teams.add_team(store, code=code, name=f"{code}组", leader="张三", actor=a)
        teams.assign_by(store, "balanced", actor=a)
        print(f"central: {result.imported:,} households, {n_teams} teams "
              f"in {time.perf_counter() - t:.1f} s")  # fmt: skip
        jobs = []
        for code in codes:
            out = export_assignment(store, code, work / "assign", actor=a)
            jobs.append((str(out.file), out.credential, str(work)))
    print(f"assignment bundles written at {time.perf_counter() - t:.1f} s")
    # Laptops are independent of each other: build them in parallel (setup only, not measured).
    with ProcessPoolExecutor() as pool:
        events = sum(pool.map(laptop, jobs))
    print(f"{n_teams} laptops, {events:,} events, result bundles at "
          f"{time.perf_counter() - t:.1f} s")  # fmt: skip
    shutil.copy(work / "central.db", work / "central-pristine.db")  # closed: WAL checkpointed
    (work / "ready").write_text(json.dumps(_ready(n_teams, per_team)))


def _ready(n_teams: int, per_team: int) -> dict[str, int]:
    """What a built folder holds (a new layout of the bench builds again)."""
    return {"teams": n_teams, "households": per_team, "layout": 2}


def laptop(job: tuple[str, str, str]) -> int:
    """Start a team laptop from its bundle, record one visit + one disbursement + one ~3 KB
    signature per household, export the result bundle. Then the next day: void ten visits
    (each with its handover), count the cash, export again (cumulative: every event so far)."""
    from app.domain.campaign import new_id
    from app.domain.events import DISBURSEMENT, SIGNATURE, VISIT
    from app.domain.visits import (
        Handover,
        Outcome,
        VisitInput,
        VisitMode,
        disbursement_body,
        visit_body,
    )
    from app.services.bundles.devices import NewEvent, append_events, local_device
    from app.services.bundles.exchange import export_result, import_bundle
    from app.services.infra.context import require_campaign
    from app.services.visits import recording as visits
    from app.services.visits.day import record_cash_count
    from app.store.campaigns import list_categories
    from app.store.db import Store

    path, credential, work = Path(job[0]), job[1], Path(job[2])
    code, a = path.name.split("-")[2], actor()
    rng = random.Random(code)
    with Store(work / "laptops" / f"{code}.db") as store:
        import_bundle(store, path, credential=credential, actor=a)
        device = local_device(store)
        assert device is not None and device.team_id is not None
        team = device.team_id
        categories = {c.id: c for c in list_categories(store, require_campaign(store).id)}
        rows = store.conn.execute(
            "SELECT h.id, h.category_id FROM household h JOIN current_assignment c"
            " ON c.household_id = h.id WHERE c.team_id = ?", [team]
        ).fetchall()  # fmt: skip
        specs = []
        for n, (hid, cat_id) in enumerate(rows):
            cat = categories.get(cat_id) or next(iter(categories.values()))
            visit = VisitInput(hid, date(2027, 1, 20 + n % 9), VisitMode.HOME, Outcome.VISITED,
                               visitors=("张三", "李四"), notes="家中整洁，身体尚可")  # fmt: skip
            vid = new_id()
            handover = Handover(cat.code, cat.cash_fen, cat.goods, cat.goods_fen)
            # Strokes as one packed string (issue 3, "Encoding"); random bytes in base64, so
            # they compress less than real packed deltas would (a pessimistic stand-in).
            strokes = base64.b64encode(rng.randbytes(2250)).decode()
            specs += [
                NewEvent(VISIT, vid, hid, team, visit_body(visit, vid)),
                NewEvent(DISBURSEMENT, new_id(), hid, team,
                         disbursement_body(handover, vid, hid, visit.day)),
                NewEvent(SIGNATURE, new_id(), hid, team,
                         {"visit_id": vid, "strokes": strokes,
                          "strokes_sha256": hashlib.sha256(strokes.encode()).hexdigest()}),
            ]  # fmt: skip
        with store.transaction():
            append_events(store, device, specs, a)
        export_result(store, work / "results", actor=a)
        for visit_id in [spec.record_id for spec in specs if spec.kind == VISIT][:10]:
            visits.void_visit(store, visit_id, reason="录错，重新登记", actor=a)
        record_cash_count(store, date(2027, 1, 21), 0, note="基准：备用金未计", actor=a)
        export_result(store, work / "results-day2", actor=a)
    return len(specs)


# --- measurements (each in a fresh process) ----------------------------------------------------


def peak_mb() -> float:
    """This process's peak RSS. Not ru_maxrss: Linux carries that over exec from the forked
    parent, so a child of a 300 MB bench process would report 300 MB whatever it did.
    VmHWM belongs to the address space, which exec replaces."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(kind: str, work: Path, profile: bool) -> None:
    from app.services.bundles.exchange import export_result, import_bundles
    from app.store.db import Store

    files = sorted((work / ("results-day2" if kind == "merge-day2" else "results")).glob("*.wvb"))
    out: dict = {}
    if kind == "export":  # a copy of the first laptop's database: setup stays reusable
        shutil.copy(sorted((work / "laptops").glob("*.db"))[0], work / "export.db")
        with Store(work / "export.db") as store, tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            out["events"] = export_result(store, Path(folder), actor=actor()).events
            out["seconds"] = time.perf_counter() - start
    elif kind in ("merge", "merge-day2"):
        with Store(work / "central.db") as store:
            if profile:  # own time per function: where the seconds go, not who calls whom
                import cProfile
                import pstats

                prof = cProfile.Profile()
                prof.enable()
            start, cpu = time.perf_counter(), time.process_time()
            # What `warmvisit bundle import results/*.wvb` does: one call for the pile.
            outcomes = import_bundles(store, files, actor=actor())
            applied = [o.applied for o in outcomes if o.applied is not None]
            out["seconds"] = time.perf_counter() - start
            out["cpu"] = time.process_time() - cpu
            if profile:
                prof.disable()
                pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(25)
            out["events"] = sum(x.new + x.updated + x.unchanged for x in applied)
            out["new"] = sum(x.new + x.updated for x in applied)
            out["outcomes"] = dict(Counter(x.outcome for x in applied))
    else:
        bare(work, files, out)
    out["peak_mb"] = peak_mb()
    import resource

    # The workers that open bundles: the largest one's peak (a forked one counts the pages it
    # shares with this process too, so an upper bound), and the CPU seconds they all spent.
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    out["workers_mb"] = workers.ru_maxrss / 1024
    out["workers_cpu"] = workers.ru_utime + workers.ru_stime
    print(json.dumps(out))


def bare(work: Path, files: list[Path], out: dict) -> None:
    """The same files through container + json alone, then the same rows into sqlite."""
    from app.sync import container

    key = sqlite3.connect(work / "central.db").execute(
        "SELECT box_private FROM device WHERE box_private IS NOT NULL").fetchone()[0]  # fmt: skip
    db = sqlite3.connect(work / "bare.db", isolation_level=None)
    # The event table as app/store/schema.py has it (keys and indexes are part of the cost),
    # with the same durability (WAL, synchronous=FULL), one transaction per bundle.
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE event (id TEXT PRIMARY KEY, device_id TEXT NOT NULL, seq INTEGER"
               " NOT NULL, prev_hash TEXT NOT NULL, kind TEXT NOT NULL, record_id TEXT NOT NULL,"
               " household_id TEXT NOT NULL, team_id TEXT NOT NULL, created_at TEXT NOT NULL,"
               " body TEXT NOT NULL, content_hash TEXT NOT NULL, received_at TEXT NOT NULL,"
               " UNIQUE (device_id, seq))")  # fmt: skip
    for col in ("household_id", "team_id"):
        db.execute(f"CREATE INDEX event_{col} ON event({col})")
    read = write = 0.0
    events = 0
    for path in files:  # one bundle at a time, as the merge does
        t = time.perf_counter()
        sealed = container.read_sealed(path.read_bytes())
        container.verify_sealed(sealed, container.header_signer(sealed))
        rows = json.loads(container.open_with_box_key(sealed, bytes.fromhex(key)).payload)["events"]
        t2 = time.perf_counter()
        db.execute("BEGIN")
        db.executemany(f"INSERT INTO event VALUES ({', '.join('?' * 12)})",
                       [(*r, CLOCK.isoformat()) for r in rows])  # fmt: skip
        db.execute("COMMIT")
        read, write, events = read + t2 - t, write + time.perf_counter() - t2, events + len(rows)
    db.close()
    out.update(seconds=read + write, read_seconds=read, write_seconds=write, events=events)


METHOD_ENV = "WARMVISIT_START_METHOD"  # app.services.parallel.START_METHOD_ENV


def measure(kind: str, work: Path, profile: bool = False, method: str = "") -> dict:
    env = {**os.environ, METHOD_ENV: method} if method else None
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(work)] + (["--profile"] if profile else []),
        check=True, capture_output=True, text=True, cwd=ROOT, env=env,
    )  # fmt: skip
    if out.stderr.strip():
        print(out.stderr, file=sys.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--teams", type=int, default=100)
    p.add_argument("--households", type=int, default=1000, help="per team")
    p.add_argument("--workdir", type=Path, help="build here once and reuse (default: a temp dir)")
    p.add_argument("--profile", action="store_true", help="then cProfile a merge, top costs")
    p.add_argument("--start-methods", default="", help="e.g. fork,spawn,none (default: as chosen)")
    p.add_argument("--rounds", type=int, default=1, help="best of this many merges of each kind")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = a.workdir or Path(folder)
        ready = work / "ready"
        if not ready.exists() or json.loads(ready.read_text()) != _ready(a.teams, a.households):
            if a.workdir and any(work.glob("*")) and not ready.exists():
                sys.exit(f"{work} is not empty and not a bench folder: choose another")
            for name in ("assign", "laptops", "results", "results-day2"):  # what build() makes
                shutil.rmtree(work / name, ignore_errors=True)
            for db in work.glob("*.db*"):
                db.unlink()
            t = time.perf_counter()
            build(work, a.teams, a.households)
            print(f"setup took {time.perf_counter() - t:.1f} s")
        (work / "bare.db").unlink(missing_ok=True)
        mb = sum(f.stat().st_size for f in (work / "results").glob("*.wvb")) / 1e6
        print(f"{a.teams} result bundles, {mb:.0f} MB on disk")
        rows = [("export one team's result", measure("export", work), 0.5, None)]
        methods = a.start_methods.split(",")
        merges: dict[str, list[dict]] = {method: [] for method in methods}
        for _ in range(a.rounds):  # the ways take turns: a slow minute falls on all of them
            for method in methods:
                shutil.copy(work / "central-pristine.db", work / "central.db")  # merged afresh
                merges[method].append(measure("merge", work, method=method))
        best = {method: min(runs, key=lambda r: r["seconds"]) for method, runs in merges.items()}
        rows += [(f"merge all (new) {method}".strip(), best[method], 10, 300) for method in methods]
        merge = best[methods[0]]
        rows += [
            ("merge all again (already)", measure("merge", work), None, None),
            ("merge next day (cumulative)", measure("merge-day2", work), None, None),
            ("bare container+json+sqlite", bare_run := measure("bare", work), None, None),
        ]
        print(f"{'step':32} {'events':>8} {'seconds':>8} {'events/s':>9} {'peak MB':>8}  target")
        for step, m, secs, peak in rows:
            m["events"] = m["events"] or merge["events"]  # "already": skipped whole, unopened
            target = " ".join(x for x in (secs and f"<{secs} s", peak and f"<{peak} MB") if x)
            rate = m["events"] / m["seconds"]
            print(f"{step:32} {m['events']:>8,} {m['seconds']:>8.2f} {rate:>9,.0f} "
                  f"{m['peak_mb']:>8.0f}  {target}")  # fmt: skip
            if "outcomes" in m:
                print(f"{'':32} outcomes: {m['outcomes']}, {m['new']:,} events new; CPU s: "
                      f"this process {m['cpu']:.2f}, workers {m['workers_cpu']:.2f}; largest "
                      f"worker {m['workers_mb']:.0f} MB resident")  # fmt: skip
        print(f"bare split: container+json {bare_run['read_seconds']:.2f} s, "
              f"sqlite executemany+commit {bare_run['write_seconds']:.2f} s")  # fmt: skip
        for method in methods:
            ratio = best[method]["seconds"] / bare_run["seconds"]
            print(f"ratio merge {method or '(as chosen)'} / bare tools: {ratio:.1f}×")
        if a.profile:  # a separate run, so profiling overhead never reaches the table above
            shutil.copy(work / "central-pristine.db", work / "central.db")
            print(f"profiled merge: {measure('merge', work, profile=True)['seconds']:.1f} s")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), "--profile" in sys.argv)
    else:
        main()
