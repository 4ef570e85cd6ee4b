"""Notification obligations: tests that fire, deadlines from discovery, met or missed."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from breachcalc.domain.assessment import assess
from breachcalc.domain.notices import NO_RULES, add_business_days, due_date, outcome_text
from breachcalc.input.loader import load_breach
from tests.conftest import EXAMPLES


def notices(tmp_path: Path, text: str):
    path = tmp_path / "breach.yaml"
    path.write_text(text, encoding="utf-8")
    return {n.jurisdiction: n for n in assess(load_breach(str(path))).notifications}


HIGH = (
    "circumstances: {confidentiality: unknown_recipients, integrity: none, "
    "availability: none, malicious: true}\n"
)


def test_coupang_korean_regulator_missed_by_eight_days():
    # Discovered 2025-11-18 (a date): 72 hours = 3 days → due 2025-11-21; disclosed 2025-11-29,
    # 8 days after the due date.
    result = assess(load_breach(str(EXAMPLES / "coupang.yaml")))
    kr, tw = result.notifications
    regulator = kr.obligations[0]
    assert (regulator.duty, regulator.to, regulator.status) == (
        "regulator",
        "PIPC or KISA",
        "required",
    )
    # coupang.yaml gives no split, so the total is tested, and the output says so
    assert regulator.test == (
        "33,700,000 accounts (the total: no KR count in the file) ≥ 1,000; access from outside"
    )
    assert (regulator.count, regulator.count_basis) == (
        33_700_000,
        "the total (the file gives no count for KR)",
    )
    assert regulator.due == date(2025, 11, 21)
    # no notified.KR: a public disclosure is not a notice to the regulator (issue 21)
    assert (regulator.outcome, regulator.late_by, regulator.evidence) == ("not given", None, None)
    individuals = kr.obligations[1]
    assert (individuals.duty, individuals.due) == ("individuals", date(2025, 11, 21))
    assert (individuals.outcome, individuals.late_by) == ("missed", timedelta(days=8))
    assert individuals.evidence_from == "disclosed"
    assert (tw.obligations, tw.message) == ((), NO_RULES)


def test_the_split_count_is_used_where_the_file_gives_one():
    # coupang-notice.yaml splits the count: 33,500,000 KR, 200,000 TW
    result = assess(load_breach(str(EXAMPLES / "coupang-notice.yaml")))
    regulator = result.notifications[0].obligations[0]
    assert regulator.test == "33,500,000 accounts ≥ 1,000; access from outside"
    assert (regulator.count, regulator.count_basis) == (33_500_000, "KR's own count")


def test_notified_date_is_judged_instead_of_disclosure(tmp_path):
    text = (EXAMPLES / "coupang.yaml").read_text(encoding="utf-8") + "notified:\n  KR: 2025-11-19\n"
    kr = notices(tmp_path, text)["KR"]
    regulator, individuals = kr.obligations
    # Due 2025-11-21, notified 2025-11-19: met, 2 days early. Individuals still by disclosure.
    assert (regulator.outcome, regulator.late_by, regulator.evidence_from) == (
        "met",
        timedelta(days=-2),
        "notified.KR",
    )
    assert (individuals.outcome, individuals.evidence_from) == ("missed", "disclosed")
    assert outcome_text(regulator) == "met, 2 days early (notified.KR 2025-11-19)"
    assert outcome_text(individuals) == "missed by 8 days (disclosed 2025-11-29)"


def test_a_regulator_notice_without_a_notified_date_is_not_given():
    # No notified.KR: the public disclosure of 2025-11-29 is not a notice to the regulator, so
    # the notice is "not given", never "met" (Coupang reported to the authorities on 18-19 Nov
    # per the press: the file would say so with `notified: {KR: 2025-11-19}`).
    regulator = assess(load_breach(str(EXAMPLES / "coupang.yaml"))).notifications[0].obligations[0]
    assert outcome_text(regulator) == (
        "not given (no `notified.KR` date; a public disclosure is not a notice)"
    )


def test_a_moment_with_offset_gives_a_moment(tmp_path):
    # 2025-11-18T09:30+09:00 + 72 h = 2025-11-21T09:30+09:00; notified 2025-11-21T12:00+09:00 is
    # 2 hours 30 minutes late.
    kr = notices(
        tmp_path,
        "name: t\naffected: 5000\ndata_categories: [names]\n"
        "discovered: 2025-11-18T09:30+09:00\njurisdictions: [KR]\n"
        "notified: {KR: '2025-11-21T12:00+09:00'}\n",
    )["KR"]
    regulator = kr.obligations[0]
    kst = timezone(timedelta(hours=9))
    assert regulator.due == datetime(2025, 11, 21, 9, 30, tzinfo=kst)
    assert regulator.late_by == timedelta(hours=2, minutes=30)
    assert regulator.count_basis == "the total (the file gives no count for KR)"


def test_korean_test_undecided_when_the_file_is_silent(tmp_path):
    # 500 people, names only, circumstances not given: only "access from outside" could fire.
    kr = notices(
        tmp_path, "name: t\naffected: 500\ndata_categories: [names]\njurisdictions: [KR]\n"
    )["KR"]
    assert kr.obligations[0].status == "check"
    assert (
        "access from outside: not stated (add `circumstances.from_outside`)"
        in kr.obligations[0].test
    )


def test_brazil_three_business_days_over_a_weekend(tmp_path):
    # Friday 2025-11-21 + 3 business days = Mon 24, Tue 25, Wed 26 → 2025-11-26.
    br = notices(
        tmp_path,
        "name: t\naffected: 2000\ndata_categories: [names, health]\ndiscovered: 2025-11-21\n"
        "jurisdictions: [BR]\n" + HIGH,
    )["BR"]
    assert [o.status for o in br.obligations] == ["required", "required"]
    assert br.obligations[0].due == date(2025, 11, 26)
    assert br.obligations[0].indicative


def test_hipaa_small_breach_goes_to_the_annual_log(tmp_path):
    # 120 people: no HHS notice within 60 days, no media; annual log due 60 days after
    # 2025-12-31 = 2026-03-01; individuals within 60 days of 2025-06-10 = 2025-08-09.
    hipaa = notices(
        tmp_path,
        "name: t\naffected: 120\ndata_categories: [names, health]\ndiscovered: 2025-06-10\n"
        "jurisdictions: [US-HIPAA]\n",
    )["US-HIPAA"]
    table = {(o.duty, o.to): (o.status, o.due) for o in hipaa.obligations}
    assert table[("individuals", "the affected individuals")] == ("required", date(2025, 8, 9))
    assert table[("regulator", "HHS")][0] == "not required"
    assert table[("regulator", "HHS (annual log)")] == ("required", date(2026, 3, 1))
    assert table[("media", "prominent media outlets in the state")][0] == "not required"


def test_gdpr_individuals_only_on_high_risk_indicatively(tmp_path):
    # Names + email, no circumstances: SE 1 × 1 + 0 = 1.0 low → neither "a risk" nor "a high risk"
    # on the indicative test; with malicious disclosure SE = 1 + 1 = 2.0 medium → the SA notice.
    quiet = notices(
        tmp_path, "name: t\naffected: 50\ndata_categories: [names, email]\njurisdictions: [EU]\n"
    )["EU"]
    assert [o.status for o in quiet.obligations] == ["not required", "not required"]
    assert quiet.obligations[0].test == "none of: a risk, indicatively: ENISA level low < medium"
    loud = notices(
        tmp_path,
        "name: t\naffected: 50\ndata_categories: [names, email]\njurisdictions: [EU]\n" + HIGH,
    )["EU"]
    assert [o.status for o in loud.obligations] == ["required", "not required"]


def test_words_where_the_law_sets_no_period(tmp_path):
    found = notices(
        tmp_path,
        "name: t\naffected: 900\ndata_categories: [names, health]\ndiscovered: 2025-11-18\n"
        "disclosed: 2025-11-20\njurisdictions: [CN, SG, IN, JP, TW]\n" + HIGH,
    )
    cn = found["CN"].obligations[0]
    assert (cn.status, cn.due, cn.words, cn.outcome) == ("required", None, "immediately", None)
    sg = found["SG"].obligations[1]
    assert sg.due is None and "3 calendar days after assessing" in sg.words
    # IN in 2025: only CERT-In's six-hour report; the DPDP duties start in 2027
    assert [(o.to, o.period) for o in found["IN"].obligations] == [("CERT-In", "6h")]
    # JP, malicious: the detailed report is due in 60 days (2025-11-18 + 60 = 2026-01-17).
    jp = {(o.to, o.status): o.due for o in found["JP"].obligations}
    assert jp[("PPC (detailed report)", "required")] == date(2026, 1, 17)
    assert jp[("PPC (detailed report)", "not required")] == date(2025, 12, 18)
    assert found["TW"].message == NO_RULES


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (date(2025, 11, 17), 3, date(2025, 11, 20)),  # Monday → Thursday
        (date(2025, 11, 20), 3, date(2025, 11, 25)),  # Thursday → Tuesday
        (date(2025, 11, 22), 1, date(2025, 11, 24)),  # Saturday → Monday
    ],
)
def test_business_days(start, days, end):
    assert add_business_days(start, days) == end


def test_due_dates_by_period():
    start = date(2025, 11, 18)
    assert due_date(start, "72h") == date(2025, 11, 21)
    assert due_date(start, "60d") == date(2026, 1, 17)
    assert due_date(start, "") is None


def test_assess_table_and_json_show_the_obligations(run):
    result = run("assess", str(EXAMPLES / "coupang.yaml"), "--format", "json")
    document = json.loads(result.stdout)
    kr = document["notifications"][0]
    assert kr["jurisdiction"] == "KR"
    regulator, individuals = kr["obligations"][:2]
    assert (regulator["due"], regulator["outcome"], regulator["late_by"]) == (
        "2025-11-21",
        "not given",
        None,
    )
    assert (individuals["due"], individuals["outcome"], individuals["late_by"]) == (
        "2025-11-21",
        "missed",
        "8 days",
    )
    assert document["notifications"][1] == {
        "jurisdiction": "TW",
        "message": "no rules in breachcalc's data",
        "detail": "",
        "obligations": [],
    }


def test_notified_must_name_a_jurisdiction_of_the_file(run, write):
    path = write(
        "name: t\naffected: 5\ndata_categories: [names]\njurisdictions: [KR]\nnotified:\n  EU: 2025-01-01\n"
    )
    result = run("assess", path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {path}:6:7: notified.EU: EU is not among `jurisdictions`; add it there or drop "
        "this date\n"
    )


def test_an_unconfirmed_rule_is_never_decided(tmp_path):
    # US-CA from 2026: the Attorney General's 15-day anchor is UNCONFIRMED, so no verdict.
    ca = notices(
        tmp_path,
        "name: t\naffected: 1000\ndata_categories: [names]\njurisdictions: [US-CA]\n"
        "discovered: 2026-02-01\n",
    )["US-CA"]
    residents, attorney_general = ca.obligations
    assert residents.status == "required" and residents.due == date(2026, 3, 3)  # 30 days
    assert (attorney_general.status, attorney_general.outcome) == ("check", None)
    assert attorney_general.test.startswith("rule UNCONFIRMED in breachcalc's sources")


def test_a_rule_not_yet_in_force_and_from_its_first_day(tmp_path):
    base = "name: t\naffected: 10\ndata_categories: [names]\njurisdictions: [IN]\n"
    # On 2027-05-13 only the CERT-In six-hour report applies; the DPDP Board report does not.
    before = notices(tmp_path, base + "discovered: 2027-05-13T23:30+05:30\n")["IN"]
    assert [o.to for o in before.obligations] == ["CERT-In"]
    assert before.obligations[0].due == datetime(
        2027, 5, 14, 5, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))
    )
    # From 2027-05-14 the Board report is required, 72 hours after discovery as a moment:
    # 2027-05-14T10:00+05:30 + 72 h = 2027-05-17T10:00+05:30.
    after = notices(tmp_path, base + "discovered: 2027-05-14T10:00+05:30\n")["IN"]
    board = next(o for o in after.obligations if o.law.startswith("DPDP"))
    assert board.status == "required"
    assert board.due == datetime(
        2027, 5, 17, 10, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))
    )
