"""The standard streams: text written to stdout with what can go wrong there, errors as lines
on stderr, and escapes for what an encoding cannot show.

Cheap to import (the standard library's ``os`` and ``sys`` only), so ``breachcalc --version``
answers with it before anything else is loaded.
"""

from __future__ import annotations

import contextlib
import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from breachcalc.errors import BreachcalcError


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
    written (a closed pipe, a full disk) says nothing."""
    with contextlib.suppress(OSError, AttributeError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())


def escape_what_cannot_be_encoded() -> None:
    """What an encoding cannot show is written as an escape: on stdout JSON's own \\uXXXX, so a
    JSON document stays JSON with ``PYTHONIOENCODING=ascii``; on stderr Python's."""
    from breachcalc.render.json import register_escapes

    for stream, errors in ((sys.stdout, register_escapes()), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=errors)


def report(error: BreachcalcError) -> None:
    """Write ``error`` to stderr, each line prefixed ``error:``."""
    for line in str(error).splitlines() or ["unknown error"]:
        sys.stderr.write(f"error: {line}\n")
