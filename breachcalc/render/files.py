"""Where results go: standard output, or a file written atomically (``-o/--output``).

One helper, :func:`atomic_path`, serves every output (results, plots). A symbolic link is
followed to the file it names, so ``latest.html -> reports/x.html`` updates ``reports/x.html``
and the link stays a link. A regular file is written to a temporary beside it and renamed into
place only on success, keeping the mode of the file it replaces; a device, FIFO or socket
(``/dev/null``, ``/dev/stdout``, a pipe) is written directly, never renamed over, so running as
root cannot replace ``/dev/stdout`` with a file. ``-`` is standard output. A path that is one
of the command's inputs (a breach file, the ``--policy`` file) is refused. Temporaries are
removed on any error, Ctrl-C, SIGTERM or SIGHUP.
"""

from __future__ import annotations

import contextlib
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


STDOUT = "-"
"""The output name that means standard output (``-o -``)."""


def is_stdout(target: Path | str | None) -> bool:
    """True for no ``-o`` at all and for ``-o -``."""
    return target is None or str(target) == STDOUT


def refuse_existing(target: Path) -> None:
    """Refuse a target that exists (or is a link) or whose folder does not: a new file only
    (``breachcalc init`` checks it before its first question, not after its last)."""
    if os.path.lexists(target):
        raise OutputError(f"{target} exists; choose another name or remove it first")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: the folder {folder} does not exist")


def refuse_inputs(target: Path, inputs: Iterable[str | Path | None]) -> None:
    """Refuse an output path that is one of the inputs (it would overwrite the input), also
    through a link to it.

    Raises:
        OutputError: naming the path.
    """
    for given in inputs:
        if given is None:
            continue
        name = str(given)
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
    shown = target
    target, direct = resolved(target)
    if direct:
        yield target
        return
    try:
        status: os.stat_result | None = target.stat()
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    mode = status.st_mode if status is not None else None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {shown}: it is a folder")
    if mode is not None and not stat.S_ISREG(mode):
        yield target  # a device, FIFO or socket: write to it, never rename over it
        return
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=suffix)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    os.close(handle)
    try:
        yield Path(temporary)
        _take_over(temporary, status)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def output_stream(
    target: Path | None, inputs: Iterable[str | Path | None] = ()
) -> Iterator[TextIO]:
    """Yield a text stream for the result: standard output, or ``target`` written atomically
    (complete new result or untouched; an interrupted or failed run leaves no partial file).

    Raises:
        OutputError: the target is an input, a folder, or cannot be written (disk full, ...).
    """
    if target is None or is_stdout(target):
        if sys.stdout is None:
            raise OutputError("cannot write the result: standard output is closed; use -o FILE")
        yield sys.stdout
        return
    refuse_inputs(target, inputs)
    try:
        with atomic_path(target) as path:
            # A temporary is new; a device, pipe or descriptor is written through, appending
            # (``>> log`` with ``-o /dev/stdout`` keeps what the log held).
            if path != resolved(target)[0]:
                with open(path, "w", encoding="utf-8", newline="") as stream:
                    yield stream
            else:
                with open(path, "a", encoding="utf-8", newline="") as stream:
                    yield stream
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None


def resolved(target: Path) -> tuple[Path, bool]:
    """``target`` with every symbolic link followed (a dangling link: where it points), and
    whether to write it directly: a link into ``/proc`` (``/dev/stdout``, ``/dev/fd/1``) names an
    open file descriptor, whatever it is, and is written through, never replaced.

    Raises:
        OutputError: the links loop.
    """
    path = Path(os.path.abspath(target))
    for _ in range(MAX_LINKS):
        parent = Path(os.path.realpath(path.parent))
        if parent.parts[1:2] == ("proc",):
            return path, True
        path = parent / path.name
        if not path.is_symlink():
            return path, False
        path = Path(parent, os.readlink(path))
    raise OutputError(f"cannot write {target}: too many levels of symbolic links")


MAX_LINKS = 40
"""Links followed from an output path before giving up (the kernel's own limit)."""


def _take_over(temporary: str, replaced: os.stat_result | None) -> None:
    """Give the new file the mode (and, as root, the owner) of the file it replaces; a new
    file gets the usual mode (0666 less the umask)."""
    if replaced is None:
        os.chmod(temporary, 0o666 & ~_umask())
        return
    os.chmod(temporary, stat.S_IMODE(replaced.st_mode))
    if hasattr(os, "chown") and os.geteuid() == 0:
        with contextlib.suppress(OSError):
            os.chown(temporary, replaced.st_uid, replaced.st_gid)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
