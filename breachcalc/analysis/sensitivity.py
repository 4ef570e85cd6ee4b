"""One-at-a-time sensitivity of the whole exposure to each numeric input.

For each exact number in the file (amounts, shares, counts, months …) the input is set to a low
and a high value, everything else kept, and the whole exposure (``costs.total``, in the breach
currency, at likely values) is recomputed. The swing is the difference between the two totals.
Defaults: ±25% of the value (:data:`DEFAULT_SPREAD`), shares clamped to 0..1, counts rounded to
whole numbers (half away from zero). ``--range PATH=LOW:HIGH`` replaces the default for a path,
and adds paths the file does not give. Ranges in the file (``{low, likely, high}``) are not varied
here: ``simulate`` is the tool for them. Varying ``affected`` moves each jurisdiction's count in
proportion, so a split that adds up keeps adding up. The whole exposure is before insurance,
so the ``insurance`` section's numbers (which cannot move it) are not varied.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from breachcalc.domain.assessment import assess
from breachcalc.domain.money import Money
from breachcalc.errors import InputError
from breachcalc.input.loader import validate
from breachcalc.input.overrides import Override, apply, with_counts_scaled
from breachcalc.input.paths import check_path, kind_of
from breachcalc.input.yaml_reader import Document, Path, dotted

if TYPE_CHECKING:
    from breachcalc.analysis.results import Sensitivity

DEFAULT_SPREAD = Decimal("0.25")

SKIPPED_ROOTS = ("variants", "insurance")


@dataclass(frozen=True)
class Swing:
    """One input's effect on the whole exposure.

    Attributes:
        path: the input's dotted path.
        value: its value in the file (None when only ``--range`` gives it).
        low: the low value tried.
        high: the high value tried.
        total_low: whole exposure with ``low``.
        total_high: whole exposure with ``high``.
        swing: ``|total_high − total_low|``.
        skipped: why the input was not varied (its low or high makes the file invalid).
    """

    path: str
    value: Decimal | int | None
    low: Decimal | int
    high: Decimal | int
    total_low: Money | None
    total_high: Money | None
    swing: Decimal
    skipped: str = ""


def numeric_leaves(data: Any, path: Path = ()) -> Iterator[tuple[Path, Decimal | int]]:
    """Every exact number in the document, with its path (ranges and variants left out)."""
    if isinstance(data, dict):
        if {"low", "high"} <= set(data):
            return
        for key, value in data.items():
            if path == () and key in SKIPPED_ROOTS:
                continue
            yield from numeric_leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from numeric_leaves(value, (*path, index))
    elif isinstance(data, int | Decimal) and not isinstance(data, bool):
        yield path, data


def default_range(path: Path, value: Decimal | int) -> tuple[Decimal | int, Decimal | int]:
    """±25%: counts stay whole (half away from zero), shares stay within 0..1."""
    low = Decimal(value) * (1 - DEFAULT_SPREAD)
    high = Decimal(value) * (1 + DEFAULT_SPREAD)
    kind = kind_of(check_path(path))
    if kind == "count":
        return (
            int(low.quantize(Decimal(1), ROUND_HALF_UP)),
            int(high.quantize(Decimal(1), ROUND_HALF_UP)),
        )
    if kind == "share":
        return _tidy(max(low, Decimal(0))), _tidy(min(high, Decimal(1)))
    return _tidy(low), _tidy(high)


def _tidy(value: Decimal) -> Decimal:
    """``9.37500`` → ``9.375`` and ``30750000000000.00`` → ``30750000000000`` (same value)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _total(document: Document, path: Path, value: Any) -> Money:
    origin = f"sensitivity {dotted(path)}={value}"
    changes = with_counts_scaled(document, Override(path, value, origin))
    changed = apply(document, changes)
    return assess(validate(changed), intervals=False, notices=False).exposure.total


