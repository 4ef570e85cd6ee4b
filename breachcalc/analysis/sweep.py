"""A sweep: every combination of the varied inputs, validated and assessed one at a time.

The combinations come in :func:`~breachcalc.input.grid.combinations` order (the first axis
varies slowest). Varying ``affected`` moves each jurisdiction's and category's count in
proportion, as in sensitivity, so a split that adds up keeps adding up.

The base breach is validated once. Each row is then a copy of it with only the fields its
changes touch validated again (:func:`~breachcalc.input.loader.validate_changed`: the same
refusals as validating the whole row), then checked and assessed in full; the severity's
category scores, which a row seldom changes, come from a cache keyed on exactly the inputs they
read (``domain/severity.py``). Where the base alone does not validate, every row is validated in
full, as a file would be.

:func:`check_values` assesses each value before the first row is written, so that a value the
file cannot take is refused before the output starts, not half-way through a document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from breachcalc.domain.assessment import Assessment, assess
from breachcalc.errors import InputError
from breachcalc.input.breach import Breach
from breachcalc.input.grid import Axis, combinations
from breachcalc.input.loader import validate, validate_changed
from breachcalc.input.overrides import Override, apply, with_counts_scaled
from breachcalc.input.yaml_reader import Document

if TYPE_CHECKING:
    from breachcalc.analysis.results import Sweep


def _row(fixed: Document, axes: Sequence[Axis], values: Sequence[Any]) -> tuple[Document, set[str]]:
    """The row's document, and the top-level fields its changes touch."""
    names = [axis.name for axis in axes]
    label = ", ".join(f"{name}={v}" for name, v in zip(names, values, strict=True))
    changes = [
        scaled
        for a, v in zip(axes, values, strict=True)
        for scaled in with_counts_scaled(fixed, Override(a.path, v, f"--vary row {label}"))
    ]
    return apply(fixed, changes), {str(c.path[0]) for c in changes}


def probes(values: Sequence[Any]) -> list[Any]:
    """The values of an axis :func:`check_values` tries: every listed value; of a stepped range
    (up to a million values), the first two and the last, where a bound or a fraction shows."""
    if isinstance(values, tuple | list):
        return list(values)
    count = len(values)
    return [values[i] for i in sorted({0, min(1, count - 1), count - 1})] if count else []


def check_values(base: Document, overrides: Sequence[Override], axes: Sequence[Axis]) -> None:
    """Assess the sweep's first row, and each value of :func:`probes` with the other axes at
    their first value, before any row is written.

    Raises:
        InputError: the first value refused, located as a row would be.
        PathError: a ``--vary`` path that does not fit the file's shape.
    """
    if not axes or not all(len(axis.values) for axis in axes):
        return
    fixed = apply(base, overrides)
    firsts = [axis.values[0] for axis in axes]
    assess(validate(_row(fixed, axes, firsts)[0]), intervals=False, notices=False)
    for index, axis in enumerate(axes):
        for value in probes(axis.values):
            if value is firsts[index] or value == firsts[index]:
                continue
            values = [*firsts[:index], value, *firsts[index + 1 :]]
            assess(validate(_row(fixed, axes, values)[0]), intervals=False, notices=False)


def assessments(
    base: Document, overrides: Sequence[Override], axes: Sequence[Axis], *, reuse: bool = True
) -> Iterator[tuple[tuple[Any, ...], Assessment]]:
    """Each combination's values and its assessment (no intervals, no notices), lazily.

    ``reuse=False`` validates and assesses every row from scratch (the reference the reusing
    path is tested against)."""
    fixed = apply(base, overrides)
    valid: Breach | None = None
    if reuse:
        try:
            valid = validate(fixed)
        except InputError:
            valid = None  # a row may still mend it (e.g. vary a missing `affected`)
    for values in combinations(axes):
        row, changed = _row(fixed, axes, values)
        if valid is None:
            yield values, assess(validate(row), intervals=False, notices=False)
            continue
        breach = validate_changed(row, valid, changed)
        yield values, assess(breach, intervals=False, notices=False)


def sweep_file(
    source: str,
    vary: Sequence[str],
    overrides: Sequence[Override] = (),
    progress: Callable[[int, int], None] | None = None,
) -> Sweep:
    """The sweep of a file (``FILE#variant`` for a variant) over the ``--vary`` axes: every
    value refused before the first row; ``progress`` told ``(rows done, rows)``.

    Raises:
        UsageError: a grid over :data:`~breachcalc.limits.MAX_GRID_ROWS` rows, or a value or
            path the file cannot take.
        InputError: the file itself.
    """
    from breachcalc import limits
    from breachcalc.analysis.results import Sweep
    from breachcalc.errors import UsageError
    from breachcalc.input.grid import parse_axis, size
    from breachcalc.input.loader import load_document, load_scenarios, split_name
    from breachcalc.input.overrides import split_variants
    from breachcalc.input.paths import PathError

    axes = [parse_axis(text) for text in vary]
    rows = size(axes)
    if rows > limits.MAX_GRID_ROWS:
        raise UsageError(
            f"the grid has {rows:,} rows, more than {limits.MAX_GRID_ROWS:,} "
            "(limit MAX_GRID_ROWS); use fewer values"
        )
    overrides = tuple(overrides)
    file_name, chosen = split_name(source)
    base, variants, problems = split_variants(load_document(file_name))
    if problems or chosen is not None:
        load_scenarios(source, overrides)  # raises for problems or an unknown variant
        match = next(v for v in variants if v.name == chosen)
        overrides = (*match.overrides, *overrides)
    try:
        check_values(base, overrides, axes)  # a refused value: refused before the first row
    except PathError as exc:
        raise UsageError(str(exc)) from None

    def made() -> Iterator[tuple[tuple[Any, ...], Assessment]]:
        try:
            for index, row in enumerate(assessments(base, overrides, axes), 1):
                yield row
                if progress is not None:
                    progress(index, rows)
        except PathError as exc:  # a --vary path that does not fit the file's shape
            raise UsageError(str(exc)) from None

    return Sweep(tuple(axis.name for axis in axes), made())
