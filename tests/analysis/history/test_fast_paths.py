"""The history estimate's fast paths give the very floats of the plain definitions.

``lattice_total`` (the estimate's total, computed only where a line happens, by a scan the
first time a lattice column is asked for and by bisection of the kept sorted column after) is
``sorted(map(math.fsum, zip(*lattice_draws(...))))``; the comparables searched outward by size
are the ``count`` smallest of ``distance``; the compact yearly rates are those of the full
table. Each is checked against the plain definition, on the same machine (no transcendental
float is compared across machines).
"""

from __future__ import annotations

import itertools
import json
import math
import tomllib
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from breachcalc.analysis.history.comparables import _nearest, _stored_rows, distance, shipped_index
from breachcalc.analysis.history.estimate import FACT_COLUMNS, _effects
from breachcalc.analysis.history.features import Facts
from breachcalc.analysis.history.fit import (
    CURATED,
    NAMES,
    Model,
    line_class,
    marginal,
    shared_nodes,
    shipped_model,
)
from breachcalc.domain import priors
from breachcalc.domain.priors import HistoryPrior, lattice_draws, lattice_total
from tests.conftest import ROOT

DATA = ROOT / "breachcalc" / "reference" / "data"


def _plain_total(
    lines: tuple[HistoryPrior, ...], factor: float, given_any: bool, seed: int
) -> list[float]:
    draws = lattice_draws(lines, factor, given_any, seed)
    return sorted(map(math.fsum, zip(*draws, strict=True)))


line = st.builds(
    lambda logit, mu, sigma, cap, tau: HistoryPrior(
        "history.x",
        "fine",
        "x",
        1 / (1 + math.exp(-logit)),
        mu,
        sigma,
        cap,
        "",
        "",
        logit=logit,
        tau=tau,
    ),
    st.floats(-7, 4),
    st.floats(2, 22),
    st.floats(0.3, 3.5),
    st.one_of(st.none(), st.floats(1e3, 1e12)),
    st.sampled_from([0.0, 0.75, 1.5, 1.5, 2.25]),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(line, min_size=1, max_size=7).map(tuple),
    st.sampled_from([1.0, 0.79, 1_300.0]),
    st.booleans(),
    st.sampled_from([0, 0, 1]),
    st.booleans(),
)
def test_the_lattice_total_is_the_sorted_exact_sum_of_the_draws(
    lines: tuple[HistoryPrior, ...], factor: float, given_any: bool, seed: int, cold: bool
) -> None:
    if cold:  # a fresh process: no column asked for yet, the scan
        priors._thresholds.cache_clear()
        priors._ASCENDING.clear()
    expected = _plain_total(lines, factor, given_any, seed)
    found = lattice_total(lines, factor, given_any, seed)
    assert [repr(v) for v in found] == [repr(v) for v in expected]
    again = lattice_total(lines, factor, given_any, seed)  # the sorted columns, kept
    assert [repr(v) for v in again] == [repr(v) for v in expected]


def test_a_total_without_lines_is_one_zero() -> None:
    assert lattice_total(()) == [0.0]


classes = ["names", "email", "payment_cards", "health", "government_ids", "credentials"]
places = ["US", "UK", "KR", "FR", "AU", "SG", "JP", "CA", "DE"]


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(st.integers(1, 2_000_000_000), st.sampled_from([p.people for p in shipped_index()])),
    st.frozensets(st.sampled_from(classes), max_size=4),
    st.lists(st.sampled_from(places), max_size=3, unique=True).map(tuple),
    st.integers(2000, 2030),
    st.one_of(st.none(), st.sampled_from([p.id for p in shipped_index()])),
)
def test_the_nearest_past_breaches_are_the_smallest_distances(
    people: int,
    categories: frozenset[str],
    jurisdictions: tuple[str, ...],
    year: int,
    exclude: str | None,
) -> None:
    facts = Facts(people, categories, jurisdictions, year)
    brute = sorted(
        ((distance(facts, p), p.id, p) for p in shipped_index() if p.id != exclude),
        key=lambda s: (s[0], s[1]),
    )[:5]
    assert _nearest(facts, 5, exclude) == brute


def test_the_compact_rates_are_the_yearly_table() -> None:
    table = tomllib.loads((DATA / "fx_yearly.toml").read_text("utf-8"))["rate"]
    compact = json.loads((DATA / "history_rates.json").read_text("utf-8"))
    assert compact == [[r["currency"], r["year"], str(r["per_usd"])] for r in table]
    assert all(Decimal(v) > 0 for _c, _y, v in compact)


