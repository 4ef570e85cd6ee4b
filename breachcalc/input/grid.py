"""Sweep grids: ``PATH=V1,V2,…`` or ``PATH=START:STOP:STEP``, every combination, lazily.

Pure functions: values are exact (YAML scalars, or Decimals stepped exactly, each computed when
read), combinations come in :func:`itertools.product` order with the first ``--vary`` varying
slowest (nested loops in the order given), and each row is validated like a file.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, overload

from breachcalc import limits
from breachcalc.errors import UsageError
from breachcalc.input.overrides import parse_path, parse_value
from breachcalc.input.paths import PathError, check_path
from breachcalc.input.yaml_reader import Path

_RANGE = re.compile(r"^\s*(-?[0-9_.eE+-]+)\s*:\s*(-?[0-9_.eE+-]+)\s*:\s*([0-9_.eE+-]+)\s*$")


@dataclass(frozen=True)
class Axis:
    """One ``--vary``: a path and the values it takes."""

    text: str
    path: Path
    values: Sequence[Any]
    """A tuple of listed values, or a :class:`Stepped` range."""

    @property
    def name(self) -> str:
        """The dotted path, as a column name."""
        return ".".join(str(p) for p in self.path)


def stepped(start: Decimal, stop: Decimal, step: Decimal) -> list[Decimal]:
    """``start, start + step, …`` up to ``stop`` (inclusive when it lands on it), exactly."""
    return list(Stepped.between(start, stop, step))


class Stepped(Sequence[Any]):
    """``start + step × i`` for ``i`` below ``count``, each computed when it is read, so a grid of
    a million values keeps none of them (a sweep streams its rows; its grid should too).

    Each value is computed as a list of them would be, in the decimal context current when the
    sequence was made; with ``whole``, a value without a fractional part is an ``int``.
    """

    def __init__(self, start: Decimal, step: Decimal, count: int, *, whole: bool = False) -> None:
        self._start, self._step, self._count, self._whole = start, step, count, whole
        self._context = decimal.getcontext().copy()

    @classmethod
    def between(
        cls, start: Decimal, stop: Decimal, step: Decimal, *, whole: bool = False
    ) -> Stepped:
        """From ``start`` up to ``stop`` (inclusive when it lands on it)."""
        if step <= 0:
            raise UsageError(f"the step must be above 0, not {step}")
        if stop < start:
            raise UsageError(f"START ({start}) is above STOP ({stop})")
        count = int((stop - start) / step) + 1
        if count > limits.MAX_GRID_ROWS:
            raise UsageError(
                f"{count:,} values is more than {limits.MAX_GRID_ROWS:,} (limit MAX_GRID_ROWS)"
            )
        return cls(start, step, count, whole=whole)

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Any, ...]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._count)))
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("stepped value out of range")
        context = self._context
        value = context.add(self._start, context.multiply(self._step, index))
        if self._whole and value == value.to_integral_value():
            return int(value)
        return value

    def __iter__(self) -> Iterator[Any]:
        return (self[i] for i in range(self._count))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Stepped | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._start, self._step, self._count, self._whole))

    def __repr__(self) -> str:
        return f"Stepped({self._start}, {self._step}, {self._count}, whole={self._whole})"


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
        return Axis(text, path, Stepped.between(start, stop, step, whole="." not in spec))
    values = [parse_value(item, f"--vary {text}") for item in spec.split(",")]
    return Axis(text, path, tuple(values))


def size(axes: Sequence[Axis]) -> int:
    """Number of rows of the grid."""
    total = 1
    for axis in axes:
        total *= len(axis.values)
    return total


def combinations(axes: Sequence[Axis]) -> Iterator[tuple[Any, ...]]:
    """Every combination, the first axis varying slowest (as :func:`itertools.product`, which
    would first copy every axis's values: an odometer reads each value when it is needed)."""
    columns = [axis.values for axis in axes]
    sizes = [len(values) for values in columns]
    if not all(sizes):
        return
    places = [0] * len(columns)
    current = [values[0] for values in columns]
    while True:
        yield tuple(current)
        turn = len(columns) - 1
        while turn >= 0:
            places[turn] += 1
            if places[turn] < sizes[turn]:
                current[turn] = columns[turn][places[turn]]
                break
            places[turn] = 0
            current[turn] = columns[turn][0]
            turn -= 1
        if turn < 0:
            return
