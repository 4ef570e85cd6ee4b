"""``breachcalc report``: a board-ready page (HTML, Markdown or PDF) for one breach file."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from breachcalc.cli.common import (
    NoHistoryOption,
    OutputOption,
    PolicyOption,
    SetOption,
    errors_to_exit_codes,
    format_option,
    parse_sets,
    write,
)
from breachcalc.errors import UsageError

EPILOG = """\b
Examples:
  breachcalc report examples/coupang-uncertain.yaml -o report.html
  breachcalc report examples/coupang.yaml --format markdown -o report.md
  breachcalc report examples/coupang-facts.yaml --date 2026-12-01 -o coupang.html
  breachcalc report examples/coupang.yaml --format pdf --paper letter -o report.pdf
"""


@errors_to_exit_codes
def report(
    file: Annotated[
        str, typer.Argument(help="Breach description (YAML); - reads stdin.", metavar="FILE")
    ],
    fmt: Annotated[
        str,
        format_option("Briefing", "report", default="html", note="printed by Chromium; needs -o"),
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
    from breachcalc import api
    from breachcalc.render.report import PAPERS

    if paper.strip().lower() not in PAPERS:
        raise UsageError(f"--paper {paper}: choose a4 or letter")
    if fmt == "pdf" and output is None:
        raise UsageError("--format pdf writes a file: add -o FILE.pdf")
    if fmt == "html" and output is None and sys.stdout.isatty():
        raise UsageError(
            "report: a whole HTML page is not for the terminal; write it to a file with "
            "-o report.html (or pipe it on), or use --format markdown"
        )
    found = api.report(
        file,
        sets=parse_sets(sets),
        policy=policy,
        seed=seed,
        date=when or "",
        paper=paper,
        history=not no_history,
    )
    write(found, fmt, output, [file, policy])
