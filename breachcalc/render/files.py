"""Where results go: standard output, or a file written atomically (``-o/--output``).

One helper, :func:`atomic_path`, serves every output (results, plots): a regular file is
written to a temporary beside it and renamed into place only on success; a device, FIFO or
socket (``/dev/null``, ``/dev/stdout``, a pipe) is written directly, never renamed over, so
running as root cannot replace ``/dev/null`` with a file. A path that is one of the command's
inputs is refused. Temporaries are removed on any error, Ctrl-C, SIGTERM or SIGHUP.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from breachcalc.errors import OutputError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def refuse_inputs(target: Path, inputs: Iterable[str]) -> None:
    """Refuse an output path that is one of the inputs (it would overwrite the input).

    Raises:
        OutputError: naming the path.
    """
    for name in inputs:
        if name == "-":
            continue
        file = Path(name.partition("#")[0] if not Path(name).exists() else name)
        if _same_file(target, file):
            raise OutputError(
                f"cannot write {target}: it is an input of this command; choose another file"
            )


@contextmanager
def atomic_path(target: Path, suffix: str = ".tmp") -> Iterator[Path]:
    """A path to write ``target``'s new content to (see the module notes).

    Raises:
        OutputError: the target is a folder, or its folder does not exist or cannot be written.
    """
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {target}: it is a folder")
    if mode is not None and not stat.S_ISREG(mode):
        yield target  # a device, FIFO or socket: write to it, never rename over it
        return
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=suffix)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def output_stream(target: Path | None, inputs: Iterable[str] = ()) -> Iterator[TextIO]:
    """Yield a text stream for the result: standard output, or ``target`` written atomically
    (complete new result or untouched; an interrupted or failed run leaves no partial file).

    Raises:
        OutputError: the target is an input, a folder, or cannot be written (disk full, ...).
    """
    if target is None:
        if sys.stdout is None:
            raise OutputError("cannot write the result: standard output is closed; use -o FILE")
        yield sys.stdout
        return
    refuse_inputs(target, inputs)
    try:
        with atomic_path(target) as path, open(path, "w", encoding="utf-8", newline="") as stream:
            yield stream
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
