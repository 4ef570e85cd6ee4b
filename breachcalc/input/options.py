"""Values given on the command line (or to :mod:`breachcalc.api`) read as the library's types:
percentiles, people ranges, compare variants (an amount to exceed, which needs the breach's
rates, is read by :mod:`breachcalc.api`).

A value that cannot be read is a :class:`~breachcalc.errors.UsageError` naming its option and
what would be valid (exit 2).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from breachcalc.errors import UsageError

if TYPE_CHECKING:
    pass

_AMOUNT = re.compile(r"^\s*([0-9][0-9,_]*(?:\.[0-9]+)?(?:[eE][+]?[0-9]+)?)\s*([A-Za-z]{3})?\s*$")


def parse_percentile(text: object) -> Decimal:
    """``-p 95`` → 95; a number from 0 to 100, or a usage error in our own words."""
    try:
        value = Decimal(str(text).strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or not 0 <= value <= 100:
        raise UsageError(f"--percentile {text}: give a number from 0 to 100, e.g. -p 95")
    return value + 0  # adding 0 turns -0 into 0: `-p -0` is the 0th percentile, not "P-0"


def parse_people(text: str) -> tuple[float, float]:
    """``1e6..1e8`` → (1,000,000, 100,000,000); either end may be left out (``..1e5``)."""
    low, sep, high = text.partition("..")
    if not sep:
        raise UsageError(f"--people {text}: write LOW..HIGH, e.g. 1e6..1e8")
    try:
        bounds = (float(low) if low else 0.0, float(high) if high else float("inf"))
    except ValueError:
        raise UsageError(f"--people {text}: LOW and HIGH must be numbers, e.g. 1e6..1e8") from None
    if bounds[0] > bounds[1]:
        raise UsageError(f"--people {text}: LOW is above HIGH")
    return bounds


_SPLIT = re.compile(r",(?=\s*[A-Za-z_][A-Za-z0-9_.-]*=)")


def parse_variant(text: str) -> tuple[str, list[str]]:
    """``cheap=compensation.amount=30000,affected=1000`` → (``cheap``, [overrides])."""
    name, sep, rest = text.partition("=")
    if not sep or not name.strip() or "=" not in rest:
        raise UsageError(
            f"--variant {text!r}: write NAME=PATH=VALUE[,PATH=VALUE...], e.g. "
            "cheap=compensation.amount=30000"
        )
    return name.strip(), [part.strip() for part in _SPLIT.split(rest)]
