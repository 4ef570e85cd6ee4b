"""The history estimate (analysis/history/estimate.py): priors in assess and simulate, the
user's own lines first, no breach forecast from itself."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import numpy as np
import pytest

import breachcalc
from breachcalc.analysis.history import training_set
from breachcalc.analysis.history.estimate import estimate
from breachcalc.reference.history import history_compiled, in_usd
from tests.conftest import ROOT


def test_facts_only_assess_gives_labelled_history_percentiles(run):
    result = run("assess", "examples/coupang-facts.yaml", "--format", "json")
    document = json.loads(result.stdout, parse_float=Decimal)
    found = document["history"]
    cases = len(training_set()) - 1  # Coupang itself is left out
    assert found["source"] == (
        f"from history: model pooled-hurdle/2, {cases} cases, fitted on data of "
        f"{history_compiled()}, without the matching record"
    )
    assert set(found["total"]) == {"p5", "p50", "p95"}
    assert (
        found["total"]["p5"]["amount"]
        <= found["total"]["p50"]["amount"]
        < found["total"]["p95"]["amount"]
    )
    independent = 1.0
    for line in found["lines"]:
        independent *= 1 - float(line["probability"])
        assert line["chance_of_none"] == 1 - line["probability"]
    # the lines share the breach's effect: nothing at all is likelier than were they independent
    assert float(found["chance_of_no_public_outcome"]) > independent
    assert all(line["source"] == found["source"] for line in found["lines"])
    assert {line["key"] for line in found["lines"]} >= {"history.fine.KR", "history.settlement"}
    schema = json.loads(run("schema", "output").stdout)
    jsonschema.validate(json.loads(result.stdout), schema)
    table = run("assess", "examples/coupang-facts.yaml").stdout
    assert "Expected public outcomes, from history" in table


def test_the_users_own_lines_win():
    uncertain = breachcalc.assess(breachcalc.load_breach("examples/coupang-uncertain.yaml"))
    assert uncertain.history is not None
    keys = {p.key for p in uncertain.history.priors}
    # the file states the KR fine and litigation: only enforcement is left to history
    assert keys == {"history.enforcement"}
    assert not uncertain.history.given_any


def test_no_history_turns_it_off(run):
    assert (
        "history"
        not in json.loads(
            run("assess", "examples/coupang-facts.yaml", "--format", "json", "--no-history").stdout
        )
        or json.loads(
            run("assess", "examples/coupang-facts.yaml", "--format", "json", "--no-history").stdout
        )["history"]
        is None
    )
    simulated = json.loads(
        run(
            "simulate",
            "examples/coupang-facts.yaml",
            "-n",
            "1000",
            "--format",
            "json",
            "--no-history",
        ).stdout
    )
    assert simulated["lines"] == []


def test_a_fine_prior_stays_under_the_cap_of_the_day():
    # a UK breach of 2017: the Data Protection Act 1998's GBP 500,000 is the most a fine can be
    text = (
        "name: t\naffected: 5_000_000\ndata_categories: [names, payment_cards]\n"
        "discovered: 2017-06-01\njurisdictions: [UK]\n"
        "reporting: {currency: USD, rates: ['1 GBP = 1.289 USD']}\n"
    )
    found = estimate(breachcalc.load_breach(text))
    assert found is not None
    fine = next(p for p in found.priors if p.key == "history.fine.UK")
    assert fine.cap == pytest.approx(float(in_usd(Decimal(500_000), "GBP", 2017) or 0))
    assert float(found.figures["history.fine.UK"][2].amount) <= fine.cap


def test_simulate_includes_history_lines_with_the_same_bytes_each_time(run):
    args = (
        "simulate",
        "examples/coupang-facts.yaml",
        "-n",
        "5000",
        "--seed",
        "3",
        "--format",
        "json",
    )
    one, two = run(*args).stdout, run(*args).stdout
    assert one == two
    keys = [line["key"] for line in json.loads(one)["lines"]]
    assert "history.fine.KR" in keys
    assert (
        run("assess", "examples/coupang-facts.yaml", "--format", "json").stdout
        == run("assess", "examples/coupang-facts.yaml", "--format", "json").stdout
    )


def test_no_breach_forecasts_itself(run):
    found = estimate(breachcalc.load_breach(str(ROOT / "examples" / "coupang-facts.yaml")))
    assert found is not None and found.actual is not None
    assert found.cases == len(training_set()) - 1
    assert found.actual.public_outcomes_usd == pytest.approx(
        Decimal(str(sum(float(o.amount_usd or 0) for o in found.actual.outcomes if o.counted))),
        abs=Decimal(1),
    )
    table = run("assess", "examples/coupang-facts.yaml").stdout
    assert "What happened: Coupang" in table
    named = "name: a breach\naffected: 1000\ndata_categories: [names]\nhistory_id: coupang-2025\n"
    by_id = estimate(breachcalc.load_breach(named))
    assert by_id is not None and by_id.actual is not None and by_id.actual.id == "coupang-2025"
    assert by_id.actual.matched_by == "the file's history_id coupang-2025"


def test_an_unknown_history_id_is_refused_where_it_is_written(run, tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text("name: x\naffected: 10\ndata_categories: [names]\nhistory_id: coupang-2024\n")
    result = run("assess", str(path))
    assert result.exit_code == 1
    assert "b.yaml:4:13: history_id: 'coupang-2024' is no record of the history" in result.stderr
    assert "coupang-2025" in result.stderr


def test_every_line_of_a_card_breach_has_its_mean_below_its_p999():
    text = (
        "name: cards\naffected: 50_000\ndata_categories: [names, payment_cards]\n"
        "discovered: 2024-03-01\njurisdictions: [UK]\n"
    )
    draws = _simulated_lines(text)
    for key, values in draws.items():
        assert float(np.mean(values)) < float(np.percentile(values, 99.9)), key
    total = np.sum(list(draws.values()), axis=0)
    assert float(np.mean(total)) < float(np.percentile(total, 99))


def _simulated_lines(text: str) -> dict[str, np.ndarray]:
    from breachcalc.analysis.history.estimate import simulation_priors
    from breachcalc.domain.simulation import draw_lines

    breach = breachcalc.load_breach(text)
    priors, factor, given_any = simulation_priors(breach)
    lines = draw_lines(breach, 20_000, 0, priors, factor, given_any)
    return {key: np.asarray(values) for key, _label, _history, values in lines}
