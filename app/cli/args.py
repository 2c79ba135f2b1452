"""How a command module declares its commands: a handler, a group of actions, a date option.

Each command module has one ``register(sub)`` that adds its commands to the top-level
subparsers with these helpers, beside the handlers they call.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date

from app.cli.output import OUT
from app.store.db import Store

Handler = Callable[[Store, argparse.Namespace], int]
Subparsers = argparse._SubParsersAction  # what add_subparsers() returns; argparse names it so


def command(parent: Subparsers, name: str, handler: Handler, help_text: str
            ) -> argparse.ArgumentParser:  # fmt: skip
    """``warmvisit NAME …`` (or ``warmvisit GROUP NAME …``), run by ``handler``."""
    parser = parent.add_parser(name, help=help_text)
    parser.set_defaults(handler=handler)
    return parser


def group(sub: Subparsers, name: str, help_text: str) -> Subparsers:
    """A command that takes an action: ``warmvisit campaign init``, ``warmvisit campaign show``."""
    return sub.add_parser(name, help=help_text).add_subparsers(
        dest="sub", metavar="ACTION", required=True
    )


def iso_date(text: str) -> date:
    """A ``--date``-like option: YYYY-MM-DD, refused in the user's language."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(OUT.text("cli.bad_date", value=text)) from None
