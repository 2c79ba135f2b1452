"""``audit`` on 100,000 households with 300,000 events (a visit, a payment and a ~3 KB signature
on the pad for each), aim under 2 s; printed beside a bare baseline on the same store: SQLite
reading every event's body, json.loads of each visit and payment, the cash summed per team in a
dict, and each signature's strokes hashed (the least an audit that checks every signature must
do). Built once in --workdir (reused), then each measurement runs in a fresh process.
Run: .venv/bin/python bench/audit.py [--households 100000] [--teams 100] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOCK = datetime(2027, 1, 22, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def build(db: Path, households: int, n_teams: int) -> None:
    """The demo campaign's households, confirmed, shared by the teams; then for each one a
    visit, its payment at the category's standard and a signature that verifies, written as
    the teams' events (the office's device writes them here: the audit reads no device)."""
    from app.domain.campaign import new_id
    from app.domain.events import DISBURSEMENT, SIGNATURE, VISIT
    from app.domain.money import fen_to_capitals
    from app.domain.signature import (
        SignatureRecord,
        content_sha256,
        pack_strokes,
        signature_body,
        signed_content,
        strokes_sha256,
    )
    from app.domain.visits import (
        Handover,
        Outcome,
        VisitInput,
        VisitMode,
        disbursement_body,
        visit_body,
    )
    from app.services.bundles.devices import NewEvent, append_events, writing_device
    from app.services.demo.campaign import ensure_demo_campaign, write_demo_roster
    from app.services.households.status import advance_everyone
    from app.services.infra.context import Actor, require_campaign
    from app.services.rosters.importing import import_roster
    from app.services.teams import assignment as teams
    from app.store.campaigns import list_categories
    from app.store.db import Store

    t, actor = time.perf_counter(), Actor(user="bench", clock=lambda: CLOCK)
    roster = write_demo_roster(db.with_suffix(".csv"), households, seed=11)
    with Store(db) as store:
        ensure_demo_campaign(store)
        import_roster(store, roster, unit="基准单位", skip_invalid=True, actor=actor)
        advance_everyone(store, status="确定", reason="基准", despite_missing=True, actor=actor)
        for i in range(n_teams):
            teams.add_team(store, code=f"T{i + 1:03d}", name=f"第{i + 1}组", leader="张三",
                           actor=actor)  # fmt: skip
        teams.assign_by(store, "balanced", actor=actor)
        campaign = require_campaign(store)
        categories = {c.id: c for c in list_categories(store, campaign.id)}
        rows = store.conn.execute(
            "SELECT h.id, h.name, h.id_number, h.category_id, a.team_id FROM household h"
            " JOIN current_assignment a ON a.household_id = h.id").fetchall()  # fmt: skip
        packed = pack_strokes([[(100, 200, 0, None), (900, 260, 16, None), (1800, 240, 33, None)]
                               * 40])  # fmt: skip
        device, specs = writing_device(store, actor), []
        for n, (hid, name, id_number, cat_id, team) in enumerate(rows):
            cat = categories.get(cat_id) or next(iter(categories.values()))
            day = date(2027, 1, 20 + n % 9)
            visit = VisitInput(hid, day, VisitMode.HOME, Outcome.VISITED, visitors=("张三",))
            vid, did = new_id(), new_id()
            handover = Handover(cat.code, cat.cash_fen, cat.goods, cat.goods_fen)
            content = signed_content(
                campaign=campaign.name, visit=vid, disbursement=did, household=hid,
                recipient_name=name, id_tail=id_number[-4:], cash_fen=cat.cash_fen,
                cash_capitals=fen_to_capitals(cat.cash_fen), goods=[cat.goods] if cat.goods
                else [], organiser=campaign.organizer, team="", date=day.isoformat(),
                statement_version="v1",
            )  # fmt: skip
            record = SignatureRecord(
                pad_width=800, pad_height=240, device_pixel_ratio_x100=100, device_type="mouse",
                device_name="bench", strokes=packed, started_at="2027-01-21T10:00:00+08:00",
                ended_at="2027-01-21T10:00:03+08:00", signer_role="recipient", signer_name=name,
                signer_relation="", strokes_sha256=strokes_sha256(packed),
                content_sha256=content_sha256(content),
            )  # fmt: skip
            specs += [
                NewEvent(VISIT, vid, hid, team, visit_body(visit, vid)),
                NewEvent(DISBURSEMENT, did, hid, team,
                         disbursement_body(handover, vid, hid, day)),
                NewEvent(SIGNATURE, new_id(), hid, team, signature_body(record, content)),
            ]  # fmt: skip
        with store.transaction():
            append_events(store, device, specs, actor)
    print(f"built {len(rows):,} households, {len(specs):,} events in "
          f"{time.perf_counter() - t:.0f} s")  # fmt: skip


def child(kind: str, db: str) -> None:
    """One measurement, in this fresh process."""
    from app.services.oversight.audit import run_audit
    from app.store.db import Store

    with Store(Path(db)) as store:
        start, cpu = time.perf_counter(), time.process_time()
        if kind == "audit":
            done = run_audit(store)
            figure = {"ok": done.ok, "handed_fen": done.handed.total_fen,
                      "unproven": len(done.unproven), "households": done.households}  # fmt: skip
        else:
            figure = bare(store)
        figure["seconds"] = time.perf_counter() - start
        figure["cpu"] = time.process_time() - cpu  # less swayed by other work on the machine
    print(json.dumps(figure))


def bare(store: object) -> dict[str, object]:
    import hashlib

    cash: dict[str, int] = {}
    signatures = 0
    conn = store.conn  # type: ignore[attr-defined]
    for kind, team, body in conn.execute("SELECT kind, team_id, body FROM event"):
        if kind == "signature":
            strokes = json.loads(body)["strokes"]
            hashlib.sha256(strokes.encode()).hexdigest()
            signatures += 1
        elif kind == "disbursement":
            cash[team] = cash.get(team, 0) + json.loads(body)["cash_fen"]
        else:
            json.loads(body)
    return {"handed_fen": sum(cash.values()), "signatures": signatures}


def measure(kind: str, db: Path) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(db)], cwd=ROOT,
                         capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--households", type=int, default=100_000)
    p.add_argument("--teams", type=int, default=100)
    p.add_argument("--workdir")
    p.add_argument("--child", nargs=2)
    a = p.parse_args()
    if a.child:
        child(*a.child)
        return
    work = Path(a.workdir or tempfile.mkdtemp(prefix="wv-audit-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"audit-{a.households}.db"
    if not db.exists():
        part = db.with_suffix(".part")  # a build stopped midway is not taken for a store
        part.unlink(missing_ok=True)
        build(part, a.households, a.teams)
        part.rename(db)
    bare_run, audit_run = measure("bare", db), measure("audit", db)
    print(f"bare read + sums + stroke hashes: {bare_run['seconds']:.2f} s "
          f"(CPU {bare_run['cpu']:.2f} s)")  # fmt: skip
    print(f"warmvisit audit:                  {audit_run['seconds']:.2f} s "
          f"(CPU {audit_run['cpu']:.2f} s) "
          f"(×{audit_run['seconds'] / bare_run['seconds']:.1f} the bare; aim < 2 s) "  # type: ignore[operator]
          f"ok={audit_run['ok']} handed={audit_run['handed_fen']} "
          f"households={audit_run['households']}")  # fmt: skip


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
