"""The back-test (analysis/backtest.py): the committed figures are what the command computes and
meet their targets."""

from __future__ import annotations

import json

import jsonschema

from tests.conftest import ROOT


def test_the_committed_backtest_figures_are_what_the_command_computes(run):
    committed = json.loads((ROOT / "docs" / "backtest.json").read_text(encoding="utf-8"))
    computed = json.loads(run("backtest", "--format", "json").stdout)
    assert computed == committed, "run: breachcalc backtest --format json > docs/backtest.json"
    schema = json.loads(run("schema", "output", "--command", "backtest").stdout)
    jsonschema.validate(computed, schema)


def test_the_backtest_meets_its_calibration_and_score_targets():
    committed = json.loads((ROOT / "docs" / "backtest.json").read_text(encoding="utf-8"))
    assert 0.85 <= committed["coverage_p5_p95"] <= 0.95
    for group in committed["groups"]:
        assert group["coverage_p5_p95"] >= 0.75, group["group"]
    # at least 25% below DBIR 2015 (zeros, which DBIR cannot say, weigh most)
    assert committed["crps_log10"] <= 0.75 * committed["crps_log10_dbir_2015"]
    assert committed["crps_log10"] < committed["crps_log10_per_person"]
    assert committed["crps_log10"] < committed["crps_log10_previous"]
    # the chance of no public outcome, calibrated within 10 points over the tracker breaches
    assert abs(committed["zero_share_predicted"] - committed["zero_share_observed"]) <= 0.10
    # a P5 of zero only where the chance of zero is above 5%
    for p in committed["predictions"]:
        if p["p5_usd"] == 0:
            assert p["chance_of_no_public_outcome"] > 0.05, p["id"]
    # the width target (100x) is not met; docs/history-model.md says why
    assert committed["median_p95_over_p5"] > 100
