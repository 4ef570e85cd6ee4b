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
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from breachcalc.domain.assessment import Assessment, assess
from breachcalc.errors import InputError
from breachcalc.input.breach import Breach
from breachcalc.input.grid import Axis, combinations
from breachcalc.input.loader import validate, validate_changed
from breachcalc.input.overrides import Override, apply, with_counts_scaled
from breachcalc.input.yaml_reader import Document


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
    names = [axis.name for axis in axes]
    for values in combinations(axes):
        label = ", ".join(f"{name}={v}" for name, v in zip(names, values, strict=True))
        changes = [
            scaled
            for a, v in zip(axes, values, strict=True)
            for scaled in with_counts_scaled(fixed, Override(a.path, v, f"--vary row {label}"))
        ]
        row = apply(fixed, changes)
        if valid is None:
            yield values, assess(validate(row), intervals=False, notices=False)
            continue
        breach = validate_changed(row, valid, {str(c.path[0]) for c in changes})
        yield values, assess(breach, intervals=False, notices=False)
