"""What every command shares: output formats, the error-to-exit-code mapping, stderr messages."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO, TypeVar

import typer

from breachcalc.errors import BreachcalcError, UsageError

if TYPE_CHECKING:
    from breachcalc.input.overrides import Override

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INTERRUPTED = 130
"""128 + SIGINT: Ctrl-C."""

EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE: what a shell reports for a writer whose reader went away (``| head -1``)."""


class Format(StrEnum):
    """Output formats."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: table, json, jsonl, csv or markdown.",
        case_sensitive=False,
    ),
]
"""The ``--format`` option, declared once for every command."""


def _format_option(names: str) -> Any:
    return Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=f"Output format: {names}.",
            case_sensitive=False,
        ),
    ]


TableJsonOption = _format_option("table or json")
"""``--format`` for the commands that write a table or one JSON document only."""
TableJsonLinesOption = _format_option("table, json or jsonl")
"""``--format`` for the commands that write a table, JSON or JSON Lines."""

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
"""``--no-history``, declared once for assess, explain and simulate."""

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


def insured(breach: Any, policy: Any) -> Any:
    """``breach`` with ``policy`` where it has no ``insurance`` of its own (the file wins)."""
    if policy is None or breach.insurance is not None:
        return breach
    return breach.model_copy(update={"insurance": policy})


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


def require(fmt: Format, allowed: tuple[Format, ...], command: str) -> None:
    """Refuse a format the command cannot write, naming the ones it can (exit 2)."""
    if fmt not in allowed:
        names = ", ".join(f.value for f in allowed)
        raise UsageError(f"`{command}` writes {names}; not {fmt.value}")


def emit_rows(
    stream: TextIO,
    fmt: Format,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str = "",
    right: Sequence[bool] | None = None,
    schema_version: str | None = None,
) -> None:
    """Write a header and rows in ``fmt`` (the tabular formats every command shares); JSON
    with ``schema_version`` is a document with the rows inside."""
    from breachcalc.render import tabular

    if fmt is Format.csv:
        tabular.write_csv(stream, header, rows)
    elif fmt is Format.markdown:
        tabular.write_markdown(stream, header, rows, right)
    elif fmt is Format.json:
        tabular.write_json(stream, header, rows, schema_version)
    elif fmt is Format.jsonl:
        tabular.write_jsonl(stream, header, rows)
    else:
        from breachcalc.render.table import write_tables

        table = tabular.rich_table(header, rows, title=title, right=right)
        write_tables(stream, lambda out: out.print(table), color=color(), fit=table)


def emit_document(stream: TextIO, fmt: Format, document: Any, entries: str) -> None:
    """JSON: the whole ``document``; JSON Lines: one line for each item of ``document[entries]``."""
    from breachcalc.render.jsontext import dumps

    if fmt is Format.json:
        stream.write(dumps(document) + "\n")
    else:
        for entry in document[entries]:
            stream.write(dumps(entry, indent=None) + "\n")


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
        except KeyboardInterrupt:
            sys.stderr.write("interrupted\n")
            raise typer.Exit(code=EXIT_INTERRUPTED) from None
        except OSError as error:  # writing the result: a full disk, a closed terminal
            sys.stderr.write(f"error: cannot write the result: {error.strerror or error}\n")
            raise typer.Exit(code=1) from None

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
