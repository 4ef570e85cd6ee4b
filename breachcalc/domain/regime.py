"""The law of the day: which date of a breach picks the rules in force.

**Notices** follow the day the breach was discovered: the duty to notify arises on becoming aware
of it (GDPR Art. 33: "after having become aware"; the US states' laws: after discovering or
determining the breach), so a breach that began under an older law and was found under a newer one
is notified under the newer.

**Fines** follow the law in force when the infringement ended or was discovered: a breach that
continues (a server left open, an intruder still inside) is a continuing infringement, judged under
the law of its end. The ICO fined the Starwood breach, which began in 2014 and was found in
September 2018, under the GDPR for the period from 25 May 2018 (ICO penalty notice to Marriott,
30 Oct 2020, as analysed by dataprotectionlawhub.com and Cambridge Risk). breachcalc has no end
date of its own: the day of discovery stands for it.

So both follow ``discovered`` where the file gives it, else ``occurred``. When ``occurred`` falls
under different rules in some jurisdiction of the file, the output says so
(:attr:`RuleDay.straddle`).
A file with neither date gets the rules still in force, and says so.
"""

from __future__ import annotations

import datetime as _dt
from datetime import date, datetime
from typing import Any

from breachcalc.contract import computed, out, result
from breachcalc.input.breach import Breach

CONTINUING = (
    "notices follow the day it was discovered; fines follow the law in force when the "
    "infringement ended or was discovered (a continuing infringement: the ICO fined the "
    "Starwood breach of 2014-2018 under the GDPR)"
)
"""The rule for a breach whose dates fall under different laws, with its source."""


@result
class RuleDay:
    """The day whose law applies (``discovered``, else ``occurred``), or null without a date."""

    date: _dt.date | None = out(
        "The date, or null where the file gives neither `occurred` nor `discovered`."
    )
    basis: str = out("`discovered`, `occurred`, or empty (no date).")
    straddle: str | None = out(
        "Where `occurred` falls under other rules than the day applied, which ones and what"
        " follows from it; null where the dates fall under the same rules.",
        default=None,
    )

    @property
    @computed("The rules' day in words.")
    def text(self) -> str:
        """``rules in force on 2017-07-29 (the day it was discovered)``, for tables and explain."""
        if self.date is None:
            return "no date in the file (occurred or discovered): the rules in force today"
        told = "the day it occurred" if self.basis == "occurred" else "the day it was discovered"
        found = f"rules in force on {self.date.isoformat()} ({told})"
        return f"{found}; {self.straddle}" if self.straddle else found


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def rule_day(breach: Breach) -> RuleDay:
    """The day that selects the rules: ``discovered``, else ``occurred``, else none; with the
    straddle note where ``occurred`` falls under other rules."""
    if breach.discovered is not None:
        day = _day(breach.discovered)
        straddle = None
        if breach.occurred is not None and _day(breach.occurred) < day:
            straddle = _straddle(breach, _day(breach.occurred), day)
        return RuleDay(day, "discovered", straddle)
    if breach.occurred is not None:
        return RuleDay(_day(breach.occurred), "occurred")
    return RuleDay(None, "")


def notification_rules_on(code: str, day: date | None) -> list[dict[str, Any]]:
    """The notification rules of ``code`` in force on ``day`` (both ends of a window count);
    without a day, the rules still in force. The one selection ``assess``, ``law`` and the
    straddle note make."""
    from breachcalc.reference.tables import in_force, notification_rules_of

    every = notification_rules_of(code)
    if day is None:
        return [rule for rule in every if not rule.get("in_force_until")]
    return [rule for rule in every if in_force(rule, day)]


def fine_rule_of_day(code: str, day: date | None) -> dict[str, Any] | None:
    """The fine rule of ``code`` in force on ``day`` (without a day, the newest); None where
    breachcalc has no fine rule for ``code``, or none on the day."""
    from breachcalc.reference.tables import fine_rule_on, fine_rules

    return fine_rule_on(code, day) if code in fine_rules() else None


def provenance(rule: dict[str, Any]) -> dict[str, Any]:
    """A rule's source, in-force window and flags, as the fields of a result built from it
    (``in_force_until`` is "" while the rule is in force)."""
    return {
        "source": rule["source"],
        "in_force_from": rule["in_force_from"],
        "in_force_until": rule.get("in_force_until", ""),
        "window_source": rule["window_source"],
        "secondary": rule["secondary"],
        "unconfirmed": rule["unconfirmed"],
        "note": rule["note"],
    }


class InForce:
    """What a result built from a rule says of its window (mixed into a ``@result`` type that
    declares ``in_force_from`` and ``in_force_until``)."""

    in_force_from: str
    in_force_until: str | None

    @property
    @computed("Since when the rule applies (its window's first day).", after="source")
    def effective(self) -> str:
        """Since when the rule applies (its window's first day)."""
        return self.in_force_from

    @property
    def window_text(self) -> str:
        """The window in words (:func:`window_text`)."""
        return window_text(self.in_force_from, self.in_force_until)


def window_text(start: str, until: str | None) -> str:
    """``2014-11-29 to 2020-08-04``, ``from 2023-09-15``, or "" without a start (no rule)."""
    if not start:
        return ""
    return f"{start} to {until}" if until else f"from {start}"


def _straddle(breach: Breach, began: date, found: date) -> str | None:
    """Which jurisdictions' rules differ between the two days, in words, or None."""
    changed: list[str] = []
    for code in codes_of(breach):
        before = after = ""
        old, new = fine_rule_of_day(code, began), fine_rule_of_day(code, found)
        if old is not new:
            before = old["name"] if old else "no fine rule in breachcalc's data"
            after = new["name"] if new else "no fine rule in breachcalc's data"
        then = {r["law"] for r in notification_rules_on(code, began)}
        now = {r["law"] for r in notification_rules_on(code, found)}
        if then != now and not before:
            before = "; ".join(sorted(then)) or "no notification duty in breachcalc's data"
            after = "; ".join(sorted(now)) or "no notification duty in breachcalc's data"
        if before:
            changed.append(f"{code}: {before} → {after}")
    if not changed:
        return None
    return (
        f"the dates straddle a change of law (occurred {began.isoformat()}, discovered "
        f"{found.isoformat()}: {'; '.join(changed)}): {CONTINUING}"
    )


def codes_of(breach: Breach) -> list[str]:
    """The file's jurisdictions, then the sector regimes its ``controller`` flags bring in (US
    HIPAA, SEC, FTC, NYDFS: each where the file names the US or one of its states)."""
    from breachcalc.reference.tables import jurisdiction_tree

    codes = list(breach.jurisdictions)
    flags = breach.controller
    if flags is None:
        return codes
    tree = jurisdiction_tree()
    countries = {tree[c].parent if c in tree and tree[c].parent else c for c in codes}
    for code, place in tree.items():
        wanted = place.applies and getattr(flags, place.applies) and place.parent in countries
        if wanted and code not in codes:
            codes.append(code)
    return codes


def event_day(breach: Breach) -> date | None:
    """The day the breach happened: ``occurred``, else ``discovered`` (the history's year of a
    breach, which its model was fitted on; the law's day is :func:`rule_day`)."""
    moment = breach.occurred if breach.occurred is not None else breach.discovered
    return None if moment is None else _day(moment)
