"""Golden figures for the shipped examples, worked out by hand (the arithmetic is in each test).

Amounts are compared as exact Decimals parsed from the JSON text, so a float anywhere in the
money path would show up as a wrong digit.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from breachcalc.domain.assessment import assess
from breachcalc.domain.money import round_money
from breachcalc.input.loader import load_breach
from tests.conftest import EXAMPLES


def doc(run, name: str) -> dict:
    result = run("assess", str(EXAMPLES / name), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal)


def money(node: dict) -> tuple[Decimal, str]:
    return node["amount"], node["currency"]


def test_coupang_seed_article(run):
    # 33,700,000 accounts × 55,000 KRW = 1,853,500,000,000 KRW.
    # Rate "38 USD = 55,000 KRW": 55,000 KRW → 38 USD exactly; total 33,700,000 × 38 = 1,280,600,000.
    d = doc(run, "coupang.yaml")
    comp = d["compensation"]
    assert money(comp["total"]) == (Decimal("1853500000000"), "KRW")
    assert money(comp["per_person"]) == (Decimal("55000"), "KRW")
    assert money(comp["per_person_reporting"]) == (Decimal("38.00"), "USD")
    assert money(comp["total_reporting"]) == (Decimal("1280600000.00"), "USD")
    assert d["breach"]["affected"] == 33_700_000
    assert d["severity"]["tier"] == "critical"


def test_coupang_notice_four_vouchers(run):
    # 5,000 + 5,000 + 20,000 + 20,000 = 50,000 KRW a person; × 33,700,000 = 1,685,000,000,000 KRW.
    # Parts: 5,000 × 33.7M = 168,500,000,000; 20,000 × 33.7M = 674,000,000,000.
    # USD at 1,440: 1,685,000,000,000 / 1,440 = 1,170,138,888.888… → 1,170,138,888.89.
    d = doc(run, "coupang-notice.yaml")
    comp = d["compensation"]
    assert money(comp["total"]) == (Decimal("1685000000000"), "KRW")
    assert money(comp["per_person"]) == (Decimal("50000"), "KRW")
    assert [p["total"]["amount"] for p in comp["parts"]] == [
        Decimal("168500000000"),
        Decimal("168500000000"),
        Decimal("674000000000"),
        Decimal("674000000000"),
    ]
    assert money(comp["total_reporting"]) == (Decimal("1170138888.89"), "USD")
    # 50,000 / 1,440 = 34.7222… → 34.72
    assert money(comp["per_person_reporting"]) == (Decimal("34.72"), "USD")


def test_bhd_three_decimals_with_partial_redemption(run):
    # BHD has 3 minor digits. Per person: 12.500 × 1 + 7.250 × 0.4 = 12.500 + 2.900 = 15.400 BHD.
    # Total: 240 × 15.400 = 3,696.000 BHD. Face value 240 × 19.750 = 4,740.000 BHD.
    # EUR at 1 EUR = 0.41 BHD: 3,696 / 0.41 = 9,014.6341… → 9,014.63; 15.4 / 0.41 = 37.5609… → 37.56.
    # Parts in EUR: 3,000 / 0.41 = 7,317.0731… → 7,317.07; 696 / 0.41 = 1,697.5609… → 1,697.56.
    d = doc(run, "clinic-small.yaml")
    comp = d["compensation"]
    assert money(comp["per_person"]) == (Decimal("15.400"), "BHD")
    assert money(comp["total"]) == (Decimal("3696.000"), "BHD")
    assert money(comp["total_face_value"]) == (Decimal("4740.000"), "BHD")
    assert money(comp["total_reporting"]) == (Decimal("9014.63"), "EUR")
    assert money(comp["per_person_reporting"]) == (Decimal("37.56"), "EUR")
    assert [p["total_reporting"]["amount"] for p in comp["parts"]] == [
        Decimal("7317.07"),
        Decimal("1697.56"),
    ]
    assert d["severity"]["tier"] == "high"  # health (sensitive, 4) × 240 people (band 1)


def test_jpy_zero_decimals_and_half_rounding(run):
    # JPY has 0 minor digits. 500 × 0.333 = 166.5 JPY a person, shown as 167 (half away from zero).
    # Total: 1,250,000 × 166.5 = 208,125,000 JPY exactly; USD at 150: 1,387,500.00.
    # Per person USD: 166.5 / 150 = 1.11.
    d = doc(run, "shop-jpy.yaml")
    comp = d["compensation"]
    assert money(comp["per_person"]) == (Decimal("167"), "JPY")
    assert money(comp["total"]) == (Decimal("208125000"), "JPY")
    assert money(comp["total_face_value"]) == (Decimal("625000000"), "JPY")
    assert money(comp["total_reporting"]) == (Decimal("1387500.00"), "USD")
    assert money(comp["per_person_reporting"]) == (Decimal("1.11"), "USD")


def test_library_figures_are_unrounded():
    # The core keeps 166.5 JPY; only presentation rounds it.
    result = assess(load_breach(str(EXAMPLES / "shop-jpy.yaml")))
    assert result.compensation.per_person.amount == Decimal("166.5")
    assert round_money(result.compensation.per_person) == Decimal("167")


@pytest.mark.parametrize(
    "name", sorted(p.name for p in EXAMPLES.glob("*.yaml") if p.name != "policy.yaml")
)
def test_every_example_assesses(run, name):
    result = run("assess", str(EXAMPLES / name), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
