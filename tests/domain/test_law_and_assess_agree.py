"""``breachcalc law CODE --on DAY`` lists the rules ``assess`` applies to a breach discovered
that day: the same notices, the same words where there are none, the same fine rule. Checked on
both sides of every in-force window edge in the data, where a second selection would drift."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from breachcalc.domain.fines import fine_cap
from breachcalc.domain.law import law_of
from breachcalc.domain.notices import obligations
from breachcalc.domain.regime import (
    fine_rule_of_day,
    notification_rules_on,
    provenance,
    window_text,
)
from breachcalc.domain.severity import assess_severity
from breachcalc.input.breach import Breach, Fine
from breachcalc.reference.tables import fine_rules, notification_rules, window


def _edges(rules):
    """Each window's first day, the day before, and (where it ends) its last day and the next."""
    days = set()
    for rule in rules:
        start, end = window(rule)
        days |= {start, start - timedelta(days=1)}
        if end is not None:
            days |= {end, end + timedelta(days=1)}
    return sorted(days)


NOTICE_DAYS = sorted(
    {
        (code, day)
        for code in {r["code"] for r in notification_rules()}
        for day in _edges([r for r in notification_rules() if r["code"] == code])
    }
)
FINE_DAYS = sorted({(code, day) for code, rules in fine_rules().items() for day in _edges(rules)})


def _assessed(code: str, day: date):
    breach = Breach.model_validate(
        {
            "name": "t",
            "affected": 5000,
            "data_categories": ["names"],
            "jurisdictions": [code],
            "discovered": day.isoformat(),
        }
    )
    (found,) = obligations(breach, assess_severity(breach))
    return found


@pytest.mark.parametrize(("code", "day"), NOTICE_DAYS, ids=[f"{c}:{d}" for c, d in NOTICE_DAYS])
def test_law_lists_the_notices_assess_applies(code, day):
    listed = law_of(code, day)
    found = _assessed(code, day)
    assert [(n.law, n.duty, n.to, n.source) for n in listed.notices] == [
        (o.law, o.duty, o.to, o.source) for o in found.obligations
    ]
    assert listed.message == found.message


@pytest.mark.parametrize(("code", "day"), FINE_DAYS, ids=[f"{c}:{d}" for c, d in FINE_DAYS])
def test_law_names_the_fine_rule_assess_applies(code, day):
    listed = law_of(code, day)
    cap = fine_cap(code, Fine(), 5000, (), day, strict=False)
    if listed.fine is None:
        assert cap.status == "no rule" and listed.fine_message == cap.rule
    else:
        assert (listed.fine.rule, listed.fine.source) == (cap.rule, cap.source)
        assert (listed.fine.in_force_from, listed.fine.in_force_until or "") == (
            cap.in_force_from,
            cap.in_force_until,
        )


def test_the_selection_of_the_day_worked_by_hand():
    # UK: the Data Protection Act 1998 had no breach-notice duty; the GDPR's Art. 33 applies
    # from 2018-05-25, so the day before picks nothing and the day itself picks Art. 33.
    assert notification_rules_on("UK", date(2018, 5, 24)) == []
    assert [r["law"] for r in notification_rules_on("UK", date(2018, 5, 25))] == [
        "GDPR Art. 33 (the EU GDPR, applying in the UK)",
        "GDPR Art. 34 (the EU GDPR, applying in the UK)",
    ]
    # Without a day, only rules still in force: none of them has an end to its window.
    assert all(not r.get("in_force_until") for r in notification_rules_on("KR", None))
    # A code without fine rules has no rule on any day; with no day, the newest rule.
    assert fine_rule_of_day("TW", date(2024, 1, 1)) is None
    assert fine_rule_of_day("KR", None) is fine_rules()["KR"][-1]


def test_provenance_gives_the_empty_end_of_a_window_still_open():
    rule = {
        "source": "s",
        "in_force_from": "2018-05-25",
        "window_source": "w",
        "secondary": False,
        "unconfirmed": True,
        "note": "n",
        "law": "not provenance",
    }
    assert provenance(rule) == {
        "source": "s",
        "in_force_from": "2018-05-25",
        "in_force_until": "",
        "window_source": "w",
        "secondary": False,
        "unconfirmed": True,
        "note": "n",
    }
    assert window_text("2018-05-25", "") == "from 2018-05-25"
    assert window_text("2014-11-29", "2020-08-04") == "2014-11-29 to 2020-08-04"
    assert window_text("", None) == ""
