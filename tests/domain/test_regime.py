"""The law of the day: every in-force window boundary, on both sides, from the data itself.

For every rule the day before ``in_force_from`` does not pick it and the day itself does; the
last day of a window picks it and the day after does not. The older regimes' caps are worked
by hand in ``tests/golden/`` (see ``tests/golden/test_golden.py``).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from breachcalc.domain.fines import fine_cap
from breachcalc.domain.notices import obligations
from breachcalc.domain.regime import rule_day
from breachcalc.domain.severity import assess_severity
from breachcalc.input.breach import Breach
from breachcalc.reference.tables import (
    ReferenceDataError,
    check_provenance,
    fine_rule_on,
    fine_rules,
    notification_regimes,
    notification_rules,
    window,
)

FINE_EDGES = [
    (code, rule["name"], edge)
    for code, rules in fine_rules().items()
    for rule in rules
    for edge in ("from", "until")
    if edge == "from" or rule.get("in_force_until")
]


@pytest.mark.parametrize(
    ("code", "name", "edge"), FINE_EDGES, ids=[f"{c}:{n}:{e}" for c, n, e in FINE_EDGES]
)
def test_fine_windows_on_both_sides_of_each_edge(code, name, edge):
    rule = next(r for r in fine_rules()[code] if r["name"] == name)
    start, end = window(rule)
    inside, outside = (
        (start, start - timedelta(days=1)) if edge == "from" else (end, end + timedelta(days=1))
    )
    assert fine_rule_on(code, inside) is rule
    assert fine_rule_on(code, outside) is not rule


def _breach(code: str, day: date) -> Breach:
    return Breach.model_validate(
        {
            "name": "t",
            "affected": 5000,
            "data_categories": ["names"],
            "jurisdictions": [code],
            "discovered": day.isoformat(),
        }
    )


def _laws(code: str, day: date) -> set[tuple[str, str, str]]:
    breach = _breach(code, day)
    (found,) = obligations(breach, assess_severity(breach))
    return {(o.law, o.duty, o.to) for o in found.obligations}


NOTICE_EDGES = [
    (index, edge)
    for index, rule in enumerate(notification_rules())
    for edge in ("from", "until")
    if edge == "from" or rule.get("in_force_until")
]


@pytest.mark.parametrize(("index", "edge"), NOTICE_EDGES)
def test_notification_windows_on_both_sides_of_each_edge(index, edge):
    rule = notification_rules()[index]
    start, end = window(rule)
    inside, outside = (
        (start, start - timedelta(days=1)) if edge == "from" else (end, end + timedelta(days=1))
    )
    key = (rule["law"], rule["duty"], rule["to"])
    assert key in _laws(rule["code"], inside)
    assert key not in _laws(rule["code"], outside)


def test_before_the_first_rule_the_output_says_so_in_words():
    breach = _breach("UK", date(2017, 6, 1))
    (uk,) = obligations(breach, assess_severity(breach))
    assert uk.obligations == ()
    assert uk.message is not None
    assert uk.message.startswith(
        "no statutory breach-notification duty under Data Protection Act 1998 (2000-03-01 to 2018-05-24)"
    )
    early = _breach("US-CA", date(1999, 1, 1))
    (ca,) = obligations(early, assess_severity(early))
    assert (
        ca.message
        == "no statutory breach-notification duty in breachcalc's data before 2003-07-01 (US-CA)"
    )


def test_every_no_duty_period_ends_the_day_before_a_rule_starts():
    for row in notification_regimes():
        end = window(row)[1]
        assert end is not None
        starts = {window(r)[0] for r in notification_rules() if r["code"] == row["code"]}
        assert end + timedelta(days=1) in starts, row["code"]


def test_discovered_picks_the_day_and_occurred_only_when_alone():
    breach = Breach.model_validate(
        {
            "name": "t",
            "affected": 1,
            "data_categories": ["names"],
            "occurred": "2017-05-13",
            "discovered": "2017-07-29",
        }
    )
    # notices follow discovery; fines the end of the infringement, taken as its discovery
    assert (rule_day(breach).date, rule_day(breach).basis) == (date(2017, 7, 29), "discovered")
    assert rule_day(breach).text == "rules in force on 2017-07-29 (the day it was discovered)"
    alone = breach.model_copy(update={"discovered": None})
    assert (rule_day(alone).date, rule_day(alone).basis) == (date(2017, 5, 13), "occurred")
    undated = Breach.model_validate({"name": "t", "affected": 1, "data_categories": ["names"]})
    assert rule_day(undated).date is None


def test_a_fine_before_the_first_rule_has_no_cap_and_says_why():
    from breachcalc.input.breach import Fine

    cap = fine_cap("SG", Fine(), 10, (), date(2014, 7, 1))
    assert cap.maximum is None
    assert cap.rule == "no fine rule in breachcalc's data before 2014-07-02 (SG)"


def test_the_provenance_check_refuses_a_row_without_its_window():
    with pytest.raises(ReferenceDataError, match="`window_source` must be a str"):
        check_provenance(
            {
                "source": "s",
                "in_force_from": "2020-01-01",
                "secondary": False,
                "unconfirmed": False,
                "note": "",
            },
            "test row",
        )
    with pytest.raises(ReferenceDataError, match="before in_force_from"):
        check_provenance(
            {
                "source": "s",
                "in_force_from": "2020-01-01",
                "in_force_until": "2019-01-01",
                "window_source": "w",
                "secondary": False,
                "unconfirmed": False,
                "note": "",
            },
            "test row",
        )


def test_set_of_the_date_moves_the_regime_and_compare_shows_both(run):
    import json

    moved = json.loads(
        run(
            "assess",
            "examples/equifax-2017.yaml",
            "--set",
            "occurred=2021-06-01",
            "--set",
            "discovered=2021-06-02",
            "--set",
            "disclosed=2021-06-05",
            "--format",
            "json",
        ).stdout,
        parse_float=Decimal,
    )
    uk = next(f for f in moved["exposure"]["fines"] if f["jurisdiction"] == "UK")
    # no turnover in the file: the UK GDPR's fixed higher maximum, GBP 17,500,000 (from 2021;
    # from 2018-05-25 to 2020-12-31 the EU GDPR's EUR 20,000,000 applied)
    assert (uk["rule"], str(uk["maximum"]["amount"])) == (
        "UK GDPR / DPA 2018 penalty",
        "17500000.00",
    )
    document = json.loads(
        run(
            "compare",
            "examples/equifax-2017.yaml",
            "--variant",
            "gdpr=occurred=2021-06-01,discovered=2021-06-02,disclosed=2021-06-05",
            "--format",
            "json",
        ).stdout,
        parse_float=Decimal,
    )
    rows = {row["key"]: row for row in document["rows"]}
    assert rows["fine_rule.UK"]["values"] == [
        "UK Data Protection Act 1998 monetary penalty (s.55A)",
        "UK GDPR / DPA 2018 penalty",
    ]
    assert rows["fine_rule.UK"]["differences"][0]["absolute"] == "changed"
    # in the reporting currency, at the file's 1 GBP = 1.289 USD: 500,000 × 1.289 = 644,500 and
    # 17,500,000 × 1.289 = 22,557,500
    assert rows["fine_cap.UK"]["unit"] == "USD"
    assert [str(v) for v in rows["fine_cap.UK"]["values"]] == ["644500.00", "22557500.00"]


def test_equifax_2017_example_gets_the_1998_act_and_no_ccpa_line(run):
    import json

    document = json.loads(run("assess", "examples/equifax-2017.yaml", "--format", "json").stdout)
    fines = {f["jurisdiction"]: f for f in document["exposure"]["fines"]}
    assert (
        fines["UK"]["maximum"] == {"amount": 500000, "currency": "GBP"}
        or str(fines["UK"]["maximum"]["amount"]) == "500000.00"
    )
    assert "Data Protection Act 1998" in fines["UK"]["rule"]
    assert fines["US-CA"]["maximum"] is None and "before the CCPA" in fines["US-CA"]["rule"]
    lines = [line["key"] for line in document["exposure"]["lines"]]
    assert "fine.US-CA" not in lines and "fine.UK" in lines
    assert document["law_of_the_day"] == {
        "date": "2017-07-29",
        "basis": "discovered",
        "straddle": None,
        "text": "rules in force on 2017-07-29 (the day it was discovered)",
    }
