"""Rows and columns: what a result offers as rows, and the writers of rows in every format.

A result that has rows offers them as :class:`Rows` (a header, cells, and how people read
them); :mod:`breachcalc.render.formats` writes them as CSV, Markdown, JSON, JSON Lines, or a
table where the result has no tables of its own. Cells are text, whole numbers or Decimals
(written exactly in JSON, as plain digits in CSV).

Text from a file is written so that it stays text: in CSV a cell that a spreadsheet would read
as a formula (starting ``= + - @``, a tab or a carriage return) is prefixed with ``'``, and a
field with a line break is quoted (:func:`csv_field`); in Markdown, markup characters are
escaped and line breaks become spaces (:func:`markdown_text`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from breachcalc.render.json import dumps

if TYPE_CHECKING:
    from breachcalc.analysis.key_figures import Comparison
    from breachcalc.analysis.results import Assessments, Sensitivity, Sweep
    from breachcalc.domain.assessment import Assessment
    from breachcalc.domain.simulation import Simulation

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


@dataclass(frozen=True)
class Rows:
    """A header and rows of cells, and how to show them.

    Attributes:
        header: the column names.
        rows: the rows (may be a stream: written as they come).
        right: which columns are right-aligned (tables and Markdown).
        title: the table's title.
        version: the ``schema_version`` of their JSON document (None: a plain array).
        readable: each row as people read it (thousands separators, signs), for the table and
            Markdown; CSV and JSON keep the cells.
        streamed: rows too many to measure first: the table is plain columns, written as the
            rows come, rather than a drawn table.
    """

    header: Sequence[str]
    rows: Iterable[Sequence[Cell]]
    right: Sequence[bool] | None = None
    title: str = ""
    version: str | None = None
    readable: Callable[[Sequence[Cell]], Sequence[Cell]] | None = None
    streamed: bool = False

    def shown(self) -> Iterable[Sequence[Cell]]:
        """The rows as people read them."""
        if self.readable is None:
            return self.rows
        return (self.readable(row) for row in self.rows)

    def flushed(self, stream: TextIO) -> Iterator[Sequence[Cell]]:
        """The rows; a streamed table's reach ``stream`` at once and then every thousand."""
        if not self.streamed:
            yield from self.rows
            return
        for index, row in enumerate(self.rows):
            yield row
            if index == 0 or index % 1000 == 999:
                stream.flush()


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


def write_csv(stream: TextIO, table: Rows) -> None:
    """RFC 4180 CSV with a header row; numbers as plain digits; text safe to open
    (:func:`csv_field`)."""
    if not table.header:
        return
    batch = _Batch(stream)
    batch.write(csv_line(table.header))
    batch.emit()
    try:
        for index, row in enumerate(table.flushed(stream)):
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


def write_markdown(stream: TextIO, table: Rows) -> None:
    """A GitHub pipe table, line by line (rows may be streamed)."""
    header = table.header
    if not header:
        return
    stream.write("| " + " | ".join(_md(h) for h in header) + " |\n")
    aligns = table.right or [False] * len(header)
    stream.write("|" + "|".join("---:" if r else "---" for r in aligns) + "|\n")
    for row in Rows(header, table.flushed(stream), readable=table.readable).shown():
        stream.write("| " + " | ".join(_md(c) for c in row) + " |\n")


