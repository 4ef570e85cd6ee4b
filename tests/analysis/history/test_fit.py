"""The history fit (analysis/history/fit.py): the shipped fits are fresh fits (to a tolerance:
BLAS differs by CPU), and the shared effect by hand."""

from __future__ import annotations

import math

import pytest

from breachcalc.analysis.history import training_set
from breachcalc.domain.priors import HistoryPrior


def test_the_compiled_fit_is_a_fresh_fit():
    from breachcalc.analysis.history.fit import fit, model_from_json, model_to_json, shipped_model

    fresh = fit(training_set())
    # A fit passes through BLAS, whose last digits differ by CPU: compare to 1e-6, not bit for bit.
    assert _close(model_to_json(shipped_model()), model_to_json(fresh)), (
        "run: python scripts/build_history.py"
    )
    assert _close(model_to_json(model_from_json(model_to_json(fresh))), model_to_json(fresh))


def _close(a: object, b: object) -> bool:
    """Equal structures whose floats agree to a relative 1e-6 (absolute 1e-9 near zero): a
    ridge of 26 columns passes through BLAS, and kernels differ there at about 1e-9."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)  # type: ignore[arg-type]
    return a == b


def test_the_stored_leave_one_out_fits_are_fresh_fits():
    from breachcalc.analysis.history.fit import fit, model_to_json, model_without

    training = training_set()
    for index in (0, len(training) // 2, len(training) - 1):
        case = training[index]
        fresh = fit(training[:index] + training[index + 1 :])
        assert _close(model_to_json(model_without(case.case.id)), model_to_json(fresh))


def test_the_shared_effect_makes_nothing_at_all_likelier_by_hand():
    from statistics import NormalDist

    from breachcalc.analysis.history.fit import marginal, none_at_all
    from breachcalc.domain.priors import POINTS, lattice_draws

    # two lines of log-odds 0 sharing an effect of spread 1.5: P(none) = E[(1 − σ(1.5 u))²],
    # by a fine midpoint rule over u; independent lines would give 0.25
    normal = NormalDist()
    grid = [-8 + (k + 0.5) * 0.001 for k in range(16_000)]
    exact = sum(normal.pdf(u) * 0.001 * (1 - 1 / (1 + math.exp(-1.5 * u))) ** 2 for u in grid)
    assert exact == pytest.approx(0.25 + 0.0833, abs=0.02)  # E[σ(1.5u)²] − 1/4 ≈ var
    assert none_at_all([0.0, 0.0], 1.5) == pytest.approx(exact, abs=0.005)
    assert marginal(0.0, 1.5) == pytest.approx(0.5, abs=1e-12)  # symmetric
    line = HistoryPrior("a", "fine", "a", 0.5, 10.0, 1.0, None, "", "", logit=0.0, tau=1.5)
    one, two = lattice_draws((line, line))
    both = sum(1 for x, y in zip(one, two, strict=True) if x == 0 and y == 0) / POINTS
    assert both == pytest.approx(exact, abs=0.01)
    # given some outcome, the points with none are left out
    kept = lattice_draws((line, line), given_any=True)
    assert len(kept[0]) == POINTS - round(both * POINTS)
    assert all(x > 0 or y > 0 for x, y in zip(*kept, strict=True))
