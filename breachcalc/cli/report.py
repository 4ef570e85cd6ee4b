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
  breachcalc report examples/coupang.yaml --format pdf --paper letter -o report.pdf
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
            "--format",
            "-f",
            metavar="FORMAT",
            help="Output format: html (default), markdown, or pdf (printed by Chromium; needs -o).",
        ),
    ] = "html",
    seed: Annotated[
        int, typer.Option("--seed", "-s", min=0, metavar="N", help="Seed of the simulation.")
    ] = 0,
    when: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="The date printed on the page (default: today)."
        ),
    ] = None,
    paper: Annotated[
        str,
        typer.Option("--paper", metavar="SIZE", help="Paper to print on: a4 (default) or letter."),
    ] = "a4",
    sets: SetOption = None,
    no_history: NoHistoryOption = False,
    policy: PolicyOption = None,
    output: OutputOption = None,
) -> None:
    """Write a report a board can read (two printed pages): headline, key figures, severity,
    deadlines, cost lines, loss exceedance and comparable breaches, with every source."""
    from datetime import date

    from breachcalc.analysis.history import simulation_priors, with_history
    from breachcalc.domain.assessment import assess
    from breachcalc.domain.priors import HistoryPrior
    from breachcalc.domain.simulation import simulate
    from breachcalc.input.loader import load_breach
    from breachcalc.render.files import output_stream
    from breachcalc.render.report import PAPERS, build, render, write_pdf

    kind = fmt.strip().lower()
    if kind not in ("html", "markdown", "pdf"):
        raise UsageError(f"--format {fmt}: report writes html, markdown or pdf")
    if kind == "pdf" and output is None:
        raise UsageError("--format pdf writes a file: add -o FILE.pdf")
    if paper.strip().lower() not in PAPERS:
        raise UsageError(f"--paper {paper}: choose a4 or letter")
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
    day = when or date.today().isoformat()
    page = render(build(result, sim, day, paper.strip().lower()), "html" if kind == "pdf" else kind)
    if kind == "pdf":
        from breachcalc.render.files import refuse_inputs

        assert output is not None
        refuse_inputs(output, [file, policy])
        write_pdf(page, output, paper.strip().lower())
        return
    with output_stream(output, [file, policy]) as out:
        out.write(page)
