"""``breachcalc sensitivity``: which input moves the whole exposure most (a tornado chart)."""

from __future__ import annotations

from typing import Annotated

import typer

from breachcalc.cli.common import (
    OutputOption,
    SetOption,
    errors_to_exit_codes,
    format_option,
    parse_sets,
    write,
)

EPILOG = """\b
Examples:
  breachcalc sensitivity examples/coupang-uncertain.yaml
  breachcalc sensitivity examples/coupang.yaml --range compensation.amount=30000:55000
  breachcalc sensitivity examples/coupang.yaml --format csv -o tornado.csv
"""


@errors_to_exit_codes
def sensitivity(
    file: Annotated[
        str, typer.Argument(help="Breach description (YAML), - or FILE#variant.", metavar="FILE")
    ],
    ranges: Annotated[
        list[str] | None,
        typer.Option(
            "--range",
            help="Low and high for one input: PATH=LOW:HIGH (repeatable; default ±25%).",
            metavar="PATH=LOW:HIGH",
        ),
    ] = None,
    fmt: Annotated[str, format_option("Sensitivity", "sensitivity")] = "table",
    sets: SetOption = None,
    output: OutputOption = None,
) -> None:
    """Swing in the whole exposure as each numeric input moves between a low and a high value."""
    from breachcalc import api

    found = api.sensitivity(file, ranges=ranges or (), sets=parse_sets(sets))
    write(found, fmt, output, [file])
