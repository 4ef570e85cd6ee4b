"""What every command shares: output formats, the error-to-exit-code mapping, stderr messages."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Annotated, Any, TypeVar

import typer

from breachcalc.errors import BreachcalcError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE: what a shell reports for a writer whose reader went away (``| head -1``)."""


class Format(StrEnum):
    """Output formats."""

    table = "table"
    json = "json"


FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
"""The ``--format`` option, declared once for every command."""


def errors_to_exit_codes(func: F) -> F:
    """Print a :class:`BreachcalcError` as one line per problem and exit with its code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BreachcalcError as error:
            report(error)
            raise typer.Exit(code=error.exit_code) from None
        except BrokenPipeError:
            quiet_broken_pipe()
            raise typer.Exit(code=EXIT_BROKEN_PIPE) from None

    return wrapper  # type: ignore[return-value]


def report(error: BreachcalcError) -> None:
    """Write ``error`` to stderr, each line prefixed ``error:``."""
    for line in str(error).splitlines() or ["unknown error"]:
        sys.stderr.write(f"error: {line}\n")


def color() -> bool | None:
    """False when NO_COLOR is set (non-empty); None lets rich decide from the stream."""
    return False if os.environ.get("NO_COLOR") else None


def quiet_broken_pipe() -> None:
    """After a closed pipe, point stdout at devnull so the interpreter's final flush is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
