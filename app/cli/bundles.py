"""USB bundles between the office and the team laptops: ``bundle export|import|history``, the
flags their merges raise (worded as ``flags`` words them), and the ``device``s (laptops) they
come from."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.args import Subparsers, command, group
from app.cli.money import flag_json, flag_line
from app.cli.output import OUT, TextProgress, table
from app.cli.upkeep import default_stick
from app.domain.errors import InvalidInput
from app.domain.money import parse_money
from app.i18n import render
from app.services.bundles import devices
from app.services.bundles import exchange as bundles
from app.services.bundles.devices import TEAM
from app.services.bundles.devices import role as device_role
from app.services.bundles.sticks import assignment_bundle_in
from app.store.db import Store


def register(sub: Subparsers) -> None:
    bundle = group(sub, "bundle", "U盘数据包 bundles")
    c = command(bundle, "export", cmd_bundle_export,
                "central: a team's assignment bundle; team laptop: the result bundle")  # fmt: skip
    c.add_argument("--team", help="team code (central office)")
    c.add_argument("--out", help="folder to write to (default: the USB stick, if one is in)")
    c.add_argument("--float", help="cash float handed to the team, yuan")
    c = command(bundle, "import", cmd_bundle_import,
                "start/update a team laptop, or merge results at the office")  # fmt: skip
    c.add_argument("files", nargs="*", metavar="FILE",
                   help="bundle files (default: those on the USB stick, if one is in)")  # fmt: skip
    c.add_argument("--credential", help=f"the team credential (or ${bundles.CREDENTIAL_ENV})")
    command(bundle, "history", cmd_bundle_history,
            "the bundles written and read here, and why one went to quarantine")  # fmt: skip
    device = group(sub, "device", "电脑 laptops")
    command(device, "list", cmd_device_list, "laptops known here")
    c = command(device, "revoke", cmd_device_revoke,
                "a lost laptop: hold what it sends past its last record here")  # fmt: skip
    c.add_argument("device", nargs="?", help="device id (or its first characters)")
    c.add_argument("--up-to", type=int, help="its last record that counts (default: the last here)")
    c.add_argument("--team", help="a laptop never seen here: replace the team's credential")
    c.add_argument("--reason", required=True)
    c = command(device, "unrevoke", cmd_device_unrevoke, "take a revocation back")
    c.add_argument("device", help="device id (or its first characters)")
    c.add_argument("--reason", required=True)


def cmd_bundle_export(store: Store, a: argparse.Namespace) -> int:
    out = Path(a.out) if a.out else default_stick()
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
        outcomes = bundles.import_bundles(store, [Path(f) for f in a.files] or _on_stick(store),
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
        flags += [flag_json(f) for f in r.flags]
        results.append({"file": name, "outcome": r.outcome, "kind": r.kind, "team": r.team_code,
                        "sequence": r.sequence, "new": r.new, "updated": r.updated,
                        "unchanged": r.unchanged, "signer": r.signer_fingerprint,
                        **({"reason": why} if why else {}), **r.detail})  # fmt: skip
        if not OUT.json:
            OUT.say(OUT.text(f"cli.bundle_{r.outcome}", file=outcome.path.name, team=r.team_code,
                          seq=r.sequence, new=r.new, updated=r.updated,
                          unchanged=r.unchanged, signer=r.signer_fingerprint))  # fmt: skip
            if r.detail.get("held"):
                OUT.say(OUT.text("cli.records_held", n=r.detail["held"]))
    if not OUT.json:
        for f in flags:
            OUT.say(flag_line(f))
    OUT.result({**totals, "flags": flags, "bundles": results}, lambda: None)
    return 1 if refused else 0


def _on_stick(store: Store) -> list[Path]:
    """The bundles on the one stick plugged in: a laptop's newest assignment bundle, or at
    the office every result bundle."""
    stick = default_stick()
    if device_role(store) == TEAM:
        found = assignment_bundle_in(stick)
        files = [found] if found is not None else []
    else:
        files = sorted(stick.glob("WV-结果-*.wvb"))
    if not files:
        raise InvalidInput("bundle.none_on_stick", folder=str(stick))
    return files


def cmd_bundle_history(store: Store, a: argparse.Namespace) -> int:
    logged: list[dict[str, Any]] = [
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
            [OUT.text("col.time"), OUT.text("col.way"), OUT.text("col.kind"),
             OUT.text("col.file"), OUT.text("col.team"), OUT.text("col.sequence"),
             OUT.text("col.outcome"), OUT.text("col.new"), OUT.text("col.updated"),
             OUT.text("col.unchanged"), OUT.text("col.flagged"), OUT.text("col.why")],
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
    if a.team and not a.device:
        devices.revoke_unseen(store, a.team, reason=a.reason)
        OUT.result({"team": a.team, "credential_retired": True},
                   lambda: OUT.say(OUT.text("cli.credential_retired", team=a.team)))  # fmt: skip
        return 0
    if not a.device:
        raise InvalidInput("cli.device_or_team")
    device = devices.revoke(store, a.device, reason=a.reason, up_to=a.up_to)
    OUT.result({"id": device.id, "revoked_at": device.revoked_at},
               lambda: OUT.say(OUT.text("cli.device_revoked", device=device.id)))  # fmt: skip
    return 0


def cmd_device_unrevoke(store: Store, a: argparse.Namespace) -> int:
    device = devices.unrevoke(store, a.device, reason=a.reason)
    OUT.result({"id": device.id, "revoked_at": device.revoked_at},
               lambda: OUT.say(OUT.text("cli.device_unrevoked", device=device.id)))  # fmt: skip
    return 0
