"""The portfolio simulation: AAL matches Σ probability × mean loss within sampling error, the
same seed gives the same figures, chunking covers more trials than one chunk, and the tail
shares add up."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pytest

from breachcalc import api
from breachcalc.analysis.portfolio import simulate_portfolio
from breachcalc.api import load_breach
from breachcalc.domain.insurance import net_of_policy
from breachcalc.domain.simulation import draw_lines
from breachcalc.errors import InputError
from breachcalc.input.loader import load_document, parse_text, validate
from breachcalc.input.policy import Policy
from tests.conftest import EXAMPLES, ROOT, cli

PORTFOLIO = EXAMPLES / "portfolio"


def _exact(name: str, amount: int, currency: str = "USD", rate: str | None = None):
    rates = f"\n  rates: ['{rate}']" if rate else ""
    text = f"""
name: {name}
affected: 1000
data_categories: [names]
costs:
  currency: {currency}
  incident_response: {{amount: {amount // 2}}}
  notification: {{per_notice: {amount // 2000}}}
reporting:
  currency: USD{rates}
"""
    return validate(parse_text(text))


def _examples():
    found = []
    for path in sorted(PORTFOLIO.glob("*.yaml")):
        breach = load_breach(str(path))
        found.append((path.name, breach, breach.probability, None))
    return found


def test_aal_matches_probability_times_loss_exact_amounts():
    sizes = [(0.3, 10_000), (0.05, 2_000_000), (0.5, 40_000), (0.01, 50_000_000)]
    scenarios = [(f"s{i}", _exact(f"s{i}", g), p, None) for i, (p, g) in enumerate(sizes)]
    scenarios.append(("eur", _exact("eur", 1_000_000, "EUR", "1 EUR = 1.25 USD"), 0.2, None))
    sizes.append((0.2, 1_250_000))
    trials = 40_000
    result = simulate_portfolio(scenarios, trials, seed=3, chunk_trials=7_000)
    expected = sum(p * g for p, g in sizes)
    error = math.sqrt(sum(p * (1 - p) * g * g for p, g in sizes) / trials)
    assert abs(float(result.gross.aal) - expected) < 4 * error
    assert result.net.aal == result.gross.aal  # no policies
    for scenario, (p, g) in zip(result.scenarios, sizes, strict=True):
        assert float(scenario.mean_if_occurs) == pytest.approx(g)
        assert abs(scenario.occurrences / trials - p) < 4 * math.sqrt(p * (1 - p) / trials)


def test_aal_matches_the_examples_within_sampling_error():
    scenarios = _examples()
    trials = 20_000
    result = simulate_portfolio(scenarios, trials, seed=11, chunk_trials=6_000)
    expected, variance = 0.0, 0.0
    for _label, breach, p, _ in scenarios:
        draws = sum(values for *_, values in draw_lines(breach, 20_000, 5))
        factor = float(load_factor(breach))
        mean, second = float(draws.mean()) * factor, float(((draws * factor) ** 2).mean())
        chance = float(p)
        expected += chance * mean
        # Var(annual part) = p E[X^2] - p^2 mean^2; the mean's own error: p^2 Var(X) / n
        variance += (chance * second - (chance * mean) ** 2) / trials
        variance += chance**2 * (second - mean**2) / 20_000
    assert abs(float(result.gross.aal) - expected) < 4 * math.sqrt(variance)


def load_factor(breach) -> Decimal:
    from breachcalc.domain.cost_lines import base_currency, conversion_factor

    return conversion_factor(base_currency(breach), "USD", breach)


def test_same_seed_same_figures_and_another_seed_differs():
    scenarios = _examples()
    first = simulate_portfolio(scenarios, 3_000, seed=5, chunk_trials=1_000)
    again = simulate_portfolio(scenarios, 3_000, seed=5, chunk_trials=1_000)
    other = simulate_portfolio(scenarios, 3_000, seed=6, chunk_trials=1_000)
    assert first == again
    assert first.gross.aal != other.gross.aal


def test_chunking_covers_more_trials_than_one_chunk_and_tail_shares_add_up():
    scenarios = _examples()
    result = simulate_portfolio(scenarios, 10_001, seed=2, chunk_trials=999)
    assert result.trials == 10_001 and result.chunk_trials == 999
    assert sum(s.occurrences for s in result.scenarios) > 0
    assert float(sum(s.tail_share_gross for s in result.scenarios)) == pytest.approx(1.0)
    assert result.gross.tail_years <= math.ceil(0.01 * 10_001) + 1
    aal = float(sum(s.aal_gross for s in result.scenarios))
    assert aal == pytest.approx(float(result.gross.aal), rel=1e-9)
    p = [float(result.gross.percentile(q)) for q in (50, 90, 99, "99.5")]
    assert p == sorted(p)
    amounts = [float(a) for a, _ in result.gross.curve]
    chances = [float(c) for _, c in result.gross.curve]
    assert amounts == sorted(amounts) and chances == sorted(chances, reverse=True)
    assert 10 <= len(result.gross.curve) <= 40


def test_net_of_a_policy_matches_the_exact_retained_loss():
    policy = Policy(
        currency="USD",
        retention=Decimal(100_000),
        limit=Decimal(1_000_000),
        coinsurance=Decimal("0.1"),
    )
    big = _exact("big", 4_000_000)
    retained = float(net_of_policy(big, policy).retained)  # 100,000 + 10% of rest, limit hit
    scenarios = [("big", big, 0.25, policy), ("small", _exact("small", 50_000), 0.5, policy)]
    small_retained = float(net_of_policy(scenarios[1][1], policy).retained)
    trials = 20_000
    result = simulate_portfolio(scenarios, trials, seed=9)
    expected = 0.25 * retained + 0.5 * small_retained
    error = math.sqrt((0.25 * 0.75 * retained**2 + 0.25 * small_retained**2) / trials)
    assert abs(float(result.net.aal) - expected) < 4 * error
    assert result.scenarios[0].limit_exhausted == 1
    assert result.recovered_aal > 0


def test_example_policy_on_the_example_portfolio():
    policy = Policy.model_validate(load_document(str(EXAMPLES / "policy.yaml")).data)
    scenarios = [(label, b, p, policy) for label, b, p, _ in _examples()]
    result = simulate_portfolio(scenarios, 2_000, seed=1)
    assert result.currency == "USD"
    assert result.net.aal <= result.gross.aal


def test_bad_probability_is_refused():
    with pytest.raises(InputError, match="probability"):
        simulate_portfolio([("x", _exact("x", 1000), 1.5, None)], 10, seed=1)


def test_missing_rate_to_portfolio_currency_is_refused():
    eur_only = validate(
        parse_text("name: e\naffected: 1\ndata_categories: [names]\ncosts: {currency: EUR}\n")
    )
    usd = _exact("usd", 1000)
    with pytest.raises(InputError, match="rate"):
        simulate_portfolio([("usd", usd, 1, None), ("eur", eur_only, 1, None)], 10, seed=1)


def test_no_scenario_and_zero_probability():
    with pytest.raises(ValueError):
        simulate_portfolio([], 10, seed=1)
    result = simulate_portfolio([("z", _exact("z", 1000), 0, None)], 100, seed=1)
    assert result.gross.aal == 0 and result.scenarios[0].tail_share_gross == 0
    assert np.isfinite(float(result.gross.percentile(99)))


def test_portfolio_plans_each_scenarios_lines_once_not_per_chunk(monkeypatch):
    """Speed (docs/architecture.md, Performance): a scenario's lines, currency factors and fine
    caps are worked out once, not in each of its chunks; the draws are those of draw_lines."""
    from breachcalc.domain import simulation

    breach = load_breach(str(EXAMPLES / "portfolio" / "04-uk-retailer-ransomware.yaml"))
    plan = simulation.plan_lines(breach)
    planned = simulation.draw_planned(plan, 500, np.random.default_rng(7))
    direct = draw_lines(breach, 500, 7)
    assert [(k, lab, u) for k, lab, u, _ in planned] == [(k, lab, u) for k, lab, u, _ in direct]
    for (*_, a), (*_, b) in zip(planned, direct, strict=True):
        assert np.array_equal(a, b)
    calls = []
    real = simulation.line_specs
    monkeypatch.setattr(simulation, "line_specs", lambda b: calls.append(1) or real(b))
    simulate_portfolio([("a", breach, Decimal("0.5"), None)], 40, 3, chunk_trials=4)
    assert len(calls) == 1  # ten chunks, two passes: still one plan


def test_the_tail_pass_gives_the_same_shares_from_kept_losses_as_from_redrawn(monkeypatch):
    """Speed (docs/architecture.md, Performance): the first pass keeps its losses for the tail
    pass up to a budget; past it a chunk is drawn again. Both give the same figures."""
    from breachcalc.analysis import portfolio

    names = ("02-shop-card-skimming.yaml", "04-uk-retailer-ransomware.yaml")
    scenarios = [
        (n, load_breach(str(EXAMPLES / "portfolio" / n)), Decimal("0.3"), None) for n in names
    ]
    kept = simulate_portfolio(scenarios, 2_000, 11, chunk_trials=300)
    monkeypatch.setattr(portfolio, "KEPT_OCCURRENCES", 0)
    redrawn = simulate_portfolio(scenarios, 2_000, 11, chunk_trials=300)
    assert kept == redrawn
    assert sum(s.tail_share_gross for s in kept.scenarios) > 0


def test_a_portfolio_counts_a_file_given_twice_once(tmp_path):
    scenario = EXAMPLES / "portfolio" / "02-shop-card-skimming.yaml"
    link = tmp_path / "same.yaml"
    link.symlink_to(scenario)
    once = cli("portfolio", str(scenario), "-n", "2000", "-f", "json")
    twice = cli(
        "portfolio",
        str(scenario),
        str(link),
        "./" + str(scenario.relative_to(ROOT)),
        "-n",
        "2000",
        "-f",
        "json",
    )
    assert once.returncode == twice.returncode == 0
    assert twice.stdout == once.stdout
    assert twice.stderr.count("counted once") == 2


def test_a_portfolio_file_given_twice_counts_once_and_is_told(tmp_path):
    one = str(EXAMPLES / "portfolio" / "01-clinic-misdirected-email.yaml")
    link = tmp_path / "same.yaml"
    link.symlink_to(one)
    told: list[str] = []
    twice = api.portfolio([one, str(link)], trials=200, seed=1, tell=told.append)
    once = api.portfolio([one], trials=200, seed=1)
    assert told == [f"{link} is the same file as {one}; counted once"]
    assert api.to_json(twice) == api.to_json(once)
