"""Checks on a zipped workbook (.xlsx/.xlsm) before calamine reads it.

calamine builds each sheet as a dense grid from A1 (or its first cell) to its last cell, and
inflates every part into memory: a 1.5 KB file with one cell at XFD1048576 asks for ~500 GB
and aborts the process, a 1 MB file whose sheet inflates to 1 GB fills the memory. What a
roster never needs is refused here, as a sentence, before calamine sees the file.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from app.domain.errors import InvalidInput

MAX_INFLATED = 320 * 1024 * 1024  # every part together: 100,000 households are ~90 MB; reading
# takes ~5× that in memory (calamine, then Python rows), so this bounds it near 1.6 GB
MAX_RATIO = 100  # inflated ÷ stored, for parts over RATIO_FROM (a sheet of rows is ~5–15)
RATIO_FROM = 16 * 1024 * 1024
_PIECE = 4 * 1024 * 1024
# A reference to a cell or row no roster reaches: three-letter columns (from AAA, column 703)
# or a row number of seven digits or more (one pass of this over 100,000 rows: ~0.15 s).
_FAR = re.compile(rb""" r=["']([A-Z]{3}[A-Z]*\d*|[A-Z]{0,2}\d{7}\d*)""")
_OVERLAP = 256  # a match cut by a piece boundary is found in the next piece


def check_zipped_workbook(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as book:
            parts = [p for p in book.infolist() if not p.is_dir()]
            inflated = sum(p.file_size for p in parts)
            if inflated > MAX_INFLATED:
                raise InvalidInput("roster.inflates", file=path.name, size_mb=inflated // 2**20,
                                   limit_mb=MAX_INFLATED // 2**20)  # fmt: skip
            for part in parts:
                if part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * max(
                    part.compress_size, 1
                ):
                    raise InvalidInput("roster.inflates", file=path.name,
                                       size_mb=part.file_size // 2**20,
                                       limit_mb=MAX_INFLATED // 2**20)  # fmt: skip
            for part in parts:
                if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                    _check_sheet(book, part, path.name)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError):
        return  # not a readable zip: calamine says what is wrong, in its words


def _check_sheet(book: zipfile.ZipFile, part: zipfile.ZipInfo, file_name: str) -> None:
    tail = b""
    with book.open(part) as xml:
        while piece := xml.read(_PIECE):
            found = _FAR.search(tail + piece)
            if found is not None:
                where = found.group(1).decode("ascii")
                raise InvalidInput("roster.far_cell", file=file_name, cell=where)
            tail = piece[-_OVERLAP:]
