"""``breachcalc history``: the shipped breach history, filtered, or the breaches like a file."""

from __future__ import annotations

from typing import Annotated

import typer

from breachcalc.cli.common import (
    Format,
    FormatOption,
    OutputOption,
    color,
    emit_document,
    emit_rows,
    errors_to_exit_codes,
)
from breachcalc.errors import UsageError

EPILOG = """\b
Examples:
  breachcalc history
  breachcalc history --jurisdiction KR --since 2015
  breachcalc history --people 1e6..1e8 --category payment_cards
  breachcalc history --like examples/coupang-facts.yaml --limit 5
  breachcalc history --currency KRW --format csv -o history.csv
  breachcalc history --format json | jq '.breaches[].outcomes[].source'
"""


def parse_people(text: str) -> tuple[float, float]:
    """``1e6..1e8`` → (1,000,000, 100,000,000); either end may be left out (``..1e5``)."""
    low, sep, high = text.partition("..")
    if not sep:
        raise UsageError(f"--people {text}: write LOW..HIGH, e.g. 1e6..1e8")
    try:
        bounds = (float(low) if low else 0.0, float(high) if high else float("inf"))
    except ValueError:
        raise UsageError(f"--people {text}: LOW and HIGH must be numbers, e.g. 1e6..1e8") from None
    if bounds[0] > bounds[1]:
        raise UsageError(f"--people {text}: LOW is above HIGH")
    return bounds


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
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
) -> None:
    """List the sourced breach history: people, data, jurisdictions and every public outcome."""
    from breachcalc.analysis.history import breach_facts
    from breachcalc.analysis.history.listing import Filters, listing
    from breachcalc.reference.history import yearly_rates
    from breachcalc.reference.tables import catalogue
    from breachcalc.render.files import output_stream

    code = currency.strip().upper()
    if code != "USD" and not any(c == code for c, _y in yearly_rates()):
        raise UsageError(f"--currency {currency}: no yearly rates for it in breachcalc's data")
    keys = []
    for name in category or ():
        found = catalogue().lookup(name)
        if found is None:
            raise UsageError(f"--category {name}: not a data category (`breachcalc categories`)")
        keys.append(found.key)
    filters = Filters(
        jurisdictions=tuple(j.strip().upper() for j in jurisdiction or ()),
        people=parse_people(people) if people else None,
        categories=tuple(keys),
        since=since,
    )
    facts = None
    if like is not None:
        from breachcalc.domain.regime import event_day
        from breachcalc.input.loader import load_breach

        breach = load_breach(like)
        facts = breach_facts(breach, event_day(breach))
    rows = listing(filters, code, facts, limit)
    with output_stream(output, [like] if like else []) as out:
        if fmt in (Format.json, Format.jsonl):
            from breachcalc.render.history import listing_document

            emit_document(out, fmt, listing_document(rows, code), "breaches")
        elif fmt is Format.table:
            from functools import partial

            from breachcalc.render.history import listing_fit, listing_table
            from breachcalc.render.table import write_tables

            draw = partial(listing_table, rows, code)
            write_tables(out, draw, color=color(), fit=listing_fit(rows, code))
        else:
            from breachcalc.render.history import listing_rows

            header, body = listing_rows(rows, code)
            emit_rows(out, fmt, header, body)
