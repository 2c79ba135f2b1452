"""Rosters that are web pages: many office systems' "导出Excel" writes an HTML table and names it
.xls. Excel and WPS open such a file as a sheet, so the clerk believes it is one.

The biggest table's rows are read as a sheet: a cell spanning columns or rows (colspan,
rowspan) shows its value in every cell it covers, as a merged cell of a real sheet does.
"""

from __future__ import annotations

from html.parser import HTMLParser

_MARKS = (b"<html", b"<!doctype html", b"<table", b"<meta", b"<head", b"<body")


def looks_like_html(data: bytes) -> bool:
    """A web page, whatever the file is called (a real .xls starts with OLE2's signature)."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and any(mark in head for mark in _MARKS)


def looks_like_spreadsheet_xml(data: bytes) -> bool:
    """Excel 2003's XML spreadsheet (SpreadsheetML), which calamine does not read."""
    head = data[:2048].lower()
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml") and (
        b"urn:schemas-microsoft-com:office:spreadsheet" in head or b"<workbook" in head
    )


def read_html_table(text: str) -> list[list[object]]:
    """The rows of the page's biggest table (a page laid out in tables holds the data in one
    of them), every row as wide as the widest, empty cells as ""."""
    parser = _Tables()
    parser.feed(text)
    parser.close()
    rows = max(parser.tables, key=len, default=[])
    width = max((len(row) for row in rows), default=0)
    return [[*row, *[""] * (width - len(row))] for row in rows]


class _Tables(HTMLParser):
    """Every table of the page, nested ones apart from the table around them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[object]]] = []
        self._open: list[_Table] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._open.append(_Table())
        elif self._open:
            self._open[-1].start(tag, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if not self._open:
            return
        if tag == "table":
            self.tables.append(self._open.pop().finish())
        else:
            self._open[-1].end(tag)

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1].text(data)

    def close(self) -> None:
        super().close()
        while self._open:  # a page cut short: its open tables as far as they go
            self.tables.append(self._open.pop().finish())


class _Table:
    """One table's rows as they are read, spans filled in."""

    def __init__(self) -> None:
        self.rows: list[list[object]] = []
        self._row: list[object] | None = None
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._below: dict[int, tuple[str, int]] = {}  # column → (value, rows still to cover)

    def start(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "tr":
            self._end_row()
            self._row = []
        elif tag in ("td", "th"):
            if self._row is None:
                self._row = []
            self._end_cell()
            self._span = (_span(attrs.get("colspan")), _span(attrs.get("rowspan")))
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def end(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()

    def text(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def finish(self) -> list[list[object]]:
        self._end_row()
        return self.rows

    def _fill_from_above(self) -> None:
        """Cells of rows above that span down into this row, at the row's next position."""
        assert self._row is not None
        while len(self._row) in self._below:
            column = len(self._row)
            value, left = self._below.pop(column)
            self._row.append(value)
            if left > 1:
                self._below[column] = (value, left - 1)

    def _end_cell(self) -> None:
        if self._cell is None or self._row is None:
            return
        self._fill_from_above()
        value = " ".join("".join(self._cell).split())
        columns, rows = self._span
        for _ in range(columns):
            if rows > 1:
                self._below[len(self._row)] = (value, rows - 1)
            self._row.append(value)
            self._fill_from_above()
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None:
            self._fill_from_above()
            for column in sorted(c for c in self._below if c >= len(self._row)):
                while len(self._row) < column:
                    self._row.append("")
                self._fill_from_above()
            self.rows.append(self._row)
            self._row = None


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1
