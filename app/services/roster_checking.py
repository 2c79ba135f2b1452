"""Checking every row of a roster, slice by slice, on both cores when the file is large.

Rows are independent, so big files are cut into consecutive slices checked in worker
processes while this process writes the slices already checked: checking and inserting
overlap. Workers are forked (they inherit the rows, nothing is copied) and only when this
process has a single thread: forking a process with other threads running (the Qt window) can
deadlock, so the window's imports check in this process.

A slice comes back as plain tuples in the form the store keeps (``roster_rows.STORED_FIELDS``),
cheap to send between processes; a row with problems is checked again by ``check_row`` to say
what is wrong with it.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.roster_columns import Layout
from app.domain.roster_rows import RowChecker, RowProblem, check_row, is_footer_or_blank

PARALLEL_FROM = 20_000  # rows; below this, starting workers costs more than it saves
_SLICE = 2000  # rows checked between two progress reports (and cancel checks) in this process
_SLICES_PER_WORKER = 8  # small enough that writing starts soon after the workers do

_ROWS: list[list[Any]] = []  # the sheet, set before forking so workers inherit it


@dataclass(frozen=True, slots=True)
class CheckedSlice:
    rows: list[tuple[Any, ...]]  # clean rows, roster_rows.STORED_FIELDS each
    problems: list[RowProblem]  # every problem of the rejected rows, in file order
    done: int  # data rows checked so far, this slice included


def data_rows(rows: list[list[Any]], layout: Layout) -> int:
    return max(len(rows) - layout.header_row - 1, 0)


def check_rows(
    rows: list[list[Any]],
    layout: Layout,
    default_unit: str,
    today: date,
    *,
    parallel_from: int = PARALLEL_FROM,
) -> Iterator[CheckedSlice]:
    """The rows under the header, checked, as consecutive slices in file order.

    Close the iterator (``contextlib.closing``) when stopping early: that stops the workers.
    """
    start, stop = layout.header_row + 1, len(rows)
    workers = min(os.cpu_count() or 1, 4)
    if stop - start >= parallel_from and workers > 1 and _can_fork():
        yield from _parallel(rows, layout, default_unit, today, start, stop, workers)
        return
    checker = RowChecker(layout, default_unit=default_unit, today=today)
    for first in range(start, stop, _SLICE):
        last = min(first + _SLICE, stop)
        checked, problems = _check_slice(rows, layout, checker, first, last)
        yield CheckedSlice(checked, problems, last - start)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _check_slice(
    rows: list[list[Any]], layout: Layout, checker: RowChecker, first: int, stop: int
) -> tuple[list[tuple[Any, ...]], list[RowProblem]]:
    checked: list[tuple[Any, ...]] = []
    problems: list[RowProblem] = []
    for index in range(first, stop):
        cells = rows[index]
        if is_footer_or_blank(cells):
            continue
        values = checker(cells, index + 1)
        if values is not None:
            checked.append(values)
            continue
        # The fast path turned the row down: the reference check says why (or, should the two
        # ever disagree, accepts it, and the row is stored as the reference has it).
        outcome = check_row(cells, index + 1, layout, default_unit=checker.default_unit,
                            today=checker.today)  # fmt: skip
        if isinstance(outcome, list):
            problems.extend(outcome)
        else:
            checked.append(checker.stored(outcome))
    return checked, problems


def _worker(layout: Layout, default_unit: str, today: date, first: int, stop: int):  # noqa: ANN202
    checker = RowChecker(layout, default_unit=default_unit, today=today)
    return _check_slice(_ROWS, layout, checker, first, stop)


def _parallel(
    rows: list[list[Any]], layout: Layout, default_unit: str, today: date, start: int,
    stop: int, workers: int,
) -> Iterator[CheckedSlice]:  # fmt: skip
    global _ROWS  # noqa: PLW0603 - inherited by the forked workers, cleared right after
    _ROWS = rows
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
    try:
        size = max(_SLICE, -(-(stop - start) // (workers * _SLICES_PER_WORKER)))
        bounds = [(a, min(a + size, stop)) for a in range(start, stop, size)]
        # A few slices ahead of the one being written, not all: checked rows that wait for
        # their turn are memory this process holds.
        ahead: deque[tuple[Future[Any], int]] = deque()
        for first, last in bounds:
            ahead.append((pool.submit(_worker, layout, default_unit, today, first, last), last))
            while len(ahead) > workers * 2 or (ahead and last == stop):
                future, upto = ahead.popleft()  # in order: rows and problems keep file order
                checked, problems = future.result()
                yield CheckedSlice(checked, problems, upto - start)
    finally:
        _ROWS = []
        pool.shutdown(wait=True, cancel_futures=True)
