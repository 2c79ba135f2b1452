"""Finding bundles on a USB stick (kept light: the team window imports it at start)."""

from __future__ import annotations

from pathlib import Path


def assignment_bundle_in(path: Path) -> Path | None:
    """The file itself, or in a folder (the USB stick) the newest assignment bundle
    (WV-分派-….wvb, else any .wvb)."""
    if path.is_file():
        return path
    if not path.is_dir():
        return None
    files = sorted(path.glob("*.wvb"), key=lambda f: f.stat().st_mtime, reverse=True)
    assignments = [f for f in files if "分派" in f.name]
    found = assignments or files
    return found[0] if found else None
