"""Command handlers for bundles, paper visits, progress and devices (issue 3)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli_output import OUT, TextProgress, table
from app.domain.errors import InvalidInput
from app.domain.money import format_fen, parse_money
from app.i18n import render
from app.services.bundles import devices
from app.services.bundles import exchange as bundles
from app.services.bundles.devices import TEAM
from app.services.bundles.devices import role as device_role
from app.services.oversight import progress
from app.services.oversight.flags import FlagView, campaign_flags
from app.services.visits import paper
from app.store.db import Store


def cmd_bundle_export(store: Store, a: argparse.Namespace) -> int:
    out = Path(a.out)
    if not out.is_dir():
        raise InvalidInput("bundle.out_dir", folder=str(out))
    if device_role(store) == TEAM:
        if a.team:
            raise InvalidInput("bundle.export_team_on_laptop")
        done = bundles.export_result(store, out)
        OUT.result({"file": str(done.file.resolve()), "sequence": done.sequence,
                    "events": done.events},
                   lambda: OUT.say(OUT.text("cli.result_written", file=done.file,
                                         n=done.events)))  # fmt: skip
        return 0
    if not a.team:
        raise InvalidInput("bundle.team_needed")
    float_fen = parse_money(a.float) if a.float else None
    done = bundles.export_assignment(store, a.team, out, cash_float=float_fen)
    OUT.result(
        {"file": str(done.file.resolve()), "credential": done.credential,
         "sequence": done.sequence, "households": done.households},
        lambda: OUT.say(OUT.text("cli.assignment_written", file=done.file, n=done.households,
                              seq=done.sequence, credential=done.credential)),
    )  # fmt: skip
    return 0


def cmd_bundle_import(store: Store, a: argparse.Namespace) -> int:
    results: list[dict[str, Any]] = []
    refused = 0
    totals = {"new": 0, "updated": 0, "unchanged": 0}
    flags: list[dict[str, Any]] = []
    bar = TextProgress(OUT.text("cli.merging"))
    try:
        outcomes = bundles.import_bundles(store, [Path(f) for f in a.files],
                                          credential=a.credential, progress=bar)  # fmt: skip
    finally:
        bar.finish()
    for outcome in outcomes:
        name, r = str(outcome.path), outcome.applied
        if r is None:
            refused += 1
            message = render(outcome.refused, OUT.lang) if outcome.refused else ""
            OUT.say_err(OUT.text("cli.bundle_refused", file=outcome.path.name, reason=message))
            results.append({"file": name, "outcome": "refused", "reason": message})
            continue
        why = render(r.quarantine_reason, OUT.lang) if r.quarantine_reason else ""
        if r.outcome == "quarantined":
            refused += 1
            OUT.say_err(OUT.text("cli.bundle_quarantined", file=outcome.path.name, reason=why))
        for key in totals:
            totals[key] += getattr(r, key)
        flags += [_flag_json(f) for f in r.flags]
        results.append({"file": name, "outcome": r.outcome, "kind": r.kind, "team": r.team_code,
                        "sequence": r.sequence, "new": r.new, "updated": r.updated,
                        "unchanged": r.unchanged, "signer": r.signer_fingerprint,
                        **({"reason": why} if why else {}), **r.detail})  # fmt: skip
        if not OUT.json:
            OUT.say(OUT.text(f"cli.bundle_{r.outcome}", file=outcome.path.name, team=r.team_code,
                          seq=r.sequence, new=r.new, updated=r.updated,
                          unchanged=r.unchanged, signer=r.signer_fingerprint))  # fmt: skip
    if not OUT.json:
        for f in flags:
            OUT.say(OUT.text("cli.flag_line", household=f["household"], detail=f["detail"]))
    OUT.result({**totals, "flags": flags, "bundles": results}, lambda: None)
    return 1 if refused else 0


def _flag_json(flag: FlagView) -> dict[str, Any]:
    return {"kind": flag.kind, "household": flag.household, "record_id": flag.record_id,
            "detail": render(flag.reason, OUT.lang)}  # fmt: skip


def cmd_visits_import(store: Store, a: argparse.Namespace) -> int:
    r = paper.import_visits(store, Path(a.file), mapping=a.map or ())
    report = {
        "imported": r.imported,
        "rejected": [{"row": p.row, "column": p.column, "value": p.value,
                      "reason": OUT.text(p.key, **p.params)} for p in r.rejected],
    }  # fmt: skip

    def human() -> None:
        for p in report["rejected"]:
            OUT.say(OUT.text("cli.problem_line", row=p["row"], column=p["column"], value=p["value"],
                          reason=p["reason"]))  # fmt: skip
        OUT.say(OUT.text("cli.visits_imported", n=r.imported) if not r.rejected
                else OUT.text("cli.visits_refused", n=len({p.row for p in r.rejected})))  # fmt: skip

    OUT.result(report, human)
    return 1 if r.rejected else 0


def cmd_progress(store: Store, a: argparse.Namespace) -> int:
    teams, flags = progress.compute_progress(store)

    def money(fen: int | None) -> str:
        return "-" if fen is None else format_fen(fen)

    def human() -> None:
        OUT.say(table(
            [OUT.text("col.code"), OUT.text("col.team"), OUT.text("col.assigned"), OUT.text("col.visited"),
             OUT.text("col.attempted"), OUT.text("col.not_yet"), OUT.text("col.problem"),
             OUT.text("col.cash"), OUT.text("col.transfer"), OUT.text("col.goods_value"),
             OUT.text("col.budget"), OUT.text("col.float")],
            [(t.code, t.name, t.assigned, t.visited, t.attempted, t.not_yet, t.problem,
              money(t.cash_fen), money(t.transfer_fen), money(t.goods_fen), money(t.budget_fen),
              money(t.float_fen)) for t in teams], right=tuple(range(2, 12))))  # fmt: skip
        OUT.say(OUT.text("cli.flags_total", n=flags))

    OUT.result(
        {"teams": [{"code": t.code, "name": t.name, "assigned": t.assigned,
                    "visited": t.visited, "attempted": t.attempted, "not_yet": t.not_yet,
                    "problem": t.problem, "cash_fen": t.cash_fen,
                    "transfer_fen": t.transfer_fen, "goods_fen": t.goods_fen,
                    "budget_fen": t.budget_fen, "float_fen": t.float_fen} for t in teams],
         "flags": flags},
        human,
    )  # fmt: skip
    return 0


def cmd_flags(store: Store, a: argparse.Namespace) -> int:
    found = [_flag_json(f) for f in campaign_flags(store)]
    OUT.result(
        {"flags": found},
        lambda: [OUT.say(OUT.text("cli.flag_line", household=f["household"], detail=f["detail"]))
                 for f in found] or OUT.say(OUT.text("cli.no_flags")),
    )  # fmt: skip
    return 0


def cmd_bundle_history(store: Store, a: argparse.Namespace) -> int:
    logged = [
        {"at": b.at, "direction": b.direction, "kind": b.kind, "file": b.file,
         "sha256": b.sha256, "team": b.team, "device": b.device, "sequence": b.sequence,
         "outcome": b.outcome, "new": b.new, "updated": b.updated, "unchanged": b.unchanged,
         "flagged": b.flagged, "by": b.by,
         "reason": render(b.quarantine_reason, OUT.lang) if b.quarantine_reason else ""}
        for b in bundles.history(store)
    ]  # fmt: skip
    OUT.result(
        {"bundles": logged},
        lambda: OUT.say(table(
            [OUT.text("col.time"), OUT.text("col.way"), OUT.text("col.kind"), OUT.text("col.file"),
             OUT.text("col.team"), OUT.text("col.sequence"), OUT.text("col.outcome"), OUT.text("col.new"),
             OUT.text("col.updated"), OUT.text("col.unchanged"), OUT.text("col.flagged"),
             OUT.text("col.why")],
            [(b["at"][:16].replace("T", " "), OUT.text(f"bundle.way.{b['direction']}"),
              OUT.text(f"bundle.kind.{b['kind']}"), b["file"], b["team"], b["sequence"],
              OUT.text(f"bundle.outcome.{b['outcome']}"), b["new"], b["updated"], b["unchanged"],
              b["flagged"], b["reason"]) for b in logged], right=(5, 7, 8, 9, 10))
            if logged else OUT.text("cli.no_history")),
    )  # fmt: skip
    return 0


def cmd_device_list(store: Store, a: argparse.Namespace) -> int:
    found = devices.list_devices(store)
    keys = ("id", "role", "team", "fingerprint", "first_seen", "revoked_at", "events")
    OUT.result(
        {"devices": [{k: getattr(d, k) for k in keys} for d in found]},
        lambda: OUT.say(table(
            [OUT.text("col.device"), OUT.text("col.team"), OUT.text("col.fingerprint"),
             OUT.text("col.first_seen"), OUT.text("col.revoked"), OUT.text("col.events")],
            [(d.id, d.team or d.role, d.fingerprint, d.first_seen[:16],
              (d.revoked_at or "")[:16], d.events) for d in found], right=(5,))),
    )  # fmt: skip
    return 0


def cmd_device_revoke(store: Store, a: argparse.Namespace) -> int:
    device = devices.revoke(store, a.device, reason=a.reason)
    OUT.result({"id": device.id, "revoked_at": device.revoked_at},
               lambda: OUT.say(OUT.text("cli.device_revoked", device=device.id)))  # fmt: skip
    return 0


def cmd_visits_receive_slip(store: Store, a: argparse.Namespace) -> int:
    from app.services.visits.paper import receive_slip

    name, slip = receive_slip(store, a.id_number)
    OUT.result({"name": name, "slip": slip},
               lambda: OUT.say(OUT.text("cli.slip_received", name=name, slip=slip)))  # fmt: skip
    return 0
