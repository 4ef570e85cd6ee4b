"""Distributions drawn from their quantiles (issue 22): every row of simulate's loss-exceedance
table against the trials themselves, and the plot's axis and bins."""

from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from breachcalc.analysis.history import simulation_priors
from breachcalc.domain.simulation import (
    draw_lines,
    exceedance_curve,
    exceeded_with,
    simulate,
)
from breachcalc.input.loader import load_breach
from breachcalc.render.charts import exceedance_rows, wide
from breachcalc.render.tables import compact_money
from tests.conftest import EXAMPLES, cli

UNCERTAIN = str(EXAMPLES / "coupang-uncertain.yaml")

CARD = """\
name: Card data skimmed from a web shop's checkout
affected: 50_000
data_categories: [names, payment cards, contact details]
discovered: 2025-03-01
jurisdictions: [US-CA]
"""

ROW = re.compile(r"^  P\s+([0-9.]+)%\s+[ ▏▎▍▌▋▊▉█]*\s+(\S+) (\S+)$")
NOMINAL = (90, 75, 50, 25, 10, 5, 1, 0.1)


def _trials(path: str, trials: int, seed: int) -> np.ndarray:
    """The totals of every trial, drawn again here (the same generator, lines and history)."""
    breach = load_breach(path)
    lines = draw_lines(breach, trials, seed, *simulation_priors(breach))
    return np.sum([values for *_rest, values in lines], axis=0)


def _simulate(path: str, trials: int, seed: int):
    """What ``breachcalc simulate`` computes for ``path``, with its history lines."""
    breach = load_breach(path)
    priors, factor, given_any = simulation_priors(breach)
    return simulate(breach, trials, seed, priors=priors, prior_factor=factor, given_any=given_any)


@pytest.fixture(params=["coupang-uncertain", "card-50000"])
def breach_file(request, tmp_path):
    if request.param == "card-50000":
        path = tmp_path / "card.yaml"
        path.write_text(CARD, encoding="utf-8")
        return str(path)
    return str(EXAMPLES / "coupang-uncertain.yaml")


def test_every_exceedance_row_is_what_the_trials_say(run, breach_file):
    trials, seed = 40_000, 3
    result = run("simulate", breach_file, "--trials", str(trials), "--seed", str(seed))
    assert result.exit_code == 0, result.stderr
    printed = [ROW.match(line) for line in result.stdout.splitlines()]
    rows = [(Decimal(m[1]), m[2], m[3]) for m in printed if m]

    totals = _trials(breach_file, trials, seed)
    sim = _simulate(breach_file, trials, seed)
    exact = exceedance_rows(sim)
    # one row per probability, except where many trials share one amount (the history's
    # chance of no public outcome: every row below it reads 0, listed once with its own share)
    assert len(rows) == len(exact) >= 3
    for (share, shown, currency), (amount, _p) in zip(rows, exact, strict=True):
        above = float(np.mean(totals > float(amount)))
        # the trials exceed the row's amount as often as the row says
        assert abs(above * 100 - float(share)) <= 1.0, (amount, above, share)
        assert f"{shown} {currency}" == compact_money(amount, sim.currency)
        nominal = min(NOMINAL, key=lambda n: abs(float(share) - n))
        if abs(float(share) - nominal) <= 0.05 * nominal + 0.01 and amount > 0:
            # independently of breachcalc's own reading: numpy's quantile at 1 − P
            assert float(amount) == pytest.approx(
                float(np.quantile(totals, 1 - nominal / 100, method="inverted_cdf")), rel=1e-3
            )


def test_the_plot_has_a_log_axis_and_no_bar_holds_most_trials(run, tmp_path, breach_file):
    target = tmp_path / "plot.svg"
    result = run("simulate", breach_file, "--trials", "40000", "--plot", str(target))
    assert result.exit_code == 0, result.stderr
    svg = target.read_text(encoding="utf-8")
    sim = _simulate(breach_file, 40_000, 0)
    _edges, counts = sim.bins
    # no bar holds most trials, but the trials of no public outcome at all (a point mass at 0)
    zero = float(np.mean(_trials(breach_file, 40_000, 0) == 0))
    assert max(counts) / sim.trials <= max(0.6, zero + 0.01)
    # a total spanning more than two decades from the least trial to the greatest (the card's
    # history lines) has log amount axes, marks in words; one within them (Coupang's file
    # ranges, its history only a rare enforcement line) linear ones
    assert svg.count("(log scale") == (2 if wide(sim) else 0)
    assert "chance the total is exceeded" in svg
    if np.quantile(_trials(breach_file, 40_000, 0), 0.5) > 0:  # a log axis cannot mark 0
        assert "P50 " in svg
    if breach_file.endswith("card.yaml"):  # many decades: marks by decade
        assert wide(sim)
        assert len(set(re.findall(r">\$(?:1|10|100)[kMB]<", svg))) >= 3
    else:  # under a decade and a half between P0.1 and P99.9: marks at round amounts
        assert len(set(re.findall(r">₩[0-9.]+[BT]<", svg))) >= 3  # ₩1T, ₩1.5T, ₩2T


@settings(max_examples=200, deadline=None)
@given(
    hnp.arrays(np.float64, st.integers(1, 300), elements=st.floats(0, 1e15, width=64)),
    st.sampled_from([0.9, 0.75, 0.5, 0.25, 0.1, 0.05, 0.01, 0.001]),
)
def test_the_amount_exceeded_with_p_is_the_least_trial_exceeded_that_rarely(values, p):
    """Property: the share of trials above the amount is at most P (to rounding), and any
    smaller trial is exceeded more often than P; without ties, the share is P to within 1/n."""
    ordered = np.sort(values)
    amount = exceeded_with(ordered, p)
    share = np.mean(ordered > amount)
    assert share <= p + 1e-9
    smaller = ordered[ordered < amount]
    if smaller.size:
        assert np.mean(ordered > smaller[-1]) > p - 1e-9
    if np.unique(ordered).size == ordered.size and ordered.size * p >= 1:
        assert abs(share - p) <= 1 / ordered.size


def test_the_curve_runs_from_p99_9_to_p0_1_with_every_row_among_its_points():
    ordered = np.sort(np.random.default_rng(5).lognormal(20, 2, 100_000))
    curve = exceedance_curve(ordered)
    amounts = [a for a, _p in curve]
    assert amounts == sorted(amounts) and len(set(amounts)) == len(amounts)
    shares = [p for _a, p in curve]
    assert shares == sorted(shares, reverse=True)
    assert abs(shares[0] - 0.999) < 1e-4 and abs(shares[-1] - 0.001) < 1e-4
    for row in (0.9, 0.75, 0.5, 0.25, 0.1, 0.05, 0.01, 0.001):
        assert any(abs(share - row) < 1e-5 for share in shares), row


def test_svg_plots_are_the_same_bytes_each_run(tmp_path):
    one, two = tmp_path / "a.svg", tmp_path / "b.svg"
    for target in (one, two):
        result = cli("simulate", UNCERTAIN, "-n", "2000", "--plot", str(target), "--no-history")
        assert result.returncode == 0, result.stderr
    assert one.read_bytes() == two.read_bytes()
    assert b"<dc:date>" not in one.read_bytes()
