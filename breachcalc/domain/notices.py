"""Notification obligations: which notices a breach triggers in each of its jurisdictions, the
test that fired, and the deadline counted from ``discovered``.

Rules are data (``data/notifications.toml`` and the US states' ``data/us_states.toml``), one row
per notice, each with its source and in-force window; the day the breach was discovered picks the
rules in force (:mod:`~breachcalc.domain.regime`). An EU or EEA member state takes the GDPR's
rules with its own supervisory authority; the ``controller`` flags bring in the US sector
regimes. A day with no rule says so in words ("no statutory breach-notification duty in
breachcalc's data before 2018-05-25 (UK)"), naming the older law where the data has one; a
jurisdiction with no row at all gets "no rules in breachcalc's data", never a guess; a law with
no fixed period gets its own words, never an invented date.

**When the clock starts.** ``discovered`` with a time and offset starts the clock at that moment:
72 hours later is a moment, with the same offset. A date without a time is counted in whole
days: the clock starts on that date and 72 hours is 3 days, so a discovery on 2025-11-18 is due
on 2025-11-21, and a notice dated on or before the due date counts as met (the hour is not
known, so breachcalc does not guess one). Business days are Monday to Friday; breachcalc has no
public-holiday calendar, so a holiday in the period makes the real deadline later.

**Met or missed.** A regulator notice is judged against the file's ``notified`` date for that
jurisdiction only: without it a required notice is "not given" (a public disclosure is not a
notice to the regulator); notices to individuals and the media against ``disclosed``.

**"High risk".** Where a law's test is a risk judgement, the ENISA level stands in for it as an
*indicative* test and the output says so: medium or above for "a risk", high or above for "a
high risk". ENISA is not a legal threshold.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from breachcalc.contract import computed, hidden, none_if_empty, out, result
from breachcalc.domain.regime import InForce, notification_rules_on, provenance
from breachcalc.reference.tables import (
    PI_SETS,
    catalogue,
    in_force,
    jurisdiction_tree,
    no_duty_rows_of,
    notification_rules_of,
)

if TYPE_CHECKING:
    from breachcalc.domain.severity import Severity
    from breachcalc.input.breach import Breach

NO_RULES = "no rules in breachcalc's data"

CLOCK = (
    "a date without a time counts in whole days from that date (72 hours = 3 days); "
    "business days are Monday to Friday, public holidays not counted"
)


def _span(delta: timedelta | None) -> str | None:
    """An encoder: ``late_by`` in words, or None."""
    return None if delta is None else span_text(delta)


@result
class Obligation(InForce):
    """One notice a law may require, assessed for one breach."""

    code: str = hidden()
    law: str = out("The provision.")
    duty: str = out(
        "Who is told: `regulator`, `individuals`, `media`, `agencies` (the consumer reporting"
        " agencies) or `assessment`."
    )
    to: str = out("Who receives the notice.")
    status: str = out(
        "`required`, `not required`, `check` (the file does not say enough to decide, or the"
        " rule is UNCONFIRMED and never decided for the user) or `not in force` (the rule"
        " applies only from a later date)."
    )
    test: str = out("The threshold test that fired, or why it did not.")
    indicative: bool = out("The test used the ENISA level in place of a legal risk judgement.")
    count: int = out("The number of people the test used.")
    count_basis: str = out("Whose count `count` is.")
    period: str = out("The rule's period code (`72h`, `3bd`, `60d`, `year_end+60d`, or empty).")
    words: str = out("The law's own words for the deadline.")
    due: date | datetime | None = out(
        "The deadline: a date (discovery without a time) or a moment; null where the law sets"
        " no fixed period or the file has no `discovered`."
    )
    evidence: date | datetime | None = out(
        "The date the notice was given (`notified` or `disclosed`), or null."
    )
    evidence_from: str = out("The field `evidence` comes from.")
    outcome: str | None = out(
        "`met`, `missed`, `not given` (a required regulator notice with a deadline and no"
        " `notified` date: a public disclosure is not a notice to the regulator), or null (not"
        " judged)."
    )
    late_by: timedelta | None = out(
        "How late or early the notice was, in words (`8 days`), or null.", encode=_span
    )
    source: str = out("Where the rule comes from.")
    in_force_from: str = out("First day of the rule's window.")
    in_force_until: str = out(
        "Last day of the rule's window, or null while it is in force.", encode=none_if_empty
    )
    window_source: str = out("Where the window's dates come from.")
    secondary: bool = out("The rule comes from a secondary source, not the statute.")
    unconfirmed: bool = out("The rule was not checked against a citable source.")
    note: str = out("Caveats.")

    @property
    @computed(
        "How late (positive) or early (negative) the notice was, in seconds, or null.",
        after="outcome",
    )
    def late_by_seconds(self) -> int | None:
        """``late_by`` in whole seconds."""
        return None if self.late_by is None else int(self.late_by.total_seconds())


@result
class JurisdictionNotices:
    """The notices one jurisdiction of the file requires; a message where there are none."""

    jurisdiction: str = out("Jurisdiction code.")
    message: str | None = out("Why there are no obligations, or null where there are.")
    detail: str = out("More on the message (the older law, the first rule's day).", default="")
    obligations: tuple[Obligation, ...] = out("Each notice, assessed.", default=())


def add_business_days(start: date, days: int) -> date:
    """``start`` plus ``days`` working days, Monday to Friday."""
    current = start
    left = days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


_PERIOD = re.compile(r"^(?:(?P<year>year_end\+)?(?P<n>\d+)(?P<unit>h|d|bd))?$")


def due_date(start: date | datetime, period: str) -> date | datetime | None:
    """The deadline ``period`` after ``start`` (see the module notes on the clock)."""
    match = _PERIOD.match(period)
    if match is None or not match["n"]:
        return None
    n, unit = int(match["n"]), match["unit"]
    if match["year"]:
        year = start.year
        return date(year, 12, 31) + timedelta(days=n)
    if isinstance(start, datetime):
        if unit == "h":
            return start + timedelta(hours=n)
        if unit == "d":
            return start + timedelta(days=n)
        moved = add_business_days(start.date(), n)
        return start.replace(year=moved.year, month=moved.month, day=moved.day)
    if unit == "h":
        return start + timedelta(days=math.ceil(n / 24))
    if unit == "d":
        return start + timedelta(days=n)
    return add_business_days(start, n)


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def lateness(due: date | datetime, given: date | datetime) -> timedelta:
    """How late ``given`` is against ``due`` (negative: early). Exact between two moments;
    in whole days when either side is a date without time."""
    if isinstance(due, datetime) and isinstance(given, datetime):
        return given - due
    return _day(given) - _day(due)


class _Facts:
    """What the threshold tests read about the breach."""

    def __init__(self, breach: Breach, severity: Severity, count: int, total_of: str) -> None:
        cats = catalogue().categories
        self.count = count
        self.total_of = total_of  # the code whose count the file leaves out, or ""
        self.unit = breach.affected_unit  # people, or accounts (each taken as one person)
        self.classes = {cats[k].enisa_class for k in breach.category_keys}
        self.categories = set(breach.category_keys)
        self.labels = {k: cats[k].label.lower() for k in breach.category_keys}
        self.circumstances = breach.circumstances
        self.level = severity.level

    def of_class(self, enisa_class: str) -> list[str]:
        cats = catalogue().categories
        return [self.labels[k] for k in self.categories if cats[k].enisa_class == enisa_class]


_COUNT = re.compile(r"^count(?P<op>>=|>|<)(?P<n>\d+)$")
_RISK_LEVELS = {"risk": ("medium", "high", "very high"), "high_risk": ("high", "very high")}


def _test(token: str, facts: _Facts) -> tuple[bool | None, str]:
    """(holds, words); holds is None where the file does not say enough."""
    if token.startswith("pi:"):
        return _covered(token, facts)
    return _named_test(token, facts)


def _covered(token: str, facts: _Facts) -> tuple[bool, str]:
    """``pi:SET``: a category a US state's law counts as personal information leaked."""
    covered = PI_SETS[token[3:]]
    found = [facts.labels[k] for k in covered if k in facts.categories]
    if found:
        return True, f"data the law covers exposed ({', '.join(sorted(found))})"
    cats = catalogue().categories
    names = ", ".join(cats[k].label.lower() for k in covered)
    return False, f"none of the data the law covers ({names})"


