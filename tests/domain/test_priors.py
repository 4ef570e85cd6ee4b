"""History priors as cost lines (domain/priors.py): quantiles, the conditional draw and the
lattice, by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from breachcalc.domain.priors import HistoryPrior, draw_priors


def test_the_conditional_draw_by_hand():
    # two lines of p = 0.5: given at least one, P(first) = 0.5 / (1 - 0.25) = 2/3, and the
    # second happens with 0.5 after the first, else with certainty: P(second) = 2/3 as well
    line = HistoryPrior("a", "fine", "a", 0.5, 0.0, 0.1, None, "", "")
    draws = draw_priors((line, line), np.random.default_rng(1), 200_000)
    first, second = (d > 0 for d in draws)
    assert not np.any(~first & ~second)
    assert first.mean() == pytest.approx(2 / 3, abs=0.005)
    assert second.mean() == pytest.approx(2 / 3, abs=0.005)
    free = draw_priors((line, line), np.random.default_rng(1), 200_000, given_any=False)
    assert (free[0] > 0).mean() == pytest.approx(0.5, abs=0.005)


def test_a_line_quantile_by_hand():
    from breachcalc.domain.priors import line_quantile

    # p = 0.4: P50 is zero (0.5 <= 0.6); P80 is the lognormal's median ((0.8 - 0.6) / 0.4 = 0.5)
    line = HistoryPrior("a", "fine", "a", 0.4, math.log(1000), 1.0, None, "", "")
    assert line_quantile(line, 0.5) == 0
    assert line_quantile(line, 0.8) == pytest.approx(1000)
    # P95: (0.95 - 0.6) / 0.4 = 0.875, z = 1.150349...; capped at 2,000
    assert line_quantile(line, 0.95) == pytest.approx(1000 * math.exp(1.1503493803760079))
    capped = HistoryPrior("a", "fine", "a", 0.4, math.log(1000), 1.0, 2000.0, "", "")
    assert line_quantile(capped, 0.99) == 2000


def test_the_lattice_draws_match_the_chances_and_the_lognormal():
    from breachcalc.domain.priors import POINTS, lattice_draws, percentiles

    a = HistoryPrior("a", "fine", "a", 0.3, math.log(1000), 1.0, None, "", "")
    b = HistoryPrior("b", "fine", "b", 0.6, math.log(50), 0.5, 80.0, "", "")
    one, two = lattice_draws((a, b))
    assert len(one) == POINTS
    assert sum(v > 0 for v in one) / POINTS == pytest.approx(0.3, abs=0.002)
    assert sum(v > 0 for v in two) / POINTS == pytest.approx(0.6, abs=0.002)
    # independent: both zero with 0.7 × 0.4
    both = sum(1 for x, y in zip(one, two, strict=True) if x == 0 and y == 0) / POINTS
    assert both == pytest.approx(0.28, abs=0.02)
    assert max(two) == 80.0
    happened = [v for v in one if v > 0]
    assert percentiles(happened, [50])[0] == pytest.approx(1000, rel=0.05)
    # the same seed: the same draws; another seed: others
    assert lattice_draws((a, b)) == [one, two]
    assert lattice_draws((a, b), seed=1) != [one, two]
