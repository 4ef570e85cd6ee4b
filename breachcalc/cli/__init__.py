"""The command line: a thin adapter over the library.

:mod:`breachcalc.cli.app` is the Typer app and :func:`main`; one module per command beside it.
Commands only parse arguments, call the library, render and map errors to exit codes; heavy
imports stay inside the command bodies so start-up stays fast.
"""

from breachcalc.cli.app import app, main

__all__ = ["app", "main"]
