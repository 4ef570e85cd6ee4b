"""Percentiles and the histogram from sorted draws are numpy's own figures, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from breachcalc.domain.simulation import histogram_edges, sorted_histogram, sorted_percentiles

POINTS = [0.0, 1.0, 5.0, 33.3, 50.0, 95.0, 99.0, 99.9, 100.0]


def same_bits(ours: list[float], theirs: list[float]) -> bool:
    """Bit for bit (so -0.0 is not 0.0); a NaN is a NaN whatever its payload (which NaN of several
    numpy returns depends on their order, and every NaN is shown as NaN)."""
    a, b = np.array(ours, dtype=np.float64), np.array(theirs, dtype=np.float64)
    nans = np.isnan(a)
    return bool((nans == np.isnan(b)).all()) and a[~nans].tobytes() == b[~nans].tobytes()


floats = st.floats(allow_nan=False, width=64, min_value=-1e18, max_value=1e18)
arrays = hnp.arrays(np.float64, st.integers(1, 60), elements=floats)
chosen = st.lists(st.floats(0, 100, allow_nan=False), min_size=1, max_size=7)


@settings(max_examples=300, deadline=None)
@given(arrays, chosen)
def test_sorted_percentiles_are_np_percentile(values, points):
    expected = [float(x) for x in np.percentile(values, points)]
    assert same_bits(sorted_percentiles(np.sort(values), points), expected)


@settings(max_examples=100, deadline=None)
@given(hnp.arrays(np.float64, st.integers(1, 40), elements=st.floats(width=64)), chosen)
def test_sorted_percentiles_with_infinities_and_nans(values, points):
    with np.errstate(invalid="ignore"):
        expected = [float(x) for x in np.percentile(values, points)]
        assert same_bits(sorted_percentiles(np.sort(values), points), expected)


@pytest.mark.parametrize("size", [1, 2, 3, 1000, 1_000_000])
def test_sorted_percentiles_on_draws_like_a_simulation(size):
    rng = np.random.default_rng(size)
    values = 5e3 * 3.37e7 * (0.3 + 0.6 * rng.beta(2.33, 2.33, size))
    expected = [float(x) for x in np.percentile(values, POINTS)]
    assert same_bits(sorted_percentiles(np.sort(values), POINTS), expected)


@settings(max_examples=300, deadline=None)
@given(hnp.arrays(np.float64, st.integers(2, 80), elements=floats), st.integers(2, 30))
def test_the_histogram_counts_every_trial_as_numpy_counts_it(values, bins):
    ordered = np.sort(values)
    if ordered[0] == ordered[-1]:
        return
    edges = histogram_edges(ordered, bins)
    assert (np.diff(edges) > 0).all()
    assert edges[0] == ordered[0] and edges[-1] == ordered[-1]
    counts = sorted_histogram(ordered, edges)
    assert counts.tolist() == np.histogram(values, bins=edges)[0].tolist()
    assert counts.sum() == values.size


@pytest.mark.parametrize("seed", range(3))
def test_one_far_trial_does_not_put_the_rest_in_one_bin(seed):
    """The bug of issue 22: bins from the least to the greatest trial put 99.96% in one bin."""
    rng = np.random.default_rng(seed)
    values = 2e11 + 8e11 * rng.beta(2.1, 3.9, 200_000)
    values[0] = 1e14  # one trial a hundred times the rest
    ordered = np.sort(values)
    counts = sorted_histogram(ordered, histogram_edges(ordered, 24))
    assert counts.sum() == values.size
    assert counts.max() / values.size < 0.2


def test_values_on_the_edges_count_as_numpy_counts_them():
    values = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 4.0])
    edges = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    counts = sorted_histogram(values, edges)
    assert counts.tolist() == np.histogram(values, bins=edges)[0].tolist() == [1, 1, 1, 3]


def test_a_wide_total_gets_bins_by_ratio():
    values = np.sort(np.random.default_rng(1).lognormal(10, 3, 50_000))
    edges = histogram_edges(values, 24)
    ratios = edges[2:-1] / edges[1:-2]
    assert np.allclose(ratios, ratios[0], rtol=1e-9) and ratios[0] > 1.2
