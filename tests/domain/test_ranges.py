"""Ranges: validation, likely values, and the samplers against their analytic moments."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from breachcalc.domain.ranges import sample
from breachcalc.errors import InputError
from breachcalc.input.loader import validate
from breachcalc.input.values import Range, point
from breachcalc.input.yaml_reader import parse

BASE = "name: t\naffected: 100\ndata_categories: [names]\ncompensation:\n  currency: KRW\n"


def redemption(text: str):
    breach = validate(parse("t.yaml", BASE + f"  amount: 1000\n  redemption: {text}\n"))
    return breach.compensation.redemption


def test_pert_range_and_its_likely_value():
    r = redemption("{low: 0.2, likely: 0.4, high: 0.9}")
    assert r == Range(Decimal("0.2"), Decimal("0.4"), Decimal("0.9"), "pert")
    assert point(r) == Decimal("0.4")
    assert r.mean() == (Decimal("0.2") + 4 * Decimal("0.4") + Decimal("0.9")) / 6


def test_two_point_ranges_state_their_distribution():
    assert point(redemption("{low: 0.1, high: 0.3, distribution: uniform}")) == Decimal("0.2")
    lognormal = redemption("{low: 0.01, high: 0.09, distribution: lognormal}")
    assert point(lognormal) == Decimal("0.03")  # √(0.01 × 0.09)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{low: 0.2, high: 0.9}", "must say how to read them"),
        ("{low: 0.5, likely: 0.4, high: 0.9}", "range `likely` (0.4) must lie between"),
        ("{low: 0.9, likely: 0.9, high: 0.2}", "range `high` (0.2) must be above `low` (0.9)"),
        ("{low: 0.2, likely: 0.4, high: 1.5}", "range `high` must be a share from 0 to 1, not 1.5"),
        (
            "{low: 0.2, likley: 0.4, high: 0.9}",
            "unknown key `likley` in a range; did you mean `likely`?",
        ),
        ("{low: 0, high: 0.5, distribution: lognormal}", "a lognormal range needs `low` above 0"),
        ("{likely: 0.4, high: 0.9}", "a range needs `low`"),
        (
            "{low: 0.1, likely: 0.2, high: 0.3, distribution: uniform}",
            "a range with `likely` is PERT",
        ),
    ],
)
def test_range_refusals(text, message):
    with pytest.raises(
        InputError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")
    ):
        redemption(text)


def test_pert_sampler_matches_the_analytic_mean_and_mode():
    r = Range(Decimal(1_000_000), Decimal(5_000_000), Decimal(20_000_000), "pert")
    draws = sample(r, np.random.default_rng(1), 400_000)
    mean = float(r.mean())  # (1e6 + 4·5e6 + 2e7)/6 = 6,833,333.33
    assert mean == pytest.approx(6_833_333.333)
    # classic PERT sd = sqrt(αβ/((α+β)²(α+β+1))) × (high − low); α 1.8421, β 4.1579 → 3,312,434
    assert draws.std() == pytest.approx(3_312_434, rel=0.01)
    assert draws.mean() == pytest.approx(mean, rel=0.005)
    alpha, beta = r.pert_shape()
    assert float(alpha) == pytest.approx(1.8421, abs=1e-4)
    assert float(beta) == pytest.approx(4.1579, abs=1e-4)


def test_lognormal_sampler_puts_low_and_high_at_p5_and_p95():
    r = Range(Decimal("0.01"), None, Decimal("0.09"), "lognormal")
    draws = sample(r, np.random.default_rng(2), 400_000)
    assert np.percentile(draws, 5) == pytest.approx(0.01, rel=0.02)
    assert np.percentile(draws, 95) == pytest.approx(0.09, rel=0.02)


def test_uniform_sampler_stays_in_bounds():
    draws = sample(Range(Decimal(2), None, Decimal(4), "uniform"), np.random.default_rng(3), 10_000)
    assert draws.min() >= 2 and draws.max() <= 4
    assert draws.mean() == pytest.approx(3, rel=0.01)


def test_exact_value_samples_as_one_float():
    assert sample(Decimal("0.5"), np.random.default_rng(0), 10) == 0.5
