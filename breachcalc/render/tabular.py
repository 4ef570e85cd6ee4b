"""Rows and columns in every format: table (rich), markdown, csv, json, jsonl.

One place turns a header and rows of cells into text, for every command that reports a table.
Cells are text, whole numbers or Decimals (written exactly in JSON, as plain digits in CSV).

Text from a file is written so that it stays text: in CSV a cell that a spreadsheet would read
as a formula (starting ``= + - @``, a tab or a carriage return) is prefixed with ``'``, and a
field with a line break is quoted (:func:`csv_field`); in Markdown, markup characters are
escaped and line breaks become spaces (:func:`markdown_text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, TextIO

from breachcalc.render.jsontext import dumps

Cell = str | int | Decimal | bool | None


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, Decimal):
        return f"{cell:f}"
    return str(cell)


BATCH_CHARS = 8192
"""Streamed rows reach the output in writes of about this many characters."""


class _Batch:
    """Text for ``stream``, gathered and written about :data:`BATCH_CHARS` at a time.

    Where the output is unbuffered (``PYTHONUNBUFFERED``, as in this project's workplace), each
    write is a system call: one per row of a million-row sweep. Rows still stream: the header
    and the first row go out at once, each batch as it fills, and whatever is gathered when the
    rows end or fail (a refused row) goes out before the error is reported.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._parts: list[str] = []
        self._size = 0

    def write(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= BATCH_CHARS:
            self.emit()

    def emit(self) -> None:
        if self._parts:
            text = "".join(self._parts)
            self._parts.clear()
            self._size = 0
            self._stream.write(text)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell starting with one of these as a formula (OWASP, CSV injection)."""

_CSV_QUOTED = re.compile(r'[,"\r\n]')
_CSV_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters a terminal would act on (ESC, BEL), written as ``\\x1b``; TAB, CR and LF
are data, quoted."""


def csv_field(cell: Cell) -> str:
    """One RFC 4180 field: text that starts like a formula prefixed with ``'``; a field with a
    comma, a quote or a line break (CR or LF) quoted, quotes doubled; other control characters
    as escapes (``\\x1b``), so CSV printed on a terminal cannot drive it. Numbers are written
    as they are: ``-5`` stays a number."""
    text = _text(cell)
    if isinstance(cell, str):
        if text.startswith(FORMULA_STARTS):
            text = "'" + text
        if _CSV_CONTROLS.search(text):
            text = _CSV_CONTROLS.sub(lambda m: repr(m[0])[1:-1], text)
    if _CSV_QUOTED.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(cells: Sequence[Cell]) -> str:
    """One CSV record, ending in a line feed."""
    return ",".join([csv_field(c) for c in cells]) + "\n"


def write_csv(stream: TextIO, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    """RFC 4180 CSV with a header row; numbers as plain digits; text safe to open
    (:func:`csv_field`)."""
    batch = _Batch(stream)
    batch.write(csv_line(header))
    batch.emit()
    try:
        for index, row in enumerate(rows):
            batch.write(csv_line(row))
            if index == 0:
                batch.emit()
    finally:
        batch.emit()


_MD_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_MD_SPECIAL = re.compile(r"[\\`*\[\]|~<>]|&(?=#?[0-9A-Za-z]+;)|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_MD_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def markdown_text(text: object) -> str:
    """Text from a file as Markdown that renders as that text.

    ``<``, ``>`` and an ``&`` that would start a character reference are written as entities;
    link, code and emphasis characters, ``|`` and ``\\`` are escaped (an underscore inside a
    word, as in ``contact_details``, is left alone); line breaks and control characters become
    one space."""
    flat = _MD_BREAKS.sub(" ", str(text))
    return _MD_SPECIAL.sub(lambda m: _MD_ENTITIES.get(m[0], "\\" + m[0]), flat)


def _md(cell: Cell) -> str:
    return markdown_text(_text(cell))


def markdown_lines(
    header: Sequence[str], rows: Iterable[Sequence[Cell]], right: Sequence[bool] | None = None
) -> Iterator[str]:
    """A GitHub pipe table, line by line (rows may be streamed)."""
    yield "| " + " | ".join(_md(h) for h in header) + " |\n"
    aligns = right or [False] * len(header)
    yield "|" + "|".join("---:" if r else "---" for r in aligns) + "|\n"
    for row in rows:
        yield "| " + " | ".join(_md(c) for c in row) + " |\n"


def write_markdown(
    stream: TextIO,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    right: Sequence[bool] | None = None,
) -> None:
    """Write a GitHub pipe table."""
    for line in markdown_lines(header, rows, right):
        stream.write(line)


def records(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Iterator[dict[str, Any]]:
    """Each row as a mapping of column name to cell."""
    for row in rows:
        yield dict(zip(header, row, strict=True))


def write_json(
    stream: TextIO,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    schema_version: str | None = None,
) -> None:
    """The rows as JSON objects, written row by row (streams): an array, or with
    ``schema_version`` a document ``{schema_version, breachcalc_version, columns, rows}``."""
    if schema_version is not None:
        from breachcalc import __version__

        head = dumps(
            {
                "schema_version": schema_version,
                "breachcalc_version": __version__,
                "columns": list(header),
            },
            indent=None,
        )
        stream.write(head[:-1] + ',"rows":[')
    else:
        stream.write("[")
    written = 0
    for record in records(header, rows):
        stream.write(("\n  " if not written else ",\n  ") + dumps(record, indent=None))
        written += 1
    stream.write("\n]" if written else "]")
    stream.write("}\n" if schema_version is not None else "\n")


def write_jsonl(stream: TextIO, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    """One JSON object per line."""
    batch = _Batch(stream)
    try:
        for index, record in enumerate(records(header, rows)):
            batch.write(dumps(record, indent=None) + "\n")
            if index == 0:
                batch.emit()
    finally:
        batch.emit()


def rich_table(
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    title: str = "",
    right: Sequence[bool] | None = None,
) -> Any:
    """A rich Table of the rows (rich is imported here, when a table is drawn)."""
    from breachcalc.render.table import new_table

    table = new_table(title)
    aligns = right or [False] * len(header)
    for name, is_right in zip(header, aligns, strict=True):
        table.add_column(name, justify="right" if is_right else "left")
    for row in rows:
        table.add_row(*(_text(c) for c in row))
    return table
