"""``breachcalc backtest``: leave-one-out over the shipped history, with its figures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from breachcalc.cli.common import (
    OutputOption,
    errors_to_exit_codes,
    format_option,
    plot_file,
    write,
)

EPILOG = """\b
Examples:
  breachcalc backtest
  breachcalc backtest --format json | jq '.coverage_p5_p95, .median_p95_over_p5'
  breachcalc backtest --plot docs/backtest.png
"""


@errors_to_exit_codes
def backtest(
    plot: Annotated[
        Path | None,
        typer.Option(
            "--plot",
            metavar="FILE",
            help="Draw each case's predicted P5-P95 against its actual total (.png or .svg).",
            dir_okay=False,
        ),
    ] = None,
    fmt: Annotated[str, format_option("Backtest", "backtest")] = "table",
    output: OutputOption = None,
) -> None:
    """Back-test the history model: leave one breach out, predict it from its facts alone."""
    from breachcalc import api

    plot = plot_file(plot)
    found = api.backtest()
    if plot is not None:
        from breachcalc.render.formats import plot as draw

        draw(found, plot)
    write(found, fmt, output)
