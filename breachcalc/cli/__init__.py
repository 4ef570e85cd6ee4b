"""The command line: a thin adapter over the library.

:mod:`breachcalc.cli.commands` builds the Typer app and its ``main``; one module per command
beside it.
Commands only parse arguments, call the library, render and map errors to exit codes; heavy
imports stay inside the command bodies so start-up stays fast.
"""

from __future__ import annotations

import sys
from typing import Any


def main() -> None:
    """Console-script entry point. ``breachcalc --version`` answers before Typer (and every
    command module) is imported: it is the one call scripts make to check the tool is there."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from breachcalc import __version__

        sys.stdout.write(f"breachcalc {__version__}\n")
        return
    from breachcalc.cli.commands import main as run

    run()


def __getattr__(name: str) -> Any:
    """``breachcalc.cli.commands`` (the Typer app) on first use."""
    if name == "app":
        from breachcalc.cli.commands import app

        return app
    raise AttributeError(f"module 'breachcalc.cli' has no attribute {name!r}")


__all__ = ["app", "main"]
