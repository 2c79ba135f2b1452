"""``--help`` works for every command, group and action, in both languages, and shows the
options the command takes."""

from __future__ import annotations

import argparse

import pytest

from app.cli import build_parser, main
from app.i18n import catalogue


@pytest.fixture(autouse=True)
def _language_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """main() sets the process's language, which documents printed later speak: put it back."""
    monkeypatch.setitem(catalogue._state, "lang", catalogue._state["lang"])


def _children(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _every_command() -> list[tuple[str, argparse.ArgumentParser]]:
    """("", the top), ("campaign", its group), ("campaign init", its parser), ("budget", …)."""
    top = build_parser()
    found = [("", top)]
    for name, parser in _children(top).items():
        found.append((name, parser))
        found += [(f"{name} {child}", p) for child, p in _children(parser).items()]
    return found


COMMANDS = _every_command()


def test_every_group_has_its_actions() -> None:
    names = {name for name, _p in COMMANDS}
    assert {
        "campaign init",
        "unit list",
        "household set-status",
        "bundle import",
        "visits receive-slip",
        "device revoke",
        "letters",
        "gui",
        "demo",
    } <= names
    assert len(names) > 45


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("command", "parser"), COMMANDS, ids=[n or "-" for n, _p in COMMANDS])
def test_help_exits_0_and_lists_the_options(
    command: str, parser: argparse.ArgumentParser, lang: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    with pytest.raises(SystemExit) as done:
        main(["--lang", lang, *command.split(), "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert out.startswith(f"usage: warmvisit {command}".rstrip())
    for action in parser._actions:
        for option in action.option_strings:
            assert option in out, (command, option)
