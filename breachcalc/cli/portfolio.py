"""``breachcalc portfolio``: the aggregate annual loss of many breach scenarios."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from breachcalc.cli.common import (
    OutputOption,
    PolicyOption,
    errors_to_exit_codes,
    format_option,
    write,
)

EPILOG = """\b
Examples:
  breachcalc portfolio examples/portfolio/*.yaml --trials 100000 --seed 7
  breachcalc portfolio examples/portfolio/*.yaml --policy examples/policy.yaml --format json
"""


@errors_to_exit_codes
def portfolio(
    files: Annotated[
        list[str],
        typer.Argument(help="Breach scenario files, each with its `probability:`.", metavar="FILE"),
    ],
    trials: Annotated[
        int,
        typer.Option("--trials", "-n", min=1, max=10_000_000, metavar="N", help="Simulated years."),
    ] = 100_000,
    seed: Annotated[int, typer.Option("--seed", "-s", min=0, metavar="N", help="Random seed.")] = 0,
    policy: PolicyOption = None,
    fmt: Annotated[str, format_option("PortfolioResult", "portfolio")] = "table",
    output: OutputOption = None,
) -> None:
    """Simulate a year of many scenarios: average annual loss, P50 to P99.5, the exceedance
    curve and each file's share of the tail, gross and net of the policies."""
    from breachcalc import api

    found = api.portfolio(files, trials=trials, seed=seed, policy=policy, tell=_note)
    write(found, fmt, output, [*files, policy])


def _note(text: str) -> None:
    sys.stderr.write(f"note: {text}\n")
