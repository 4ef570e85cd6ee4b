"""The command line: its commands, its root options, and :func:`main`, the one entry point.

Every command lives in its own module of :mod:`breachcalc.cli` and is named here by import
string (:data:`COMMANDS`): a run imports and builds only the command it invokes
(:class:`~breachcalc.cli.group.LazyGroup`). ``breachcalc --version`` answers before Typer is
imported at all: it is the one call scripts make to check the tool is there.

Exit codes: 0 success; 1 bad input (or a file that could not be written); 2 usage error;
70 internal error (a bug: please report it); 129 hung up; 130 interrupted; 141 output pipe
closed; 143 terminated.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from functools import cache

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing before main() runs
if TYPE_CHECKING:
    from typing import Any

    import typer

COMMANDS: dict[str, str] = {
    name: f"breachcalc.cli.{name}:{name}"
    for name in (  # in the order a user meets them: assess first, reference lookups last
        "init",
        "assess",
        "explain",
        "report",
        "simulate",
        "compare",
        "sweep",
        "sensitivity",
        "portfolio",
        "history",
        "backtest",
        "severity",
        "categories",
        "law",
        "schema",
    )
}
"""Command name → ``"module:function"``."""

EXIT_INTERNAL = 70
"""sysexits.h EX_SOFTWARE: an internal error, not the user's fault."""

HELP = "Calculate the impact of a personal-data breach from a small YAML file."


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C, so every temporary file is removed."""

    def __init__(self, signum: int, words: str) -> None:
        super().__init__(words)
        self.signum, self.words = signum, words


def _stop_cleanly_on(signum: int, words: str) -> None:
    def handler(number: int, _frame: object) -> None:
        raise Stopped(number, words)

    with contextlib.suppress(ValueError, OSError):  # not the main thread, or no such signal
        signal.signal(signum, handler)


def stop_cleanly_on_signals() -> None:
    """SIGTERM and SIGHUP unwind like Ctrl-C (exit 143 and 129), from the first instant."""
    _stop_cleanly_on(signal.SIGTERM, "terminated")
    _stop_cleanly_on(signal.SIGHUP, "hung up")


@cache
def application() -> typer.Typer:
    """The Typer app: the root options, and every command of :data:`COMMANDS`, lazily."""
    import typer
    from typer.core import TyperArgument

    from breachcalc import __version__
    from breachcalc.cli.group import LazyGroup
    from breachcalc.render.streams import write_out

    def version(value: bool) -> None:
        if value:
            raise typer.Exit(write_out(f"breachcalc {__version__}\n", "the version"))

    app = typer.Typer(
        name="breachcalc",
        help=HELP,
        cls=type("Commands", (LazyGroup,), {"lazy": COMMANDS}),
        no_args_is_help=True,
        add_completion=True,  # --install-completion and --show-completion (docs/commands.md)
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def root(
        show_version: bool = typer.Option(
            False, "--version", callback=version, is_eager=True, help="Print the version and exit."
        ),
    ) -> None:
        """Calculate the impact of a personal-data breach from a small YAML file.

        Exit codes: 0 success, 1 bad input, 2 usage error, 70 internal error.
        """

    # Typer prints a Python type after each argument (``FILE <list[str]>``); the metavars and
    # help texts already say what is expected, in words.
    TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]
    return app


def main() -> None:
    """Console-script entry point: run the app; turn anything unexpected into a short message.
    ``--version`` answers before Typer (and every command module) is imported."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from breachcalc import __version__
        from breachcalc.render.streams import write_out

        raise SystemExit(write_out(f"breachcalc {__version__}\n", "the version"))
    # The command line uses no pydantic plugins; looking for them scans every installed
    # distribution's metadata (about 10 ms). Library users keep pydantic's default.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    stop_cleanly_on_signals()
    try:  # Ctrl-C or a signal while the command line is still being loaded is handled too
        from breachcalc.cli.common import EXIT_BROKEN_PIPE
        from breachcalc.errors import BreachcalcError
        from breachcalc.render.streams import escape_what_cannot_be_encoded, report, silence_stdout

        escape_what_cannot_be_encoded()
        if sys.stdout is None and {"-h", "--help"} & set(sys.argv[1:]):
            raise OSError(0, "standard output is closed")  # Click would print nothing, exit 0
        application()()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
    except Stopped as stop:
        sys.stderr.write(f"{stop.words}\n")
        raise SystemExit(128 + stop.signum) from None
    except BrokenPipeError:
        silence_stdout()
        raise SystemExit(EXIT_BROKEN_PIPE) from None
    except BreachcalcError as error:  # raised outside a command (should not happen)
        report(error)
        raise SystemExit(error.exit_code) from None
    except OSError as error:  # writing help or usage: stdout full (/dev/full) or gone
        sys.stderr.write(f"error: cannot write the output: {error.strerror or error}\n")
        silence_stdout()
        raise SystemExit(1) from None
    except Exception as error:
        if _interrupted(error):  # Ctrl-C inside an import arrives wrapped (e.g. __set_name__)
            sys.stderr.write("interrupted\n")
            raise SystemExit(130) from None
        sys.stderr.write(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in breachcalc; please report it with the input that caused it.\n"
        )
        raise SystemExit(EXIT_INTERNAL) from None


def _interrupted(error: BaseException) -> bool:
    """Whether a KeyboardInterrupt lies behind ``error`` (its cause or context, at any depth)."""
    seen: set[int] = set()
    found: BaseException | None = error
    while found is not None and id(found) not in seen:
        if isinstance(found, KeyboardInterrupt):
            return True
        seen.add(id(found))
        found = found.__cause__ or found.__context__
    return False


def __getattr__(name: str) -> Any:
    """``app``: the Typer app, built on first use."""
    if name == "app":
        return application()
    raise AttributeError(f"module 'breachcalc.cli.app' has no attribute {name!r}")
