"""The types hold: mypy passes over app/ as pyproject's [tool.mypy] sets it, and no public service
function takes or returns ``Any`` (results are typed values the CLI and the window read)."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import subprocess
import sys
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import app.services

ROOT = Path(__file__).resolve().parent.parent

# Printing's records still hand event bodies and store rows over as dicts. The set may only
# shrink: an entry that has lost its Any fails the test as well, so it is crossed off when fixed.
PRINTING_PENDING = {
    "app.services.printing.records.collect",
    "app.services.printing.records.find_team",
    "app.services.printing.records.in_visit_list",
    "app.services.printing.records.refused_signature",
    "app.services.printing.records.signature_marks",
}


def test_mypy_passes_over_app() -> None:
    # The cache (gitignored) makes a second run a few seconds: the suite runs it every time.
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(ROOT / ".mypy_cache")],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("Success: no issues found")


def _any_in(hint: object, where: str, seen: set[type], home: str = "app.services") -> Iterator[str]:
    """Where ``Any`` hides in ``hint``: itself, its arguments (dict[str, Any]), and the fields
    of a result type defined under ``home`` (a dataclass or NamedTuple returned whole)."""
    if hint is Any:
        yield where
        return
    for arg in typing.get_args(hint):
        yield from _any_in(arg, where, seen, home)
    if (
        isinstance(hint, type)
        and hint.__module__.startswith(home)
        and hint not in seen
        and (dataclasses.is_dataclass(hint) or issubclass(hint, tuple))
    ):
        seen.add(hint)
        for name, field_hint in typing.get_type_hints(hint).items():
            yield from _any_in(field_hint, f"{where} → {hint.__name__}.{name}", seen, home)


def _public_functions() -> Iterator[tuple[str, Callable[..., object]]]:
    """Every public function of app.services, and every public method of its public classes."""
    for info in pkgutil.walk_packages(app.services.__path__, "app.services."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.startswith("_") or getattr(value, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(value):
                yield f"{module.__name__}.{name}", value
            elif inspect.isclass(value):
                for attr, member in vars(value).items():
                    function = getattr(member, "fget", None) or getattr(member, "__func__", member)
                    if not attr.startswith("_") and inspect.isfunction(function):
                        yield f"{module.__name__}.{name}.{attr}", function


def _with_any() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    seen: set[type] = set()
    for name, function in _public_functions():
        hints = typing.get_type_hints(function)  # a name it cannot resolve fails the test
        places = [p for param, hint in hints.items() for p in _any_in(hint, param, seen)]
        if places:
            found[name] = places
    return found


def test_no_service_takes_or_returns_any() -> None:
    found = _with_any()
    new = {name: places for name, places in found.items() if name not in PRINTING_PENDING}
    assert not new, f"Any in service signatures (type them): {new}"
    assert set(found) == PRINTING_PENDING, (
        f"typed now, cross off PRINTING_PENDING: {PRINTING_PENDING - set(found)}"
    )


class _Row(NamedTuple):
    name: str
    extra: dict[str, Any]


def test_the_check_sees_any_in_parameters_results_and_their_fields() -> None:
    def direct(x: Any) -> None: ...

    def nested(rows: list[dict[str, Any]]) -> int: ...

    def clean(rows: list[dict[str, int]]) -> tuple[str, ...]: ...

    seen: set[type] = set()
    assert list(_any_in(typing.get_type_hints(direct)["x"], "x", seen)) == ["x"]
    assert list(_any_in(typing.get_type_hints(nested)["rows"], "rows", seen)) == ["rows"]
    assert not [p for h in typing.get_type_hints(clean).values() for p in _any_in(h, "", seen)]
    # The fields of a returned value are looked into, for the types defined where it looks.
    assert list(_any_in(_Row, "return", seen, home=__name__)) == ["return → _Row.extra"]
    assert not list(_any_in(_Row, "return", set()))  # not a service's type: its own test
