"""A clone with nothing beside it is the whole project: no file reaches a folder outside the
repository (the sample rosters are in tests/fixtures), and test modules share builders through
conftest.py and helper modules, never by importing one another."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve()  # its examples of what it looks for are not scanned
ROOT = HERE.parent.parent
CHECKED = ("app", "tests", "scripts", "bench", "docs", "packaging", "setup.py", "README.md")

OUTSIDE = [
    (re.compile(r"\.\.[/\\]+shared\b"), "a relative path to a shared folder beside the repo"),
    (re.compile(r"/work[/\\]"), "an absolute path on the machine the project was built on"),
    (
        re.compile(r"/\s*[\"']shared[\"']|[\"']shared[\"']\s*/|joinpath\(\s*[\"']shared[\"']"),
        "a path joined onto a folder named shared",
    ),
    (
        re.compile(r"\b(?:ROOT|REPO|REPO_ROOT|_repo_root\(\))\.parent\b"),
        "the folder above the repository root",
    ),
]
FROM_FILE = re.compile(
    r"Path\(__file__\)(?:\.resolve\(\))?((?:\.parent\b)*)(?:\.parents\[(\d+)\])?((?:\.parent\b)*)"
)
MD_LINK = re.compile(r"\]\(([^)\s#]+)")


def tracked(*where: str) -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", *where], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode("utf-8")
    files = [ROOT / name for name in listed.split("\0") if name]
    assert files, f"git lists no files under {where} in {ROOT}"
    return [f for f in files if f.is_file()]


def text_of(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return None  # images, fonts, workbooks, the GBK roster


def climbs_out(path: Path, match: re.Match[str]) -> bool:
    """Whether ``Path(__file__)…parent…`` in ``path`` names a folder above the repo root."""
    before, index, after = match.groups()
    levels = before.count(".parent") + (int(index) + 1 if index else 0) + after.count(".parent")
    return levels > len(path.relative_to(ROOT).parts)


def outside_references(path: Path, text: str) -> list[str]:
    found = []
    for n, line in enumerate(text.splitlines(), 1):
        for pattern, what in OUTSIDE:
            if pattern.search(line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {what}: {line.strip()}")
        for match in FROM_FILE.finditer(line):
            if climbs_out(path, match):
                found.append(f"{path.relative_to(ROOT)}:{n}: climbs above the repo: {line.strip()}")
        if path.suffix == ".md":
            for target in MD_LINK.findall(line):
                if ":" in target:  # a URL, not a file
                    continue
                if not (path.parent / target).resolve().is_relative_to(ROOT):
                    found.append(f"{path.relative_to(ROOT)}:{n}: links outside: {target}")
    return found


@pytest.mark.parametrize("where", CHECKED)
def test_no_tracked_file_refers_outside_the_repo(where: str) -> None:
    found = [
        ref
        for path in tracked(where)
        if path != HERE and (text := text_of(path)) is not None
        for ref in outside_references(path, text)
    ]
    assert found == []


def test_the_outside_check_finds_what_it_looks_for() -> None:
    """Each way of reaching out is caught; the word shared in its other senses is not."""
    example = ROOT / "tests" / "services" / "test_example.py"
    up = ".."  # the git grep of issue 15 finds no such path written whole here either
    caught = [
        "SAMPLES = Path(__file__).resolve().parents[2].parent / 'shared' / 'samples'",
        f'SAMPLES = REPO.parent / "{"shared"}" / "samples"',
        f"open('{up}/shared/samples/roster.csv')",
        f"see `{up}/shared/DESIGN.md`",
        "DATA = Path('/work/shared/samples')",
        "HERE = Path(__file__).parents[3]",
        "HERE = Path(__file__).resolve().parent.parent.parent.parent",
    ]
    for line in caught:
        assert outside_references(example, line), line
    fine = [
        "REPO = Path(__file__).resolve().parents[2]",
        "ROOT = Path(__file__).resolve().parent.parent.parent",
        'path = with_shared_strings(path, tmp_path / "shared.xlsx")',
        'one = export(world, world.t1, "shared")',
        "# mostly shared pages with the parent process",
    ]
    for line in fine:
        assert not outside_references(example, line), line
    guide = ROOT / "docs" / "guide.md"
    assert outside_references(guide, "[design](../../DESIGN.md)")
    assert not outside_references(guide, "[readme](../README.md) [web](https://a.b/../c)")


def imported_modules(tree: ast.Module, package: str) -> set[str]:
    """Every module an ``import`` or ``from … import`` in the tree names, with the names a
    ``from`` imports (``from tests.x import test_y`` imports the module tests.x.test_y)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def is_test_module(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return last.startswith("test_") or last == "conftest"


def test_no_test_module_imports_another() -> None:
    """Fixtures live in conftest.py, shared helpers in helper modules (tests/builders.py, …)."""
    found = []
    for path in tracked("tests"):
        if path.suffix != ".py":
            continue
        package = ".".join(path.relative_to(ROOT).parent.parts)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name in sorted(imported_modules(tree, package)):
            if name.startswith("tests.") and is_test_module(name):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    assert found == []


def test_the_import_check_sees_every_form() -> None:
    for source in (
        "from tests.services.test_bundles import world",
        "import tests.ui.test_main_window",
        "from tests.ui import test_visit_page",
        "from .test_signature_pad import line",
        "from tests.documents.conftest import world_file",
    ):
        names = imported_modules(ast.parse(source), "tests.ui")
        assert any(n.startswith("tests.") and is_test_module(n) for n in names), source
    for source in (
        "from tests.builders import ACTOR",
        "from tests.ui.builders import line",
        "from tests.documents import world",
        "import pytest",
    ):
        names = imported_modules(ast.parse(source), "tests.ui")
        assert not any(n.startswith("tests.") and is_test_module(n) for n in names), source
