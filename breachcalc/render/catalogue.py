"""The data-category catalogue for people: one table where it fits, else a table of the scores
and a word-wrapped list of the accepted spellings (no key or alias is ever split mid-word)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from breachcalc.render.tables import new_table, rendered_width

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

HEADER = ("Key", "ENISA class", "DPC", "Identifies", "EI alone")
FIELDS = ("key", "enisa_class", "basic_dpc", "identifies", "ei_level")


def catalogue_tables(entries: Sequence[dict[str, Any]], title: str, out: Console) -> None:
    """Draw the catalogue on ``out``: aliases in a column when the console is wide enough."""
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
