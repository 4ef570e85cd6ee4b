"""Issue 21: the law of the day where users are. Every expected date and figure is worked by
hand from the rule in breachcalc/reference/data (the comment beside it shows the arithmetic)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import jsonschema
import pytest

import breachcalc
from breachcalc.errors import InputError, UsageError


def assess(text: str):
    return breachcalc.assess(breachcalc.load_breach(text), history=False)


def notices(result, code: str):
    (found,) = [n for n in result.notifications if n.jurisdiction == code]
    return found


def caps(result):
    return {cap.jurisdiction: cap for cap in result.exposure.fines}


# --- Must show ----------------------------------------------------------------------------------


def test_texas_attorney_general_in_30_days_and_residents_in_60():
    # discovered 2024-03-01: AG 30 days → 2024-03-31 (March has 31 days: 1 + 30 = 31);
    # residents 60 days → 2024-04-30 (31 March + 30 days). 1,000 Texans ≥ 250; SSNs are
    # personal information under §521.002.
    result = assess(
        "name: tx\naffected: 1000\ndata_categories: [names, ssn]\n"
        "discovered: 2024-03-01\njurisdictions: {US: {affected: 1000, US-TX: 1000}}\n"
    )
    tx = {o.duty: o for o in notices(result, "US-TX").obligations}
    assert (tx["regulator"].to, tx["regulator"].status) == (
        "the Texas Attorney General",
        "required",
    )
    assert tx["regulator"].due == date(2024, 3, 31)
    assert tx["regulator"].outcome == "not given"  # no notified.US-TX date
    assert (tx["individuals"].status, tx["individuals"].due) == ("required", date(2024, 4, 30))
    # 1,000 ≤ 10,000: no notice to the consumer reporting agencies
    assert tx["agencies"].status == "not required"
    assert "SB 768" in tx["regulator"].source


def test_texas_names_and_emails_only_need_no_notice():
    result = assess(
        "name: tx\naffected: 1000\ndata_categories: [names, email]\n"
        "discovered: 2024-03-01\njurisdictions: {US-TX: 1000}\n"
    )
    tx = {o.duty: o for o in notices(result, "US-TX").obligations}
    assert tx["individuals"].status == "not required"
    assert tx["individuals"].test.startswith("none of the data the law covers")


def test_german_supervisory_authority_72_hours_after_a_moment():
    # 2024-03-01T09:00+01:00 + 72 h = 2024-03-04T09:00+01:00, under GDPR Art. 33, to the German
    # supervisory authority (DE inherits the GDPR's rules with its own authority).
    result = assess(
        "name: de\naffected: 50000\ndata_categories: [names, bank_accounts]\n"
        "discovered: 2024-03-01T09:00+01:00\njurisdictions: {DE: 50000}\n"
        "circumstances: {confidentiality: unknown_recipients, integrity: none, "
        "availability: none, malicious: true}\n"
    )
    regulator = notices(result, "DE").obligations[0]
    assert regulator.law == "GDPR Art. 33"
    assert regulator.to.startswith("the competent German supervisory authority")
    cet = timezone(timedelta(hours=1))
    assert regulator.due == datetime(2024, 3, 4, 9, 0, tzinfo=cet)
    # the fine maximum of the GDPR, by default, without a `fines` section: turnover is needed
    de = caps(result)["DE"]
    assert (de.rule, de.status, de.maximum) == (
        "EU GDPR administrative fine (Art. 83)",
        "needs input",
        None,
    )
    assert de.basis.endswith("give turnover to compute it")
    assert "max(EUR 20,000,000, 4% × turnover)" in de.basis


def test_korea_2026_punitive_ten_percent_for_eleven_million_people():
    # in force 2026-09-11: 11,000,000 ≥ 10,000,000 → 10% × KRW 40,000,000,000,000 total sales
    # = KRW 4,000,000,000,000 (3% would be 1,200,000,000,000).
    result = assess(
        "name: kr\naffected: 11000000\ndata_categories: [names, contact_details]\n"
        "discovered: 2026-10-01\njurisdictions: {KR: 11000000}\n"
        "fines:\n  KR: {turnover: 40_000_000_000_000}\n"
    )
    kr = caps(result)["KR"]
    assert "2026 punitive surcharge" in kr.rule
    assert kr.maximum is not None
    assert (kr.maximum.amount, kr.maximum.currency) == (Decimal(4 * 10**12), "KRW")
    assert kr.basis.startswith("10% × KRW 40,000,000,000,000 total sales (the 2026 amendment")
    assert kr.in_force_from == "2026-09-11"
    # the 2026 notice to the data subjects also covers a leak that is merely possible
    individuals = notices(result, "KR").obligations[1]
    assert "merely possible" in individuals.words


def test_korea_2026_below_ten_million_stays_at_three_percent():
    # 3% × (40,000,000,000,000 − 0) = 1,200,000,000,000
    result = assess(
        "name: kr\naffected: 5000\ndata_categories: [names]\ndiscovered: 2026-10-01\n"
        "jurisdictions: [KR]\nfines:\n  KR: {turnover: 40_000_000_000_000}\n"
    )
    assert caps(result)["KR"].maximum.amount == Decimal("1.2e12")


def test_uk_2019_is_the_eu_gdpr_in_euros():
    # 2019: the EU GDPR applied in the UK: max(EUR 20,000,000, 4% × EUR 1,000,000,000 =
    # 40,000,000) = EUR 40,000,000; and max(20M, 4% × 300M = 12M) = EUR 20,000,000.
    text = (
        "name: uk\naffected: 1000\ndata_categories: [names]\ndiscovered: 2019-06-01\n"
        "jurisdictions: [GB]\nfines:\n  UK: {turnover: %s}\n"
    )
    big = caps(assess(text % "1_000_000_000"))["UK"]
    assert (big.maximum.amount, big.maximum.currency) == (Decimal(40_000_000), "EUR")
    assert big.basis.startswith("max(EUR 20,000,000, 4% × EUR 1,000,000,000)")
    small = caps(assess(text % "300_000_000"))["UK"]
    assert (small.maximum.amount, small.maximum.currency) == (Decimal(20_000_000), "EUR")
    assert small.rule.startswith("EU GDPR administrative fine (Art. 83), applying in the UK")


def test_california_2021_statutory_damages_without_a_fines_section():
    # CCPA §1798.150 in 2021: USD 750 × 10,000 Californians = USD 7,500,000
    result = assess(
        "name: ca\naffected: 10000\ndata_categories: [names, ssn]\ndiscovered: 2021-05-01\n"
        "jurisdictions: {US: {affected: 10000, US-CA: 10000}}\n"
    )
    ca = caps(result)["US-CA"]
    assert (ca.maximum.amount, ca.maximum.currency) == (Decimal(7_500_000), "USD")
    assert ca.basis == "USD 750 × 10,000 people"
    assert "1798.150" in ca.rule
    assert not any(line.key.startswith("fine.") for line in result.exposure.lines)


def test_france_2015_to_2020_gets_the_gdpr_and_says_the_dates_straddle():
    # occurred 2015-11-01 (Directive 95/46/EC: no fine, no notice duty), discovered 2020-02-10:
    # the GDPR's notices (CNIL by 2020-02-13: 72 hours = 3 days from a date) and fine maximum.
    result = assess(
        "name: fr\naffected: 200000\ndata_categories: [names, health]\noccurred: 2015-11-01\n"
        "discovered: 2020-02-10\njurisdictions: {FR: 200000}\n"
        "fines:\n  FR: {turnover: 1_000_000_000}\n"
    )
    regulator = notices(result, "FR").obligations[0]
    assert (regulator.law, regulator.to, regulator.due) == (
        "GDPR Art. 33",
        "the CNIL",
        date(2020, 2, 13),
    )
    fr = caps(result)["FR"]
    # max(EUR 20,000,000, 4% × EUR 1,000,000,000 = 40,000,000) = EUR 40,000,000
    assert (fr.rule, fr.maximum.amount) == (
        "EU GDPR administrative fine (Art. 83)",
        Decimal(40_000_000),
    )
    law = result.law_of_the_day
    assert (law.date, law.basis) == (date(2020, 2, 10), "discovered")
    assert law.straddle is not None
    assert "the dates straddle a change of law" in law.straddle
    assert "FR: EU Data Protection Directive 95/46/EC" in law.straddle
    assert "→ EU GDPR administrative fine (Art. 83)" in law.straddle
    assert "notices follow the day it was discovered" in law.straddle
    assert law.straddle in law.text


def test_the_straddle_shows_in_table_json_and_explain(run, write):
    path = write(
        "name: fr\naffected: 2000\ndata_categories: [names]\noccurred: 2015-11-01\n"
        "discovered: 2020-02-10\njurisdictions: [FR]\n"
    )
    table = run("assess", path, "--no-history")
    assert "the dates straddle a change of law" in " ".join(table.stdout.split())
    document = json.loads(run("assess", path, "--no-history", "--format", "json").stdout)
    assert "straddle a change of law" in document["law_of_the_day"]["straddle"]
    explained = run("explain", path)
    assert "straddle a change of law" in " ".join(explained.stdout.replace("│", " ").split())


def test_law_command_json_validates_against_its_schema(run):
    schema = json.loads(run("schema", "output", "--command", "law").stdout)
    result = run("law", "US-TX", "--on", "2024-03-01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema)
    assert document["schema_version"] == "breachcalc.law/1"
    periods = {n["duty"]: n["period"] for n in document["notices"]}
    assert periods == {"individuals": "60d", "regulator": "30d", "agencies": ""}
    # §521.151(a-1): USD 100 per individual per day late, at most USD 250,000 per breach
    assert document["fine"]["maximum"] == {"amount": 250000, "currency": "USD"}
    assert document["fine_message"] is None


# --- the law command ----------------------------------------------------------------------------


def test_law_before_and_after_the_texas_amendment():
    # SB 768: the AG's 60 days became 30 days on 2023-09-01
    before = breachcalc.law("US-TX", on=date(2023, 8, 31))
    after = breachcalc.law("US-TX", on=date(2023, 9, 1))
    assert [n.period for n in before.notices if n.duty == "regulator"] == ["60d"]
    assert [n.period for n in after.notices if n.duty == "regulator"] == ["30d"]


def test_law_of_gb_is_the_uk_and_the_day_picks_the_currency():
    assert breachcalc.law("GB", on=date(2019, 6, 1)).fine.formula.startswith(
        "max(EUR 20,000,000, 4% × turnover)"
    )
    assert breachcalc.law("uk", on=date(2021, 1, 1)).fine.formula.startswith(
        "max(GBP 17,500,000, 4% × turnover)"
    )
    # the 1998 Act's fixed maximum is an amount
    old = breachcalc.law("UK", on=date(2017, 1, 1)).fine
    assert (old.maximum.amount, old.maximum.currency) == (Decimal(500_000), "GBP")


def test_law_of_korea_2013_is_the_2008_cap_of_krw_100_million():
    fine = breachcalc.law("KR", on=date(2013, 6, 1)).fine
    assert (fine.maximum.amount, fine.maximum.currency) == (Decimal(100_000_000), "KRW")
    assert fine.in_force_from == "2008-06-13"
    assert breachcalc.law("KR", on=date(2005, 1, 1)).fine.kind == "none"


@pytest.mark.parametrize(
    ("day", "cap"),
    [
        # unadjusted before the first adjustment: USD 1,500,000
        (date(2015, 6, 1), 1_500_000),
        (date(2019, 1, 1), 1_711_533),  # 2018 adjustment, from 2018-10-11
        (date(2019, 12, 1), 1_754_698),  # 2019 adjustment, from 2019-11-05
        (date(2020, 6, 1), 1_785_651),  # 2020 adjustment, from 2020-01-17
        (date(2024, 1, 1), 2_067_813),  # 2023 adjustment, from 2023-10-06
        (date(2025, 1, 1), 2_134_831),  # 2024 adjustment, from 2024-08-08
    ],
)
def test_hipaa_cap_by_year(day, cap):
    fine = breachcalc.law("US-HIPAA", on=day).fine
    assert fine.maximum.amount == Decimal(cap)


def test_hipaa_tiers_under_ocr_discretion():
    # 2021 with culpability "reasonable cause": min(1,785,651, 100,000) = USD 100,000
    result = assess(
        "name: h\naffected: 600\ndata_categories: [names, health]\ndiscovered: 2021-03-01\n"
        "jurisdictions: [US]\ncontroller: {hipaa_covered_entity: true}\n"
        "fines:\n  US-HIPAA: {culpability: reasonable_cause}\n"
    )
    hipaa = caps(result)["US-HIPAA"]
    assert hipaa.maximum.amount == Decimal(100_000)
    # the flag brings in HIPAA's notices: HHS within 60 days of 2021-03-01 = 2021-04-30
    regulator = notices(result, "US-HIPAA").obligations
    assert [o.due for o in regulator if o.to == "HHS"] == [date(2021, 4, 30)]


def test_law_of_an_unknown_code_suggests_the_nearest(run):
    with pytest.raises(UsageError, match="unknown jurisdiction US-TZ; did you mean"):
        breachcalc.law("US-TZ")
    result = run("law", "US-TZ")
    assert result.exit_code == 2
    assert "`US-TX`" in result.stderr
    # a country code breachcalc has no rule for is answered as `assess` answers it
    taiwan = breachcalc.law("tw", on=date(2025, 1, 1))
    assert (taiwan.notices, taiwan.message, taiwan.fine) == (
        (),
        "no rules in breachcalc's data",
        None,
    )


def test_sector_regimes_apply_only_with_their_flag():
    text = (
        "name: f\naffected: 600\ndata_categories: [names, bank_accounts]\n"
        "discovered: 2024-06-03\njurisdictions: {US: {affected: 600, US-NY: 600}}\n"
    )
    assert [n.jurisdiction for n in assess(text).notifications] == ["US", "US-NY"]
    flagged = assess(text + "controller: {financial_institution: true, sec_registrant: true}\n")
    codes = [n.jurisdiction for n in flagged.notifications]
    assert codes == ["US", "US-NY", "US-SEC", "US-FTC"]
    ftc = notices(flagged, "US-FTC").obligations[0]
    # 600 ≥ 500: the FTC within 30 days of 2024-06-03 = 2024-07-03
    assert (ftc.status, ftc.due) == ("required", date(2024, 7, 3))
    sec = notices(flagged, "US-SEC").obligations[0]
    assert (sec.status, sec.due) == ("check", None)  # UNCONFIRMED window: never decided


# --- bad input ------------------------------------------------------------------------------------


def problems(text: str) -> str:
    with pytest.raises(InputError) as info:
        breachcalc.load_breach(text)
    return str(info.value)


BASE = "name: t\naffected: 1000\ndata_categories: [names]\n"


def test_an_unknown_state_gets_the_nearest_codes_and_its_line():
    found = problems(BASE + "jurisdictions:\n  US:\n    affected: 900\n    US-TZ: 10\n")
    assert found.startswith("<text>:7:5: jurisdictions.US.US-TZ: unknown jurisdiction US-TZ;")
    assert "`US-TX`" in found and "codes of US: US-AK, US-AL" in found


def test_a_state_given_twice_is_refused():
    found = problems(BASE + "jurisdictions:\n  US: {affected: 900, US-CA: 10}\n  US-CA: 10\n")
    assert "`US-CA` twice: the same jurisdiction, US-CA; give it once" in found


def test_gb_and_uk_together_are_the_same_jurisdiction():
    assert "`UK` and `GB`: the same jurisdiction, UK; give it once" in problems(
        BASE + "jurisdictions: [UK, GB]\n"
    )


def test_a_sub_jurisdiction_larger_than_its_country_is_refused_where_it_stands():
    found = problems(BASE + "jurisdictions:\n  US:\n    affected: 100\n    US-CA: 200\n")
    assert found == (
        "<text>:7:12: jurisdictions.US.US-CA: 200 people in US-CA is more than its country's "
        "count (US: 100); US-CA's people are part of US's"
    )
    flat = problems(BASE + "jurisdictions: {US: 100, US-CA: 200}\n")
    assert "jurisdictions.US-CA: 200 people in US-CA is more than its country's count" in flat


def test_a_nested_code_must_be_inside_its_country():
    assert "`KR` inside `US`" in problems(BASE + "jurisdictions:\n  US: {affected: 5, KR: 5}\n")


def test_nested_counts_are_part_of_the_country_not_added_to_it():
    # 900 US + 100 KR = 1,000 = affected; US-CA's 500 is part of the US's 900
    breach = breachcalc.load_breach(
        BASE + "jurisdictions:\n  US: {affected: 900, US-CA: 500}\n  KR: 100\n"
    )
    assert breach.jurisdictions == {"US": 900, "US-CA": 500, "KR": 100}


def test_gb_is_read_as_uk():
    breach = breachcalc.load_breach(BASE + "jurisdictions: [GB]\nnotified: {gb: 2019-01-02}\n")
    assert list(breach.jurisdictions) == ["UK"]
    assert list(breach.notified) == ["UK"]


def test_member_states_nest_inside_the_eu():
    # EU 800 + KR 200 = 1,000 = affected; DE's 500 and FR's 300 are part of the EU's 800
    breach = breachcalc.load_breach(
        BASE + "jurisdictions:\n  EU: {affected: 800, DE: 500, FR: 300}\n  KR: 200\n"
    )
    assert breach.jurisdictions == {"EU": 800, "DE": 500, "FR": 300, "KR": 200}
    flat = breachcalc.load_breach(BASE + "jurisdictions: {EU: 800, DE: 500, KR: 200}\n")
    assert flat.jurisdictions["DE"] == 500
    assert "its sub-jurisdictions (500 DE + 400 FR = 900) exceed EU's count (800)" in problems(
        BASE + "jurisdictions:\n  EU: {affected: 800, DE: 500, FR: 400}\n"
    )
