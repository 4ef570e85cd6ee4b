"""``breachcalc backtest``: leave-one-out over the shipped history, with its figures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from breachcalc.cli.common import (
    Format,
    OutputOption,
    TableJsonOption,
    color,
    errors_to_exit_codes,
    require,
)
from breachcalc.errors import OutputError, UsageError

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
    fmt: TableJsonOption = Format.table,
    output: OutputOption = None,
) -> None:
    """Back-test the history model: leave one breach out, predict it from its facts alone."""
    from breachcalc.analysis.backtest import backtest as run
    from breachcalc.render.files import output_stream

    require(fmt, (Format.table, Format.json), "backtest")
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise UsageError(f"--plot {plot}: the file name must end in .png or .svg")
    found = run()
    if plot is not None:
        from breachcalc.render.charts import write_backtest_plot

        try:
            write_backtest_plot(found, plot)
        except OSError as exc:
            raise OutputError(f"cannot write {plot}: {exc.strerror or exc}") from None
    with output_stream(output) as out:
        if fmt is Format.json:
            from breachcalc.render.history import backtest_document
            from breachcalc.render.json import dumps

            out.write(dumps(backtest_document(found)) + "\n")
        else:
            from functools import partial

            from breachcalc.render.history import backtest_tables
            from breachcalc.render.tables import write_tables

            write_tables(out, partial(backtest_tables, found), color=color())