def _named_test(token: str, facts: _Facts) -> tuple[bool | None, str]:
    """The tests other than ``pi:SET``."""
    if token.startswith("!"):
        holds, words = _test(token[1:], facts)
        return (None if holds is None else not holds), words
    match = _COUNT.match(token)
    if match:
        n, op = int(match["n"]), match["op"]
        holds = {">=": facts.count >= n, ">": facts.count > n, "<": facts.count < n}[op]
        shown = {">=": ("≥", "<"), ">": (">", "≤"), "<": ("<", "≥")}[op]
        whose = f" (the total: no {facts.total_of} count in the file)" if facts.total_of else ""
        sign = shown[0] if holds else shown[1]
        return holds, f"{facts.count:,} {facts.unit}{whose} {sign} {n:,}"
    if token == "always":
        return True, "every personal-data breach"
    if token in ("sensitive", "financial"):
        found = facts.of_class(token)
        if token == "financial" and "credentials" in facts.categories:
            found.append(facts.labels["credentials"])
        if found:
            return True, f"{token} data exposed ({', '.join(sorted(found))})"
        return False, f"no {token} data"
    if token in ("unique_ids", "children", "credentials"):
        key = {"unique_ids": "government_ids"}.get(token, token)
        name = catalogue().categories[key].label.lower()
        if key in facts.categories:
            return True, f"{name} exposed"
        return False, f"no {name}"
    if token in ("malicious", "from_outside"):
        circ = facts.circumstances
        value = getattr(circ, token) if circ is not None else None
        words = "malicious intent" if token == "malicious" else "access from outside"
        if value is None:
            field = f"circumstances.{token}"
            return None, f"{words}: not stated (add `{field}`)"
        return bool(value), (words if value else f"no {words}")
    if token in _RISK_LEVELS:
        needed = _RISK_LEVELS[token]
        holds = facts.level in needed
        what = "a risk" if token == "risk" else "a high risk"
        return holds, (
            f"{what}, indicatively: ENISA level {facts.level} {'≥' if holds else '<'} {needed[0]}"
        )
    raise ValueError(f"unknown notification test {token!r} in notifications.toml")


