"""``breachcalc history``: the shipped breach history, filtered, or the breaches like a file."""

from __future__ import annotations

from typing import Annotated

import typer

from breachcalc.cli.common import OutputOption, errors_to_exit_codes, format_option, write

EPILOG = """\b
Examples:
  breachcalc history
  breachcalc history --jurisdiction KR --since 2015
  breachcalc history --people 1e6..1e8 --category payment_cards
  breachcalc history --like examples/coupang-facts.yaml --limit 5
  breachcalc history --currency KRW --format csv -o history.csv
  breachcalc history --format json | jq '.breaches[].outcomes[].source'
"""


@errors_to_exit_codes
def history(
    jurisdiction: Annotated[
        list[str] | None,
        typer.Option(
            "--jurisdiction", "-j", metavar="CODE", help="Keep breaches in CODE (repeatable)."
        ),
    ] = None,
    people: Annotated[
        str | None,
        typer.Option("--people", metavar="LOW..HIGH", help="Keep breaches of that many people."),
    ] = None,
    category: Annotated[
        list[str] | None,
        typer.Option(
            "--category", metavar="KEY", help="Keep breaches that exposed KEY (repeatable)."
        ),
    ] = None,
    since: Annotated[
        int | None, typer.Option("--since", metavar="YEAR", help="Keep breaches from YEAR on.")
    ] = None,
    like: Annotated[
        str | None,
        typer.Option(
            "--like", metavar="FILE", help="Sort by likeness to a breach file, saying why."
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", metavar="N", min=1, help="Show N breaches.")
    ] = None,
    currency: Annotated[
        str,
        typer.Option(
            "--currency", metavar="CODE", help="Per-person outcomes in CODE (default USD)."
        ),
    ] = "USD",
    fmt: Annotated[str, format_option("HistoryListing", "history")] = "table",
    output: OutputOption = None,
) -> None:
    """List the sourced breach history: people, data, jurisdictions and every public outcome."""
    from breachcalc import api

    found = api.history(
        jurisdictions=jurisdiction or (),
        people=people,
        categories=category or (),
        since=since,
        like=like,
        limit=limit,
        currency=currency,
    )
    write(found, fmt, output, [like] if like else [])
