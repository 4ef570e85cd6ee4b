"""The command line: the Typer app, its commands, and the last line of defence in :func:`main`.

Commands live one per module in :mod:`breachcalc.cli`; this module registers them.

Exit codes: 0 success; 1 bad input (or a file that could not be written); 2 usage error;
70 internal error (a bug: please report it); 129 hung up; 130 interrupted; 141 output pipe
closed; 143 terminated.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from breachcalc import __version__
from breachcalc.cli import (
    Stopped,
    assess,
    backtest,
    categories,
    compare,
    explain,
    history,
    init,
    law,
    portfolio,
    report,
    schema,
    sensitivity,
    severity,
    silence_stdout,
    simulate,
    stop_cleanly_on_signals,
    sweep,
    write_out,
)
from breachcalc.cli.common import EXIT_BROKEN_PIPE, quiet_broken_pipe
from breachcalc.cli.common import report as report_error
from breachcalc.cli.group import LazyGroup
from breachcalc.errors import BreachcalcError

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


def _version(value: bool) -> None:
    if value:
        raise typer.Exit(write_out(f"breachcalc {__version__}\n", "the version"))


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


# In the order a user meets them: assess first, reference lookups last.
for module, command in (
    (init, init.init),
    (assess, assess.assess),
    (explain, explain.explain),
    (report, report.report),
    (simulate, simulate.simulate),
    (compare, compare.compare),
    (sweep, sweep.sweep),
    (sensitivity, sensitivity.sensitivity),
    (portfolio, portfolio.portfolio),
    (history, history.history),
    (backtest, backtest.backtest),
    (severity, severity.severity),
    (categories, categories.categories),
    (law, law.law),
    (schema, schema.schema),
):
    app.command(epilog=module.EPILOG)(command)
app.info.cls = LazyGroup.over(app)  # a run builds the command it invokes, not all fourteen


def _no_type_names() -> None:
    """Typer prints a Python type after each argument (``FILE <list[str]>``); the metavars and
    help texts already say what is expected, in words."""
    from typer.core import TyperArgument

    setattr(TyperArgument, "display_type_rich", lambda self, ctx: None)  # noqa: B010


_no_type_names()


def _escape_what_cannot_be_encoded() -> None:
    """What an encoding cannot show is written as an escape: on stdout JSON's own \\uXXXX, so a
    JSON document stays JSON with ``PYTHONIOENCODING=ascii``; on stderr Python's."""
    from breachcalc.render.jsontext import register_escapes

    for stream, errors in ((sys.stdout, register_escapes()), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=errors)


def main() -> None:
    """Console-script entry point: run the app; turn anything unexpected into a short message."""
    # The command line uses no pydantic plugins; looking for them scans every installed
    # distribution's metadata (about 10 ms). Library users keep pydantic's default.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    stop_cleanly_on_signals()
    try:
        _escape_what_cannot_be_encoded()
        if sys.stdout is None and {"-h", "--help"} & set(sys.argv[1:]):
            raise OSError(0, "standard output is closed")  # Click would print nothing, exit 0
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
    except Stopped as stop:
        sys.stderr.write(f"{stop.words}\n")
        raise SystemExit(128 + stop.signum) from None
    except BrokenPipeError:
        quiet_broken_pipe()
        raise SystemExit(EXIT_BROKEN_PIPE) from None
    except BreachcalcError as error:  # raised outside a command (should not happen)
        report_error(error)
        raise SystemExit(error.exit_code) from None
    except OSError as error:  # writing help or usage: stdout full (/dev/full) or gone
        sys.stderr.write(f"error: cannot write the output: {error.strerror or error}\n")
        silence_stdout()
        raise SystemExit(1) from None
    except Exception as error:
        sys.stderr.write(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in breachcalc; please report it with the input that caused it.\n"
        )
        raise SystemExit(EXIT_INTERNAL) from None
