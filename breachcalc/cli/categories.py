"""``breachcalc categories``: the data-category catalogue."""

from __future__ import annotations

from typing import Any

from breachcalc.cli.common import (
    Format,
    FormatOption,
    OutputOption,
    emit_rows,
    errors_to_exit_codes,
)

EPILOG = """\b
Examples:
  breachcalc categories
  breachcalc categories --format json | jq -r '.categories[].key'
  breachcalc categories --format markdown -o categories.md
"""


@errors_to_exit_codes
def categories(fmt: FormatOption = Format.table, output: OutputOption = None) -> None:
    """List the data categories an input file may name: aliases, ENISA class and basic DPC score,
    and the EI level each allows on its own."""
    from breachcalc.domain.severity import catalogue_listing
    from breachcalc.render.files import output_stream
    from breachcalc.render.json import document, enveloped

    listing = catalogue_listing()
    entries: list[dict[str, Any]] = document(listing.categories)
    with output_stream(output) as out:
        if fmt is Format.table:
            from functools import partial

            from breachcalc.cli.common import color
            from breachcalc.render.catalogue import catalogue_tables
            from breachcalc.render.tables import write_tables

            title = f"Source: {listing.source}"
            write_tables(out, partial(catalogue_tables, entries, title), color=color())
            return
        header = list(entries[0])
        if fmt is Format.json:
            from breachcalc.render.json import CATEGORIES_VERSION, dumps

            out.write(dumps(enveloped(CATEGORIES_VERSION, listing)) + "\n")
            return
        if fmt is Format.jsonl:
            emit_rows(out, fmt, header, [list(e.values()) for e in entries])
            return
        emit_rows(
            out,
            fmt,
            header,
            [[", ".join(v) if isinstance(v, list) else v for v in e.values()] for e in entries],
        )
