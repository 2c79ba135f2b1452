"""Checking every row of a roster, slice by slice, on every core when the file is large.

Rows are independent, so big files are cut into consecutive slices checked in worker
processes while this process writes the slices already checked: checking and inserting
overlap. Workers get the rows and everything else they need as arguments, so they work
however they start (``parallel.start_method``): forked ones share the sheet (nothing is
copied), spawned ones are sent their slice.

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
from app.services.infra.parallel import (
    Pending,
    StartMethod,
    Workers,
    start_method,
    worker_count,
)

# Rows from which workers check them, by how workers start: below, starting them costs more
# than they save (a spawned worker starts an interpreter and imports this module).
PARALLEL_FROM: dict[StartMethod, int] = {"fork": 20_000, "spawn": 50_000}
_SLICE = 2000  # rows checked between two progress reports (and cancel checks) in this process
_SLICES_PER_WORKER = 8  # small enough that writing starts soon after the workers do

# What a new household row is written as: its keys and stamps, then the checked row.
INSERT_COLUMNS = ("id", "campaign_id", "import_id", "category_id", "status", "created_at",
                  "updated_at", *STORED_FIELDS)  # fmt: skip
CATEGORY_ID = INSERT_COLUMNS.index("category_id")
VALUES = len(INSERT_COLUMNS) - len(STORED_FIELDS)  # where the checked row starts


@dataclass(frozen=True, slots=True)
class RowStamp:
    """What every row of one import is written with, and how a category label is found."""

    campaign_id: str
    import_id: str
    now: str
    categories: Mapping[str, str]  # name, or code in capitals → category id
    status: str  # of a new household, as plain text (a row travels back by marshal)

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
    parallel_from: int | None = None,
) -> Generator[CheckedSlice, None, None]:
    """The rows under the header, checked, as consecutive slices in file order.

    ``parallel_from``: rows from which workers check them (default ``PARALLEL_FROM`` for how
    workers start now). Close the iterator (``contextlib.closing``) when stopping early: that
    stops the workers.
    """
    start, stop = layout.header_row + 1, len(rows)
    workers, method = worker_count(), start_method()
    if method is not None and workers > 1:
        if stop - start >= (PARALLEL_FROM[method] if parallel_from is None else parallel_from):
            job = _Job(layout, default_unit, today, stamp)
            yield from _parallel(rows, job, start, stop, method, workers)
            return
    checker = RowChecker(layout, default_unit=default_unit, today=today)
    for first in range(start, stop, _SLICE):
        last = min(first + _SLICE, stop)
        checked, problems = _check_slice(rows[first:last], first, checker, stamp)
        yield CheckedSlice(checked, problems, last - start)


@dataclass(frozen=True, slots=True)
class _Job:
    """What a worker needs besides its rows: the same for every slice of one import."""

    layout: Layout
    default_unit: str
    today: date
    stamp: RowStamp


def _check_slice(
    rows: list[list[object]], first: int, checker: RowChecker, stamp: RowStamp
) -> tuple[list[tuple[Any, ...]], list[RowProblem]]:
    """``rows``: consecutive rows of the sheet, the first of them at index ``first``."""
    checked: list[tuple[Any, ...]] = []
    problems: list[RowProblem] = []
    for index, cells in enumerate(rows, first):
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
    status = stamp.status
    stamped = [(hid, campaign, batch, category_of(values[CATEGORY_LABEL]), status, now, now,
                *values) for hid, values in zip(ids, checked, strict=True)]  # fmt: skip
    return stamped, problems


def _worker(rows: list[list[object]], job: _Job, first: int, stop: int, offset: int) -> bytes:
    """Checks the sheet's rows ``first`` to ``stop - 1``. ``rows``: the sheet from its row
    ``offset`` on (the whole sheet, shared with forked workers, or the slice alone)."""
    checker = RowChecker(job.layout, default_unit=job.default_unit, today=job.today)
    part = rows[first - offset : stop - offset]
    checked, problems = _check_slice(part, first, checker, job.stamp)
    # marshal: plain tuples, loaded here several times faster than pickle would.
    return marshal.dumps((checked, [(p.row, p.column, p.value, p.key, dict(p.params))
                                    for p in problems]))  # fmt: skip


def _parallel(
    rows: list[list[object]], job: _Job, start: int, stop: int, method: StartMethod, workers: int
) -> Generator[CheckedSlice, None, None]:
    # Forked workers share the sheet and are sent bounds; spawned ones are sent their slices
    # (each row once, rather than the whole sheet to every worker).
    shared = method == "fork"
    with Workers(workers, method, shared=(rows,) if shared else ()) as pool:
        size = max(_SLICE, -(-(stop - start) // (workers * _SLICES_PER_WORKER)))
        bounds = [(a, min(a + size, stop)) for a in range(start, stop, size)]
        # A few slices ahead of the one being written, not all: checked rows that wait for
        # their turn are memory this process holds.
        ahead: deque[tuple[Pending[bytes], int]] = deque()
        for first, last in bounds:
            if shared:
                pending = pool.submit(_worker, job, first, last, 0)
            else:
                pending = pool.submit(_worker, rows[first:last], job, first, last, first)
            ahead.append((pending, last))
            while len(ahead) > workers * 2 or (ahead and last == stop):
                pending, upto = ahead.popleft()  # in order: rows and problems keep it
                checked, problems = marshal.loads(pending.result())
                yield CheckedSlice(checked, [RowProblem(*p) for p in problems], upto - start)
