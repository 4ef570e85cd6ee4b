"""``breachcalc simulate``: Monte Carlo over the file's ranges, with loss-exceedance."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from breachcalc import limits
from breachcalc.cli.common import (
    Format,
    FormatOption,
    OutputOption,
    SetOption,
    color,
    emit_rows,
    errors_to_exit_codes,
    parse_sets,
)
from breachcalc.errors import OutputError, UsageError

if TYPE_CHECKING:
    from breachcalc.domain.breach import Breach
    from breachcalc.domain.money import Money
    from breachcalc.domain.simulation import Simulation

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


@errors_to_exit_codes
def simulate(
    file: Annotated[
        str, typer.Argument(help="Breach description (YAML); - reads stdin.", metavar="FILE")
    ],
    trials: Annotated[
        int, typer.Option("--trials", "-n", min=1, max=limits.MAX_TRIALS, help="Number of trials.")
    ] = 100_000,
    seed: Annotated[
        int,
        typer.Option(
            "--seed", "-s", min=0, help="Random seed: the same seed gives the same output."
        ),
    ] = 0,
    percentile: Annotated[
        list[float] | None,
        typer.Option(
            "--percentile",
            "-p",
            min=0,
            max=100,
            help="Percentile to report (repeatable) [default: 5, 50, 95].",
        ),
    ] = None,
    exceed: Annotated[
        list[str] | None,
        typer.Option(
            "--exceed",
            help="Report the probability that the total exceeds AMOUNT [CODE] (repeatable).",
        ),
    ] = None,
    plot: Annotated[
        Path | None,
        typer.Option(
            "--plot",
            help="Write the loss-exceedance curve and histogram to a .png or .svg file.",
            dir_okay=False,
        ),
    ] = None,
    fmt: FormatOption = Format.table,
    sets: SetOption = None,
    output: OutputOption = None,
) -> None:
    """Simulate the exposure: mean, percentiles per line and in total, loss-exceedance."""
    from breachcalc.domain.simulation import DEFAULT_PERCENTILES
    from breachcalc.domain.simulation import simulate as run
    from breachcalc.input.loader import load_breach
    from breachcalc.render.files import output_stream

    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise UsageError(f"--plot {plot}: the file name must end in .png or .svg")
    breach = load_breach(file, sets=parse_sets(sets))
    # adding 0 turns -0.0 into 0.0: `-p -0` is the 0th percentile, not "P-0"
    points = tuple(Decimal(str(p)) + 0 for p in (percentile or DEFAULT_PERCENTILES))
    thresholds = tuple(parse_threshold(t, breach) for t in exceed or ())
    result = run(breach, trials, seed, points, thresholds)
    if plot is not None:
        from breachcalc.render.charts import write_plot

        try:
            write_plot(result, plot, breach.name)
        except OSError as exc:
            raise OutputError(f"cannot write {plot}: {exc.strerror or exc}") from None
    with output_stream(output) as out:
        if fmt is Format.table:
            from functools import partial

            from breachcalc.render.table import write_tables

            write_tables(out, partial(simulation_tables, result), color=color())
        elif fmt in (Format.json, Format.jsonl):
            from breachcalc.render.jsontext import dumps

            indent = 2 if fmt is Format.json else None
            out.write(dumps(simulation_document(result), indent=indent) + "\n")
        else:
            header, rows = statistics_rows(result)
            emit_rows(out, fmt, header, rows, right=[False] + [True] * (len(header) - 1))


def statistics_rows(sim: Simulation) -> tuple[list[str], list[list[Any]]]:
    """Mean and percentiles per line and for the total (CSV and Markdown)."""
    from breachcalc.domain.money import round_money

    header = [
        "line",
        f"mean ({sim.currency})",
        *(f"P{p.normalize():f} ({sim.currency})" for p, _m in sim.total.percentiles),
    ]
    rows = [
        [s.label, round_money(s.mean), *(round_money(m) for _p, m in s.percentiles)]
        for s in (*sim.lines, sim.total)
    ]
    return header, rows


def simulation_tables(sim: Simulation, out: Any) -> None:
    """Per-line statistics, exceedance probabilities, the curve and the histogram."""
    from rich import box
    from rich.table import Table

    from breachcalc.domain.money import format_money
    from breachcalc.render.charts import histogram_text, loss_exceedance_text

    table = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        title_justify="left",
        title=f"Simulated exposure, {sim.currency} ({sim.trials:,} trials, seed {sim.seed})",
    )
    table.add_column("Line", no_wrap=True)
    table.add_column("Mean", justify="right")
    for p, _money in sim.total.percentiles:
        table.add_column(f"P{p.normalize():f}", justify="right")
    for summary in (*sim.lines, sim.total):
        if summary is sim.total:
            table.add_section()
        table.add_row(
            summary.label,
            format_money(summary.mean, code=False),
            *(format_money(m, code=False) for _p, m in summary.percentiles),
        )
    out.print(table)
    if sim.reporting_currency != sim.currency:
        from breachcalc.domain.money import Money

        mean = Money(sim.total.mean.amount * sim.to_reporting, sim.reporting_currency)
        out.print(
            f"Total in {sim.reporting_currency}: mean {format_money(mean)}; "
            + ", ".join(
                f"P{p.normalize():f} "
                f"{format_money(Money(m.amount * sim.to_reporting, sim.reporting_currency))}"
                for p, m in sim.total.percentiles
            )
        )
    for threshold, probability in sim.exceedance:
        out.print(f"P(total > {format_money(threshold)}) = {probability:.2%}")
    out.print()
    out.print(loss_exceedance_text(sim), end="")
    out.print()
    out.print(histogram_text(sim), end="")


def simulation_document(sim: Simulation) -> dict[str, Any]:
    """The JSON document for a simulation (amounts rounded by the currency's minor unit)."""
    from breachcalc.domain.assessment import SCHEMA_VERSION
    from breachcalc.domain.money import Money
    from breachcalc.render.document import money_doc

    def stats(summary: Any) -> dict[str, Any]:
        return {
            "key": summary.key,
            "label": summary.label,
            "uncertain": summary.uncertain,
            "mean": money_doc(summary.mean),
            "percentiles": [
                {"percentile": p, "amount": money_doc(m)} for p, m in summary.percentiles
            ],
        }

    return {
        "schema_version": SCHEMA_VERSION,
        "trials": sim.trials,
        "seed": sim.seed,
        "currency": sim.currency,
        "reporting_currency": sim.reporting_currency,
        "lines": [stats(s) for s in sim.lines],
        "total": stats(sim.total),
        "total_reporting": {
            "mean": money_doc(
                Money(sim.total.mean.amount * sim.to_reporting, sim.reporting_currency)
            ),
            "percentiles": [
                {
                    "percentile": p,
                    "amount": money_doc(Money(m.amount * sim.to_reporting, sim.reporting_currency)),
                }
                for p, m in sim.total.percentiles
            ],
        },
        "exceedance": [{"threshold": money_doc(t), "probability": p} for t, p in sim.exceedance],
        "loss_exceedance_curve": [
            {"amount": money_doc(Money(x, sim.currency)), "probability": p} for x, p in sim.curve
        ],
        "histogram": {
            "edges": [money_doc(Money(e, sim.currency)) for e in sim.histogram[0]],
            "counts": list(sim.histogram[1]),
        },
    }
