"""The app's own files a package carries, for the PyInstaller folder (warmvisit.spec) and the
wheel (setup.py) alike: the fonts with their licences, the letter templates, the compiled
catalogues (never the .po) and the Qt Designer forms. app.paths.asset finds them in either."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = (
    "resources/fonts/*",
    "resources/letters/*",
    "resources/locale/*/LC_MESSAGES/*.mo",
    "forms/*.ui",
)


def asset_files(root: Path = ROOT) -> list[Path]:
    """Each file, relative to the repository."""
    found = {p.relative_to(root) for pattern in PATTERNS for p in root.glob(pattern)}
    return sorted(p for p in found if (root / p).is_file())


def compile_catalogue(po: Path, mo: Path) -> None:
    """A .po compiled to the .mo the app reads, as scripts/i18n.py compile does."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f, locale=po.parts[-3], domain=po.stem)
    mo.parent.mkdir(parents=True, exist_ok=True)
    with mo.open("wb") as f:
        write_mo(f, catalog, use_fuzzy=False)
