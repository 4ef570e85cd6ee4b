"""One exception tree for everything breachcalc refuses.

The command line catches :class:`BreachcalcError` in exactly one place, prints
``str(error)`` on stderr and exits with ``error.exit_code``. Library callers can
catch the same classes and read the structured fields.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from breachcalc.contract import record

_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""Control characters, and every character :meth:`str.splitlines` breaks a line at."""

SHOWN_CHARS = 24
"""Longest piece of the user's own text (a key, a code) quoted in a message: enough to find
it, too short to leak a password hash or a token into a CI log."""


def one_line(text: str) -> str:
    """``text`` with line breaks and control characters written as escapes (``\\n``)."""
    return _BREAKS.sub(lambda m: repr(m[0])[1:-1], text)


def shown(text: str) -> str:
    """The user's text as quoted in a message: on one line, cut at :data:`SHOWN_CHARS`."""
    return cut(one_line(text))


def cut(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` cut at ``limit`` characters with an ellipsis (for a ``!r`` in a message)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


ARGUMENT_CHARS = 60
"""Longest piece of a command-line argument quoted back (the user typed it; no file leaks)."""


class BreachcalcError(Exception):
    """Base class: a failure the user can act on. Exit code 1 unless a subclass says otherwise."""

    exit_code = 1


@record
class Problem:
    """One thing wrong with an input, located as precisely as the input allows.

    Attributes:
        message: what is wrong and what would be valid, in the user's terms.
        field: dotted path into the document (``compensation.vouchers.2.amount``), or "".
        line: 1-based line, or None when the problem has no single place.
        column: 1-based column, or None.
        origin: where a value came from when not from the file, e.g. ``--set affected=-5``.
    """

    message: str
    field: str = ""
    line: int | None = None
    column: int | None = None
    origin: str = ""

    def render(self, source: str) -> str:
        """Format as ``source:line:column: field: message`` (gcc style; unknown parts left out)."""
        where = source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.origin:
            where += f": {self.origin}"
        field = f"{self.field}: " if self.field else ""
        return one_line(f"{where}: {field}{self.message}")  # one problem, one line


MAX_PROBLEMS = 20
"""Most problems reported for one input: a file that is not a breach description at all would
otherwise echo itself line by line."""


class InputError(BreachcalcError):
    """An input file (or stdin, or an override) that breachcalc refuses.

    Attributes:
        source: the file name as the user gave it (``-`` reads as ``<stdin>``).
        problems: every problem found, in document order.
    """

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(self._text())

    def _text(self) -> str:
        shown = [p.render(self.source) for p in self.problems[:MAX_PROBLEMS]]
        hidden = len(self.problems) - MAX_PROBLEMS
        if hidden > 0:
            shown.append(
                f"{self.source}: … and {hidden:,} more problems (only the first "
                f"{MAX_PROBLEMS} are shown; is this a breach description?)"
            )
        return "\n".join(shown)


class UsageError(BreachcalcError):
    """The command was called wrongly (an option value that cannot be parsed, say). Exit code 2."""

    exit_code = 2


class OutputError(BreachcalcError):
    """A result could not be written (unwritable path, full disk)."""


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from ``a`` to ``b``."""
    previous, current = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if before is not None and i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[-1]


def suggestions(
    word: str, choices: Iterable[str], *, first: Collection[str] = (), most: int = 3
) -> list[str]:
    """The choices nearest ``word`` by :func:`edit_distance` (at most one edit in three
    letters), the obvious first: fewest edits, then those in ``first`` (the common ones),
    then the longest shared start (``KRX`` → ``KRW``, not ``PKR``; ``ERU`` → ``EUR``)."""
    limit = max(1, len(word) // 3)
    found = []
    for choice in choices:
        distance = edit_distance(word.upper(), choice.upper())
        if distance <= limit:
            pairs = zip(word.upper(), choice.upper(), strict=False)
            shared = next((i for i, (x, y) in enumerate(pairs) if x != y), len(word))
            found.append((distance, choice not in first, -shared, choice))
    return [choice for *_order, choice in sorted(found)[:most]]


def did_you_mean(word: str, choices: Iterable[str], *, first: Collection[str] = ()) -> str:
    """``; did you mean `KRW`?`` (or ```USD`` or ``USN```), or "" when nothing is near."""
    near = [f"`{c}`" for c in suggestions(word, choices, first=first)]
    if not near:
        return ""
    listed = near[0] if len(near) == 1 else ", ".join(near[:-1]) + f" or {near[-1]}"
    return f"; did you mean {listed}?"
