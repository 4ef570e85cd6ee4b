"""``breachcalc compare``: scenarios side by side, with differences against the first."""

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
  breachcalc compare examples/coupang.yaml examples/coupang-notice.yaml
  breachcalc compare examples/coupang-scenarios.yaml                 (base and every variant)
  breachcalc compare examples/coupang-scenarios.yaml#pipc-count examples/coupang-notice.yaml
  breachcalc compare examples/coupang.yaml --variant cheap=compensation.amount=30000 \\
      --variant more=affected=37600000,compensation.amount=50000
  breachcalc compare examples/coupang.yaml examples/coupang-notice.yaml --format csv -o diff.csv
"""


@errors_to_exit_codes
def compare(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, FILE#variant, or one file with --variant.", metavar="INPUT"),
    ],
    variant: Annotated[
        list[str] | None,
        typer.Option(
            "--variant",
            help="Another scenario of the (single) input: "
            "NAME=PATH=VALUE[,PATH=VALUE...] (repeatable).",
            metavar="NAME=PATH=VALUE",
        ),
    ] = None,
    fmt: Annotated[str, format_option("Comparison", "compare")] = "table",
    sets: SetOption = None,
    output: OutputOption = None,
) -> None:
    """Compare scenarios: every figure side by side, with differences against the first."""
    from breachcalc import api

    found = api.compare(inputs, variants=variant or (), sets=parse_sets(sets))
    write(found, fmt, output, inputs)
