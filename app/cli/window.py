"""The team window from the command line: ``gui`` opens it (Qt is imported only then) and
``lock-minutes`` sets how soon it locks when left alone."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from app.cli.args import Subparsers, command
from app.cli.output import OUT
from app.domain.errors import InvalidInput
from app.services.laptop import lock as team_lock
from app.store.db import Store

DEFAULT_SIZE = None  # as the window was left; maximised on a small screen


def register(sub: Subparsers) -> None:
    c = command(
        sub,
        "lock-minutes",
        cmd_lock_minutes,
        "the team window's idle lock: show it, or set it (2–15 minutes)",
    )
    c.add_argument("minutes", nargs="?", type=int)
    c = command(sub, "pin-reset", cmd_pin_reset,
                "team laptop: a forgotten team PIN, reset with the team credential")  # fmt: skip
    c.add_argument("--credential", required=True, help="the team credential from the office")
    c.add_argument("--pin", help="the new PIN (asked for when not given)")
    c = command(sub, "gui", cmd_gui, "open the team window (or save a screenshot of it)")
    c.add_argument("--screenshot", help="save the first screen as PNG and exit")
    c.add_argument("--size", default=DEFAULT_SIZE,
                   help="window size, e.g. 1366x768 (default: as it was left)")  # fmt: skip


def cmd_lock_minutes(store: Store, a: argparse.Namespace) -> int:
    if a.minutes is not None:
        team_lock.set_idle_minutes(store, a.minutes)
    minutes = team_lock.idle_minutes(store)
    OUT.result({"minutes": minutes},
               lambda: OUT.say(OUT.text("cli.lock_minutes", minutes=minutes)))  # fmt: skip
    return 0


def cmd_pin_reset(store: Store, a: argparse.Namespace) -> int:
    pin = a.pin
    if pin is None:
        pin = getpass.getpass(OUT.text("cli.pin_prompt"))
        if getpass.getpass(OUT.text("cli.pin_again")) != pin:
            raise InvalidInput("cli.pin_differ")
    team_lock.reset_pin(store, a.credential, pin)
    OUT.result({"pin_reset": True}, lambda: OUT.say(OUT.text("cli.pin_reset")))
    return 0


def cmd_gui(store: Store, a: argparse.Namespace) -> int:
    """Opens the team window for this database (Qt is imported only here)."""
    size: tuple[int, int] | None = None
    if a.size:
        try:
            width, height = (int(x) for x in a.size.lower().split("x"))
        except ValueError:
            raise argparse.ArgumentTypeError(OUT.text("cli.bad_size", value=a.size)) from None
        size = (width, height)
    from app.ui.app import run_gui

    path = store.path
    store.close()  # the window opens its own connection
    shot = Path(a.screenshot) if a.screenshot else None
    code = run_gui(path or Path(":memory:"), lang=OUT.lang, screenshot=shot, size=size)
    if shot is not None and code == 0:
        OUT.result({"file": str(shot.resolve())},
                   lambda: OUT.say(OUT.text("cli.written", file=shot.resolve())))  # fmt: skip
    return code
