"""simulate: the same formulas as assess, analytic checks within sampling error, determinism."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from breachcalc.domain.simulation import simulate
from breachcalc.input.loader import load_breach, validate
from breachcalc.input.yaml_reader import parse
from tests.conftest import EXAMPLES

UNCERTAIN = str(EXAMPLES / "coupang-uncertain.yaml")


def test_expected_voucher_cost_is_people_times_face_times_mean_redemption():
    text = (
        "name: t\naffected: 1_000_000\ndata_categories: [names]\ncompensation:\n"
        "  currency: USD\n  amount: 10\n  redemption: {low: 0.1, likely: 0.3, high: 0.8}\n"
    )
    sim = simulate(validate(parse("t.yaml", text)), 200_000, 11)
    # mean redemption (0.1 + 4×0.3 + 0.8)/6 = 0.35; 1,000,000 × 10 × 0.35 = 3,500,000
    assert float(sim.total.mean.amount) == pytest.approx(3_500_000, rel=0.003)


def test_total_mean_is_the_sum_of_line_means():
    sim = simulate(load_breach(UNCERTAIN), 50_000, 3)
    assert float(sim.total.mean.amount) == pytest.approx(
        sum(float(line.mean.amount) for line in sim.lines), rel=1e-9
    )


def test_exact_lines_are_constant():
    sim = simulate(load_breach(str(EXAMPLES / "coupang.yaml")), 1000, 0)
    assert sim.total.mean.amount == Decimal("1853500000000.0")
    assert {m.amount for _p, m in sim.total.percentiles} == {Decimal("1853500000000.0")}


def test_same_seed_same_bytes(run):
    args = ("simulate", UNCERTAIN, "--trials", "20000", "--seed", "5", "--format", "json")
    first, second = run(*args), run(*args)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == second.stdout
    assert (
        run("simulate", UNCERTAIN, "--trials", "20000", "--seed", "6", "--format", "json").stdout
        != first.stdout
    )


def test_exceedance_probabilities_fall_as_the_threshold_rises(run):
    result = run(
        "simulate",
        UNCERTAIN,
        "--trials",
        "20000",
        "--format",
        "json",
        "--exceed",
        "8e11",
        "--exceed",
        "1.2e12",
        "--exceed",
        "700,000,000 USD",
    )
    document = json.loads(result.stdout, parse_float=Decimal)
    probabilities = [e["probability"] for e in document["exceedance"]]
    assert probabilities[0] > probabilities[1]
    # 700,000,000 USD × 1,440 = 1,008,000,000,000 KRW: between the two
    assert probabilities[0] > probabilities[2] > probabilities[1]
    assert document["exceedance"][2]["threshold"] == {
        "amount": Decimal(1008000000000),
        "currency": "KRW",
    }


def test_table_output_shows_lines_curve_and_histogram(run):
    result = run("simulate", UNCERTAIN, "--trials", "5000", "-p", "10", "-p", "90")
    assert result.exit_code == 0, result.stderr
    for text in ("Fine, KR", "P10", "P90", "Loss exceedance", "Distribution of the total"):
        assert text in result.stdout


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plot_is_written(run, tmp_path, suffix):
    target = tmp_path / f"lec{suffix}"
    result = run("simulate", UNCERTAIN, "--trials", "2000", "--plot", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.stat().st_size > 1000
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary left behind


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--plot", "x.pdf"], 2, "must end in .png or .svg"),
        (["--exceed", "lots"], 2, "--exceed 'lots'"),
        (["--exceed", "5 EUR"], 2, "no rate between EUR and KRW"),
        (["--trials", "0"], 2, "Invalid value for '--trials'"),
        (["--trials", "100000000"], 2, "Invalid value for '--trials'"),
        (["-p", "101"], 2, "--percentile 101: give a number from 0 to 100"),
        (["-p", "nan"], 2, "--percentile nan: give a number from 0 to 100"),
        (["--exceed", "1E50"], 2, "must be at most 1,000,000,000,000,000,000 (limit MAX_AMOUNT)"),
        (["--exceed", "1e999999999"], 2, "(limit MAX_AMOUNT)"),
    ],
)
def test_simulate_usage_errors(run, args, code, message):
    result = run("simulate", UNCERTAIN, *args)
    assert result.exit_code == code
    assert message in result.stderr


def test_unwritable_plot_path_is_a_clear_error(run, tmp_path):
    result = run(
        "simulate", UNCERTAIN, "--trials", "100", "--plot", str(tmp_path / "missing" / "x.png")
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot write")


@pytest.mark.parametrize("amount", ["1", "1e18"])
def test_a_total_without_ranges_gives_one_histogram_bar(run, amount):
    """numpy's histogram widens a single value by 0.5 each way, which vanishes in float above
    2**53: a constant total of 10^29 crashed with 'Too many bins for data range'."""
    text = (
        "name: x\naffected: 100_000_000_000\ndata_categories: [names]\n"
        f"compensation: {{currency: KRW, amount: {amount}}}\n"
    )
    result = run("simulate", "-", "--trials", "10", "--format", "json", "--no-history", input=text)
    assert result.exit_code == 0, result.exception
    histogram = json.loads(result.stdout)["histogram"]
    assert histogram["counts"] == [10]
    low, high = (edge["amount"] for edge in histogram["edges"])
    assert low <= int(Decimal(amount)) * 100_000_000_000 <= high


def test_percentile_minus_zero_is_the_zeroth(run):
    result = run("simulate", UNCERTAIN, "--trials", "50", "-p", "-0", "--format", "json")
    assert result.exit_code == 0
    points = [p["percentile"] for p in json.loads(result.stdout)["total"]["percentiles"]]
    assert points == [0] and str(points[0]) == "0"
    table = run("simulate", UNCERTAIN, "--trials", "50", "-p", "-0").stdout
    assert " P0" in table and "P-0" not in table
