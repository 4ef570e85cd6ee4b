"""What every command shares: its options, the error-to-exit-code mapping, stderr messages.

A command is its options, one :mod:`breachcalc.api` call and one
:func:`breachcalc.render.formats.write`; :func:`format_option` makes its ``--format`` from the
formats its result type offers, refused (exit 2) before any work is done.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from breachcalc.errors import BreachcalcError, UsageError
from breachcalc.render.streams import report, silence_stdout

if TYPE_CHECKING:
    from breachcalc.input.overrides import Override

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INTERRUPTED = 130
"""128 + SIGINT: Ctrl-C."""

EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE: what a shell reports for a writer whose reader went away (``| head -1``)."""


def format_option(kind: str, command: str, default: str = "table", note: str = "") -> Any:
    """``--format`` for a command whose result is ``kind``: the formats the result offers
    (:func:`breachcalc.render.formats.formats_of`, the default first, marked where it is not
    the table), any other refused with the formats it could have been."""
    from breachcalc.render.formats import check, formats_of

    names = [default, *(f for f in formats_of(kind) if f != default)]
    if default != "table":
        names[0] += " (default)"
    listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]

    def checked(value: str) -> str:
        try:
            return check(kind, value, command)
        except UsageError as error:
            report(error)
            raise typer.Exit(code=error.exit_code) from None

    def complete(incomplete: str) -> list[str]:
        return [f for f in formats_of(kind) if f.startswith(incomplete.lower())]

    return typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"Output format: {listed}" + (f" ({note})." if note else "."),
        callback=checked,
        autocompletion=complete,
    )


SetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help="Override a value of the file: PATH=VALUE, e.g. compensation.amount=30000 "
        "(repeatable).",
        metavar="PATH=VALUE",
    ),
]
"""The ``--set`` option of every command that reads a breach."""

NoHistoryOption = Annotated[
    bool,
    typer.Option(
        "--no-history",
        help="Leave out the public outcomes estimated from the breach history.",
    ),
]
"""``--no-history``, declared once for assess, explain, simulate and report."""

PolicyOption = Annotated[
    Path | None,
    typer.Option(
        "--policy",
        metavar="FILE",
        help="Apply this cyber policy (YAML) to every file without its own `insurance`.",
        readable=False,  # the loader reads it and says what is wrong, located (exit 1)
    ),
]
"""``--policy``, declared once for assess, simulate, report and portfolio."""

QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No progress bar on a terminal (there is none in a pipe)."),
]
"""``--quiet``, for the commands whose work can be long (simulate, sweep)."""

OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the result to FILE (atomically) instead of stdout; - is stdout.",
        metavar="FILE",
        dir_okay=False,
    ),
]
"""The ``-o/--output`` option."""


def parse_sets(texts: list[str] | None) -> tuple[Override, ...]:
    """``--set`` values as overrides; a malformed or unknown path is a usage error (exit 2)."""
    from breachcalc.input.overrides import parse_override
    from breachcalc.input.paths import PathError

    try:
        return tuple(parse_override(text) for text in texts or ())
    except PathError as exc:
        raise UsageError(str(exc)) from None


def write(
    result: Any, fmt: str, output: Path | None, inputs: Sequence[str | Path | None] = ()
) -> None:
    """Write ``result`` in ``fmt`` to stdout, or atomically to ``output`` (never one of the
    command's ``inputs``). A result some of whose inputs were refused (``failed``, each
    reported as it was met) ends the command with exit 1 and leaves no output file."""
    from breachcalc.render import formats
    from breachcalc.render.files import output_stream

    if fmt in formats.FILES:  # a printed page: a file of its own (the command asks for -o)
        assert output is not None
        formats.write_file(result, fmt, output, inputs)
        return
    with output_stream(output, inputs) as out:
        formats.write(result, fmt, out)
        if getattr(result, "failed", False):
            raise typer.Exit(code=1)


def plot_file(plot: Path | None) -> Path | None:
    """``--plot FILE``: a .png or .svg name, else a usage error."""
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise UsageError(f"--plot {plot}: the file name must end in .png or .svg")
    return plot


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
            silence_stdout()
            raise typer.Exit(code=EXIT_BROKEN_PIPE) from None
        except KeyboardInterrupt:
            sys.stderr.write("interrupted\n")
            raise typer.Exit(code=EXIT_INTERRUPTED) from None
        except OSError as error:  # writing the result: a full disk, a closed terminal
            sys.stderr.write(f"error: cannot write the result: {error.strerror or error}\n")
            raise typer.Exit(code=1) from None

    return wrapper  # type: ignore[return-value]
