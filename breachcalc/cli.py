"""The command line: parse arguments, call the library, render, map errors to exit codes.

Exit codes: 0 success; 1 bad input (or a file that could not be written); 2 usage error;
70 internal error (a bug: please report it); 130 interrupted; 141 output pipe closed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from functools import partial, wraps
from typing import Annotated, Any, TypeVar

import typer

from breachcalc import __version__
from breachcalc.errors import BreachcalcError, InputError, Problem

EXIT_INTERNAL = 70
"""sysexits.h EX_SOFTWARE: an internal error, not the user's fault."""

app = typer.Typer(
    name="breachcalc",
    help="Calculate the impact of a personal-data breach from a small YAML file.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


class Format(StrEnum):
    """Output formats."""

    table = "table"
    json = "json"


def _errors_to_exit_codes(func: F) -> F:
    """Print a :class:`BreachcalcError` as a one-line-per-problem message and exit with its code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BreachcalcError as error:
            report(error)
            raise typer.Exit(code=error.exit_code) from None

    return wrapper  # type: ignore[return-value]


def report(error: BreachcalcError) -> None:
    """Write ``error`` to stderr, each line prefixed ``error:``."""
    for line in str(error).splitlines() or ["unknown error"]:
        sys.stderr.write(f"error: {line}\n")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"breachcalc {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Calculate the impact of a personal-data breach from a small YAML file.

    Exit codes: 0 success, 1 bad input, 2 usage error, 70 internal error.
    """


def _color() -> bool | None:
    if os.environ.get("NO_COLOR"):
        return False
    return None


@app.command(
    epilog="""\b
Examples:
  breachcalc assess examples/coupang.yaml
  breachcalc assess examples/coupang.yaml --format json | jq .compensation.total
  cat breach.yaml | breachcalc assess -
  breachcalc assess a.yaml b.yaml --format json    (JSON Lines: one document per line)
"""
)
@_errors_to_exit_codes
def assess(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Breach description files (YAML); - reads standard input.", metavar="FILE"
        ),
    ],
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = Format.table,
) -> None:
    """Assess one or more breaches: compensation exposure and severity tier."""
    from breachcalc.assessment import assess as assess_breach
    from breachcalc.loader import load_breach

    table = fmt is Format.table
    failed: list[BreachcalcError] = []
    if files.count("-") > 1:
        raise InputError(
            "<stdin>", [Problem("standard input can be read only once; give `-` once")]
        )
    for index, name in enumerate(files):
        try:
            result = assess_breach(load_breach(name))
        except InputError as error:
            report(error)
            failed.append(error)
            continue
        if table:
            from breachcalc.render.table import assessment_tables, write_tables

            if index:
                sys.stdout.write("\n")
            write_tables(sys.stdout, partial(assessment_tables, result), color=_color())
        else:
            from breachcalc.render.document import assessment_document
            from breachcalc.render.jsontext import dumps

            indent = 2 if len(files) == 1 else None
            sys.stdout.write(dumps(assessment_document(result), indent=indent) + "\n")
    if failed:
        raise typer.Exit(code=1)


class Which(StrEnum):
    """Which schema to print."""

    input = "input"
    output = "output"


@app.command(
    epilog="""\b
Examples:
  breachcalc schema input > breach.schema.json     (point your editor's YAML plugin at it)
  breachcalc schema output
"""
)
@_errors_to_exit_codes
def schema(
    which: Annotated[
        Which, typer.Argument(help="input: the YAML file; output: the JSON result.")
    ] = Which.input,
) -> None:
    """Print the JSON Schema of the input file or of the JSON output."""
    import json

    if which is Which.input:
        from breachcalc.model import Breach

        document = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **Breach.model_json_schema(),
        }
    else:
        from breachcalc.render.document import output_schema

        document = output_schema()
    sys.stdout.write(json.dumps(document, indent=2) + "\n")


@app.command(
    epilog="""\b
Examples:
  breachcalc categories
  breachcalc categories --format json | jq -r '.[].key'
"""
)
@_errors_to_exit_codes
def categories(
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = Format.table,
) -> None:
    """List the data categories an input file may name, with their aliases and ENISA class."""
    from breachcalc.refdata import catalogue

    cat = catalogue()
    if fmt is Format.table:
        from rich import box
        from rich.table import Table

        from breachcalc.render.table import write_tables

        table = Table(
            box=box.SIMPLE_HEAD, pad_edge=False, title=f"Source: {cat.source}", title_justify="left"
        )
        for column in ("Key", "ENISA class", "Identifies", "Also accepted"):
            table.add_column(column, overflow="fold")
        for c in cat.categories.values():
            table.add_row(c.key, c.enisa_class, c.identifies, ", ".join(c.aliases))
        write_tables(sys.stdout, lambda out: out.print(table), color=_color())
    else:
        from breachcalc.render.jsontext import dumps

        rows = [
            {
                "key": c.key,
                "label": c.label,
                "enisa_class": c.enisa_class,
                "identifies": c.identifies,
                "aliases": list(c.aliases),
                "note": c.note,
            }
            for c in cat.categories.values()
        ]
        sys.stdout.write(dumps(rows) + "\n")


def main() -> None:
    """Console-script entry point: run the app; turn anything unexpected into a short message."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
    except BrokenPipeError:
        _quiet_broken_pipe()
        raise SystemExit(141) from None
    except BreachcalcError as error:  # raised outside a command (should not happen)
        report(error)
        raise SystemExit(error.exit_code) from None
    except Exception as error:
        sys.stderr.write(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in breachcalc; please report it with the input that caused it.\n"
        )
        raise SystemExit(EXIT_INTERNAL) from None


def _quiet_broken_pipe() -> None:
    """After a closed pipe, point stdout at devnull so the interpreter's final flush is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
