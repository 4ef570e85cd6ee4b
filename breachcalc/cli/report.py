"""``breachcalc report``: a board-ready page (HTML or Markdown) for one breach file."""

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
"""


@errors_to_exit_codes
def report(
    file: Annotated[
        str, typer.Argument(help="Breach description (YAML); - reads stdin.", metavar="FILE")
    ],
    fmt: Annotated[str, format_option("Briefing", "report", default="html")] = "html",
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
    from breachcalc import api

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
        history=not no_history,
    )
    write(found, fmt, output, [file])
