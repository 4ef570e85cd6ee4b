"""Legal maxima per jurisdiction, each worked out by hand from the rule in data/fines.toml."""

from __future__ import annotations

from decimal import Decimal

import pytest

from breachcalc.domain.fines import MissingInput, fine_cap, known_jurisdictions
from breachcalc.errors import InputError
from breachcalc.input.breach import Fine
from breachcalc.input.loader import validate
from breachcalc.input.values import Rate
from breachcalc.input.yaml_reader import parse
from breachcalc.reference.tables import fine_rules, jurisdiction_tree
from tests.conftest import cli

KINDS = {
    "share_of_turnover_less_unrelated",
    "share_of_related_turnover",
    "greater_of_fixed_and_share",
    "per_person",
    "fixed",
    "greater_of_fixed_benefit_turnover",
    "share_above_threshold",
    "alternative_fixed_or_share",
    "share_capped",
    "share_less_unrelated_or_punitive",
    "tiered_annual",
    "none",
}


def cap(code: str, people: int = 1000, rates: tuple[Rate, ...] = (), **inputs):
    result = fine_cap(code, Fine(**inputs), people, rates)
    return None if result.maximum is None else (result.maximum.amount, result.maximum.currency)


def test_every_rule_has_source_effective_and_a_known_kind():
    rules = fine_rules()
    members = {c for c, place in jurisdiction_tree().items() if place.inherits == "EU"}
    assert len(members) == 30  # 27 EU member states and the 3 EEA EFTA states
    assert (
        set(rules)
        == {
            "KR",
            "EU",
            "UK",
            "US",
            "US-CA",
            "US-TX",
            "US-HIPAA",
            "US-SEC",
            "US-FTC",
            "US-NYDFS",
            "JP",
            "AU",
            "SG",
            "CN",
            "BR",
            "IN",
            "CA",
        }
        | members
    )
    assert all(rules[code] is rules["EU"] for code in members)
    for code, regimes in rules.items():
        for rule in regimes:
            assert rule["kind"] in KINDS, code
            assert rule["source"] and rule["in_force_from"] and rule["window_source"], code
    assert known_jurisdictions() == list(rules)


@pytest.mark.parametrize(
    ("code", "inputs", "expected"),
    [
        # KR: 3% × (41,000,000,000,000 − 1,000,000,000,000) = 1,200,000,000,000 KRW
        ("KR", {"turnover": 41 * 10**12, "unrelated_turnover": 10**12}, (Decimal("1.2e12"), "KRW")),
        # KR with no sales: the KRW 2 billion floor
        ("KR", {"turnover": 0}, (Decimal(2 * 10**9), "KRW")),
        # EU higher tier (default): max(20M, 4% × 1,000,000,000 = 40M) = 40,000,000 EUR
        ("EU", {"turnover": 10**9}, (Decimal(40_000_000), "EUR")),
        # EU standard tier: max(10M, 2% × 100,000,000 = 2M) = 10,000,000 EUR
        ("EU", {"turnover": 10**8, "tier": "standard"}, (Decimal(10_000_000), "EUR")),
        # EU, no turnover: the fixed amount of the tier
        ("EU", {}, (Decimal(20_000_000), "EUR")),
        # UK higher: max(17.5M, 4% × 2,000,000,000 = 80M) = 80,000,000 GBP
        ("UK", {"turnover": 2 * 10**9}, (Decimal(80_000_000), "GBP")),
        # UK standard: max(8.7M, 2% × 100M = 2M) = 8,700,000 GBP
        ("UK", {"turnover": 10**8, "tier": "standard"}, (Decimal(8_700_000), "GBP")),
        # US-HIPAA, the newest rule (from 2024-08-08): the calendar-year cap, 2,134,831 USD
        # (a later USD 2,190,294 has no effective day in breachcalc's sources)
        ("US-HIPAA", {}, (Decimal(2_134_831), "USD")),
        # ... with a culpability tier: min(2,134,831, OCR's discretion 25,000) = 25,000 USD
        ("US-HIPAA", {"culpability": "did_not_know"}, (Decimal(25_000), "USD")),
        # AU with a benefit: max(50M, 3 × 40M = 120M) = 120,000,000 AUD
        ("AU", {"benefit": 40_000_000}, (Decimal(120_000_000), "AUD")),
        # AU with turnover only: max(50M, 30% × 1,000,000,000 = 300M) = 300,000,000 AUD
        ("AU", {"turnover": 10**9}, (Decimal(300_000_000), "AUD")),
        # AU with neither: 50,000,000 AUD
        ("AU", {}, (Decimal(50_000_000), "AUD")),
        # SG above the SGD 10M threshold: 10% × 50,000,000 = 5,000,000 SGD
        ("SG", {"turnover": 50_000_000}, (Decimal(5_000_000), "SGD")),
        # SG at or below it: SGD 1,000,000
        ("SG", {"turnover": 10_000_000}, (Decimal(1_000_000), "SGD")),
        # CN: 50M or 5% × 2,000,000,000 = 100M, the larger: 100,000,000 CNY
        ("CN", {"turnover": 2 * 10**9}, (Decimal(100_000_000), "CNY")),
        # CN small: 5% × 100M = 5M < 50M: 50,000,000 CNY
        ("CN", {"turnover": 10**8}, (Decimal(50_000_000), "CNY")),
        # BR: min(2% × 1,000,000,000 = 20M, 50M) = 20,000,000 BRL
        ("BR", {"turnover": 10**9}, (Decimal(20_000_000), "BRL")),
        # BR large: min(2% × 10,000,000,000 = 200M, 50M) = 50,000,000 BRL
        ("BR", {"turnover": 10**10}, (Decimal(50_000_000), "BRL")),
        # IN: INR 250 crore = 2,500,000,000 INR
        ("IN", {}, (Decimal(2_500_000_000), "INR")),
        # CA: CAD 100,000
        ("CA", {}, (Decimal(100_000), "CAD")),
    ],
)
def test_caps_by_hand(code, inputs, expected):
    assert cap(code, **inputs) == expected


