"""Parsing a large XLSX sheet in two halves at once, one on each core.

calamine parses a sheet on one core while the other waits. The sheet's XML is cut before a row
near its middle into two small workbooks, the first half and the rest (which keeps the sheet's
head and its merged cells); they are parsed on two threads, as calamine lets go of the GIL while
it parses. Each row carries its position in the XML (``<row r="50001">``), so the rest's cells
keep their places, and the two halves joined are what one parse of the whole sheet gives.

The halves are built in memory, uncompressed, never as files: a roster holds ID numbers in
clear, and a file left behind by a killed import would keep them outside the store. The first
half is parsed while the rest is still being inflated and assembled.

Whatever this reader does not expect (a sheet without a plain ``<sheetData>``, a row at the cut
that does not say where it stands, a workbook whose parts cannot be found, a half that calamine
refuses) gives ``None``, and the caller parses the whole file in one piece: on its errors the
clerk gets the same message either way.
"""

from __future__ import annotations

import io
import itertools
import posixpath
import re
import threading
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast
from xml.etree import ElementTree

from python_calamine import CalamineSheet, CalamineWorkbook

SPLIT_FROM = 8 * 1024 * 1024  # bytes of sheet XML (~10,000 rows): below, one parse is quick
SPLIT_UP_TO = 256 * 1024 * 1024  # the halves are held in memory uncompressed: keep that bounded
_HEAD = 64 * 1024  # bytes read first: the sheet's head (columns, views) ends well before
_PIECE = 1024 * 1024  # bytes inflated and written at a time for the rest
_TRIES = 20  # rows looked at, backwards from the middle, for one that says its number
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_OFFICE_DOCUMENT = "/officeDocument"
# The start of a row that says which row it is: <row r="50001" ...> (attributes in any order).
_NUMBERED_ROW = re.compile(rb"""<row\s[^>]*?\br\s*=\s*["']\d+["']""")
# Parts calamine does not read for the first sheet's cells: other sheets, pictures, charts.
_NOT_NEEDED = ("xl/worksheets/", "xl/chartsheets/", "xl/media/", "xl/drawings/", "xl/charts/",
               "xl/pivotCache/", "xl/pivotTables/", "xl/externalLinks/",
               "xl/printerSettings/")  # fmt: skip
_Merged = list[tuple[tuple[int, int], tuple[int, int]]]


@dataclass(frozen=True, slots=True)
class ParsedSheet:
    name: str
    rows: list[list[object]]  # from A1, as to_python(skip_empty_area=False) gives them
    merged: _Merged


def read_first_sheet_in_halves(path: Path) -> ParsedSheet | None:
    """The workbook's first sheet, parsed in two halves at once; None where this reader does
    not split the file (too small, or not as expected) and one parse of it must do."""
    try:
        with zipfile.ZipFile(path) as book:
            found = _first_sheet(book)
            if found is None:
                return None
            name, member = found
            sheet = book.getinfo(member)
            if not SPLIT_FROM <= sheet.file_size <= SPLIT_UP_TO:
                return None
            return _parse_halves(book, sheet, name)
    except Exception:  # noqa: BLE001 - one parse of the whole file then says what is wrong
        return None


def _first_sheet(book: zipfile.ZipFile) -> tuple[str, str] | None:
    """The first sheet's name and its part in the zip, as calamine orders sheets."""
    workbook = _target(book, "_rels/.rels", "", lambda kind: kind.endswith(_OFFICE_DOCUMENT))
    if workbook is None:
        return None
    sheets = ElementTree.fromstring(book.read(workbook)).find(f"{_MAIN}sheets")
    first = None if sheets is None else sheets.find(f"{_MAIN}sheet")
    if first is None or first.get(_REL_ID) is None:
        return None
    folder, file = posixpath.split(workbook)
    rels = posixpath.join(folder, "_rels", file + ".rels")
    member = _target(book, rels, folder, lambda kind: kind.endswith("/worksheet"),
                     first.get(_REL_ID))  # fmt: skip
    return None if member is None else (first.get("name", ""), member)


def _target(
    book: zipfile.ZipFile, rels: str, folder: str, kind: Callable[[str], bool],
    rel_id: str | None = None,
) -> str | None:  # fmt: skip
    """Where a relationship of the given kind (and id) points, as a path in the zip."""
    for rel in ElementTree.fromstring(book.read(rels)).iter(f"{_RELATIONS}Relationship"):
        if (rel_id is None or rel.get("Id") == rel_id) and kind(rel.get("Type", "")):
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target[1:]
            return posixpath.normpath(posixpath.join(folder, target))
    return None


