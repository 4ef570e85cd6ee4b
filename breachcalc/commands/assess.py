"""``breachcalc assess``: compensation exposure and severity for one or more breach files."""

from __future__ import annotations

import sys
from functools import partial
from typing import Annotated

import typer

from breachcalc.commands.common import Format, FormatOption, errors_to_exit_codes, report
from breachcalc.errors import BreachcalcError, InputError, Problem

EPILOG = """\b
Examples:
  breachcalc assess examples/coupang.yaml
  breachcalc assess examples/coupang.yaml --format json | jq .compensation.total
  cat breach.yaml | breachcalc assess -
  breachcalc assess a.yaml b.yaml --format json    (JSON Lines: one document per line)
"""


@errors_to_exit_codes
def assess(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Breach description files (YAML); - reads standard input.", metavar="FILE"
        ),
    ],
    fmt: FormatOption = Format.table,
) -> None:
    """Assess one or more breaches: compensation exposure and severity tier."""
    from breachcalc.assessment import assess as assess_breach
    from breachcalc.loader import load_breach

    if files.count("-") > 1:
        raise InputError(
            "<stdin>", [Problem("standard input can be read only once; give `-` once")]
        )
    failed: list[BreachcalcError] = []
    for index, name in enumerate(files):
        try:
            result = assess_breach(load_breach(name))
        except InputError as error:
            report(error)
            failed.append(error)
            continue
        if fmt is Format.table:
            from breachcalc.commands.common import color
            from breachcalc.render.table import assessment_tables, exposure_tables, write_tables

            if index:
                sys.stdout.write("\n")
            write_tables(sys.stdout, partial(assessment_tables, result), color=color())
            write_tables(sys.stdout, partial(exposure_tables, result), color=color())
        else:
            from breachcalc.render.document import assessment_document
            from breachcalc.render.jsontext import dumps

            indent = 2 if len(files) == 1 else None
            sys.stdout.write(dumps(assessment_document(result), indent=indent) + "\n")
    if failed:
        raise typer.Exit(code=1)
