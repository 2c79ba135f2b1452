"""Writing roster files as units send them: CSV in the encodings Excel produces, and XLSX.

Used by the demo, the benchmarks and the tests. Both writers are atomic: the file appears
complete under its name or not at all, and a failed write leaves an older file untouched —
a clerk re-exporting over yesterday's list must never be left with half of it.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from app.documents.atomic import write_atomically
from app.documents.workbook import append, as_text

# What Excel writes and clerks send: GBK from "CSV" on a Chinese Windows, UTF-8 with a BOM
# from "CSV UTF-8"; GB18030 for GBK's superset; plain UTF-8 from other tools.
CSV_ENCODINGS = ("gbk", "gb18030", "utf-8-sig", "utf-8")
_WIDTHS = (("身份证", 21), ("住址", 34), ("地址", 34), ("单位", 22), ("电话", 14), ("原因", 20))


class UnencodableCell(ValueError):
    """A cell holds a character the chosen encoding has no code for (e.g. 䶮 in GBK)."""

    def __init__(self, row: int, column: int, column_name: str, char: str, encoding: str):
        self.row = row  # 1-based row of the file as Excel numbers it; the header is row 1
        self.column = column  # 1-based
        self.char = char
        self.encoding = encoding
        super().__init__(
            f"row {row} of the file, column {column} ({column_name}): {char!r} "
            f"(U+{ord(char):04X}) cannot be written in {encoding.upper()}; "
            f"write the file as gb18030 or utf-8-sig instead"
        )


def write_roster_csv(
    path: str | os.PathLike[str],
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    encoding: str = "utf-8-sig",
) -> None:
    """Write a CSV roster; raise ``UnencodableCell`` (a ``ValueError``) naming the row when
    a cell cannot be encoded — the file is then not written at all.

    No silent fallback from GBK to GB18030: the caller asked for a file a GBK-only tool can
    read, and quietly writing something else would only move the failure to that tool.
    """
    codec = codecs.lookup(encoding).name  # accepts "GBK", "utf8", "UTF-8-SIG" …
    if codec not in CSV_ENCODINGS:
        raise ValueError(f"unsupported CSV encoding {encoding!r}; use one of {CSV_ENCODINGS}")

    def write(raw: IO[bytes]) -> None:
        # newline="" because the csv module writes its own \r\n line ends (what Excel writes).
        text = io.TextIOWrapper(raw, encoding=codec, newline="")
        try:
            writer = csv.writer(text)
            for line, row in enumerate(_with_header(header, rows), start=1):
                try:
                    writer.writerow(row)
                except UnicodeEncodeError:
                    # The text layer encodes on each write, so the failing row is this one.
                    raise _unencodable(line, header, row, codec) from None
            text.flush()
        finally:
            text.detach()  # leave ``raw`` open for the fsync

    write_atomically(Path(path), write)


def write_roster_xlsx(
    path: str | os.PathLike[str],
    header: Sequence[str],
    rows: Iterable[Sequence[str | float | None]],
    *,
    title: str | None = None,
) -> None:
    """Write an XLSX roster, optionally with a merged title row above the header, as real
    rosters have ("XX单位2027年春节困难职工慰问名单").

    Cells are written as given: strings stay text, so ID numbers keep all 18 digits and
    phones their leading zero. A write-only workbook streams rows, so 100k rows fit in
    little memory.
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    width = len(header)
    if title is not None:
        cell = as_text(WriteOnlyCell(ws, value=title))
        cell.font = Font(bold=True, size=16)
        cell.alignment = Alignment(horizontal="center")
        append(ws, [cell])
        if width > 1:
            # Write-only sheets have no merge_cells(), but the writer emits merged_cells.
            ws.merged_cells.add(f"A1:{_column_letter(width)}1")
    bold = Font(bold=True)
    header_cells = []
    for value in header:
        cell = as_text(WriteOnlyCell(ws, value=value))
        cell.font = bold
        header_cells.append(cell)
    append(ws, header_cells)
    ws.freeze_panes = f"A{3 if title is not None else 2}"  # header stays on screen
    for index, value in enumerate(header, start=1):
        # Widths must be set before rows stream out; without them Excel shows an ID number
        # or an address as ######## or cut off, and the clerk's first act is to widen them.
        width_chars = next((w for key, w in _WIDTHS if key in str(value)), 12)
        ws.column_dimensions[_column_letter(index)].width = width_chars
    try:
        for row in rows:
            append(ws, list(row))
    except BaseException:
        _discard(ws)
        raise

    def write(raw: IO[bytes]) -> None:
        wb.save(raw)

    try:
        write_atomically(Path(path), write)
    except BaseException:
        _discard(ws)  # not saved (no such folder, disk full): its rows are dropped
        raise


def _discard(ws: Any) -> None:
    """Close a write-only sheet whose rows failed. openpyxl streams it to a temp file of its
    own; left alone, that file lingers until exit and its generator warns when collected."""
    with contextlib.suppress(Exception):
        ws.close()
        ws._writer.cleanup()  # no public way to drop the file


def _with_header(
    header: Sequence[object], rows: Iterable[Sequence[object]]
) -> Iterator[Sequence[object]]:
    yield header
    yield from rows


def _unencodable(
    row_number: int, header: Sequence[object], row: Sequence[object], codec: str
) -> UnencodableCell:
    for column, value in enumerate(row, start=1):
        for char in "" if value is None else str(value):
            try:
                char.encode(codec)
            except UnicodeEncodeError:
                name = str(header[column - 1]) if column <= len(header) else "?"
                return UnencodableCell(row_number, column, name, char, codec)
    raise AssertionError("row failed to encode but every character encodes")  # pragma: no cover


def _column_letter(index: int) -> str:
    """1 → A, 26 → Z, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
