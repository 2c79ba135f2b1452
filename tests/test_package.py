"""The wheel carries what the app reads besides its code (issue 19: a wheel built from the repo
lacked the fonts and letter templates, so `letters` and `notice` failed): built here the way
pip builds it (setup.py's build step, without the network), it holds the fonts with their
licences, the letter templates, a compiled catalogue for each .po and the forms, and the app
run from it passes its self-test."""

from __future__ import annotations

import gettext
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ("LXGWWenKai-Regular.ttf", "LXGWWenKai-LICENSE-OFL.txt", "DroidSansFallbackFull.ttf",
         "DroidSansFallback-LICENSE-Apache-2.0.txt")  # fmt: skip


def _assets_module():  # packaging/assets.py, shared by the PyInstaller spec and setup.py
    spec = importlib.util.spec_from_file_location("assets", ROOT / "packaging" / "assets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_packaged_files_are_the_apps_own() -> None:
    files = {f.as_posix() for f in _assets_module().asset_files(ROOT)}
    assert {f"resources/fonts/{name}" for name in FONTS} <= files
    assert {"resources/letters/职工.txt", "resources/letters/退休职工.txt", "forms/main_window.ui",
            "forms/visit_form.ui"} <= files  # fmt: skip
    assert not any(f.endswith(".po") for f in files)


# Where PyInstaller would put a file: Linux (PySide6/Qt/…), and Windows, where the spec runs
# with backslashes and PySide6 has no Qt level.
KEPT = [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/Qt/translations/qtbase_zh_CN.qm",
    "PySide6/Qt/lib/libQt6Widgets.so.6",
    "libQt6Gui.so.6",
    "resources/fonts/LXGWWenKai-Regular.ttf",
    r"PySide6\plugins\platforms\qwindows.dll",
    r"PySide6\plugins\styles\qmodernwindowsstyle.dll",
    r"PySide6\plugins\imageformats\qico.dll",
    r"PySide6\translations\qtbase_zh_CN.qm",
    r"PySide6\Qt6Core.dll",
]
DROPPED = [
    "PySide6/Qt/plugins/platforms/libqwayland-egl.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/imageformats/libqtiff.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qt_help_zh_CN.qm",
    "libQt6EglFsKmsSupport.so.6",
    "PySide6/Qt/lib/libQt6Network.so.6",
    r"PySide6\opengl32sw.dll",
    r"PySide6\d3dcompiler_47.dll",
    r"PySide6\Qt6Network.dll",
    r"PySide6\plugins\platforms\qdirect2d.dll",
    r"PySide6\plugins\iconengines\qsvgicon.dll",
    r"PySide6\translations\qtbase_ja.qm",
]


def test_the_folder_leaves_out_what_the_window_never_loads() -> None:
    wanted = _assets_module().wanted
    assert [dest for dest in KEPT if not wanted(dest)] == []
    assert [dest for dest in DROPPED if wanted(dest)] == []


def test_a_wheels_build_holds_the_data_and_the_app_runs_from_it(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(lib)],
                   cwd=ROOT, check=True, capture_output=True)  # fmt: skip
    shipped = lib / "app" / "_assets" / "resources"
    for name in FONTS:
        assert (shipped / "fonts" / name).stat().st_size > 1000
    assert sorted(p.name for p in (shipped / "letters").iterdir()) == ["职工.txt", "退休职工.txt"]
    for po in ROOT.glob("resources/locale/*/LC_MESSAGES/warmvisit.po"):
        with (shipped / po.relative_to(ROOT / "resources")).with_suffix(".mo").open("rb") as f:
            english = gettext.GNUTranslations(f)
        assert english.pgettext("selftest.roster", "导入名单") == "import a roster"
    place = tmp_path / "送温暖 安装"
    place.mkdir()
    env = {**os.environ, "PYTHONPATH": str(lib), "QT_QPA_PLATFORM": "offscreen"}
    code = "import app, runpy; print(app.__file__); runpy.run_module('app', run_name='__main__')"
    run = subprocess.run([sys.executable, "-c", code, "--self-test"], cwd=place, env=env,
                         capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith(str(lib / "app" / "__init__.py"))
    assert "自检通过：7 项全部正常" in run.stdout
