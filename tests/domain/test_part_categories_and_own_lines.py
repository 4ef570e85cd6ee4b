"""A category exposed for part of the people, and cost lines of the user's own."""

from __future__ import annotations

import json
from decimal import Decimal

import breachcalc

BASE = """\
name: Capital-One-like
affected: 106_000_000
data_categories: [names, contact details, {category: government_ids, affected: 140_000}]
discovered: 2019-07-19
jurisdictions: {US: 100_000_000, CA: 6_000_000}
"""


def test_a_category_for_part_of_the_people_assesses_and_shows_its_count(run, write):
    result = run("assess", write(BASE), "--format", "json")
    assert result.exit_code == 0, result.stderr
    breach = json.loads(result.stdout)["breach"]
    assert breach["category_counts"] == [{"category": "government_ids", "affected": 140000}]
    assert breach["data_categories"] == ["names", "contact_details", "government_ids"]
    table = run("assess", write(BASE)).stdout
    assert "government identification numbers (140,000)" in table


def test_the_scale_comes_from_the_people_whose_data_set_the_dpc():
    # health (sensitive, DPC 4) for 5,000 of 2,000,000 people: the band is that of 5,000
    # people (band 2: 1,000 to 9,999 ... see severity.toml), not of 2,000,000.
    text = "name: t\naffected: 2_000_000\ndata_categories: [names, {category: health, affected: 5_000}]\n"
    sev = breachcalc.assess(breachcalc.load_breach(text)).severity
    whole = breachcalc.assess(
        breachcalc.load_breach("name: t\naffected: 2_000_000\ndata_categories: [names, health]\n")
    ).severity
    assert (sev.dpc, sev.dpc_set_by, sev.affected) == (4, "health", 5_000)
    assert sev.scale_band < whole.scale_band and whole.affected == 2_000_000


def test_a_category_count_above_the_total_is_refused(run, write):
    text = BASE.replace("affected: 140_000", "affected: 200_000_000")
    result = run("assess", write(text))
    assert result.exit_code == 1
    assert (
        "data_categories.2.affected: 200,000,000 is more than `affected` (106,000,000)"
        in result.stderr
    )


def test_two_aliases_of_one_category_are_listed_once(run, write):
    text = "name: t\naffected: 10\ndata_categories: [email, phone, names]\n"
    table = run("assess", write(text)).stdout
    assert " Data exposed   contact details, names\n" in table


OWN = (
    BASE
    + """\
costs:
  currency: USD
  monitoring: {category: government_ids, enrolment: 0.5, price_per_month: 10, months: 24}
  lines:
    - {label: OCC civil money penalty, kind: enforcement, jurisdiction: US, amount: 80_000_000}
    - {label: Class settlement, kind: settlement, jurisdiction: US, per_person: 1.9}
"""
)


def test_own_lines_and_a_category_monitoring_line_by_hand():
    result = breachcalc.assess(breachcalc.load_breach(OWN))
    lines = {
        line.key: (line.group, line.label, line.amount.amount) for line in result.exposure.lines
    }
    # monitoring: 140,000 people with government ids × 0.5 × 10 USD × 24 months = 16,800,000
    assert lines["monitoring"][2] == Decimal("16800000")
    # enforcement: the lump sum as given; settlement: 100,000,000 US people × 1.9 = 190,000,000
    assert lines["line.1"] == ("enforcement", "OCC civil money penalty, US", Decimal("80000000"))
    assert lines["line.2"] == ("settlement", "Class settlement, US", Decimal("190000000.0"))
    assert result.exposure.total.amount == Decimal("286800000")


def test_an_enforcement_line_appears_in_table_and_json(run, write):
    path = write(OWN)
    table = run("assess", path).stdout
    assert " OCC civil money penalty, US      80,000,000.00\n" in table
    lines = json.loads(run("assess", path, "--format", "json").stdout)["exposure"]["lines"]
    assert {"key": "line.1", "group": "enforcement"}.items() <= lines[1].items()


def test_an_own_line_needs_exactly_one_form(run, write):
    text = OWN.replace("amount: 80_000_000}", "amount: 80_000_000, per_person: 1}")
    result = run("assess", write(text))
    assert result.exit_code == 1
    assert "costs.lines.0: give either `per_person` or `amount`, not both" in result.stderr


def test_us_is_a_known_fine_code_with_no_cap_and_says_where_money_goes(run, write):
    text = BASE + "fines:\n  US: {}\n"
    doc = json.loads(run("assess", write(text), "--format", "json").stdout)
    # every jurisdiction of the file shows its maximum of the day (issue 21): US and CA
    fines = {f["jurisdiction"]: f for f in doc["exposure"]["fines"]}
    assert list(fines) == ["US", "CA"]
    fine = fines["US"]
    assert fine["maximum"] is None and "costs.lines, kind: enforcement" in fine["note"]
    assert fine["status"] == "no fine"
    # Canada 2019: PIPEDA's offence fine, CAD 100,000, computed without a `fines` entry
    assert (fines["CA"]["maximum"]["amount"], fines["CA"]["status"]) == (100000, "computed")
