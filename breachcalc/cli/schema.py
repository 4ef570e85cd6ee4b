"""``breachcalc schema``: JSON Schemas of the input file and of the JSON output."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from breachcalc.cli.common import OutputOption, errors_to_exit_codes

EPILOG = """\b
Examples:
  breachcalc schema input > breach.schema.json     (point your editor's YAML plugin at it)
  breachcalc schema output
"""


class Which(StrEnum):
    """Which schema to print."""

    input = "input"
    output = "output"


@errors_to_exit_codes
def schema(
    which: Annotated[
        Which, typer.Argument(help="input: the YAML file; output: the JSON result.")
    ] = Which.input,
    output: OutputOption = None,
) -> None:
    """Print the JSON Schema of the input file or of the JSON output."""
    import json

    if which is Which.input:
        from breachcalc.domain.breach import Breach

        document = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **Breach.model_json_schema(),
        }
        document["properties"]["variants"] = {
            "type": "object",
            "description": "named variants: name → {dotted.path: value} overrides of this breach",
            "additionalProperties": {"type": "object"},
        }
    else:
        from breachcalc.render.document import output_schema

        document = output_schema()
    from breachcalc.render.files import output_stream

    with output_stream(output) as out:
        out.write(json.dumps(document, indent=2) + "\n")
