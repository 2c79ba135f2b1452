"""The `warmvisit` entry point: the window opens without loading the command line.

The command line's modules (reports, spreadsheets, bundles) are slow to import; a team leader
double-clicking the app waits for none of them. `warmvisit [--db PATH] [--lang zh|en]` and
`warmvisit … gui [--screenshot FILE] [--size WxH]` go straight to the window; everything else
(and anything this parser does not understand) goes to app.cli.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn


class _NotForTheWindow(Exception):
    pass


class _QuietParser(argparse.ArgumentParser):
    """Says nothing about arguments it does not know: app.cli will, for its own commands."""

    def error(self, message: str) -> NoReturn:
        raise _NotForTheWindow(message)


def _window_args(argv: list[str]) -> argparse.Namespace | None:
    from app.i18n import languages

    if any(a in ("-h", "--help", "--json") for a in argv):
        return None
    p = _QuietParser(add_help=False)
    p.add_argument("--db")
    p.add_argument("--lang", choices=languages())
    p.add_argument("--debug", action="store_true")
    p.add_argument("command", nargs="?", choices=("gui",))
    p.add_argument("--screenshot")
    p.add_argument("--size")  # none: as the window was left, maximised on a small screen
    try:
        args, extras = p.parse_known_args(argv)
    except (_NotForTheWindow, SystemExit):
        return None
    if extras or (args.command is None and (args.screenshot or "--size" in argv)):
        return None
    args.window_size = None
    if args.size:
        try:
            args.window_size = tuple(int(x) for x in args.size.lower().split("x"))
        except ValueError:
            return None  # the command line says what is wrong with it
        if len(args.window_size) != 2:
            return None
    return args


def _chosen_language(argv: list[str]) -> str:
    from app.i18n import default_language, languages

    given = [v for k, v in zip(argv, argv[1:], strict=False) if k == "--lang"]
    given += [a.removeprefix("--lang=") for a in argv if a.startswith("--lang=")]
    return given[-1] if given and given[-1] in languages() else default_language()


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        # In a packaged program a spawned worker (app/services/parallel.py) starts this same
        # executable: freeze_support runs the worker's task and exits instead of opening a window.
        import multiprocessing

        multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _window_args(argv)
    if args is None:
        try:
            from app.cli import main as cli_main
        except KeyboardInterrupt:  # Ctrl+C while the command line loads: nothing done yet
            from app.console import say_interrupted

            return say_interrupted(_chosen_language(argv))
        return cli_main(argv)
    from app.i18n import default_language, text
    from app.paths import default_db_path
    from app.ui.app import run_gui

    db_path = Path(args.db) if args.db else default_db_path()
    shot = Path(args.screenshot) if args.screenshot else None
    lang = args.lang or default_language()
    code = run_gui(db_path, lang=lang, screenshot=shot, size=args.window_size)
    if shot is not None and code == 0:
        print(text("cli.written", lang, file=shot.resolve()))
    return code
