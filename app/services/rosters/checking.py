"""Checking every row of a roster, slice by slice, on every core when the file is large.

Rows are independent, so big files are cut into consecutive slices checked in worker
processes while this process writes the slices already checked: checking and inserting
overlap. Workers are forked (they inherit the rows, nothing is copied) and only where that is
safe (``parallel.can_fork``): the window's imports check in this process.

A slice comes back as the rows the store will be given (``INSERT_COLUMNS``: a fresh id, the
import's stamps, the category found by its label, then ``roster_rows.STORED_FIELDS``), packed
with marshal: the worker does all the per-row work, this process only sorts rows into new,
corrected and duplicate and hands the new ones to SQLite.
"""

from __future__ import annotations

import marshal
from collections import deque
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.campaign import new_ids
from app.domain.roster_columns import Layout
from app.domain.roster_rows import (
    CATEGORY_LABEL,
    STORED_FIELDS,
    RowChecker,
    RowProblem,
    is_footer_or_blank,
)
from app.services.infra.parallel import Pending, Workers, can_fork, worker_count

PARALLEL_FROM = 20_000  # rows; below this, starting workers costs more than it saves
_SLICE = 2000  # rows checked between two progress reports (and cancel checks) in this process
_SLICES_PER_WORKER = 8  # small enough that writing starts soon after the workers do

# What a new household row is written as: its keys and stamps, then the checked row.
INSERT_COLUMNS = ("id", "campaign_id", "import_id", "category_id", "created_at", "updated_at",
                  *STORED_FIELDS)  # fmt: skip
CATEGORY_ID = INSERT_COLUMNS.index("category_id")
VALUES = len(INSERT_COLUMNS) - len(STORED_FIELDS)  # where the checked row starts

_ROWS: list[list[Any]] = []  # the sheet, set before forking so workers inherit it


@dataclass(frozen=True, slots=True)
class RowStamp:
    """What every row of one import is written with, and how a category label is found."""

    campaign_id: str
    import_id: str
    now: str
    categories: Mapping[str, str]  # name, or code in capitals → category id

    def category_of(self, label: str) -> str | None:
        if not label:
            return None
        return self.categories.get(label) or self.categories.get(label.upper())


@dataclass(frozen=True, slots=True)
class CheckedSlice:
    rows: list[tuple[object, ...]]  # clean rows, INSERT_COLUMNS each, in file order
    problems: list[RowProblem]  # every problem of the rejected rows, in file order
    done: int  # data rows checked so far, this slice included


def data_rows(rows: list[list[object]], layout: Layout) -> int:
    return max(len(rows) - layout.header_row - 1, 0)


def check_rows(
    rows: list[list[object]],
    layout: Layout,
    default_unit: str,
    today: date,
    stamp: RowStamp,
    *,
    parallel_from: int = PARALLEL_FROM,
) -> Generator[CheckedSlice, None, None]:
    """The rows under the header, checked, as consecutive slices in file order.

    Close the iterator (``contextlib.closing``) when stopping early: that stops the workers.
    """
    start, stop = layout.header_row + 1, len(rows)
    workers = worker_count()
    if stop - start >= parallel_from and workers > 1 and can_fork():
        yield from _parallel(rows, layout, default_unit, today, stamp, start, stop, workers)
        return
    checker = RowChecker(layout, default_unit=default_unit, today=today)
    for first in range(start, stop, _SLICE):
        last = min(first + _SLICE, stop)
        checked, problems = _check_slice(rows, checker, stamp, first, last)
        yield CheckedSlice(checked, problems, last - start)


def _check_slice(
    rows: list[list[object]], checker: RowChecker, stamp: RowStamp, first: int, stop: int
) -> tuple[list[tuple[Any, ...]], list[RowProblem]]:
    checked: list[tuple[Any, ...]] = []
    problems: list[RowProblem] = []
    for index in range(first, stop):
        cells = rows[index]
        if is_footer_or_blank(cells):
            continue
        outcome = checker(cells, index + 1)
        if isinstance(outcome, tuple):
            checked.append(outcome)
        else:
            problems.extend(outcome)
    # Ascending ids within a slice: the primary key index takes them in one sweep.
    ids = sorted(new_ids(len(checked)))
    campaign, batch, now, category_of = stamp.campaign_id, stamp.import_id, stamp.now, \
        stamp.category_of  # fmt: skip
    stamped = [(hid, campaign, batch, category_of(values[CATEGORY_LABEL]), now, now, *values)
               for hid, values in zip(ids, checked, strict=True)]  # fmt: skip
    return stamped, problems


def _worker(layout: Layout, default_unit: str, today: date, stamp: RowStamp, first: int,
            stop: int) -> bytes:  # fmt: skip
    checker = RowChecker(layout, default_unit=default_unit, today=today)
    rows, problems = _check_slice(_ROWS, checker, stamp, first, stop)
    # marshal: plain tuples, loaded here several times faster than pickle would.
    return marshal.dumps((rows, [(p.row, p.column, p.value, p.key, dict(p.params))
                                 for p in problems]))  # fmt: skip


def _parallel(
    rows: list[list[object]], layout: Layout, default_unit: str, today: date, stamp: RowStamp,
    start: int, stop: int, workers: int,
) -> Generator[CheckedSlice, None, None]:  # fmt: skip
    global _ROWS  # noqa: PLW0603 - inherited by the forked workers, cleared right after
    _ROWS = rows
    try:
        with Workers(workers) as pool:
            size = max(_SLICE, -(-(stop - start) // (workers * _SLICES_PER_WORKER)))
            bounds = [(a, min(a + size, stop)) for a in range(start, stop, size)]
            # A few slices ahead of the one being written, not all: checked rows that wait for
            # their turn are memory this process holds.
            ahead: deque[tuple[Pending[bytes], int]] = deque()
            for first, last in bounds:
                ahead.append((pool.submit(_worker, layout, default_unit, today, stamp, first,
                                          last), last))  # fmt: skip
                while len(ahead) > workers * 2 or (ahead and last == stop):
                    pending, upto = ahead.popleft()  # in order: rows and problems keep it
                    checked, problems = marshal.loads(pending.result())
                    yield CheckedSlice(checked, [RowProblem(*p) for p in problems],
                                       upto - start)  # fmt: skip
    finally:
        _ROWS = []