def _decide(rule: dict[str, Any], facts: _Facts) -> tuple[str, str, bool]:
    """(status, test words, indicative)."""
    indicative = any(t in _RISK_LEVELS for t in (*rule["all"], *rule["any"]))
    every = [_test(t, facts) for t in rule["all"]]
    some = [_test(t, facts) for t in rule["any"]]
    failed = [w for h, w in every if h is False]
    if failed:
        return "not required", "; ".join(failed), indicative
    fired = [w for h, w in some if h is True]
    unknown = [w for h, w in (*every, *some) if h is None]
    if some and not fired:
        if unknown:
            return "check", "; ".join(unknown), indicative
        return "not required", "none of: " + "; ".join(w for _, w in some), indicative
    if any(h is None for h, _ in every):
        return "check", "; ".join(unknown), indicative
    held = [w for h, w in every if h is True] + fired
    return "required", "; ".join(held), indicative


def _no_duty_row(code: str, day: date) -> dict[str, Any] | None:
    """The ``[[no_duty]]`` row of ``code`` (the older law) in force on ``day``, or None."""
    return next((row for row in no_duty_rows_of(code) if in_force(row, day)), None)


def no_duty_detail(code: str, day: date) -> str:
    """The note and source behind :func:`no_duty_message` (for JSON and ``explain``)."""
    row = _no_duty_row(code, day)
    if row is None:
        return ""
    return "; ".join(part for part in (row["note"], f"source: {row['source']}") if part)


def no_duty_message(code: str, day: date) -> str:
    """Why a day has no notification rule in ``code``: the older law's own words where the data
    has a ``[[no_duty]]`` row for the day, else the first rule's date."""
    row = _no_duty_row(code, day)
    if row is not None:
        flag = " (UNCONFIRMED)" if row["unconfirmed"] else ""
        return (
            f"no statutory breach-notification duty under {row['law']} "
            f"({row['in_force_from']} to {row['in_force_until']}){flag}"
        )
    firsts = sorted(r["in_force_from"] for r in notification_rules_of(code))
    if firsts and day.isoformat() < firsts[0]:
        return (
            f"no statutory breach-notification duty in breachcalc's data before {firsts[0]} "
            f"({code})"
        )
    return f"no breach-notification rule in breachcalc's data on {day.isoformat()} ({code})"


def no_notice(code: str, day: date | None) -> tuple[str, str]:
    """Why ``code`` has no notification rule on ``day``, and the detail behind it: a code with
    no rule at all, a day outside every rule's window, or (without a day) no rule still in
    force."""
    if not notification_rules_of(code):
        return no_rules_message(code), ""
    if day is None:
        return NO_RULES, ""
    return no_duty_message(code, day), no_duty_detail(code, day)


