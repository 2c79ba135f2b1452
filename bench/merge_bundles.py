"""Merge 100 teams' result bundles (100,000 visits, each with a ~3 KB signature) centrally.

Issue 3's targets: exporting one team's bundle of 1,000 visits < 0.5 s; merging all 100 bundles
< 10 s and < 300 MB peak. The merge is measured beside the bare tools on the same files
(container read + verify + decrypt + json.loads, then sqlite executemany of the same rows), and
the ratio printed. Each measurement runs in a fresh process so peak memory (ru_maxrss) is its
own. Run: .venv/bin/python bench/merge_bundles.py [--teams 100] [--households 1000]
[--workdir DIR (build once, reuse)] [--profile (cProfile the merge)].
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A fixed clock inside the demo campaign's window (2027-01-20..28), so no visit is flagged
# "outside the window" and the merge does the ordinary, not the exceptional, work.
CLOCK = datetime(2027, 1, 22, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def actor():
    from app.services.context import Actor

    return Actor(user="bench", clock=lambda: CLOCK)


# --- setup (once): central store, assignment bundles, laptops, result bundles ----------------


def build(work: Path, teams: int, households: int) -> None:
    from app.services import households as hh
    from app.services import teams as tm
    from app.services.bundles import export_assignment
    from app.services.demo import ensure_demo_campaign, write_demo_roster
    from app.services.rosters import import_roster
    from app.store.db import Store

    for sub in ("assign", "laptops", "results"):
        (work / sub).mkdir(parents=True, exist_ok=True)
    t, a = time.perf_counter(), actor()
    roster = write_demo_roster(work / "roster.csv", teams * households, seed=7)
    with Store(work / "central.db") as store:
        ensure_demo_campaign(store)
        result = import_roster(store, roster, unit="基准单位", skip_invalid=True, actor=a)
        hh.set_status(store, "确定", everyone=True, actor=a)
        for i in range(teams):
            tm.add_team(store, code=f"T{i + 1:03d}", name=f"第{i + 1}组", leader="张三", actor=a)
        tm.assign_by(store, "balanced", actor=a)
        print(f"central: {result.imported:,} households, {teams} teams "
              f"in {time.perf_counter() - t:.1f} s")  # fmt: skip
        jobs = []
        for i in range(teams):
            out = export_assignment(store, f"T{i + 1:03d}", work / "assign", actor=a)
            jobs.append((str(out.file), out.credential, str(work)))
    print(f"assignment bundles written at {time.perf_counter() - t:.1f} s")
    # Laptops are independent of each other: build them in parallel (setup only, not measured).
    with ProcessPoolExecutor() as pool:
        events = sum(pool.map(laptop, jobs))
    print(f"{teams} laptops, {events:,} events, result bundles at {time.perf_counter() - t:.1f} s")
    shutil.copy(work / "central.db", work / "central-pristine.db")  # closed: WAL checkpointed
    (work / "ready").write_text(json.dumps({"teams": teams, "households": households}))


def laptop(job: tuple[str, str, str]) -> int:
    """Start a team laptop from its bundle, record one visit + one disbursement + one ~3 KB
    signature per household, export the result bundle."""
    import hashlib
    import random

    from app.domain.campaign import new_id
    from app.domain.events import DISBURSEMENT, SIGNATURE, VISIT
    from app.domain.visits import Handover, VisitInput, disbursement_body, visit_body
    from app.services.bundles import export_result, import_bundle
    from app.services.context import require_campaign
    from app.services.device import NewEvent, append_events, local_device
    from app.store.campaigns import list_categories
    from app.store.db import Store

    path, credential, work = Path(job[0]), job[1], Path(job[2])
    code, a = path.name.split("-")[2], actor()
    rng = random.Random(code)
    with Store(Path(work) / "laptops" / f"{code}.db") as store:
        import_bundle(store, path, credential=credential, actor=a)
        device = local_device(store)
        categories = {c.id: c for c in list_categories(store, require_campaign(store).id)}
        rows = store.conn.execute(
            "SELECT h.id, h.category_id FROM household h JOIN current_assignment c"
            " ON c.household_id = h.id WHERE c.team_id = ?", [device.team_id]
        ).fetchall()  # fmt: skip
        specs = []
        for n, (hid, cat_id) in enumerate(rows):
            cat = categories.get(cat_id) or next(iter(categories.values()))
            visit = VisitInput(hid, date(2027, 1, 20 + n % 9), "上门", "已慰问",
                               visitors=("张三", "李四"), notes="家中整洁，身体尚可")  # fmt: skip
            visit_id = new_id()
            handover = Handover(cat.code, cat.cash_fen, cat.goods, cat.goods_fen)
            # Strokes as one packed string (issue 3, "Encoding"): random, so it barely compresses.
            strokes = rng.randbytes(2250).hex()[:3000]
            specs += [
                NewEvent(VISIT, visit_id, hid, device.team_id, visit_body(visit, visit_id)),
                NewEvent(DISBURSEMENT, new_id(), hid, device.team_id,
                         disbursement_body(handover, visit_id, hid, visit.day)),
                NewEvent(SIGNATURE, new_id(), hid, device.team_id,
                         {"visit_id": visit_id, "strokes": strokes,
                          "strokes_sha256": hashlib.sha256(strokes.encode()).hexdigest()}),
            ]  # fmt: skip
        with store.transaction():
            append_events(store, device, specs, a)
        export_result(store, work / "results", actor=a)
    return len(specs)


# --- measurements (each in a fresh process) ----------------------------------------------------


def child(kind: str, work: Path, profile: bool) -> None:
    import resource

    from app.store.db import Store

    files = sorted((work / "results").glob("*.wvb"))
    out: dict = {}
    start = time.perf_counter()
    if kind == "export":
        from app.services.bundles import export_result

        laptop_db = sorted((work / "laptops").glob("*.db"))[0]
        with Store(laptop_db) as store, tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            done = export_result(store, Path(folder), actor=actor())
            out["events"] = done.events
            out["seconds"] = time.perf_counter() - start
    elif kind == "merge":
        from collections import Counter

        from app.services.bundles import import_bundle

        with Store(work / "central.db") as store:
            start = time.perf_counter()
            run = lambda: [import_bundle(store, f, actor=actor()) for f in files]  # noqa: E731
            if profile:
                import cProfile
                import pstats

                prof = cProfile.Profile()
                applied = prof.runcall(run)
                pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
            else:
                applied = run()
            out["seconds"] = time.perf_counter() - start
            out["events"] = sum(x.new + x.updated + x.unchanged for x in applied)
            out["outcomes"] = dict(Counter(x.outcome for x in applied))
    else:  # bare: the same files through container + json, then the same rows into sqlite
        bare(work, files, out)
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def bare(work: Path, files: list[Path], out: dict) -> None:
    import sqlite3

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
    for col in ("record_id", "household_id", "team_id"):
        db.execute(f"CREATE INDEX event_{col} ON event({col})")
    read = write = 0.0
    events = 0
    for path in files:  # one bundle at a time, as the merge does
        t = time.perf_counter()
        sealed = container.read_sealed(path.read_bytes())
        container.verify_sealed(sealed, container.header_signer(sealed))
        rows = json.loads(container.open_with_box_key(sealed, bytes.fromhex(key)).payload)["events"]
        t2 = time.perf_counter()
        with db:
            db.execute("BEGIN")
            db.executemany(f"INSERT INTO event VALUES ({', '.join('?' * 12)})",
                           [(*r, CLOCK.isoformat()) for r in rows])  # fmt: skip
        read, write, events = read + t2 - t, write + time.perf_counter() - t2, events + len(rows)
    db.close()
    out.update(seconds=read + write, read_seconds=read, write_seconds=write, events=events)


def measure(kind: str, work: Path, profile: bool = False) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(work)] + (["--profile"] if profile else []),
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    if out.stderr.strip():
        print(out.stderr, file=sys.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--teams", type=int, default=100)
    p.add_argument("--households", type=int, default=1000, help="per team")
    p.add_argument("--workdir", type=Path, help="build here once and reuse (default: a temp dir)")
    p.add_argument("--profile", action="store_true", help="cProfile the first merge (slower)")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = a.workdir or Path(folder)
        wanted = {"teams": a.teams, "households": a.households}
        ready = work / "ready"
        if not ready.exists() or json.loads(ready.read_text()) != wanted:
            if a.workdir and any(work.glob("*")) and not ready.exists():
                sys.exit(f"{work} is not empty and not a bench folder: choose another")
            for name in ("assign", "laptops", "results"):  # only what build() makes
                shutil.rmtree(work / name, ignore_errors=True)
            t = time.perf_counter()
            build(work, a.teams, a.households)
            print(f"setup took {time.perf_counter() - t:.1f} s")
        shutil.copy(work / "central-pristine.db", work / "central.db")  # every run merges afresh
        (work / "bare.db").unlink(missing_ok=True)
        mb = sum(f.stat().st_size for f in (work / "results").glob("*.wvb")) / 1e6
        print(f"{a.teams} result bundles, {mb:.0f} MB on disk")
        rows = [
            ("export one team's result", measure("export", work), 0.5, None),
            ("merge all (new)", merge := measure("merge", work, a.profile), 10, 300),
            ("merge all again (already)", measure("merge", work), None, None),
            ("bare read+verify+decrypt+json", bare_run := measure("bare", work), None, None),
        ]
        print(f"{'step':32} {'events':>8} {'seconds':>8} {'events/s':>9} {'peak MB':>8}  target")
        for step, m, secs, peak in rows:
            m["events"] = m["events"] or merge["events"]  # "already": skipped whole, unopened
            target = " ".join(x for x in (secs and f"<{secs} s", peak and f"<{peak} MB") if x)
            print(f"{step:32} {m['events']:>8,} {m['seconds']:>8.2f} "
                  f"{m['events'] / m['seconds']:>9,.0f} {m['peak_mb']:>8.0f}  {target}")  # fmt: skip
            if "outcomes" in m:
                print(f"{'':32} outcomes: {m['outcomes']}")
        print(f"bare split: read+verify+decrypt+json {bare_run['read_seconds']:.2f} s, "
              f"sqlite executemany {bare_run['write_seconds']:.2f} s")  # fmt: skip
        print(f"ratio merge / bare tools: {merge['seconds'] / bare_run['seconds']:.1f}×")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), "--profile" in sys.argv)
    else:
        main()
