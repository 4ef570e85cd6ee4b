"""``breachcalc severity VECTOR``: score a severity vector on its own."""

from __future__ import annotations

from typing import Annotated

import typer

from breachcalc.cli.common import OutputOption, errors_to_exit_codes, format_option, write

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
    fmt: Annotated[str, format_option("VectorScore", "severity")] = "table",
    output: OutputOption = None,
) -> None:
    """Score a severity vector: SE = DPC × EI + CB, the ENISA level, and the tier with /S."""
    from breachcalc import api

    write(api.severity(vector), fmt, output)