def test_us_ca_is_per_california_resident():
    # $799 × 250,000 California residents = $199,750,000
    assert cap("US-CA", people=250_000) == (Decimal(199_750_000), "USD")


def test_japan_has_no_administrative_fine():
    assert cap("JP") is None


def test_inputs_in_another_currency_are_converted():
    # Turnover 1,440,000,000,000 KRW at 1 USD = 1,440 KRW → 1,000,000,000 USD ... EU needs EUR:
    # 1 EUR = 1,500 KRW → 960,000,000 EUR; 4% = 38,400,000 EUR (> 20M)
    rates = (Rate.parse("1 EUR = 1,500 KRW"),)
    assert cap("EU", rates=rates, currency="KRW", turnover=1_440_000_000_000) == (
        Decimal("38400000"),
        "EUR",
    )


def test_missing_turnover_is_named():
    with pytest.raises(MissingInput, match="`turnover`"):
        fine_cap("KR", Fine(), 10, ())


BASE = """\
name: t
affected: 1000
data_categories: [names]
compensation: {currency: KRW, amount: 1000}
"""


def problems(text: str) -> str:
    with pytest.raises(InputError) as info:
        validate(parse("f.yaml", text))
    return str(info.value)


def test_expected_fine_above_the_cap_is_refused():
    text = BASE + "fines:\n  KR: {turnover: 1_000_000_000, expected: 40_000_000}\n"
    assert problems(text) == (
        "f.yaml:6:43: fines.KR.expected: expected fine above the legal maximum: it is 40,000,000 "
        "KRW, the maximum is 30,000,000.00 KRW (3% × (KRW 1,000,000,000 − KRW 0 unrelated) (not "
        "the punitive 10%: 1,000 people < 10,000,000))"
    )


def test_a_range_whose_high_end_is_above_the_cap_is_refused():
    text = BASE + (
        "fines:\n  KR:\n    turnover: 1_000_000_000\n"
        "    expected: {low: 1, likely: 2, high: 31_000_000}\n"
    )
    assert "the range's `high` is 31,000,000 KRW" in problems(text)


def test_japan_expected_fine_is_refused():
    text = BASE + "fines:\n  JP: {expected: 1000}\n"
    assert "JP has no administrative fine" in problems(text)


