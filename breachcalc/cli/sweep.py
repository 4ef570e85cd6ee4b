"""``breachcalc sweep``: every combination of varied inputs, one row each, streamed."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from breachcalc import limits
from breachcalc.cli.common import (
    Format,
    FormatOption,
    OutputOption,
    SetOption,
    errors_to_exit_codes,
    parse_sets,
)
from breachcalc.errors import UsageError
from breachcalc.render.columns import SWEEP_OUTPUTS

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from breachcalc.domain.assessment import Assessment
    from breachcalc.input.grid import Axis
    from breachcalc.input.overrides import Override
    from breachcalc.input.yaml_reader import Document

EPILOG = """\b
Examples:
  breachcalc sweep examples/coupang.yaml --vary compensation.amount=30000,50000,55000
  breachcalc sweep examples/coupang.yaml --vary compensation.amount=5000:50000:5000 \\
      --vary compensation.redemption=0.1:1:0.1 --vary affected=1000000:100000000:1000000 \\
      --format csv -o grid.csv                                  (10,000 rows)
  breachcalc sweep examples/coupang.yaml --vary affected=1e6:4e7:1e6 --format jsonl | head
"""

OUTPUTS = SWEEP_OUTPUTS
"""The key outputs of each row (amounts rounded by their currency's minor unit)."""


@errors_to_exit_codes
def sweep(
    file: Annotated[
        str, typer.Argument(help="Breach description (YAML), - or FILE#variant.", metavar="FILE")
    ],
    vary: Annotated[
        list[str],
        typer.Option(
            "--vary",
            help="PATH=V1,V2,... or PATH=START:STOP:STEP (repeatable; the first varies slowest).",
            metavar="PATH=VALUES",
        ),
    ],
    fmt: FormatOption = Format.table,
    sets: SetOption = None,
    output: OutputOption = None,
) -> None:
    """Sweep a grid of inputs: one row per combination, with the key outputs, streamed."""
    from breachcalc.input.grid import parse_axis, size
    from breachcalc.input.loader import load_document, split_name
    from breachcalc.input.overrides import split_variants
    from breachcalc.render.files import output_stream

    axes = [parse_axis(text) for text in vary]
    rows = size(axes)
    if rows > limits.MAX_GRID_ROWS:
        raise UsageError(
            f"the grid has {rows:,} rows, more than {limits.MAX_GRID_ROWS:,} "
            "(limit MAX_GRID_ROWS); use fewer values"
        )
    overrides = parse_sets(sets)
    file_name, chosen = split_name(file)
    document = load_document(file_name)
    base, variants, problems = split_variants(document)
    if problems or chosen is not None:
        from breachcalc.input.loader import load_scenarios

        load_scenarios(file, overrides)  # raises for problems or an unknown variant
        match = next(v for v in variants if v.name == chosen)
        overrides = (*match.overrides, *overrides)
    header = [axis.name for axis in axes] + list(OUTPUTS)
    from breachcalc.analysis.sweep import check_values
    from breachcalc.input.paths import PathError

    try:
        check_values(base, overrides, axes)  # a refused value: refused before the first row
    except PathError as exc:
        raise UsageError(str(exc)) from None
    with output_stream(output, [file]) as out:
        try:
            stream_rows(out, fmt, header, evaluate(base, overrides, axes))
        except PathError as exc:  # a --vary path that does not fit the file's shape
            raise UsageError(str(exc)) from None


def evaluate(
    base: Document, overrides: Sequence[Override], axes: Sequence[Axis]
) -> Iterator[list[Any]]:
    """Each combination's row: the varied inputs, then the key outputs."""
    from breachcalc.analysis.sweep import assessments

    for values, result in assessments(base, overrides, axes):
        yield [*values, *outputs(result)]


def outputs(result: Assessment) -> list[Any]:
    """The row's key outputs, in :data:`OUTPUTS` order."""
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


def stream_rows(out: TextIO, fmt: Format, header: list[str], rows: Iterator[list[Any]]) -> None:
    """Write rows as they come; flush the first at once and then every thousand."""
    from breachcalc.render import tabular

    def flushed(source: Iterator[list[Any]]) -> Iterator[list[Any]]:
        for index, row in enumerate(source):
            yield row
            if index == 0 or index % 1000 == 999:
                out.flush()

    if fmt is Format.csv:
        tabular.write_csv(out, header, flushed(rows))
    elif fmt is Format.jsonl:
        tabular.write_jsonl(out, header, flushed(rows))
    elif fmt is Format.json:
        from breachcalc.render.schemas import SWEEP_VERSION

        tabular.write_json(out, header, flushed(rows), SWEEP_VERSION)
    elif fmt is Format.markdown:
        tabular.write_markdown(out, header, flushed(rows), [True] * len(header))
    else:
        widths = [max(len(h), 18) for h in header]
        out.write("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)) + "\n")
        out.write("  ".join("─" * w for w in widths) + "\n")
        for row in flushed(rows):
            out.write("  ".join(_cell(c).rjust(w) for c, w in zip(row, widths, strict=True)) + "\n")


def _cell(value: Any) -> str:
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
