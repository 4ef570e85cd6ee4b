"""Sweep grids: ``PATH=V1,V2,…`` or ``PATH=START:STOP:STEP``, every combination, lazily.

Pure functions: values are exact (YAML scalars, or Decimals stepped exactly), combinations come
from :func:`itertools.product` with the first ``--vary`` varying slowest (nested loops in the
order given), and each row is validated like a file (no shortcut around validation).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from breachcalc import limits
from breachcalc.errors import UsageError
from breachcalc.input.overrides import PathError, check_path, parse_path, parse_value
from breachcalc.input.yaml_reader import Path

_RANGE = re.compile(r"^\s*(-?[0-9_.eE+-]+)\s*:\s*(-?[0-9_.eE+-]+)\s*:\s*([0-9_.eE+-]+)\s*$")


@dataclass(frozen=True)
class Axis:
    """One ``--vary``: a path and the values it takes."""

    text: str
    path: Path
    values: tuple[Any, ...]

    @property
    def name(self) -> str:
        """The dotted path, as a column name."""
        return ".".join(str(p) for p in self.path)


def stepped(start: Decimal, stop: Decimal, step: Decimal) -> list[Decimal]:
    """``start, start + step, …`` up to ``stop`` (inclusive when it lands on it), exactly."""
    if step <= 0:
        raise UsageError(f"the step must be above 0, not {step}")
    if stop < start:
        raise UsageError(f"START ({start}) is above STOP ({stop})")
    count = int((stop - start) / step) + 1
    if count > limits.MAX_GRID_ROWS:
        raise UsageError(
            f"{count:,} values is more than {limits.MAX_GRID_ROWS:,} (limit MAX_GRID_ROWS)"
        )
    return [start + step * i for i in range(count)]


def parse_axis(text: str) -> Axis:
    """``affected=1000:5000:1000`` or ``compensation.amount=30000,50000``.

    Raises:
        UsageError: no ``=``, an unknown path, or a range that cannot be stepped.
    """
    if "=" not in text:
        raise UsageError(f"--vary {text!r}: write PATH=V1,V2,... or PATH=START:STOP:STEP")
    path_text, _, spec = text.partition("=")
    try:
        path = parse_path(path_text)
        check_path(path)
    except PathError as exc:
        raise UsageError(f"--vary {text!r}: {exc}") from None
    match = _RANGE.match(spec)
    if match:
        try:
            start, stop, step = (Decimal(g.replace("_", "")) for g in match.groups())
        except InvalidOperation:
            raise UsageError(f"--vary {text!r}: START:STOP:STEP must be numbers") from None
        values: list[Any] = stepped(start, stop, step)
        values = [int(v) if v == v.to_integral_value() and "." not in spec else v for v in values]
    else:
        values = [parse_value(item, f"--vary {text}") for item in spec.split(",")]
    return Axis(text, path, tuple(values))


def size(axes: Sequence[Axis]) -> int:
    """Number of rows of the grid."""
    total = 1
    for axis in axes:
        total *= len(axis.values)
    return total


def combinations(axes: Sequence[Axis]) -> Iterator[tuple[Any, ...]]:
    """Every combination, the first axis varying slowest."""
    return itertools.product(*(axis.values for axis in axes))
