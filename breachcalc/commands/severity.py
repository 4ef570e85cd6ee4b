"""``breachcalc severity VECTOR``: score a severity vector on its own."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from breachcalc.commands.common import Format, FormatOption, color, errors_to_exit_codes

EPILOG = """\b
Examples:
  breachcalc severity ENISA:1.0/DPC:2/EI:1/C:0.5/I:0/A:0/M:0.5/S:5
  breachcalc severity ENISA:1.0/DPC:4/EI:0.25/C:0/I:0/A:0.25/M:0 --format json
  breachcalc assess examples/coupang.yaml -f json | jq -r .severity.vector
"""


@errors_to_exit_codes
def severity(
    vector: Annotated[
        str,
        typer.Argument(
            help="A vector such as ENISA:1.0/DPC:2/EI:1/C:0.5/I:0/A:0/M:0.5 (optional /S:1-5).",
            metavar="VECTOR",
        ),
    ],
    fmt: FormatOption = Format.table,
) -> None:
    """Score a severity vector: SE = DPC × EI + CB, the ENISA level, and the tier with /S."""
    from breachcalc.severity import score_vector

    score = score_vector(vector)
    if fmt is Format.table:
        from functools import partial

        from breachcalc.render.explain import draw_vector
        from breachcalc.render.table import write_tables

        write_tables(sys.stdout, partial(draw_vector, score), color=color())
    else:
        from breachcalc.render.explain import vector_document
        from breachcalc.render.jsontext import dumps

        sys.stdout.write(dumps(vector_document(score), indent=2) + "\n")
