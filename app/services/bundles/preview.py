"""Result bundles checked as merging them would, and nothing kept: the office window's preview
of a pile of sticks before 合并.

The pile is merged in a transaction that is rolled back, so each row says what 合并 will do —
new, unchanged, the flags it raises, quarantine or refusal — through the very same checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.domain.long_work import Cancel, Progress, never, no_progress
from app.services.bundles.exchange import BundleOutcome, import_bundles
from app.services.bundles.ledger import SUFFIX
from app.services.infra.context import Actor
from app.store.db import Store


class _Rehearsed(Exception):
    """Rolls the preview's merge back once every outcome is known."""


def preview_bundles(
    store: Store, paths: Sequence[Path], *, actor: Actor | None = None,
    progress: Progress = no_progress, cancel: Cancel = never,
) -> list[BundleOutcome]:  # fmt: skip
    """What ``import_bundles`` would do with ``paths``, in their order; the store is left as it
    was (a bundle seen twice in the pile says so on its second row)."""
    found: list[BundleOutcome] = []
    try:
        with store.transaction():
            found = import_bundles(store, paths, actor=actor, progress=progress, cancel=cancel)
            raise _Rehearsed
    except _Rehearsed:
        pass
    return found


def bundle_files_in(paths: Sequence[Path]) -> list[Path]:
    """Bundles as dropped: a file as it is; a folder (a stick) gives its .wvb files and those
    one folder down, result bundles only (assignment bundles go the other way)."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        inside = sorted([*path.glob(f"*{SUFFIX}"), *path.glob(f"*/*{SUFFIX}")])
        found += [f for f in inside if f.is_file() and "分派" not in f.name]
    return list(dict.fromkeys(found))
