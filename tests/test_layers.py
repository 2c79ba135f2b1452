"""The layering rule of DESIGN.md, checked by import-linter's contracts in pyproject.toml, and
probed: an import that breaks the rule, written into a copy of the package, breaks lint-imports."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")
CONTRACTS = {
    c["name"]: c
    for c in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "importlinter"
    ]["contracts"]
}
QT = "only the UI imports Qt"
CLI_ON_TOP = "nothing below the command line imports it"
THROUGH_SERVICES = "the command line and the window go through the services"


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports on the ``app`` package and pyproject.toml found in ``root``."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT)], cwd=root, env=env, capture_output=True,
                          text=True, check=False)  # fmt: skip


def test_import_contracts_are_kept() -> None:
    run = subprocess.run([str(LINT)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def _top_level_modules() -> set[str]:
    """app.cli, app.logs, app.__main__ …: every package and module directly under app/."""
    found = {f"app.{p.stem}" for p in (ROOT / "app").glob("*.py") if p.stem != "__init__"}
    return found | {f"app.{p.name}" for p in (ROOT / "app").iterdir()
                    if (p / "__init__.py").is_file()}  # fmt: skip


def test_the_qt_contract_names_every_module_but_the_ui() -> None:
    assert set(CONTRACTS[QT]["source_modules"]) == _top_level_modules() - {"app.ui"}


def test_everything_below_the_command_line_is_forbidden_to_import_it() -> None:
    above = {"app.cli", "app.launch", "app.__main__"}  # the entry points, which open it
    assert set(CONTRACTS[CLI_ON_TOP]["source_modules"]) == _top_level_modules() - above


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("layers")
    shutil.copy(ROOT / "pyproject.toml", root)
    shutil.copytree(ROOT / "app", root / "app", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_the_copy_keeps_every_contract(copy: Path) -> None:
    run = lint(copy)
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in run.stdout


@pytest.mark.parametrize(
    ("module", "probe", "contract", "chain"),
    [
        ("cli/teams.py", "import PySide6", QT, "app.cli.teams -> PySide6"),
        ("cli/output.py", "from PySide6 import QtCore", QT, "app.cli.output -> PySide6"),
        ("logs.py", "import PySide6", QT, "app.logs -> PySide6"),
        ("services/campaign/setup.py", "from app.cli import output", CLI_ON_TOP,
         "app.services.campaign.setup -> app.cli.output"),
        ("ui/lock.py", "from app.cli.output import table", CLI_ON_TOP,
         "app.ui.lock -> app.cli.output"),
        ("cli/campaign.py", "from app.store.campaigns import list_units", THROUGH_SERVICES,
         "app.cli.campaign -> app.store.campaigns"),
        ("cli/bundles.py", "from app.sync import keys", THROUGH_SERVICES,
         "app.cli.bundles -> app.sync.keys"),
    ],
)  # fmt: skip
def test_a_forbidden_import_breaks_its_contract(
    copy: Path, module: str, probe: str, contract: str, chain: str
) -> None:
    path = copy / "app" / module
    original = path.read_text(encoding="utf-8")
    path.write_text(f"{original}\n{probe}  # a probe\n", encoding="utf-8")
    try:
        run = lint(copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"{contract} BROKEN" in run.stdout
    assert chain in run.stdout
