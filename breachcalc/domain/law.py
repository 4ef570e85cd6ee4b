"""The law of one jurisdiction on one day: ``breachcalc law CODE --on DATE``.

The notices its rules require, with their thresholds, deadlines and sources, and its fine
maxima as formulas: the same rules ``assess`` applies to a breach, before any breach.
"""

from __future__ import annotations

import datetime as _dt
import re
from datetime import date
from typing import Any

from breachcalc.contract import none_if_empty, out, result
from breachcalc.domain.money import Money

_COUNT = re.compile(r"^count(?P<op>>=|>|<)(?P<n>\d+)$")

_TOKENS = {
    "always": "every breach",
    "sensitive": "sensitive data leaked",
    "unique_ids": "unique identifiers (government IDs) leaked",
    "financial": "financial data or credentials leaked",
    "children": "children's data leaked",
    "credentials": "credentials leaked",
    "malicious": "a malicious breach",
    "!malicious": "not a malicious breach",
    "from_outside": "access from outside",
    "risk": "a risk to people (unless unlikely)",
    "high_risk": "a high risk to people",
}


def test_words(token: str) -> str:
    """A threshold token of the data (``count>=250``) in words (``250 people or more``)."""
    match = _COUNT.match(token)
    if match:
        n = f"{int(match['n']):,}"
        return {">=": f"{n} people or more", ">": f"more than {n} people", "<": f"under {n}"}[
            match["op"]
        ]
    if token.startswith("pi:"):
        from breachcalc.reference.tables import PI_SETS, catalogue

        cats = catalogue().categories
        names = [cats[k].label.lower() for k in PI_SETS[token[3:]]]
        return (
            "personal information as the law defines it leaked ("
            + ", ".join(names[:-1])
            + f" or {names[-1]})"
        )
    return _TOKENS.get(token, token)


@result
class LawNotice:
    """One notice a rule of the day requires."""

    law: str = out("The provision.")
    duty: str = out(
        "Who is told: `regulator`, `individuals`, `media`, `agencies` (consumer reporting"
        " agencies) or `assessment`."
    )
    to: str = out("Who receives the notice.")
    test: str = out("When the notice is required, in words (all of, then any of).")
    period: str = out("The period code (`72h`, `30d`, `3bd`, `year_end+60d`), or empty.")
    words: str = out("The law's own words for the deadline.")
    source: str = out("Where the rule comes from.")
    in_force_from: str = out("First day of the rule's window.")
    in_force_until: str | None = out(
        "Last day of the rule's window, or null while it is in force.", encode=none_if_empty
    )
    window_source: str = out("Where the window's dates come from.")
    secondary: bool = out("The rule comes from a secondary source, not the statute.")
    unconfirmed: bool = out("The rule was not checked against two sources: never decided.")
    note: str = out("Caveats.")


@result
class LawFine:
    """The fine rule of the day and its maximum."""

    rule: str = out("The rule's name (law and article).")
    kind: str = out("How the maximum is computed (`fixed`, `greater_of_fixed_and_share`, …).")
    formula: str = out("The maximum as a formula, e.g. `max(EUR 20,000,000, 4% × turnover)`.")
    maximum: Money | None = out(
        "The maximum where it needs no figure of a breach (a fixed amount, a yearly cap), else"
        " null."
    )
    source: str = out("Where the figures come from.")
    in_force_from: str = out("First day of the rule's window.")
    in_force_until: str | None = out(
        "Last day of the rule's window, or null while it is in force.", encode=none_if_empty
    )
    window_source: str = out("Where the window's dates come from.")
    secondary: bool = out("The figures come from a secondary source, not the statute.")
    unconfirmed: bool = out("A figure or date was not checked against two sources.")
    note: str = out("Caveats.")


@result
class LawOfTheDay:
    """The rules of one jurisdiction in force on one day."""

    jurisdiction: str = out("Jurisdiction code.")
    name: str = out("The jurisdiction's name, or the code where breachcalc has none.")
    parent: str | None = out(
        "The country or union it sits inside (`US` for `US-TX`), or null.", encode=none_if_empty
    )
    applies: str | None = out(
        "For a sector regime: the `controller` flag of an input file that brings it in, or null.",
        encode=none_if_empty,
    )
    date: _dt.date = out("The day whose rules are shown.")
    notices: tuple[LawNotice, ...] = out("Each notice a rule of the day may require.")
    message: str | None = out(
        "Why there is no notice rule on the day (the older law's words), or null."
    )
    fine: LawFine | None = out("The fine rule of the day, or null where breachcalc has none.")
    fine_message: str | None = out("Why there is no fine rule on the day, or null.")
    contains: tuple[str, ...] = out(
        "The jurisdictions inside it that have rules of their own (a country's states)."
    )


def law_of(code: str, day: date) -> LawOfTheDay:
    """The rules of ``code`` in force on ``day``.

    Raises:
        LookupError: ``code`` is neither a two-letter country code nor one breachcalc knows
            (``US-TZ``); the message names the nearest codes. A country code with no rule (TW)
            gets "no rules in breachcalc's data", as ``assess`` gives it.
    """
    from breachcalc.domain.fines import fixed_maximum, no_rule, rule_formula
    from breachcalc.domain.notices import no_notice
    from breachcalc.domain.regime import fine_rule_of_day, notification_rules_on, provenance
    from breachcalc.reference.tables import fine_rules, jurisdiction_tree, notification_rules_of

    tree = jurisdiction_tree()
    country_like = len(code) == 2 and code.isalpha()  # TW: accepted, as by `assess`
    known = code in tree or notification_rules_of(code) or code in fine_rules()
    if not known and not country_like:
        raise LookupError(unknown_code_message(code))
    place = tree.get(code)
    notices = tuple(_notice(rule) for rule in notification_rules_on(code, day))
    message = None if notices else no_notice(code, day)[0]
    found = fine_rule_of_day(code, day)
    fine = None
    fine_message = None
    if found is None:
        fine_message = no_rule(code, day).rule
    else:
        fine = LawFine(
            rule=found["name"],
            kind=found["kind"],
            formula=rule_formula(found),
            maximum=fixed_maximum(found),
            **provenance(found),
        )
    contains = tuple(sorted(c for c, p in tree.items() if p.parent == code))
    return LawOfTheDay(
        jurisdiction=code,
        name=place.name if place is not None else code,
        parent=place.parent if place is not None else "",
        applies=place.applies if place is not None else "",
        date=day,
        notices=notices,
        message=message,
        fine=fine,
        fine_message=fine_message,
        contains=contains,
    )


def _notice(rule: dict[str, Any]) -> LawNotice:
    from breachcalc.domain.regime import provenance

    every = [test_words(t) for t in rule["all"]]
    some = [test_words(t) for t in rule["any"]]
    if every and some == ["every breach"]:
        some = []
    parts = []
    if every:
        parts.append("; ".join(every))
    if some:
        parts.append(some[0] if len(some) == 1 else "any of: " + "; ".join(some))
    return LawNotice(
        law=rule["law"],
        duty=rule["duty"],
        to=rule["to"],
        test=" — and ".join(parts),
        period=rule["period"],
        words=rule["words"],
        **provenance(rule),
    )


def unknown_code_message(code: str) -> str:
    """``unknown jurisdiction US-TZ; did you mean `US-TX` or `US-TN`?``"""
    import difflib

    from breachcalc.reference.tables import jurisdiction_tree

    near = difflib.get_close_matches(code, list(jurisdiction_tree()), n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(f'`{n}`' for n in near)}?" if near else ""
    return f"unknown jurisdiction {code}{hint}"
