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

        sys.stdout.write(f"breachcalc {__version__}\n")
        return
    stop_cleanly_on_signals()
    try:
        from breachcalc.cli.commands import main as run
    except Stopped as stop:  # stopped while still starting
        sys.stderr.write(f"{stop.words}\n")
        raise SystemExit(128 + stop.signum) from None
    run()


def __getattr__(name: str) -> Any:
    """``breachcalc.cli.commands`` (the Typer app) on first use."""
    if name == "app":
        from breachcalc.cli.commands import app

        return app
    raise AttributeError(f"module 'breachcalc.cli' has no attribute {name!r}")


__all__ = ["Stopped", "app", "main", "stop_cleanly_on_signals"]
