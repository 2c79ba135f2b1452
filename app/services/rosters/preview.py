"""A roster file checked as the import would apply it, and nothing kept: the office window's
preview, and the rejected rows written back for the unit.

The preview runs the import itself (the same checks, duplicates, quota and deadline marks) in a
transaction that is rolled back, so what it shows is what 导入 will do. The columns are found
even when the name or ID column is missing, so the clerk can map them in the preview.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.documents.roster_reader import read_roster_file
from app.documents.roster_returns import ReturnedRow, write_returned_rows
from app.domain.errors import WarmVisitError
from app.domain.long_work import Cancel, Progress, never, no_progress
from app.domain.roster_columns import (
    FIELDS,
    column_letters,
    find_layout,
    parse_mapping,
)
from app.domain.roster_rows import RowProblem
from app.services.infra.bulk import paused_gc
from app.services.infra.context import Actor
from app.services.rosters.importing import RosterImport, import_sheet
from app.store.db import Store


@dataclass(frozen=True, slots=True)
class ColumnUse:
    """One column of the header row and the field it is read as (None: not read)."""

    letter: str  # A, B, …
    header: str  # as the file has it
    field: str | None


@dataclass(frozen=True, slots=True)
class RosterPreview:
    file: str
    header_row: int  # Excel row of the header; 0 when no header was found
    columns: tuple[ColumnUse, ...]
    # What 导入 would do, the rejected rows skipped (None when the file cannot be imported).
    outcome: RosterImport | None
    refusal: WarmVisitError | None  # why it cannot be imported as it is

    @property
    def ready(self) -> bool:
        """导入 applies the whole file: no rejected rows."""
        return self.outcome is not None and not self.outcome.rejected

    @property
    def problem_rows(self) -> int:
        return self.outcome.rejected_rows if self.outcome else 0


def preview_roster(
    store: Store,
    path: Path,
    *,
    unit: str | None = None,
    mapping: Sequence[str] = (),
    actor: Actor | None = None,
    progress: Progress = no_progress,
    cancel: Cancel = never,
) -> RosterPreview:
    """What importing ``path`` would do; the store is left as it was. A file that cannot be
    read raises; one whose columns cannot be used comes back with its ``refusal``."""
    with paused_gc():
        progress(0, 0)
        sheet = read_roster_file(path)
        explicit = parse_mapping(mapping)
        header_row, columns = _columns(sheet.rows, explicit)
        try:
            layout = find_layout(sheet.rows, explicit)
        except WarmVisitError as refusal:
            return RosterPreview(path.name, header_row, columns, None, refusal)
        outcome = import_sheet(store, path, sheet, layout, unit, True, actor, progress, cancel,
                               rehearse=True)  # fmt: skip
        return RosterPreview(path.name, layout.header_row + 1, columns, outcome, None)


def _columns(
    rows: list[list[object]], explicit: dict[str, str]
) -> tuple[int, tuple[ColumnUse, ...]]:
    """The header row as the import finds it, without requiring name and ID columns."""
    try:
        layout = find_layout(rows, explicit, required=())
    except WarmVisitError:
        return 0, ()
    used = {col: f for f, col in layout.columns.items()}
    found = []
    for col, header in enumerate(layout.headers):
        if not header and col not in used:
            continue
        # A second column for a field already read is not read: the first one wins.
        found.append(ColumnUse(column_letters(col), header, used.get(col)))
    return layout.header_row + 1, tuple(found)


def field_names() -> tuple[str, ...]:
    """The fields a column can be read as, in the order the mapping offers them."""
    return tuple(FIELDS)


def write_returned(
    source: Path, problems: Sequence[RowProblem], target: Path, *, lang: str
) -> Path:
    """The rejected rows of ``source``, with the unit's own columns and Excel row numbers and
    what is wrong with each, as an XLSX to send back to the unit. Returns the file written."""
    sheet = read_roster_file(source)
    header_row, _columns_found = _columns(sheet.rows, {})
    by_row: dict[int, list[RowProblem]] = {}
    for p in problems:
        if p.row > 0:
            by_row.setdefault(p.row, []).append(p)
    headers = list(sheet.rows[header_row - 1]) if header_row else []
    rows = [ReturnedRow(row, list(sheet.rows[row - 1]) if row <= len(sheet.rows) else [],
                        tuple(found)) for row, found in sorted(by_row.items())]  # fmt: skip
    return write_returned_rows(target, headers, rows, lang=lang)
