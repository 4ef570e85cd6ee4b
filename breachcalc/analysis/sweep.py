"""A sweep: every combination of the varied inputs, validated and assessed one at a time.

The combinations come in :func:`~breachcalc.input.grid.combinations` order (the first axis
varies slowest). Varying ``affected`` moves each jurisdiction's and category's count in
proportion, as in sensitivity, so a split that adds up keeps adding up.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from breachcalc.domain.assessment import Assessment, assess
from breachcalc.input.grid import Axis, combinations
from breachcalc.input.loader import validate
from breachcalc.input.overrides import Override, apply, with_counts_scaled
from breachcalc.input.yaml_reader import Document


def assessments(
    base: Document, overrides: Sequence[Override], axes: Sequence[Axis]
) -> Iterator[tuple[tuple[Any, ...], Assessment]]:
    """Each combination's values and its assessment (no intervals, no notices), lazily."""
    fixed = apply(base, overrides)
    for values in combinations(axes):
        label = ", ".join(f"{a.name}={v}" for a, v in zip(axes, values, strict=True))
        changes = [
            scaled
            for a, v in zip(axes, values, strict=True)
            for scaled in with_counts_scaled(fixed, Override(a.path, v, f"--vary row {label}"))
        ]
        yield values, assess(validate(apply(fixed, changes)), intervals=False, notices=False)
