"""``breachcalc simulate``: Monte Carlo over the file's ranges, with loss-exceedance."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from breachcalc import limits
from breachcalc.cli.common import (
    NoHistoryOption,
    OutputOption,
    PolicyOption,
    QuietOption,
    SetOption,
    errors_to_exit_codes,
    format_option,
    parse_sets,
    plot_file,
    write,
)

EPILOG = """\b
Examples:
  breachcalc simulate examples/coupang-uncertain.yaml
  breachcalc simulate examples/coupang-uncertain.yaml --trials 1000000 --seed 7
  breachcalc simulate examples/coupang-uncertain.yaml -p 1 -p 50 -p 99 --exceed 1.5e12
  breachcalc simulate examples/coupang-uncertain.yaml --exceed "1,000,000,000 USD" --plot lec.png
  breachcalc simulate examples/coupang-uncertain.yaml --format json | jq .total
  breachcalc simulate examples/coupang-uncertain.yaml --set affected=37600000 --format csv
"""


@errors_to_exit_codes
def simulate(
    file: Annotated[
        str, typer.Argument(help="Breach description (YAML); - reads stdin.", metavar="FILE")
    ],
    trials: Annotated[
        int,
        typer.Option(
            "--trials", "-n", min=1, max=limits.MAX_TRIALS, metavar="N", help="Number of trials."
        ),
    ] = 100_000,
    seed: Annotated[
        int,
        typer.Option(
            "--seed",
            "-s",
            min=0,
            metavar="N",
            help="Random seed: the same seed gives the same output.",
        ),
    ] = 0,
    percentile: Annotated[
        list[str] | None,
        typer.Option(
            "--percentile",
            "-p",
            metavar="P",
            help="Percentile to report (repeatable) [default: 5, 50, 95].",
        ),
    ] = None,
    exceed: Annotated[
        list[str] | None,
        typer.Option(
            "--exceed",
            metavar="AMOUNT",
            help="Report the probability that the total exceeds AMOUNT [CODE] (repeatable).",
        ),
    ] = None,
    plot: Annotated[
        Path | None,
        typer.Option(
            "--plot",
            metavar="FILE",
            help="Write the loss-exceedance curve and histogram to a .png or .svg file.",
            dir_okay=False,
        ),
    ] = None,
    fmt: Annotated[str, format_option("Simulation", "simulate")] = "table",
    sets: SetOption = None,
    no_history: NoHistoryOption = False,
    policy: PolicyOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
) -> None:
    """Simulate the exposure: mean, percentiles per line and in total, loss-exceedance."""
    from breachcalc import api
    from breachcalc.render.progress import progress_bar, wanted

    plot = plot_file(plot)
    with progress_bar("Simulating", enabled=wanted(quiet=quiet)) as progress:
        found = api.simulate(
            file,
            sets=parse_sets(sets),
            policy=policy,
            trials=trials,
            seed=seed,
            history=not no_history,
            percentiles=percentile,
            exceed=exceed or (),
            progress=progress,
        )
    if plot is not None:
        from breachcalc.render.formats import plot as draw

        draw(found, plot, [file, policy, output])
    write(found, fmt, output, [file, policy])