def no_rules_message(code: str) -> str:
    """A code with no rule of its own: a country whose states hold the law says so."""
    inside = [c for c, place in jurisdiction_tree().items() if place.parent == code]
    if code == "US":
        return (
            "no general federal breach-notification law: the states' laws apply (US-CA, "
            "US-TX, …), and federal sector rules through `controller`"
        )
    if inside:
        return f"{NO_RULES} for {code} itself; see {', '.join(sorted(inside)[:3])}, …"
    return NO_RULES


def obligations(breach: Breach, severity: Severity) -> tuple[JurisdictionNotices, ...]:
    """The notification obligations in every jurisdiction the file names (and the sector
    regimes its ``controller`` flags bring in), under the rules in force on the day the breach
    was discovered (see :mod:`~breachcalc.domain.regime`)."""
    from breachcalc.domain.cost_lines import people_in
    from breachcalc.domain.regime import codes_of, rule_day

    day = rule_day(breach).date
    found = []
    for code in codes_of(breach):
        mine = notification_rules_on(code, day)
        if not mine:
            found.append(JurisdictionNotices(code, *no_notice(code, day)))
            continue
        count, split = people_in(breach, code)
        whose = code if code in breach.jurisdictions else jurisdiction_tree()[code].parent
        basis = (
            f"{whose}'s own count" if split else f"the total (the file gives no count for {whose})"
        )
        facts = _Facts(breach, severity, count, "" if split else whose)
        found.append(
            JurisdictionNotices(
                code,
                None,
                obligations=tuple(_obligation(rule, breach, facts, basis) for rule in mine),
            )
        )
    return tuple(found)


def _obligation(rule: dict[str, Any], breach: Breach, facts: _Facts, basis: str) -> Obligation:
    code = str(rule["code"])
    if rule["unconfirmed"]:
        status, indicative = "check", False
        test = f"rule UNCONFIRMED in breachcalc's sources: {rule['words']}"
    else:
        status, test, indicative = _decide(rule, facts)
    period = str(rule["period"])
    due = due_date(breach.discovered, period) if breach.discovered is not None else None
    evidence: date | datetime | None = None
    evidence_from = ""
    if rule["duty"] == "regulator":
        if code in breach.notified:
            evidence, evidence_from = breach.notified[code], f"notified.{code}"
    elif rule["duty"] in ("individuals", "media") and breach.disclosed is not None:
        evidence, evidence_from = breach.disclosed, "disclosed"
    outcome: str | None = None
    late_by: timedelta | None = None
    if status == "required" and due is not None and evidence is not None:
        late_by = lateness(due, evidence)
        outcome = "missed" if late_by > timedelta(0) else "met"
    elif status == "required" and due is not None and rule["duty"] == "regulator":
        outcome = "not given"
    return Obligation(
        code=code,
        law=rule["law"],
        duty=rule["duty"],
        to=rule["to"],
        status=status,
        test=test,
        indicative=indicative,
        count=facts.count,
        count_basis=basis,
        period=period,
        words=rule["words"],
        due=due,
        evidence=evidence,
        evidence_from=evidence_from,
        outcome=outcome,
        late_by=late_by,
        **provenance(rule),
    )


def span_text(delta: timedelta) -> str:
    """``8 days``, ``1 day 4 hours``, ``3 hours`` (absolute value)."""
    delta = abs(delta)
    days, seconds = delta.days, delta.seconds
    hours, minutes = seconds // 3600, (seconds % 3600) // 60
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts) or "0 days"


def outcome_text(item: Obligation) -> str:
    """``missed by 8 days (disclosed 2025-11-29; notified.KR not given)``, ``met, 2 days early
    (notified.KR 2025-11-19)``, or "". A regulator notice judged by the public disclosure says
    so: the disclosure stands in for a date the file does not give."""
    if item.outcome == "not given":
        return f"not given (no `notified.{item.code}` date; a public disclosure is not a notice)"
    if item.outcome is None or item.late_by is None or item.evidence is None:
        return ""
    given = f"{item.evidence_from} {item.evidence.isoformat()}"
    if item.outcome == "missed":
        return f"missed by {span_text(item.late_by)} ({given})"
    if item.late_by == timedelta(0):
        return f"met on the due date ({given})"
    return f"met, {span_text(item.late_by)} early ({given})"


def due_text(item: Obligation) -> str:
    """The deadline as a date or moment, or the law's own words."""
    if item.due is not None:
        return item.due.isoformat()
    if item.period and item.status == "required":
        return f"{item.words} (add `discovered` for a date)"
    return item.words
