"""The ``history`` listing (analysis/history/listing.py): every breach with sourced outcomes,
filters, likeness, currencies, refusals and rounding."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest

from breachcalc.reference.history import history
from tests.conftest import RESERVED


def test_history_json_lists_every_breach_with_sourced_outcomes_and_validates(run):
    document = json.loads(run("history", "--format", "json").stdout, parse_float=Decimal)
    schema = json.loads(run("schema", "output", "--command", "history").stdout)
    jsonschema.validate(json.loads(run("history", "--format", "json").stdout), schema)
    assert document["count"] == len(document["breaches"]) >= 40
    assert all(o["source"] for b in document["breaches"] for o in b["outcomes"])
    names = " ".join(b["organisation"] + " " + b["id"] for b in document["breaches"])
    assert not RESERVED.search(names.replace("-", " "))


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (
            ["--jurisdiction", "KR"],
            lambda b: (
                "KR" in b["jurisdictions"] or any(o["jurisdiction"] == "KR" for o in b["outcomes"])
            ),
        ),
        (["--people", "1e6..1e8"], lambda b: 1e6 <= b["people"] <= 1e8),
        (["--category", "payment_cards"], lambda b: "payment_cards" in b["categories"]),
        (["--since", "2020"], lambda b: b["year"] >= 2020),
    ],
)
def test_history_filters(run, args, check):
    document = json.loads(run("history", *args, "--format", "json").stdout)
    assert 0 < document["count"] < len(history())
    assert all(check(b) for b in document["breaches"])


def test_history_like_sorts_by_likeness_and_says_why(run):
    document = json.loads(
        run(
            "history", "--like", "examples/coupang-facts.yaml", "-n", "3", "--format", "json"
        ).stdout
    )
    first = document["breaches"][0]
    assert first["id"] == "coupang-2025" and first["why"].startswith("1× the people")
    assert "coupang-2025" in {
        b["id"] for b in document["breaches"]
    }  # the listing is not a forecast
    assert [b["similarity"] for b in document["breaches"]] == sorted(
        b["similarity"] for b in document["breaches"]
    )


def test_history_per_person_in_another_currency(run):
    usd = json.loads(run("history", "-j", "KR", "--format", "json").stdout)
    krw = json.loads(run("history", "-j", "KR", "--currency", "KRW", "--format", "json").stdout)
    sk = next(b for b in usd["breaches"] if b["id"] == "sk-telecom-2025")
    sk_krw = next(b for b in krw["breaches"] if b["id"] == "sk-telecom-2025")
    # public outcomes / people, at the 2025 average rate (KRW per USD)
    ratio = Decimal(str(sk_krw["per_person"]["amount"])) / Decimal(str(sk["per_person"]["amount"]))
    assert abs(ratio - Decimal("1421.3963")) < Decimal("1")


def test_history_refuses_an_unknown_category_and_a_bad_range(run):
    assert run("history", "--category", "nope").exit_code == 2
    bad = run("history", "--people", "5..1")
    assert bad.exit_code == 2 and "LOW is above HIGH" in bad.stderr


def test_history_figures_are_shown_to_three_significant_figures():
    from breachcalc.domain.priors import three_figures

    assert three_figures(713_541_636.2) == Decimal(714_000_000)
    assert three_figures(1234.5) == Decimal(1230)
    assert three_figures(12.345) == Decimal("12.3")
    assert three_figures(0.0) == 0
    assert three_figures(1.5e40) == Decimal("1.50E+40")  # beyond the context: as it is
