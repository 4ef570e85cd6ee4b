"""The law of the day: which date of a breach picks the rules in force.

A breach is judged under the law in force when it happened: the date it ``occurred`` where the
file gives one, else the date it was ``discovered``. A file with neither gets the newest rules
(those still in force), and the output says so.
"""

from __future__ import annotations

import datetime as _dt
from datetime import date, datetime

from breachcalc.contract import computed, out, result
from breachcalc.input.breach import Breach


@result
class RuleDay:
    """The day whose law applies (``occurred``, else ``discovered``), or null without a date."""

    date: _dt.date | None = out(
        "The date, or null where the file gives neither `occurred` nor `discovered`."
    )
    basis: str = out("`occurred`, `discovered`, or empty (no date).")

    @property
    @computed("The rules' day in words.")
    def text(self) -> str:
        """``rules in force on 2017-05-13 (the day it occurred)``, for tables and explain."""
        if self.date is None:
            return "no date in the file (occurred or discovered): the rules in force today"
        told = "the day it occurred" if self.basis == "occurred" else "the day it was discovered"
        return f"rules in force on {self.date.isoformat()} ({told})"


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def rule_day(breach: Breach) -> RuleDay:
    """The day that selects the rules: ``occurred``, else ``discovered``, else none."""
    if breach.occurred is not None:
        return RuleDay(_day(breach.occurred), "occurred")
    if breach.discovered is not None:
        return RuleDay(_day(breach.discovered), "discovered")
    return RuleDay(None, "")
