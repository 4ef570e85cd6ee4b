"""``breachcalc categories``: the data-category catalogue."""

from __future__ import annotations

import sys

from breachcalc.commands.common import Format, FormatOption, color, errors_to_exit_codes

EPILOG = """\b
Examples:
  breachcalc categories
  breachcalc categories --format json | jq -r '.[].key'
"""


@errors_to_exit_codes
def categories(fmt: FormatOption = Format.table) -> None:
    """List the data categories an input file may name, with their aliases and ENISA class."""
    from breachcalc.refdata import catalogue

    cat = catalogue()
    if fmt is Format.table:
        from rich import box
        from rich.table import Table

        from breachcalc.render.table import write_tables

        table = Table(
            box=box.SIMPLE_HEAD, pad_edge=False, title=f"Source: {cat.source}", title_justify="left"
        )
        for column in ("Key", "ENISA class", "Identifies", "Also accepted"):
            table.add_column(column, overflow="fold")
        for c in cat.categories.values():
            table.add_row(c.key, c.enisa_class, c.identifies, ", ".join(c.aliases))
        write_tables(sys.stdout, lambda out: out.print(table), color=color())
    else:
        from breachcalc.render.jsontext import dumps

        rows = [
            {
                "key": c.key,
                "label": c.label,
                "enisa_class": c.enisa_class,
                "identifies": c.identifies,
                "aliases": list(c.aliases),
                "note": c.note,
            }
            for c in cat.categories.values()
        ]
        sys.stdout.write(dumps(rows) + "\n")
