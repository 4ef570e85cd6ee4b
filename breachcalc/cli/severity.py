"""``breachcalc severity VECTOR``: score a severity vector on its own."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from breachcalc.cli.common import (
    Format,
    OutputOption,
    TableJsonLinesOption,
    color,
    errors_to_exit_codes,
    require,
)

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
    fmt: TableJsonLinesOption = Format.table,
    output: OutputOption = None,
) -> None:
    """Score a severity vector: SE = DPC × EI + CB, the ENISA level, and the tier with /S."""
    from breachcalc.domain.severity import score_vector
    from breachcalc.render.files import output_stream

    require(fmt, (Format.table, Format.json, Format.jsonl), "severity")
    score = score_vector(vector)
    with output_stream(output) as out:
        _write(out, fmt, score)


def _write(out: Any, fmt: Format, score: Any) -> None:
    if fmt is Format.table:
        from functools import partial

        from breachcalc.render.explain import draw_vector
        from breachcalc.render.tables import write_tables

        write_tables(out, partial(draw_vector, score), color=color())
    else:
        from breachcalc.render.explain import vector_document
        from breachcalc.render.json import dumps

        out.write(dumps(vector_document(score), indent=2 if fmt is Format.json else None) + "\n")
