"""``breachcalc categories``: the data-category catalogue."""

from __future__ import annotations

from typing import Annotated

from breachcalc.cli.common import OutputOption, errors_to_exit_codes, format_option, write

EPILOG = """\b
Examples:
  breachcalc categories
  breachcalc categories --format json | jq -r '.categories[].key'
  breachcalc categories --format markdown -o categories.md
"""


@errors_to_exit_codes
def categories(
    fmt: Annotated[str, format_option("Catalogue", "categories")] = "table",
    output: OutputOption = None,
) -> None:
    """List the data categories an input file may name: aliases, ENISA class and basic DPC score,
    and the EI level each allows on its own."""
    from breachcalc import api

    write(api.categories(), fmt, output)