def test_the_shipped_lattice_strata_are_the_normal_quantiles_and_log_odds() -> None:
    """The estimate reads its 2,003 strata from the build's table (data/history_lattice.bin)
    instead of computing them: they are Φ⁻¹((j + ½)/2,003) and ln(u/(1 − u)) (to a few units
    in the last place, as another C library may compute them: the golden tests hold the
    printed figures), and its lattice columns are those strata gathered."""
    points = priors.POINTS
    columns = priors.shipped_columns()
    assert len(columns) == 2 * priors.SHIPPED_LINES
    assert (DATA / priors.LATTICE_TABLE).stat().st_size == (2 + len(columns)) * 8 * points
    strata, odds = priors._strata(points), priors._log_odds(points)
    assert (strata, odds) == (priors._stored_part(points, 0), priors._stored_part(points, 1))
    for found, plain in zip(
        (strata, odds), (priors.strata_of(points), priors.log_odds_of(points)), strict=True
    ):
        assert len(found) == len(plain) == points
        assert all(abs(a - b) <= 4 * math.ulp(b) for a, b in zip(found, plain, strict=True))
        assert all(a < b for a, b in itertools.pairwise(found))  # ascending, as the strata are
    for n, (generator, shift, of) in enumerate(columns):  # read, not gathered
        shipped = priors._column(points, generator, shift, of)
        assert shipped == priors._stored_part(points, 2 + n)
        assert shipped == priors.gathered(strata if of == "normal" else odds, generator, shift)
    lines = priors.SHIPPED_LINES
    assert (  # the keys the estimate asks for at seed 0
        priors._shared_column(points, 0, lines) == priors._stored_part(points, 1 + lines)
    )
    odds_column = priors._thresholds(points, 0, lines, lines - 1, 0.0)
    assert odds_column == priors._stored_part(points, 1 + 2 * lines)
    assert priors._stored_lattice(17) is None  # another count of points: computed
    assert priors._strata(17) == priors.strata_of(17)
    assert priors._column(17, 5, 3, "odds") == priors.gathered(priors.log_odds_of(17), 5, 3)


def _plain_logit(model: Model, x: list[float]) -> float:
    return model.scale * sum(model.w[i] * v for i, v in enumerate(x) if v)


def _plain_amount(model: Model, line: str, x: list[float]) -> tuple[float, float]:
    x = [0.0 if i == CURATED else v for i, v in enumerate(x)]
    mu = sum(a * b for a, b in zip(model.beta, x, strict=True))
    spread = 0.0
    for i, xi in enumerate(x):
        if xi:
            row = model.inverse[i]
            spread += xi * sum(row[j] * xj for j, xj in enumerate(x) if xj)
    return mu, model.sigma[line_class(line)] * math.sqrt(1.0 + spread)


def _plain_marginal(logit: float, tau: float) -> float:
    nodes = [tau * u for u in shared_nodes()]
    return sum(1.0 / (1.0 + math.exp(-max(min(logit + t, 30.0), -30.0))) for t in nodes) / 16


rows = st.lists(
    st.one_of(st.just(0.0), st.floats(-3, 3, allow_subnormal=False)),
    min_size=len(NAMES) - 1,
    max_size=len(NAMES) - 1,
).map(lambda rest: [1.0, *rest])


@settings(max_examples=200, deadline=None)
@given(rows, st.sampled_from(["fine.UK", "fine.SG", "settlement", "card_brand_payments"]))
def test_the_models_sums_over_every_column_are_the_sums_over_the_columns_that_are_not_zero(
    x: list[float], line_key: str
) -> None:
    """Model.logit, Model.amount and marginal sum with C-level maps over every column (a zero
    column adds ±0.0): the very floats of the sums over the columns that are not zero."""
    for model in (shipped_model(), shipped_model()._replace(tau=0.0)):
        assert repr(model.logit(x)) == repr(_plain_logit(model, x))
        assert repr(model.amount(line_key, x)) == repr(_plain_amount(model, line_key, x))
        logit = model.logit(x)
        for tau in (0.75, 1.5, 3.0):
            assert repr(marginal(logit, tau)) == repr(_plain_marginal(logit, tau))


@settings(max_examples=100, deadline=None)
@given(
    rows,
    st.builds(
        Facts, st.integers(1, 10**9), st.just(frozenset()), st.just(()), st.integers(2000, 2030)
    ),
)
def test_each_facts_effect_is_the_plain_difference(x: list[float], facts: Facts) -> None:
    """_effects zeroes a fact's columns in a copy and sums every column: the chance points
    and median factors of the plain definition (the sums over the columns not zero)."""
    model = shipped_model()
    found = _effects(model, x, facts)
    assert model.tau > 0
    p = _plain_marginal(_plain_logit(model, x), model.tau)
    mu = sum(model.beta[i] * v for i, v in enumerate(x) if v)
    expected = []
    for _fact, prefixes in FACT_COLUMNS:
        columns = [i for i, n in enumerate(NAMES) if n.startswith(prefixes) and x[i]]
        if not columns:
            continue
        without = [0.0 if i in columns else v for i, v in enumerate(x)]
        p0 = _plain_marginal(_plain_logit(model, without), model.tau)
        mu0 = sum(model.beta[i] * v for i, v in enumerate(without) if v)
        expected.append(
            (
                Decimal(repr(100 * (p - p0))).quantize(Decimal("0.1")),
                Decimal(repr(math.exp(mu - mu0))).quantize(Decimal("0.01")),
            )
        )
    assert [(e.chance_points, e.median_factor) for e in found] == expected


def test_a_stored_rows_classes_and_units_are_each_named_once() -> None:
    """The index of past breaches counts a row's data classes and units by their bits, summed
    once per name: the stored lists are sorted sets."""
    for row in _stored_rows():
        for names in (row[4], row[5]):
            assert list(names) == sorted(set(names))
