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
  breachcalc categories --format json | jq -r '.categories[].key'
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
            from functools import partial

            from breachcalc.cli.common import color
            from breachcalc.render.catalogue import catalogue_tables
            from breachcalc.render.table import write_tables

            title = f"Source: {cat.source}"
            write_tables(out, partial(catalogue_tables, entries, title), color=color())
            return
        header = list(entries[0])
        if fmt is Format.json:
            from breachcalc import __version__
            from breachcalc.render.jsontext import dumps
            from breachcalc.render.schemas import CATEGORIES_VERSION

            document = {
                "schema_version": CATEGORIES_VERSION,
                "breachcalc_version": __version__,
                "source": cat.source,
                "categories": entries,
            }
            out.write(dumps(document) + "\n")
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
