"""README.md documents every command, subcommand and option the parser defines."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from app.cli import build_parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _commands() -> list[tuple[str, argparse.ArgumentParser]]:
    """("campaign init", its parser), ("budget", its parser), … — every leaf command."""
    found = []
    for name, parser in _subcommands(build_parser()).items():
        children = _subcommands(parser)
        if children:
            found += [(f"{name} {child}", p) for child, p in children.items()]
        else:
            found.append((name, parser))
    return found


COMMANDS = _commands()


def test_the_parser_has_the_commands_we_expect() -> None:
    names = [name for name, _p in COMMANDS]
    assert "campaign init" in names and "household set-status" in names and "budget" in names
    assert len(names) == len(set(names)) >= 17


@pytest.mark.parametrize("command", [name for name, _p in COMMANDS])
def test_command_is_in_the_readme(command: str) -> None:
    # As code, at the start of a span: `household list …` or `unit list`.
    assert re.search(r"`" + re.escape(command) + r"[ `]", README), command


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (name, option)
        for name, parser in COMMANDS
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ],
)
def test_option_is_in_the_readme_row_of_its_command(command: str, option: str) -> None:
    rows = [line for line in README.splitlines() if re.search(r"`" + re.escape(command), line)]
    assert rows, command
    assert any(re.search(re.escape(option) + r"(?![\w-])", row) for row in rows), (command, option)


def test_global_options_are_in_the_readme() -> None:
    for action in build_parser()._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert f"[{option}" in README or f"`{option}`" in README, option
