"""``breachcalc law JURISDICTION [--on DATE]``: the rules of one jurisdiction on one day."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from breachcalc.cli.common import (
    Format,
    OutputOption,
    TableJsonLinesOption,
    color,
    errors_to_exit_codes,
    require,
)

EPILOG = """\b
Examples:
  breachcalc law US-TX --on 2024-03-01
  breachcalc law DE --on 2024-03-01 --format json | jq -r '.notices[].to'
  breachcalc law KR --on 2026-10-01
  breachcalc schema output --command law
"""


def _day(text: str) -> date:
    from breachcalc.errors import UsageError

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--on {text}: give a date as YYYY-MM-DD") from None


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
    fmt: TableJsonLinesOption = Format.table,
    output: OutputOption = None,
) -> None:
    """Show the rules of a jurisdiction in force on a day: notices, thresholds, deadlines, the
    fine maximum, and the source of each."""
    from breachcalc.api import law as law_of
    from breachcalc.render.files import output_stream

    require(fmt, (Format.table, Format.json, Format.jsonl), "law")
    found = law_of(jurisdiction, on=_day(on) if on is not None else None)
    with output_stream(output) as out:
        if fmt is Format.table:
            from functools import partial

            from breachcalc.render.law import law_tables
            from breachcalc.render.table import write_tables

            write_tables(out, partial(law_tables, found), color=color())
            return
        from breachcalc.render.jsontext import dumps
        from breachcalc.render.law import law_document

        out.write(dumps(law_document(found), indent=2 if fmt is Format.json else None) + "\n")