def swings(document: Document, ranges: dict[Path, tuple[Any, Any]]) -> list[Swing]:
    """Every input's swing, largest first (ties in file order); skipped inputs last."""
    found: list[Swing] = []
    leaves = dict(numeric_leaves(document.data))
    for path in [*leaves, *(p for p in ranges if p not in leaves)]:
        value = leaves.get(path)
        low, high = ranges.get(path) or default_range(path, value)  # type: ignore[arg-type]
        try:
            total_low, total_high = _total(document, path, low), _total(document, path, high)
        except InputError as error:
            reason = error.problems[0].message if error.problems else str(error)
            found.append(
                Swing(dotted(path), value, low, high, None, None, Decimal(0), skipped=reason)
            )
            continue
        found.append(
            Swing(
                dotted(path),
                value,
                low,
                high,
                total_low,
                total_high,
                abs(total_high.amount - total_low.amount),
            )
        )
    return sorted(found, key=lambda s: (bool(s.skipped), -s.swing))


def parse_ranges(texts: Sequence[str]) -> dict[Path, tuple[Any, Any]]:
    """``--range PATH=LOW:HIGH`` values (numbers read as YAML).

    Raises:
        UsageError: not PATH=LOW:HIGH with one colon, a path that is not a number of the file
            (an amount, a count or a share), or a LOW or HIGH that the field cannot take (a
            negative amount or count, a fractional count, a share outside 0 to 1, NaN).
    """
    from breachcalc.errors import UsageError
    from breachcalc.input.overrides import parse_path, parse_value
    from breachcalc.input.paths import PathError

    ranges: dict[Path, tuple[Any, Any]] = {}
    for text in texts:
        path_text, sep, spec = text.partition("=")
        bounds = spec.split(":")
        if not sep or len(bounds) != 2:
            raise UsageError(
                f"--range {text!r}: write PATH=LOW:HIGH, e.g. compensation.redemption=0.2:0.9"
            )
        try:
            path = parse_path(path_text)
            kind = kind_of(check_path(path))
        except PathError as exc:
            raise UsageError(f"--range {text!r}: {exc}") from None
        if kind not in _BOUNDS:
            raise UsageError(
                f"--range {text!r}: `{dotted(path)}` is not a number (an amount, a count or a "
                "share), so it has no low and high"
            )
        low, high = (parse_value(b, f"--range {text}") for b in bounds)
        for value in (low, high):
            problem = _bound_problem(kind, value)
            if problem:
                raise UsageError(f"--range {text!r}: {problem}")
        if low > high:
            raise UsageError(f"--range {text!r}: LOW is above HIGH; write {bounds[1]}:{bounds[0]}")
        ranges[path] = (low, high)
    return ranges


_BOUNDS = {
    "count": "a whole number, 0 or more",
    "amount": "an amount, 0 or more",
    "share": "a share from 0 to 1",
}
"""What LOW and HIGH must be, for each kind of number."""


def _bound_problem(kind: str, value: Any) -> str:
    """Why ``value`` cannot be a LOW or HIGH of a number of ``kind`` ('' when it can)."""
    number = isinstance(value, int | Decimal) and not isinstance(value, bool)
    if not number or not Decimal(value).is_finite():
        what = repr(value) if isinstance(value, str) else str(value)
        return f"{what} is not a number; LOW and HIGH must each be {_BOUNDS[kind]}"
    if kind == "count" and value != int(value):
        return f"{value} is not a whole number; a count is {_BOUNDS[kind]}"
    if value < 0 or (kind == "share" and value > 1):
        return f"{value} is outside the range: it must be {_BOUNDS[kind]}"
    return ""


def sensitivity_of(
    source: str, ranges: Sequence[str] = (), overrides: Sequence[Override] = ()
) -> Sensitivity:
    """Each input's swing of a file's whole exposure (``FILE#variant`` for a variant), around
    its whole exposure at the file's values (:func:`swings`)."""
    from breachcalc.analysis.results import Sensitivity
    from breachcalc.input.loader import load_document, load_scenarios, split_name
    from breachcalc.input.overrides import split_variants

    overrides = tuple(overrides)
    chosen = parse_ranges(ranges)
    breach = load_scenarios(source, overrides, every_variant=False)[0].breach
    name, variant = split_name(source)
    base, variants, _problems = split_variants(load_document(name))
    if variant is not None:
        overrides = (*next(v for v in variants if v.name == variant).overrides, *overrides)
    found = swings(apply(base, overrides), chosen)
    total = assess(breach, intervals=False).exposure.total
    return Sensitivity(tuple(found), total)
