"""``breachcalc categories``: the data-category catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from breachcalc.cli.common import (
    Format,
    FormatOption,
    OutputOption,
    emit_rows,
    errors_to_exit_codes,
)

if TYPE_CHECKING:
    from breachcalc.reference.tables import Category

EPILOG = """\b
Examples:
  breachcalc categories
  breachcalc categories --format json | jq -r '.[].key'
  breachcalc categories --format markdown -o categories.md
"""


@errors_to_exit_codes
def categories(fmt: FormatOption = Format.table, output: OutputOption = None) -> None:
    """List the data categories an input file may name: aliases, ENISA class and basic DPC score,
    and the EI level each allows on its own."""
    from breachcalc.reference.tables import catalogue
    from breachcalc.render.files import output_stream

    cat = catalogue()
    entries = [_entry(c) for c in cat.categories.values()]
    with output_stream(output) as out:
        if fmt is Format.table:
            header = ["Key", "ENISA class", "DPC", "Identifies", "EI alone", "Also accepted"]
            shown = ("key", "enisa_class", "basic_dpc", "identifies", "ei_level", "aliases")
            rows = [
                [", ".join(e[k]) if k == "aliases" else str(e[k]) for k in shown] for e in entries
            ]
            _table(out, header, rows, f"Source: {cat.source}")
            return
        header = list(entries[0])
        if fmt is Format.json:
            from breachcalc.render.jsontext import dumps

            out.write(dumps(entries) + "\n")
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


def _entry(c: Category) -> dict[str, Any]:
    """One catalogue entry as output: its key, label, ENISA class with the basic DPC score, how
    directly it identifies and the EI level that gives, aliases, and the note with its source."""
    from breachcalc.domain.severity import IDENTIFIES_EI, class_scores

    return {
        "key": c.key,
        "label": c.label,
        "enisa_class": c.enisa_class,
        "basic_dpc": class_scores()[c.enisa_class],
        "identifies": c.identifies,
        "ei_level": IDENTIFIES_EI[c.identifies],
        "aliases": list(c.aliases),
        "note": c.note,
    }


def _table(out: object, header: list[str], rows: list[list[str]], title: str) -> None:
    from breachcalc.cli.common import color
    from breachcalc.render.table import new_table, write_tables

    table = new_table(title)
    for column in header:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    write_tables(out, lambda console: console.print(table), color=color())  # type: ignore[arg-type]
