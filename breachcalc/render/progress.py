"""A progress bar on stderr for long work: shown only on a terminal, never in a pipe, with
NO_COLOR or when asked to be quiet, and only once the work has taken about a second.

The library reports progress through a plain callback (``progress(done, total)``, see
:data:`breachcalc.api.Progress`); this module is the one that draws it (rich is imported only
when a bar is actually shown).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

DELAY = 1.0
"""Seconds of work before a bar appears: shorter work shows none."""


def wanted(*, quiet: bool = False, stream: TextIO | None = None) -> bool:
    """Whether a bar may be drawn on ``stream`` (stderr): a terminal, no NO_COLOR, not quiet."""
    stream = stream or sys.stderr
    if quiet or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def progress_bar(
    label: str, *, enabled: bool, stream: TextIO | None = None, delay: float = DELAY
) -> Iterator[Callable[[int, int], None] | None]:
    """A ``progress(done, total)`` callback that draws a transient bar on ``stream`` once the
    work has lasted ``delay`` seconds (None when not ``enabled``); the bar is cleared at the end,
    so the result follows on a clean screen."""
    if not enabled:
        yield None
        return
    start = time.monotonic()
    shown: list[Any] = []  # [the rich Progress, its task] once drawn

    def update(done: int, total: int) -> None:
        if not shown:
            if time.monotonic() - start < delay:
                return
            shown.extend(_start(label, total, stream or sys.stderr))
        bar, task = shown
        bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if shown:
            shown[0].stop()


def _start(label: str, total: int, stream: TextIO) -> tuple[Any, Any]:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

    bar = Progress(
        "{task.description}",
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=Console(file=stream),
        transient=True,
    )
    bar.start()
    return bar, bar.add_task(label, total=total)
