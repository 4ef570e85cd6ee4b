"""The data-category catalogue for people: one table where it fits, else a table of the scores
and a word-wrapped list of the accepted spellings (no key or alias is ever split mid-word)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from breachcalc.render.json import document
from breachcalc.render.rows import Rows
from breachcalc.render.tables import new_table, rendered_width

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from breachcalc.domain.severity import Catalogue

HEADER = ("Key", "ENISA class", "DPC", "Identifies", "EI alone")
FIELDS = ("key", "enisa_class", "basic_dpc", "identifies", "ei_level")


def catalogue_document(listing: Catalogue) -> dict[str, Any]:
    """The JSON of ``breachcalc categories``."""
    from breachcalc.render.json import CATEGORIES_VERSION, enveloped

    return enveloped(CATEGORIES_VERSION, listing)


def catalogue_lines(listing: Catalogue) -> list[dict[str, Any]]:
    """One entry per line."""
    entries: list[dict[str, Any]] = document(listing.categories)
    return entries


def catalogue_rows(listing: Catalogue) -> Rows:
    """One row per entry, its aliases joined."""
    entries = catalogue_lines(listing)
    return Rows(
        list(entries[0]),
        [[", ".join(v) if isinstance(v, list) else v for v in e.values()] for e in entries],
    )


def draw_catalogue(listing: Catalogue, out: Console) -> None:
    """Draw the catalogue on ``out``: aliases in a column when the console is wide enough."""
    entries, title = catalogue_lines(listing), f"Source: {listing.source}"
    wide = _table(entries, title, aliases=True)
    if rendered_width(wide) <= out.width:
        out.print(wide)
        return
    out.print(_table(entries, title, aliases=False))
    out.print("Also accepted (case, spaces and hyphens are ignored):")
    for entry in entries:
        text = f"{entry['key']}: " + ", ".join(entry["aliases"])
        for line in textwrap.wrap(
            text,
            width=max(out.width - 2, 20),
            subsequent_indent="    ",
            break_long_words=False,
            break_on_hyphens=False,
        ):
            out.print("  " + line)


def _table(entries: Sequence[dict[str, Any]], title: str, *, aliases: bool) -> Table:
    table = new_table(title)
    for column in HEADER:
        table.add_column(column, no_wrap=True)
    if aliases:
        table.add_column("Also accepted", no_wrap=True)
    for entry in entries:
        row = [str(entry[k]) for k in FIELDS]
        table.add_row(*row, *([", ".join(entry["aliases"])] if aliases else []))
    return table
