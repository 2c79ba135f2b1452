"""What a package carries: the app's own files, for the PyInstaller folder (warmvisit.spec) and
the wheel (setup.py) alike (the fonts with their licences, the letter templates, the compiled
catalogues, never the .po, and the Qt Designer forms: app.paths.asset finds them in either);
and the parts of Qt the folder leaves out (``wanted``)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = (
    "resources/fonts/*",
    "resources/letters/*",
    "resources/locale/*/LC_MESSAGES/*.mo",
    "forms/*.ui",
)


# Qt's plugins and libraries the window never loads, by folder or file name: PyInstaller's
# top-level symlinks carry the same names, so none is left dangling. On Windows PySide6 has no
# Qt/ level and its names have no "lib" in front; there the software OpenGL renderer (~20 MB)
# and the shader compiler go too: the window draws with Qt's raster engine.
DROP_DIRS = frozenset(
    "wayland-decoration-client wayland-graphics-integration-client wayland-shell-integration"
    " egldeviceintegrations tls networkinformation platformthemes generic sqldrivers"
    " qmltooling designer position"
    " iconengines".split()  # the SVG icon engine: the window has no SVG icons
)
_DROP_NAMES = (
    "qwayland qeglfs qlinuxfb qvnc qminimalegl qvkkhrdisplay qdirect2d qsvg Qt6Wayland"
    " Qt6EglFs Qt6WlShell Qt6Network Qt6Qml Qt6Quick Qt6Pdf Qt6Svg Qt6VirtualKeyboard Qt6Test"
).split()
DROP_PREFIXES = (*_DROP_NAMES, *(f"lib{n}" for n in _DROP_NAMES), "opengl32sw", "d3dcompiler")
# Qt reads PNG itself; of the image plugins only JPEG (photos) and ICO (Windows icons) stay.
_DROP_FORMATS = "qgif qicns qtga qtiff qwbmp qwebp".split()
DROP_IMAGE_FORMATS = (*_DROP_FORMATS, *(f"lib{n}" for n in _DROP_FORMATS))
KEEP_TRANSLATIONS = {"qtbase_zh_CN.qm"}  # Qt's dialogs in Chinese; English is Qt's own


def wanted(dest: str) -> bool:
    """Whether the package keeps the file PyInstaller would put at ``dest`` (either separator:
    the spec runs on Linux and Windows)."""
    parts = re.split(r"[\\/]", dest)
    name = parts[-1]
    if DROP_DIRS.intersection(parts[:-1]) or name.startswith(DROP_PREFIXES):
        return False
    if "imageformats" in parts[:-1] and name.startswith(DROP_IMAGE_FORMATS):
        return False
    if "translations" in parts[:-1] and name.endswith(".qm"):
        return name in KEEP_TRANSLATIONS
    return True


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
