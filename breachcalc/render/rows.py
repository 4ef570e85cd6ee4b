"""Rows and columns in every format: table (rich), markdown, csv, json, jsonl.

One place turns a header and rows of cells into text, for every command that reports a table.
Cells are text, whole numbers or Decimals (written exactly in JSON, as plain digits in CSV).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, TextIO

from breachcalc.render.json import dumps

Cell = str | int | Decimal | bool | None

SENSITIVITY_COLUMNS = (
    "input",
    "value",
    "low",
    "high",
    "total_low",
    "total_high",
    "swing",
    "currency",
    "skipped",
)
SWEEP_OUTPUTS = (
    "per_person",
    "total",
    "currency",
    "total_reporting",
    "reporting_currency",
    "exposure",
    "exposure_reporting",
    "tier",
)
"""The columns of ``sensitivity``, then ``sweep``'s key outputs (after the varied inputs),
written once for the rows and their schemas."""


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


def write_csv(stream: TextIO, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    """RFC 4180 CSV with a header row; numbers as plain digits."""
    batch = _Batch(stream)
    writer = csv.writer(batch, lineterminator="\n")
    writer.writerow(header)
    batch.emit()
    try:
        for index, row in enumerate(rows):
            writer.writerow([_text(c) for c in row])
            if index == 0:
                batch.emit()
    finally:
        batch.emit()


def _md(cell: Cell) -> str:
    return _text(cell).replace("|", "\\|").replace("\n", " ")


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
    from breachcalc.render.tables import new_table

    table = new_table(title)
    aligns = right or [False] * len(header)
    for name, is_right in zip(header, aligns, strict=True):
        table.add_column(name, justify="right" if is_right else "left")
    for row in rows:
        table.add_row(*(_text(c) for c in row))
    return table
