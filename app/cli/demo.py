"""``demo``: a made-up campaign to try the app on, and a team laptop to go with it."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.args import Subparsers, command
from app.cli.output import OUT, TextProgress
from app.store.db import Store


def register(sub: Subparsers) -> None:
    c = command(sub, "demo", cmd_demo, "make a demo campaign")
    c.add_argument("--households", type=int, default=200)
    c.add_argument("--seed", type=int, default=1)
    c.add_argument("--csv", help="write the demo roster as CSV instead of importing it")
    c.add_argument("--xlsx", help="write the demo roster as XLSX instead of importing it")
    c.add_argument(
        "--team-laptop",
        metavar="FILE",
        help="also start a demo team laptop database (team T1) at FILE",
    )


def cmd_demo(store: Store, a: argparse.Namespace) -> int:
    from app.domain.errors import InvalidInput
    from app.services.demo.campaign import make_demo
    from app.services.demo.laptop import DEMO_PIN, make_team_laptop
    from app.services.search.lookup import has_campaign, household_count

    if a.team_laptop and has_campaign(store) and household_count(store):
        result = None  # the central demo exists: only the laptop is made
    else:
        bar = TextProgress(OUT.text("cli.demo_making"))
        try:
            result = make_demo(
                store, households=a.households, seed=a.seed,
                csv_out=Path(a.csv) if a.csv else None,
                xlsx_out=Path(a.xlsx) if a.xlsx else None, progress=bar,
            )  # fmt: skip
        finally:
            bar.finish()
    laptop = Path(a.team_laptop) if a.team_laptop else None
    if laptop is not None:
        if laptop.exists():
            raise InvalidInput("demo.laptop_exists", file=str(laptop))
        make_team_laptop(store, laptop)
    count = result.households if result else household_count(store)
    files = list(result.files) if result else []

    def human() -> None:
        if result is not None:
            OUT.say(
                OUT.text("cli.demo_done", n=count, db=store.path, files="、".join(files) or "-")
            )
        if laptop is not None:
            OUT.say(OUT.text("cli.demo_laptop", db=laptop, pin=DEMO_PIN))

    OUT.result({"db": str(store.path), "households": count, "files": files,
                "team_laptop": str(laptop) if laptop else None}, human)  # fmt: skip
    return 0