def records(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Iterator[dict[str, Any]]:
    """Each row as a mapping of column name to cell."""
    for row in rows:
        yield dict(zip(header, row, strict=True))


def write_json(stream: TextIO, table: Rows) -> None:
    """The rows as JSON objects, written row by row (streams): an array, or with a ``version``
    a document ``{schema_version, breachcalc_version, columns, rows}``."""
    if table.version is not None:
        from breachcalc import __version__

        head = dumps(
            {
                "schema_version": table.version,
                "breachcalc_version": __version__,
                "columns": list(table.header),
            },
            indent=None,
        )
        stream.write(head[:-1] + ',"rows":[')
    else:
        stream.write("[")
    written = 0
    for record in records(table.header, table.flushed(stream)):
        stream.write(("\n  " if not written else ",\n  ") + dumps(record, indent=None))
        written += 1
    stream.write("\n]" if written else "]")
    stream.write("}\n" if table.version is not None else "\n")


def write_jsonl(stream: TextIO, table: Rows) -> None:
    """One JSON object per line."""
    batch = _Batch(stream)
    try:
        for index, record in enumerate(records(table.header, table.flushed(stream))):
            batch.write(dumps(record, indent=None) + "\n")
            if index == 0:
                batch.emit()
    finally:
        batch.emit()


def write_table(stream: TextIO, table: Rows) -> None:
    """The rows for people: a drawn table (rich), or plain columns written as the rows come for
    a :attr:`~Rows.streamed` table."""
    if not table.header:
        return
    if table.streamed:
        _write_columns(stream, table)
        return
    from breachcalc.render.formats import color
    from breachcalc.render.tables import new_table, write_tables

    drawn = new_table(table.title)
    aligns = table.right or [False] * len(table.header)
    for name, is_right in zip(table.header, aligns, strict=True):
        drawn.add_column(name, justify="right" if is_right else "left")
    for row in table.shown():
        drawn.add_row(*(_text(c) for c in row))
    write_tables(stream, lambda out: out.print(drawn), color=color(), fit=drawn)


def _write_columns(stream: TextIO, table: Rows) -> None:
    widths = [max(len(h), 18) for h in table.header]
    stream.write("  ".join(h.rjust(w) for h, w in zip(table.header, widths, strict=True)) + "\n")
    stream.write("  ".join("─" * w for w in widths) + "\n")
    for row in table.flushed(stream):
        cells = zip(row, widths, strict=True)
        stream.write("  ".join(_grouped_text(c).rjust(w) for c, w in cells) + "\n")


def _grouped_text(value: Any) -> str:
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


# --- what each result offers as rows ---------------------------------------------------------


def assessment_rows(batch: Assessments) -> Rows:
    """One row per scenario, one column per key figure (the union, in first-seen order); only
    the figures are kept, not the assessments."""
    from breachcalc.analysis.key_figures import key_figures, written_value

    columns: dict[str, str] = {}
    values: list[tuple[str, dict[str, Any]]] = []
    for item in batch:
        row: dict[str, Any] = {}
        for figure in key_figures(item.result):
            column = f"{figure.label} ({figure.unit})" if figure.unit else figure.label
            column_key = f"{figure.key}|{figure.unit}"
            columns.setdefault(column_key, column)
            row[column_key] = written_value(figure)
        values.append((item.label, row))
    if not values:
        return Rows((), ())  # every file refused: nothing is written
    header = ["scenario", *columns.values()]
    rows = [[label, *(row.get(key) for key in columns)] for label, row in values]
    return Rows(header, rows, right=[False] + [True] * (len(header) - 1))


def comparison_rows(found: Comparison) -> Rows:
    """Rows: one per figure (in first-seen order); columns: figure, unit, each scenario and,
    after every scenario but the first, its difference and percent difference from the first,
    as the comparison writes them."""
    labels = found.scenarios
    header = ["figure", "unit", labels[0]]
    for label in labels[1:]:
        header += [label, f"Δ {label}", f"Δ% {label}"]
    rows = []
    for row in found.rows:
        values = row.values
        line: list[Any] = [row.figure, row.unit, values[0]]
        for value, diff in zip(values[1:], row.differences, strict=True):
            line += [value, diff.absolute, diff.percent]
        rows.append(line)
    right = [False, False] + [True] * (len(header) - 2)
    title = f"Comparison against {labels[0]}"
    return Rows(header, rows, right=right, title=title, readable=_readable_difference)


def _readable_difference(row: Sequence[Cell]) -> list[Cell]:
    """Thousands separators and signs for the table and Markdown; CSV and JSON keep digits."""
    out: list[Cell] = list(row[:2])
    for index, cell in enumerate(row[2:]):
        if index == 0:
            out.append(_grouped(cell))
            continue
        position = (index - 1) % 3  # 0: value, 1: Δ, 2: Δ%
        if cell is None:
            out.append("" if position == 0 else "n/a" if position else "")
        elif position == 0:
            out.append(_grouped(cell))
        elif position == 1:
            out.append(_signed(cell))
        else:
            out.append(f"{'+' if cell > 0 else ''}{cell}%")  # type: ignore[operator]
    return out


def _grouped(cell: Cell) -> Cell:
    if isinstance(cell, int | Decimal) and not isinstance(cell, bool):
        return f"{cell:,}"
    return cell if cell is not None else "—"


def _signed(cell: Cell) -> Cell:
    if isinstance(cell, int | Decimal) and not isinstance(cell, bool):
        return f"{'+' if cell > 0 else ''}{cell:,}"
    return cell


def sweep_rows(sweep: Sweep) -> Rows:
    """One row per combination, the varied inputs and then :data:`SWEEP_OUTPUTS`, streamed."""
    from breachcalc.render.json import SWEEP_VERSION

    header = [*sweep.inputs, *SWEEP_OUTPUTS]
    rows = ([*values, *sweep_outputs(result)] for values, result in sweep.assessments)
    right = [True] * len(header)
    return Rows(header, rows, right=right, version=SWEEP_VERSION, streamed=True)


def sweep_outputs(result: Assessment) -> list[Cell]:
    """A sweep row's key outputs, in :data:`SWEEP_OUTPUTS` order, rounded by their currency."""
    from breachcalc.domain.money import round_money

    exp, costs = result.compensation, result.exposure
    return [
        round_money(exp.per_person),
        round_money(exp.total),
        exp.currency,
        round_money(exp.total_reporting),
        exp.reporting_currency,
        round_money(costs.total),
        round_money(costs.total_reporting),
        result.severity.tier,
    ]


def sensitivity_rows(found: Sensitivity) -> Rows:
    """One row per input: its value, low and high, the whole exposure at each, the swing."""
    from breachcalc.domain.money import Money, round_money
    from breachcalc.render.json import SENSITIVITY_VERSION

    currency = found.total.currency
    rows = [
        [
            s.path,
            s.value,
            s.low,
            s.high,
            None if s.total_low is None else round_money(s.total_low),
            None if s.total_high is None else round_money(s.total_high),
            round_money(Money(s.swing, currency)),
            currency,
            s.skipped or None,
        ]
        for s in found.swings
    ]
    right = [False] + [True] * 7 + [False]
    return Rows(list(SENSITIVITY_COLUMNS), rows, right=right, version=SENSITIVITY_VERSION)


def simulation_rows(sim: Simulation) -> Rows:
    """Mean and percentiles per line and for the total."""
    from breachcalc.render.simulation import statistics_rows

    header, rows = statistics_rows(sim)
    return Rows(header, rows, right=[False] + [True] * (len(header) - 1))
