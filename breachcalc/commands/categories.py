"""``breachcalc categories``: the data-category catalogue."""

from __future__ import annotations

from breachcalc.commands.common import (
    Format,
    FormatOption,
    OutputOption,
    emit_rows,
    errors_to_exit_codes,
)

EPILOG = """\b
Examples:
  breachcalc categories
  breachcalc categories --format json | jq -r '.[].key'
  breachcalc categories --format markdown -o categories.md
"""


@errors_to_exit_codes
def categories(fmt: FormatOption = Format.table, output: OutputOption = None) -> None:
    """List the data categories an input file may name, with their aliases and ENISA class."""
    from breachcalc.output import output_stream
    from breachcalc.refdata import catalogue

    cat = catalogue()
    with output_stream(output) as out:
        if fmt is Format.table:
            header = ["Key", "ENISA class", "Identifies", "Also accepted"]
            rows = [
                [c.key, c.enisa_class, c.identifies, ", ".join(c.aliases)]
                for c in cat.categories.values()
            ]
            _table(out, header, rows, f"Source: {cat.source}")
            return
        header = ["key", "label", "enisa_class", "identifies", "aliases", "note"]
        if fmt in (Format.json, Format.jsonl):
            rows_data = [
                [c.key, c.label, c.enisa_class, c.identifies, list(c.aliases), c.note]
                for c in cat.categories.values()
            ]
            if fmt is Format.json:
                from breachcalc.render.jsontext import dumps

                out.write(dumps([dict(zip(header, r, strict=True)) for r in rows_data]) + "\n")
            else:
                emit_rows(out, fmt, header, rows_data)
            return
        emit_rows(
            out,
            fmt,
            header,
            [
                [c.key, c.label, c.enisa_class, c.identifies, ", ".join(c.aliases), c.note]
                for c in cat.categories.values()
            ],
        )


def _table(out: object, header: list[str], rows: list[list[str]], title: str) -> None:
    from breachcalc.commands.common import color
    from breachcalc.render.table import new_table, write_tables

    table = new_table(title)
    for column in header:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    write_tables(out, lambda console: console.print(table), color=color())  # type: ignore[arg-type]
