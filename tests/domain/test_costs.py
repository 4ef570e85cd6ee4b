"""Cost lines at their likely values, worked out by hand, and the Coupang uncertain example."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from breachcalc.domain.assessment import assess
from breachcalc.domain.exposure import total_exposure
from breachcalc.errors import InputError
from breachcalc.input.loader import load_breach, validate
from breachcalc.input.yaml_reader import parse
from tests.conftest import EXAMPLES, cli

FULL = """\
name: every cost line
affected: 10_000
data_categories: [names, email]
compensation: {currency: EUR, amount: 20, redemption: 0.5}
costs:
  monitoring: {enrolment: 0.05, price_per_month: 9.99, months: 12}
  notification: {per_notice: 1.25}
  incident_response: {amount: 150_000}
  litigation: {per_person: 80, claim_share: 0.04}
  lost_business: {customers: 200_000, churn: 0.02, margin_per_customer: 35}
fines:
  EU: {turnover: 500_000_000, tier: standard, share_of_cap: 0.25}
revenue: {annual: 500_000_000}
reporting: {currency: USD, rates: [1 EUR = 1.08 USD]}
"""


def lines(text: str) -> dict[str, Decimal]:
    costs = total_exposure(validate(parse("t.yaml", text)))
    return {line.key: line.amount.amount for line in costs.lines} | {"total": costs.total.amount}


def test_every_line_by_hand():
    got = lines(FULL)
    assert got["compensation.1"] == Decimal("100000")  # 20 × 0.5 × 10,000
    assert got["monitoring"] == Decimal("59940")  # 10,000 × 0.05 × 9.99 × 12 = 59,940
    assert got["notification"] == Decimal("12500")  # 10,000 × 1.25
    assert got["incident_response"] == Decimal("150000")
    assert got["litigation"] == Decimal("32000")  # 10,000 × 0.04 × 80
    assert got["lost_business"] == Decimal("140000")  # 200,000 × 0.02 × 35
    # EU standard tier: max(10,000,000, 2% × 500,000,000 = 10,000,000) = 10,000,000; × 0.25
    assert got["fine.EU"] == Decimal("2500000")
    # 100,000 + 59,940 + 12,500 + 150,000 + 32,000 + 140,000 + 2,500,000 = 2,994,440
    assert got["total"] == Decimal("2994440")


def test_totals_in_reporting_currency_and_share_of_revenue():
    costs = total_exposure(validate(parse("t.yaml", FULL)))
    assert costs.total_reporting.amount == Decimal("3233995.20")  # 2,994,440 × 1.08
    assert costs.share_of_revenue == Decimal("0.00598888")  # 2,994,440 / 500,000,000


def test_litigation_lump_sum_and_notices_override():
    text = FULL.replace("{per_person: 80, claim_share: 0.04}", "{lump_sum: 1_000_000}").replace(
        "{per_notice: 1.25}", "{per_notice: 1.25, notices: 12_000}"
    )
    got = lines(text)
    assert got["litigation"] == Decimal("1000000")
    assert got["notification"] == Decimal("15000")  # 12,000 × 1.25


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            "{per_person: 80, claim_share: 0.04}",
            "give either `per_person` and `claim_share`, or `lump_sum`",
        ),
    ],
)
def test_litigation_needs_one_form(change, message):
    text = FULL.replace(change, "{per_person: 80}")
    with pytest.raises(InputError, match=message):
        validate(parse("t.yaml", text))


def test_coupang_uncertain_likely_values():
    result = assess(load_breach(str(EXAMPLES / "coupang-uncertain.yaml")))
    costs = result.exposure
    amounts = {line.key: line.amount.amount for line in costs.lines}
    # Vouchers at the PERT modes: 5,000×0.6 + 5,000×0.45 + 20,000×0.2 + 20,000×0.3 = 15,250 won
    # a person; × 33,700,000 = 513,925,000,000 KRW.
    compensation = sum(v for k, v in amounts.items() if k.startswith("compensation"))
    assert compensation == Decimal("513925000000")
    assert result.compensation.total.amount == Decimal("513925000000")
    # Litigation: 33,700,000 × 0.04 × 100,000 = 134,800,000,000 KRW
    assert amounts["litigation"] == Decimal("134800000000")
    # Fine: the PERT mode, 423,580,000,000 KRW, under the cap 3% × 41 trillion = 1.23 trillion
    assert amounts["fine.KR"] == Decimal("423580000000")
    assert costs.fines[0].maximum.amount == Decimal("1230000000000")
    # Total 1,072,305,000,000 KRW; at 1,440 KRW a dollar exactly 744,656,250 USD
    assert costs.total.amount == Decimal("1072305000000")
    assert costs.total_reporting.amount == Decimal("744656250")
    # 1,072,305,000,000 / 41,000,000,000,000 = 0.0261537804878…
    assert costs.share_of_revenue.quantize(Decimal("0.000001")) == Decimal("0.026154")
    low, high = result.intervals["total"]
    assert low.amount < costs.total.amount < high.amount


def test_assess_json_has_the_interval_and_lines(run):
    result = run("assess", str(EXAMPLES / "coupang-uncertain.yaml"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    exposure = json.loads(result.stdout, parse_float=Decimal)["exposure"]
    assert exposure["total"] == {"amount": Decimal(1072305000000), "currency": "KRW"}
    assert exposure["total_reporting"] == {"amount": Decimal("744656250.00"), "currency": "USD"}
    assert exposure["interval"]["p5"]["amount"] < exposure["total"]["amount"]
    assert [line["key"] for line in exposure["lines"]] == [
        "compensation.1",
        "compensation.2",
        "compensation.3",
        "compensation.4",
        "litigation",
        "fine.KR",
    ]
    assert exposure["fines"][0]["maximum"] == {"amount": Decimal(1230000000000), "currency": "KRW"}


def test_exact_files_do_not_import_numpy():
    import subprocess
    import sys

    code = (
        "import sys; from breachcalc.domain.assessment import assess; "
        "from breachcalc.input.loader import load_breach; "
        f"assess(load_breach({str(EXAMPLES / 'coupang.yaml')!r})); "
        "print(sorted(m for m in ('numpy', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_monitoring_for_a_category_that_leaked_is_charged_for_its_people(tmp_path):
    import json

    path = tmp_path / "b.yaml"
    path.write_text(
        "name: x\naffected: 1000\ndata_categories: [names, {category: payment card, affected: 40}]\n"
        "costs:\n  currency: KRW\n  monitoring: {category: payment card, enrolment: 0.5, price_per_month: 10, months: 12}\n",
        encoding="utf-8",
    )
    result = cli("assess", str(path), "--no-history", "-f", "json")
    assert result.returncode == 0, result.stderr
    lines = json.loads(result.stdout)["exposure"]["lines"]
    monitoring = next(line for line in lines if line["key"] == "monitoring")
    assert monitoring["amount"] == {"amount": 2400, "currency": "KRW"}  # 40 × 0.5 × 10 × 12