def _parse_halves(book: zipfile.ZipFile, sheet: zipfile.ZipInfo, name: str) -> ParsedSheet | None:
    # The other parts both halves need (shared strings, styles, the workbook), inflated once.
    parts = [(p.filename, book.read(p)) for p in book.infolist()
             if p.filename != sheet.filename and not p.filename.startswith(_NOT_NEEDED)
             and not p.is_dir()]  # fmt: skip
    with book.open(sheet) as xml:
        first = bytearray(xml.read(_HEAD))
        opened = first.find(b"<sheetData>")
        if opened < 0:
            return None
        head = bytes(first[: opened + len(b"<sheetData>")])
        middle = len(head) + (sheet.file_size - len(head)) // 2  # of the rows' XML
        if middle > len(first):
            first += xml.read(middle - len(first))
        cut = _last_numbered_row(first, len(head), middle)
        if cut is None:
            return None
        view = memoryview(first)
        earlier = _Parse(_book(parts, sheet.filename, [view[:cut], b"</sheetData></worksheet>"]))
        earlier.start()
        try:
            rest_xml = iter(lambda: xml.read(_PIECE), b"")
            rest_book = _book(parts, sheet.filename, itertools.chain([head, view[cut:]], rest_xml))
            del first, view  # the first half's bytes, copied
            rest = _parse(rest_book)
        finally:
            earlier.join()
    if earlier.error is not None:
        raise earlier.error
    assert earlier.sheet is not None
    rows = _join(earlier.sheet, earlier.rows, rest)
    if rows is None:
        return None
    return ParsedSheet(name, rows, list(rest.merged_cell_ranges or []))


def _last_numbered_row(xml: bytearray, start: int, end: int) -> int | None:
    """Where the last row starting between ``start`` and ``end`` that says its number starts
    (the number in view)."""
    at = end
    for _ in range(_TRIES):
        at = xml.rfind(b"<row", start, at)
        if at < 0:
            return None
        if _NUMBERED_ROW.match(xml, at):
            return at
    return None  # a writer numbers all its rows or none


def _book(
    parts: list[tuple[str, bytes]], member: str, sheet_xml: Iterable[bytes | memoryview]
) -> io.BytesIO:
    """A workbook of the parts calamine reads, with the given XML as the first sheet; stored,
    not compressed, as it is read once, right away."""
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as out:
        for name, data in parts:
            out.writestr(name, data)
        with out.open(member, "w") as sheet:
            for piece in sheet_xml:
                sheet.write(piece)
    target.seek(0)
    return target


def _parse(book: io.BytesIO) -> CalamineSheet:
    with CalamineWorkbook.from_filelike(book) as workbook:
        return workbook.get_sheet_by_index(0)


class _Parse(threading.Thread):
    """The first half, parsed and turned into Python rows while the rest is written."""

    def __init__(self, book: io.BytesIO) -> None:
        super().__init__(name="xlsx-first-half", daemon=True)
        self._book = book
        self.sheet: CalamineSheet | None = None
        self.rows: list[list[object]] = []
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            self.sheet = _parse(self._book)
            self.rows = (cast("list[list[object]]", self.sheet.to_python(skip_empty_area=False))
                         if self.sheet.height else [])  # fmt: skip
        except Exception as e:  # noqa: BLE001 - handed to the thread that waits for it
            self.error = e


def _join(
    first: CalamineSheet, rows: list[list[object]], rest: CalamineSheet
) -> list[list[object]] | None:
    """The two halves as one parse of the whole sheet gives them: from A1, every row as wide as
    the widest, empty cells as "". None if they overlap (rows written out of order)."""
    start, end = rest.start, rest.end
    if not rest.height or start is None or end is None:
        return rows
    (top, left), right = start, end[1]
    if top < len(rows):
        return None
    first_end = first.end if first.height else None
    width = max(right + 1, first_end[1] + 1 if first_end else 0)
    if rows and len(rows[0]) < width:
        more = [""] * (width - len(rows[0]))
        for row in rows:
            row.extend(more)
    rows.extend([""] * width for _ in range(top - len(rows)))
    tail = cast("list[list[object]]", rest.to_python(skip_empty_area=True))
    if left or right + 1 < width:
        before, after = [""] * left, [""] * (width - right - 1)
        tail = [[*before, *row, *after] for row in tail]
    rows.extend(tail)
    return rows
