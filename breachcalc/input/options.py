"""Values given on the command line (or to :mod:`breachcalc.api`) read as the library's types:
percentiles, people ranges, compare variants, days, amounts (converting an amount to exceed
into the breach currency needs the breach's rates: :mod:`breachcalc.api` does it), currencies
with yearly rates, data categories.

A value that cannot be read is a :class:`~breachcalc.errors.UsageError` naming its option and
what would be valid (exit 2).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from breachcalc.errors import UsageError

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


def parse_day(text: str, option: str, example: str) -> date:
    """``--on 2024-03-01`` → that day; anything else is a usage error showing ``example``."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text}: {example}") from None


def parse_amount(text: str) -> tuple[Decimal, str | None]:
    """``1.5e12`` or ``1,000,000,000 USD`` (``--exceed``): the amount, and the ISO 4217 code it
    names (None: the breach currency)."""
    from breachcalc import limits
    from breachcalc.errors import did_you_mean
    from breachcalc.reference.tables import currency_minor_units

    match = _AMOUNT.match(text)
    if not match:
        raise UsageError(
            f"--exceed {text!r}: write an amount, optionally with a currency code, "
            "e.g. 1.5e12 or '1,000,000,000 USD'"
        )
    try:
        amount = Decimal(match[1].replace(",", "").replace("_", ""))
    except InvalidOperation:
        raise UsageError(f"--exceed {text!r}: not a number") from None
    if amount > limits.MAX_AMOUNT:
        raise UsageError(
            f"--exceed {text!r}: must be at most {limits.MAX_AMOUNT:,} (limit MAX_AMOUNT)"
        )
    currency = match[2].upper() if match[2] else None
    known = currency_minor_units()
    if currency is not None and currency not in known:
        from breachcalc.reference.history import yearly_rates

        common = {"USD", *(c for c, _year in yearly_rates())}
        raise UsageError(
            f"--exceed {text!r}: unknown ISO 4217 currency code {currency!r}"
            f"{did_you_mean(currency, known, first=common)}"
        )
    return amount, currency


def parse_history_currency(text: str) -> str:
    """``--currency krw`` → ``KRW``: USD or a currency the history has yearly rates for."""
    from breachcalc.reference.history import yearly_rates

    code = text.strip().upper()
    if code != "USD" and not any(c == code for c, _y in yearly_rates()):
        from breachcalc.errors import did_you_mean

        known = ["USD", *dict.fromkeys(c for c, _y in yearly_rates())]
        raise UsageError(
            f"--currency {text}: no yearly rates for it in breachcalc's data"
            f"{did_you_mean(code, known, first=known)}"
        )
    return code


def parse_categories(names: Sequence[str]) -> tuple[str, ...]:
    """``--category`` names or aliases → the catalogue's keys."""
    from breachcalc.reference.tables import catalogue

    keys = []
    for name in names:
        found = catalogue().lookup(name)
        if found is None:
            raise UsageError(f"--category {name}: not a data category (`breachcalc categories`)")
        keys.append(found.key)
    return tuple(keys)


def distinct_files(names: Sequence[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """``names`` with each file once (``portfolio F F``, a link to F, overlapping globs would
    count a scenario twice), and each one left out with the name it repeats."""
    import os

    seen: dict[object, str] = {}
    kept, left_out = [], []
    for name in names:
        try:
            status = os.stat(name)
            identity: object = (status.st_dev, status.st_ino)
        except (OSError, ValueError):
            identity = os.path.normpath(name)  # the loader says what is wrong with it
        if identity in seen:
            left_out.append((name, seen[identity]))
            continue
        seen[identity] = name
        kept.append(name)
    return kept, left_out
