"""Checking every row of a roster, on both cores when the file is large.

Checking is pure Python at ~20 µs a row; a 100,000-row roster spends two seconds here. Rows
are independent, so big files are cut into consecutive slices checked in worker processes.
Workers are forked (they inherit the rows, nothing is copied) and only when this process has
a single thread: forking a process with other threads running (the Qt window) can deadlock, so
the window's imports stay sequential.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from datetime import date

from app.domain.progress import Cancel, Progress
from app.domain.roster_columns import Layout
from app.domain.roster_rows import HouseholdRow, RowProblem, check_row, is_footer_or_blank

PARALLEL_FROM = 20_000  # rows; below this, starting workers costs more than it saves
_BATCH = 2000

Checked = tuple[HouseholdRow, str]  # the row and its content hash

_ROWS: list[list[object]] = []  # the sheet, set before forking so workers inherit it


def check_rows(
    rows: list[list[object]],
    layout: Layout,
    default_unit: str,
    today: date,
    progress: Progress,
    cancel: Cancel,
    *,
    parallel_from: int = PARALLEL_FROM,
) -> tuple[list[Checked], list[RowProblem]]:
    start, stop = layout.header_row + 1, len(rows)
    workers = min(os.cpu_count() or 1, 4)
    if stop - start >= parallel_from and workers > 1 and _can_fork():
        return _parallel(rows, layout, default_unit, today, start, stop, workers, progress, cancel)
    checked: list[Checked] = []
    rejected: list[RowProblem] = []
    for first in range(start, stop, _BATCH):
        cancel.check()
        part_checked, part_rejected = _check_slice(rows, layout, default_unit, today, first,
                                                   min(first + _BATCH, stop))  # fmt: skip
        checked += part_checked
        rejected += part_rejected
        progress(0, 0)
    return checked, rejected


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _check_slice(
    rows: list[list[object]], layout: Layout, default_unit: str, today: date, first: int,
    stop: int,
) -> tuple[list[Checked], list[RowProblem]]:  # fmt: skip
    checked: list[Checked] = []
    rejected: list[RowProblem] = []
    for index in range(first, stop):
        cells = rows[index]
        if is_footer_or_blank(cells):
            continue
        outcome = check_row(cells, index + 1, layout, default_unit=default_unit, today=today)
        if isinstance(outcome, HouseholdRow):
            checked.append((outcome, outcome.content_hash()))
        else:
            rejected.extend(outcome)
    return checked, rejected


def _worker(layout: Layout, default_unit: str, today: date, first: int, stop: int):  # noqa: ANN202
    return _check_slice(_ROWS, layout, default_unit, today, first, stop)


def _parallel(
    rows: list[list[object]], layout: Layout, default_unit: str, today: date, start: int,
    stop: int, workers: int, progress: Progress, cancel: Cancel,
) -> tuple[list[Checked], list[RowProblem]]:  # fmt: skip
    global _ROWS  # noqa: PLW0603 - inherited by the forked workers, cleared right after
    _ROWS = rows
    try:
        slices = workers * 4  # several per worker, so progress moves and cancel is heard
        size = -(-(stop - start) // slices)
        bounds = [(a, min(a + size, stop)) for a in range(start, stop, size)]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(_worker, layout, default_unit, today, a, b) for a, b in bounds]
            checked: list[Checked] = []
            rejected: list[RowProblem] = []
            for future in futures:  # in order, so rows and problems keep the file's order
                try:
                    cancel.check()
                except BaseException:
                    for f in futures:
                        f.cancel()
                    raise
                part_checked, part_rejected = future.result()
                checked += part_checked
                rejected += part_rejected
                progress(0, 0)
        return checked, rejected
    finally:
        _ROWS = []
