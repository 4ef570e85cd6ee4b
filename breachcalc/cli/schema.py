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
  breachcalc schema output --command compare
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
    command: Annotated[
        str,
        typer.Option(
            "--command",
            "-c",
            metavar="NAME",
            help="with output: the command whose JSON to describe (assess, compare, ...).",
        ),
    ] = "assess",
    output: OutputOption = None,
) -> None:
    """Print the JSON Schema of the input file or of a command's JSON output."""
    import json

    from breachcalc.errors import UsageError
    from breachcalc.render.schemas import OUTPUT_SCHEMAS

    if which is Which.input:
        from breachcalc.render.schemas import input_schema

        document = input_schema()
    elif command not in OUTPUT_SCHEMAS:
        raise UsageError(
            f"--command {command}: no JSON output schema; commands: {', '.join(OUTPUT_SCHEMAS)}"
        )
    else:
        from breachcalc.render.schemas import output_schema_of

        document = output_schema_of(command)
    from breachcalc.render.files import output_stream

    with output_stream(output) as out:
        out.write(json.dumps(document, indent=2) + "\n")
