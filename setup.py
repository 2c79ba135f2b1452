"""The wheel's data: what packaging/assets.py lists, copied into app/_assets/ (where
app.paths.asset looks in an installed package), the catalogues compiled from their .po there,
so a wheel built from a fresh checkout is whole. Everything else is in pyproject.toml."""

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("assets", ROOT / "packaging" / "assets.py")
assert _spec is not None and _spec.loader is not None
assets = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(assets)


class BuildWithAssets(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "app" / "_assets"
        for po in sorted(ROOT.glob("resources/locale/*/LC_MESSAGES/*.po")):
            assets.compile_catalogue(po, target / po.relative_to(ROOT).with_suffix(".mo"))
        for file in assets.asset_files(ROOT):
            if file.suffix != ".mo":
                (target / file).parent.mkdir(parents=True, exist_ok=True)
                self.copy_file(str(ROOT / file), str(target / file))


setup(cmdclass={"build_py": BuildWithAssets})
