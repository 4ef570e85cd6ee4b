"""``breachcalc law JURISDICTION [--on DATE]``: the rules of one jurisdiction on one day."""

from __future__ import annotations

from typing import Annotated

import typer

from breachcalc.cli.common import OutputOption, errors_to_exit_codes, format_option, write

EPILOG = """\b
Examples:
  breachcalc law US-TX --on 2024-03-01
  breachcalc law DE --on 2024-03-01 --format json | jq -r '.notices[].to'
  breachcalc law KR --on 2026-10-01
  breachcalc schema output --command law
"""


@errors_to_exit_codes
def law(
    jurisdiction: Annotated[
        str,
        typer.Argument(
            help="A jurisdiction code: KR, DE, UK (or GB), US-TX, US-HIPAA, ...",
            metavar="JURISDICTION",
        ),
    ],
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DATE", help="The day (YYYY-MM-DD); default: today."),
    ] = None,
    fmt: Annotated[str, format_option("LawOfTheDay", "law")] = "table",
    output: OutputOption = None,
) -> None:
    """Show the rules of a jurisdiction in force on a day: notices, thresholds, deadlines, the
    fine maximum, and the source of each."""
    from breachcalc import api

    write(api.law(jurisdiction, on=on), fmt, output)
