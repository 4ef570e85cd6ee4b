"""``breachcalc report``: a board-ready page (HTML or Markdown) for one breach file."""

from __future__ import annotations

from typing import Annotated

import typer

from breachcalc.cli.common import (
    NoHistoryOption,
    OutputOption,
    PolicyOption,
    SetOption,
    errors_to_exit_codes,
    parse_sets,
)
from breachcalc.errors import UsageError

EPILOG = """\b
Examples:
  breachcalc report examples/coupang-uncertain.yaml -o report.html
  breachcalc report examples/coupang.yaml --format markdown -o report.md
  breachcalc report examples/coupang-facts.yaml --date 2026-12-01 -o coupang.html
"""

REPORT_TRIALS = 20_000
"""Trials behind the report's intervals and loss-exceedance curve (seed ``--seed``)."""


@errors_to_exit_codes
def report(
    file: Annotated[
        str, typer.Argument(help="Breach description (YAML); - reads stdin.", metavar="FILE")
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="Output format: html (default) or markdown."
        ),
    ] = "html",
    seed: Annotated[
        int, typer.Option("--seed", "-s", min=0, metavar="N", help="Seed of the simulation.")
    ] = 0,
    when: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="Print this date on the page (default: none)."
        ),
    ] = None,
    sets: SetOption = None,
    no_history: NoHistoryOption = False,
    policy: PolicyOption = None,
    output: OutputOption = None,
) -> None:
    """Write a one-page report a board can read: headline, key figures, severity, deadlines,
    cost lines, loss exceedance and comparable breaches, with every source."""
    from datetime import date

    from breachcalc.analysis.history import simulation_priors, with_history
    from breachcalc.domain.assessment import assess
    from breachcalc.domain.priors import HistoryPrior
    from breachcalc.domain.simulation import simulate
    from breachcalc.input.loader import load_breach
    from breachcalc.render.files import output_stream
    from breachcalc.render.report import build, render

    kind = fmt.strip().lower()
    if kind not in ("html", "markdown"):
        raise UsageError(f"--format {fmt}: report writes html or markdown")
    if when is not None:
        try:
            date.fromisoformat(when)
        except ValueError:
            raise UsageError(f"--date {when}: write YYYY-MM-DD, e.g. 2026-12-01") from None
    from breachcalc.cli.common import insured
    from breachcalc.input.loader import load_policy

    breach = load_breach(file, sets=parse_sets(sets))
    breach = insured(breach, load_policy(str(policy)) if policy is not None else None)
    result = assess(breach)
    priors: tuple[HistoryPrior, ...] = ()
    factor, given_any = 1.0, True
    if not no_history:
        result = with_history(result)
        priors, factor, given_any = simulation_priors(breach)
    sim = simulate(
        breach, REPORT_TRIALS, seed, priors=priors, prior_factor=factor, given_any=given_any
    )
    page = render(build(result, sim, when or ""), kind)
    with output_stream(output, [file, policy]) as out:
        out.write(page)