def test_unknown_fine_jurisdiction_gets_a_suggestion():
    text = BASE + "fines:\n  KP: {expected: 1000}\n"
    assert (
        "no fine rule for KP; did you mean `UK`? (rules: KR, EU, UK, US, US-CA, US-TX, US-HIPAA, US-SEC, "
        "US-FTC, US-NYDFS, JP, AU, SG, CN, BR, IN, CA, and the EU and EEA member states under EU)"
        in problems(text)
    )


def test_fine_in_another_currency_needs_a_rate():
    text = BASE + "fines:\n  EU: {turnover: 1000000000, share_of_cap: 0.1}\n"
    assert "no exchange rate between EUR and KRW" in problems(text)


def test_unrelated_sales_above_the_turnover_are_refused():
    """They gave a negative legal maximum, and a negative fine in the total."""
    text = BASE + "fines:\n  KR: {turnover: 1000, unrelated_turnover: 1e9, share_of_cap: 1}\n"
    assert problems(text) == (
        "f.yaml:6:44: fines.KR.unrelated_turnover: is more than `turnover` (1000); unrelated "
        "sales are part of the turnover, so the legal maximum would be negative"
    )


def test_unrelated_sales_equal_to_the_turnover_give_a_zero_maximum():
    text = BASE + "fines:\n  KR: {turnover: 1000, unrelated_turnover: 1000, share_of_cap: 1}\n"
    cap = fine_cap("KR", validate(parse("f.yaml", text)).fines["KR"], 1000, ())
    assert cap.maximum.amount == 0


@pytest.mark.parametrize("fines", ["{XX: {}}", "{XX: {}, KR: {turnover: 1}}"])
def test_an_unknown_first_fine_code_without_compensation_is_refused_not_crashed(fines):
    """The breach currency came from the first fine's rule: an unknown code was a KeyError."""
    text = f"name: t\naffected: 1000\ndata_categories: [names]\nfines: {fines}\n"
    assert problems(text).startswith("f.yaml:4:9: fines.XX: no fine rule for XX")


def test_japan_with_an_expected_fine_of_zero_has_no_fine_line():
    # found by the thorough fuzz profile: a zero expected fine for JP in another currency
    # needed a rate to convert nothing; JP has no administrative fine, so there is no line
    from breachcalc.domain.exposure import total_exposure

    text = (
        "name: t\naffected: 0\ndata_categories: [names]\n"
        "fines:\n  JP:\n    turnover: 0\n    currency: KRW\n    expected: 0\n"
    )
    costs = total_exposure(validate(parse("f.yaml", text)))
    assert costs.lines == ()
    assert costs.fines[0].maximum is None


def test_a_fine_given_in_another_currency_than_its_rule_needs_a_rate_to_the_breach_currency(
    tmp_path,
):
    # Found by scripts/fuzz.py (seed 1): on 2018-09-08 the UK maximum is the GDPR's, in euros;
    # the file gives the expected fine in pounds and rates GBP-EUR and EUR-USD, none GBP-USD,
    # which the fine's line (pounds, converted straight to dollars) needs: exit 70 before.
    path = tmp_path / "b.yaml"
    path.write_text(
        "name: x\naffected: 1000\ndata_categories: [names]\ndiscovered: 2018-09-08\n"
        "jurisdictions: [UK]\ncosts: {currency: USD}\n"
        "fines:\n  UK: {turnover: 16_727_000_000, currency: GBP, expected: 18_400_000}\n"
        "reporting:\n  currency: USD\n  rates: ['1 EUR = 0.8897 GBP', '1 EUR = 1.1422 USD']\n",
        encoding="utf-8",
    )
    result = cli("assess", "b.yaml", "--no-history", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "error: b.yaml:8:7: fines.UK: no exchange rate between GBP and USD; add one under "
        "`reporting.rates`, e.g. `1 USD = ... GBP`\n"
    )
    path.write_text(
        path.read_text(encoding="utf-8").replace("']\n", "', '1 GBP = 1.2829 USD']\n"),
        encoding="utf-8",
    )
    fixed = cli("assess", "b.yaml", "--no-history", "-f", "json", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stderr
    import json

    lines = json.loads(fixed.stdout)["exposure"]["lines"]
    fine = next(line for line in lines if line["key"] == "fine.UK")
    assert fine["amount"] == {"amount": 23605360, "currency": "USD"}  # 18,400,000 × 1.2829
