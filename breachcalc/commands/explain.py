"""``breachcalc explain FILE``: how every figure of the assessment was made."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from breachcalc.commands.common import Format, FormatOption, color, errors_to_exit_codes

EPILOG = """\b
Examples:
  breachcalc explain examples/coupang.yaml
  breachcalc explain examples/coupang.yaml --format json | jq '.steps[] | .label'
  cat breach.yaml | breachcalc explain -
"""


@errors_to_exit_codes
def explain(
    file: Annotated[
        str,
        typer.Argument(
            help="A breach description file (YAML); - reads standard input.", metavar="FILE"
        ),
    ],
    fmt: FormatOption = Format.table,
) -> None:
    """Explain an assessment as a tree: inputs, arithmetic, factors, reasons and sources."""
    from breachcalc.assessment import assess
    from breachcalc.explain import explain as explain_assessment
    from breachcalc.loader import load_breach

    result = assess(load_breach(file))
    root = explain_assessment(result)
    if fmt is Format.table:
        from functools import partial

        from breachcalc.render.explain import draw_explanation
        from breachcalc.render.table import write_tables

        write_tables(sys.stdout, partial(draw_explanation, root), color=color())
    else:
        from breachcalc.render.explain import explanation_document
        from breachcalc.render.jsontext import dumps

        sys.stdout.write(dumps(explanation_document(root, result.severity.vector), indent=2) + "\n")
