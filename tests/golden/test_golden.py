"""tests/golden/: one folder per case, the input and the figures expected of it.

Each ``expected.toml`` says where its numbers come from (``source``: worked by hand from the
statute's formula, unless it says otherwise). Fines are compared as exact decimals; notices by
law, period and due date, or by the words a day without a rule gets.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

import breachcalc

GOLDEN = Path(__file__).resolve().parent
CASES = sorted(p for p in GOLDEN.iterdir() if (p / "expected.toml").exists())


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_golden_case(case):
    expected = tomllib.loads((case / "expected.toml").read_text(encoding="utf-8"))
    assert expected["source"], "every golden case says where its numbers come from"
    result = breachcalc.assess(breachcalc.load_breach(case / "breach.yaml"))
    caps = {cap.jurisdiction: cap for cap in result.exposure.fines}
    for fine in expected.get("fine", []):
        cap = caps[fine["code"]]
        assert cap.rule == fine["rule"]
        if fine["maximum"] == "none":
            assert cap.maximum is None
        else:
            assert cap.maximum is not None
            assert (cap.maximum.amount, cap.maximum.currency) == (
                Decimal(fine["maximum"]),
                fine["currency"],
            )
    notices = {n.jurisdiction: n for n in result.notifications}
    for notice in expected.get("notice", []):
        found = notices[notice["code"]]
        if "message_starts" in notice:
            assert found.message is not None and found.message.startswith(notice["message_starts"])
            continue
        match = [
            o
            for o in found.obligations
            if o.law == notice["law"] and o.duty == notice.get("duty", o.duty)
        ]
        assert match, [o.law for o in found.obligations]
        if "period" in notice:
            assert match[0].period == notice["period"]
        if "due" in notice:
            assert match[0].due is not None and match[0].due.isoformat() == notice["due"]


def test_there_are_golden_cases_for_every_older_regime():
    names = {p.name for p in CASES}
    assert {
        "uk-1998-act-2017",
        "kr-special-provisions-2023-09-14",
        "us-ca-2013",
        "au-penalty-units-2019",
    } <= names
