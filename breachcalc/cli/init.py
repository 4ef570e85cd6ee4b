"""``breachcalc init``: a commented breach file from the questions a privacy lead can answer."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from breachcalc.cli.common import errors_to_exit_codes, write
from breachcalc.errors import UsageError

EPILOG = """\b
Examples:
  breachcalc init breach.yaml              (asks the questions, then writes breach.yaml)
  breachcalc init --template > breach.yaml (the commented skeleton, no questions)
  breachcalc init --template -o breach.yaml && breachcalc assess breach.yaml
"""


@errors_to_exit_codes
def init(
    file: Annotated[
        Path | None,
        typer.Argument(help="Where to write the file (default: stdout).", metavar="FILE"),
    ] = None,
    template: Annotated[
        bool, typer.Option("--template", help="Write the commented skeleton without questions.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (same as FILE)."),
    ] = None,
) -> None:
    """Write a commented breach file: from questions on a terminal, or the skeleton."""
    from breachcalc import api
    from breachcalc.render.files import refuse_existing

    target = output or file
    if target is not None and str(target) == "-":
        target = None  # `-o -` is standard output
    ask = None
    if not template:
        if sys.stdin is None or not sys.stdin.isatty():  # None: standard input closed
            raise UsageError(
                "init asks questions and needs a terminal; without one, use "
                "`breachcalc init --template > breach.yaml` and edit the file"
            )
        if target is not None:
            refuse_existing(target)  # before the first question, not after the last
        ask = typer.prompt
    found = api.new_breach(ask=ask, tell=_tell, file=str(target or "breach.yaml"))
    write(found, "yaml", target)
    if target is not None:
        sys.stderr.write(f"wrote {target}; next: breachcalc assess {target}\n")


def _tell(note: str) -> None:
    """A refused answer's reason, or a note on a code, under its question."""
    sys.stderr.write(f"  {note}\n")
