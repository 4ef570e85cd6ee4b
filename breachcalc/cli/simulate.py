"""``breachcalc simulate``: Monte Carlo over the file's ranges, with loss-exceedance."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from breachcalc import limits
from breachcalc.cli.common import (
    Format,
    FormatOption,
    NoHistoryOption,
    OutputOption,
    PolicyOption,
    SetOption,
    color,
    emit_rows,
    errors_to_exit_codes,
    parse_sets,
)
from breachcalc.errors import OutputError, UsageError

if TYPE_CHECKING:
    from breachcalc.domain.money import Money
    from breachcalc.input.breach import Breach

EPILOG = """\b
Examples:
  breachcalc simulate examples/coupang-uncertain.yaml
  breachcalc simulate examples/coupang-uncertain.yaml --trials 1000000 --seed 7
  breachcalc simulate examples/coupang-uncertain.yaml -p 1 -p 50 -p 99 --exceed 1.5e12
  breachcalc simulate examples/coupang-uncertain.yaml --exceed "1,000,000,000 USD" --plot lec.png
  breachcalc simulate examples/coupang-uncertain.yaml --format json | jq .total
  breachcalc simulate examples/coupang-uncertain.yaml --set affected=37600000 --format csv
"""

_AMOUNT = re.compile(r"^\s*([0-9][0-9,_]*(?:\.[0-9]+)?(?:[eE][+]?[0-9]+)?)\s*([A-Za-z]{3})?\s*$")


def parse_threshold(text: str, breach: Breach) -> Money:
    """``1.5e12`` or ``1,000,000,000 USD``, as an amount in the breach currency."""
    from breachcalc.domain.cost_lines import base_currency, rates
    from breachcalc.domain.money import Money, convert

    match = _AMOUNT.match(text)
    if not match:
        raise UsageError(
            f"--exceed {text!r}: write an amount, optionally with a currency code, "
            "e.g. 1.5e12 or '1,000,000,000 USD'"
        )
    try:
        amount = Decimal(match[1].replace(",", "").replace("_", ""))
    except InvalidOperation:
        raise UsageError(f"--exceed {text!r}: not a number") from None
    if amount > limits.MAX_AMOUNT:
        raise UsageError(
            f"--exceed {text!r}: must be at most {limits.MAX_AMOUNT:,} (limit MAX_AMOUNT)"
        )
    currency = (match[2] or base_currency(breach)).upper()
    try:
        return convert(Money(amount, currency), base_currency(breach), rates(breach))
    except LookupError:
        raise UsageError(
            f"--exceed {text!r}: the file has no rate between {currency} and "
            f"{base_currency(breach)}"
        ) from None


def parse_percentile(text: object) -> Decimal:
    """``-p 95`` → 95; a number from 0 to 100, or a usage error in our own words."""
    from decimal import InvalidOperation

    try:
        value = Decimal(str(text).strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or not 0 <= value <= 100:
        raise UsageError(f"--percentile {text}: give a number from 0 to 100, e.g. -p 95")
    return value + 0  # adding 0 turns -0 into 0: `-p -0` is the 0th percentile, not "P-0"


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
    fmt: FormatOption = Format.table,
    sets: SetOption = None,
    no_history: NoHistoryOption = False,
    policy: PolicyOption = None,
    output: OutputOption = None,
) -> None:
    """Simulate the exposure: mean, percentiles per line and in total, loss-exceedance."""
    from breachcalc.domain.simulation import DEFAULT_PERCENTILES
    from breachcalc.domain.simulation import simulate as run
    from breachcalc.input.loader import load_breach
    from breachcalc.render.files import output_stream

    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise UsageError(f"--plot {plot}: the file name must end in .png or .svg")
    from breachcalc.cli.common import insured
    from breachcalc.input.loader import load_policy

    breach = load_breach(file, sets=parse_sets(sets))
    breach = insured(breach, load_policy(str(policy)) if policy is not None else None)
    points = tuple(parse_percentile(p) for p in (percentile or DEFAULT_PERCENTILES))
    thresholds = tuple(parse_threshold(t, breach) for t in exceed or ())
    from breachcalc.analysis.history import simulation_priors

    priors, factor, given_any = simulation_priors(breach) if not no_history else ((), 1.0, True)
    result = run(
        breach,
        trials,
        seed,
        points,
        thresholds,
        priors=priors,
        prior_factor=factor,
        given_any=given_any,
    )
    if plot is not None:
        from breachcalc.render.charts import write_plot
        from breachcalc.render.files import refuse_inputs

        refuse_inputs(plot, [file, policy, output])

        try:
            write_plot(result, plot, breach.name)
        except OSError as exc:
            raise OutputError(f"cannot write {plot}: {exc.strerror or exc}") from None
    with output_stream(output, [file, policy]) as out:
        if fmt is Format.table:
            from functools import partial

            from breachcalc.render.simulation import simulation_tables
            from breachcalc.render.table import write_tables

            write_tables(out, partial(simulation_tables, result), color=color())
        elif fmt in (Format.json, Format.jsonl):
            from breachcalc.render.jsontext import dumps
            from breachcalc.render.simulation import simulation_document

            indent = 2 if fmt is Format.json else None
            out.write(dumps(simulation_document(result), indent=indent) + "\n")
        else:
            from breachcalc.render.simulation import statistics_rows

            header, rows = statistics_rows(result)
            emit_rows(out, fmt, header, rows, right=[False] + [True] * (len(header) - 1))
