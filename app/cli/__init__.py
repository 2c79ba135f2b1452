"""The command line: ``warmvisit [--db PATH] [--json] COMMAND …`` over the services.

Clerks script it, so command names and JSON shapes are an interface. With ``--json`` stdout
holds exactly one JSON object, in UTF-8; messages and progress go to stderr. Exit 0 when the
work was done, 1 when it was refused, 2 on an unexpected error (logged; ``--debug`` shows it),
130 when stopped by Ctrl+C (a write under way is undone whole: each is one transaction).

Each command group is a module holding its options beside its handlers, added to the parser by
its ``register``; ``output`` prints for all of them. The command line calls the services only.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from app import __version__
from app import i18n as messages
from app.cli import (
    bundles,
    campaign,
    costs,
    demo,
    households,
    money,
    opinions,
    printing,
    quarantine,
    rosters,
    teams,
    transfers,
    units,
    upkeep,
    visit_plan,
    visits,
    window,
)
from app.cli.args import Handler
from app.cli.output import OUT
from app.console import INTERRUPTS, configure_console, say_interrupted
from app.domain.errors import Cancelled, WarmVisitError
from app.logs import LOGGER, log_unexpected, logged_file
from app.paths import default_db_path
from app.services.infra.context import open_store
from app.services.infra.store_lock import check_store_place

# In the order `warmvisit --help` lists them: setting up, households, teams, bundles, visits,
# the window, the demo, printing, opinions, transfers.
GROUPS = (
    campaign,
    costs,
    units,
    rosters,
    households,
    teams,
    bundles,
    quarantine,
    money,
    visits,
    visit_plan,
    window,
    demo,
    printing,
    opinions,
    transfers,
    upkeep,
)


class Parser(argparse.ArgumentParser):
    """argparse, but a command line it cannot take is refused like any other input: exit 1
    (argparse's own 2 is the exit of an unexpected error here). Subcommands inherit it."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(1, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="warmvisit", description="送温暖走访 WarmVisit")
    p.add_argument("--db", help="database file (default: the user's data folder)")
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.add_argument("--lang", choices=messages.languages(), help="message language (default zh)")
    p.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    p.add_argument("--version", action="version", version=f"warmvisit {__version__}")
    p.add_argument(
        "--self-test", action="store_true", help="check this installation (exit 0: it works)"
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for module in GROUPS:
        module.register(sub)
    return p


def warn_place(db_path: Path) -> None:
    """A store on a stick or a share: the window refuses it; the command line warns."""
    try:
        check_store_place(db_path)
    except WarmVisitError as e:
        print(messages.text("cli.store_place", OUT.lang, file=db_path,
                            folder=e.params.get("folder", "")), file=sys.stderr)  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    configure_console()
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        return say_interrupted(OUT.lang, after_write=INTERRUPTS.after_write)


def _main(argv: list[str]) -> int:
    # --lang first, so that argparse's own refusals (a bad date) speak the chosen language.
    early = Parser(add_help=False)
    early.add_argument("--lang", choices=messages.languages())
    early_lang = early.parse_known_args(argv)[0].lang if "--lang" in " ".join(argv) else None
    OUT.set(False, early_lang or messages.default_language())
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        # ID numbers may follow the options too (set-status 公示 --reason … ID…).
        dest = getattr(args, "extras_dest", None)
        if dest is None or any(x.startswith("-") for x in extras):
            parser.error(f"unrecognized arguments: {' '.join(extras)}")
        setattr(args, dest, [*getattr(args, dest), *extras])
    lang = OUT.lang
    OUT.set(args.json, lang)
    logged_file()  # the log set up (a test may have set its own)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        # No command: open the window, with the default size and no screenshot.
        args.screenshot, args.size, handler = None, window.DEFAULT_SIZE, window.cmd_gui
    if args.self_test:  # its own scratch store, not the user's
        from app.cli.selftest import run_self_test

        return run_self_test()
    db_path = Path(args.db) if args.db else default_db_path()
    code = _run(handler, args, db_path, lang)
    # What ran and how it ended (the command's words only, never its arguments: names, IDs).
    words = [args.command, *([args.sub] if isinstance(getattr(args, "sub", None), str) else [])]
    logging.getLogger(LOGGER).info("command %s: exit %d", " ".join(map(str, words)), code)
    return code


def _run(handler: Handler, args: argparse.Namespace, db_path: Path, lang: str) -> int:
    try:
        without_store = getattr(args, "without_store", None)
        if without_store is not None:  # settings, backup, restore: no store opened
            return int(without_store(db_path, args))
        warn_place(db_path)
        with open_store(db_path) as store:
            INTERRUPTS.watch(store.conn)
            return handler(store, args)
    except Cancelled:
        return 1
    except BrokenPipeError:
        # `warmvisit … | head` closed the pipe: not an error for the clerk.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except WarmVisitError as e:
        print(messages.render(e, lang), file=sys.stderr)
        return 1
    except Exception as error:
        if args.debug:
            raise
        place = log_unexpected(error)
        print(messages.text("unexpected", lang, log=place), file=sys.stderr)
        return 2
