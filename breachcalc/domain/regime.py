"""The law of the day: which date of a breach picks the rules in force.

A breach is judged under the law in force when it happened: the date it ``occurred`` where the
file gives one, else the date it was ``discovered``. A file with neither gets the newest rules
(those still in force), and the output says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from breachcalc.domain.breach import Breach


@dataclass(frozen=True)
class RuleDay:
    """The day whose law applies, and which field of the file gave it.

    Attributes:
        day: the date, or None where the file gives neither ``occurred`` nor ``discovered``.
        basis: ``occurred``, ``discovered`` or "" (no date).
    """

    day: date | None
    basis: str

    @property
    def text(self) -> str:
        """``rules in force on 2017-05-13 (the day it occurred)``, for tables and explain."""
        if self.day is None:
            return "no date in the file (occurred or discovered): the rules in force today"
        told = "the day it occurred" if self.basis == "occurred" else "the day it was discovered"
        return f"rules in force on {self.day.isoformat()} ({told})"


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def rule_day(breach: Breach) -> RuleDay:
    """The day that selects the rules: ``occurred``, else ``discovered``, else none."""
    if breach.occurred is not None:
        return RuleDay(_day(breach.occurred), "occurred")
    if breach.discovered is not None:
        return RuleDay(_day(breach.discovered), "discovered")
    return RuleDay(None, "")
