"""The command line: a thin adapter over the library.

:mod:`breachcalc.cli.commands` builds the Typer app and its ``main``; one module per command
beside it.
Commands only parse arguments, call the library, render and map errors to exit codes; heavy
imports stay inside the command bodies so start-up stays fast.
"""

from __future__ import annotations

import contextlib
import signal
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing before main() runs
if TYPE_CHECKING:
    from typing import Any


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


def main() -> None:
    """Console-script entry point. ``breachcalc --version`` answers before Typer (and every
    command module) is imported: it is the one call scripts make to check the tool is there."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from breachcalc import __version__

        raise SystemExit(write_out(f"breachcalc {__version__}\n", "the version"))
    stop_cleanly_on_signals()
    try:
        from breachcalc.cli.commands import main as run
    except Stopped as stop:  # stopped while still starting
        sys.stderr.write(f"{stop.words}\n")
        raise SystemExit(128 + stop.signum) from None
    except KeyboardInterrupt:  # Ctrl-C while the command line is still being loaded
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
    run()


def write_out(text: str, what: str) -> int:
    """Write ``text`` to stdout and flush it; the exit code: 0, or 1 with a message on stderr
    when stdout is closed or full, 141 when its reader went away."""
    try:
        if sys.stdout is None:
            raise OSError(0, "standard output is closed")
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return 141
    except OSError as error:
        sys.stderr.write(f"error: cannot write {what}: {error.strerror or error}\n")
        silence_stdout()
        return 1
    return 0


def silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush of what could not be
    written says nothing."""
    import os

    with contextlib.suppress(OSError, AttributeError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())


def __getattr__(name: str) -> Any:
    """``breachcalc.cli.commands`` (the Typer app) on first use."""
    if name == "app":
        from breachcalc.cli.commands import app

        return app
    raise AttributeError(f"module 'breachcalc.cli' has no attribute {name!r}")


__all__ = ["Stopped", "app", "main", "silence_stdout", "stop_cleanly_on_signals", "write_out"]
