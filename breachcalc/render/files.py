"""Where results go: standard output, or a file written atomically (``-o/--output``)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from breachcalc.errors import OutputError


@contextmanager
def output_stream(target: Path | None) -> Iterator[TextIO]:
    """Yield a text stream for the result.

    With a target, the result is written to a temporary file in the same folder and moved into
    place only when the command finishes without error, so the target is either the complete new
    result or untouched; an interrupted or failed run leaves no partial file.

    Raises:
        OutputError: the folder does not exist or cannot be written, or the disk is full.
    """
    if target is None:
        yield sys.stdout
        return
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
