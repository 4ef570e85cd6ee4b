"""The questions ``breachcalc init`` asks, what each answer may be, and the answers they make.

Every answer is checked as it is given, against what a breach file may say (a whole number of
people, known data categories, jurisdiction codes, ISO 4217 currencies with their minor
units); each default comes from an earlier answer where there is one. Asking and telling are
callables (on a terminal, ``typer.prompt`` and a line on stderr), so nothing here reads or
writes a stream. :mod:`breachcalc.render.template` writes the file the answers make.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from breachcalc import limits

Ask = Callable[..., Any]
"""``ask(question)`` or ``ask(question, default=text)`` → the answer (``typer.prompt``)."""

Tell = Callable[[str], None]
"""Told one note for the reader: a refused answer and why, or how a code is written."""

SIGNS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₩": "KRW", "₹": "INR", "₱": "PHP"}
"""Currency signs an amount may carry (``£25``); ``$`` is the US dollar."""

REGION_CURRENCY = {"US": "USD", "EU": "EUR", "UK": "GBP"}
"""Currencies of the codes whose fine rules do not name one (or name it for a region)."""

OWN_CURRENCY = {
    "BG": "BGN",
    "CZ": "CZK",
    "DK": "DKK",
    "HU": "HUF",
    "IS": "ISK",
    "LI": "CHF",
    "NO": "NOK",
    "PL": "PLN",
    "RO": "RON",
    "SE": "SEK",
}
"""EU and EEA states that do not pay in euros (the others do): a default, the user may change it."""


@dataclass(frozen=True)
class Answers:
    """What the questions found out: each a value a breach file may hold."""

    name: str
    affected: int
    unit: str
    """``people`` or ``accounts``."""
    categories: tuple[str, ...]
    """As the user named them (a name or alias of `breachcalc categories`)."""
    occurred: str
    discovered: str
    jurisdictions: tuple[str, ...]
    """As breachcalc names them (``GB`` is ``UK``)."""
    compensation: tuple[Decimal, str] | None
    """The amount offered to each person and its currency; None when nothing is offered."""
    reporting: str
    rate: str | None
    """The equation from the reporting currency to the compensation's, where they differ."""
    malicious: bool


@dataclass(frozen=True)
class BreachFile:
    """A breach file to write: from ``answers``, or the commented skeleton (``answers`` None);
    ``file`` is the name its first comment tells the user to assess."""

    answers: Answers | None
    file: str = "breach.yaml"


def _ask(
    question: str, default: str | None, check: Callable[[str], str | None], ask: Ask, tell: Tell
) -> str:
    """Ask until the answer passes ``check`` (which returns an error text or None); each answer
    is checked as soon as it is given."""
    while True:
        if default is None:
            answer = str(ask(question)).strip()
        else:
            answer = str(ask(question, default=default)).strip()
        problem = check(answer)
        if problem is None:
            return answer
        tell(problem)


def whole(text: str) -> int | None:
    """``250000``, ``250,000``, ``250_000`` or ``250 000`` as a number, else None."""
    cleaned = text.strip()
    if not re.fullmatch(r"[0-9]+(?:[ ,_][0-9]{3})*", cleaned):
        return None
    return int(re.sub(r"[ ,_]", "", cleaned))


def _count(text: str) -> str | None:
    value = whole(text)
    if value is None:
        return "a whole number, please (e.g. 250000 or 250,000)"
    if not 1 <= value <= limits.MAX_AFFECTED:
        return f"a number from 1 to {limits.MAX_AFFECTED:,}, please"
    return None


def _unit(text: str) -> str | None:
    return None if text.lower() in ("p", "people", "a", "accounts") else "people or accounts?"


def _date(text: str) -> str | None:
    try:
        date.fromisoformat(text)
    except ValueError:
        return "a date as YYYY-MM-DD, please"
    return None


def _not_before(first: str) -> Callable[[str], str | None]:
    def check(text: str) -> str | None:
        problem = _date(text)
        if problem is None and text < first:
            return f"it cannot be found before it happened ({first})"
        return problem

    return check


def _categories(text: str) -> str | None:
    from breachcalc.reference.tables import catalogue

    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        return "at least one category, please (see `breachcalc categories`)"
    unknown = [n for n in names if not catalogue().lookup(n)]
    return f"unknown: {', '.join(unknown)} (see `breachcalc categories`)" if unknown else None


def _currency(text: str) -> str | None:
    from breachcalc.reference.tables import currency_minor_units

    if text.upper() in currency_minor_units():
        return None
    return "an ISO 4217 currency code, please (e.g. USD, EUR, GBP, KRW)"


def jurisdiction_codes(text: str) -> tuple[list[str], list[str], str | None]:
    """The codes as breachcalc names them (``GB`` is ``UK``; an EU member state stays itself:
    the GDPR applies with its own authority), notes for the reader, and an error text or
    None."""
    from breachcalc.reference.tables import jurisdiction_aliases, jurisdiction_tree

    found: list[str] = []
    notes: list[str] = []
    bad: list[str] = []
    for raw in (c.strip().upper() for c in text.split(",")):
        if not raw:
            continue
        if not re.fullmatch(r"[A-Z]{2}(-[A-Z0-9]{1,6})?", raw):
            bad.append(raw)
            continue
        code = jurisdiction_aliases().get(raw, raw)
        if code != raw:
            notes.append(f"{raw} is written {code}, as breachcalc names it")
        elif code not in jurisdiction_tree():
            notes.append(f"{code}: no rules in breachcalc's data (assess will say so)")
        if code not in found:
            found.append(code)
    if bad or not found:
        shown = ", ".join(bad) if bad else "none"
        return [], [], f"not jurisdiction codes: {shown} (e.g. KR, EU, DE, GB, US-CA)"
    return found, notes, None


def _jurisdictions(text: str) -> str | None:
    return jurisdiction_codes(text)[2]


def _yes_no(text: str) -> str | None:
    return None if text.lower() in ("y", "yes", "n", "no") else "y or n, please"


def _anything(text: str) -> str | None:
    if not text.strip():
        return "please answer"
    return "shorter, please" if len(text) > limits.MAX_STRING_CHARS else None


def money_answer(text: str) -> tuple[Decimal, str | None] | None:
    """``25.50``, ``£25``, ``25 GBP``, ``GBP 25``, ``1,000.50 €``: the amount and the currency
    it names (None when it names none), or None when it is not an amount."""
    cleaned = text.strip()
    currency = None
    for sign, code in SIGNS.items():
        if cleaned.startswith(sign) or cleaned.endswith(sign):
            currency, cleaned = code, cleaned.strip(sign).strip()
            break
    else:
        named = re.fullmatch(r"([A-Za-z]{3})\s*(.+)|(.+?)\s*([A-Za-z]{3})", cleaned)
        if named:
            currency = (named[1] or named[4]).upper()
            cleaned = (named[2] or named[3]).strip()
    if not re.fullmatch(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?", cleaned):
        return None
    return Decimal(cleaned.replace(",", "")), currency


def _amount_check(currency: str | None) -> Callable[[str], str | None]:
    def check(text: str) -> str | None:
        from breachcalc.reference.tables import currency_minor_units

        found = money_answer(text)
        if found is None:
            return "an amount, please (e.g. 25, 25.50, £25 or 25 GBP)"
        amount, named = found
        code = named or currency
        if named is not None and named not in currency_minor_units():
            return f"{named} is not an ISO 4217 currency code"
        if amount > limits.MAX_AMOUNT:
            return f"at most {limits.MAX_AMOUNT:,}, please"
        if code is not None:
            places = currency_minor_units()[code]
            if -amount.as_tuple().exponent > places:  # type: ignore[operator]
                return f"{code} has {places} decimal places; write at most {places}"
        return None

    return check


def rate_answer(text: str, reporting: str, currency: str) -> str | None:
    """``1,400`` (how many ``currency`` one ``reporting`` buys) or an equation naming the two
    currencies, as the equation to write; None when it is neither."""
    from breachcalc.input.values import Rate

    figure = money_answer(text)
    if figure is not None and figure[1] in (None, currency) and figure[0] > 0:
        return f"1 {reporting} = {figure[0]:,} {currency}"
    try:
        rate = Rate.parse(text)
    except ValueError:
        return None
    return str(rate) if rate.pair() == frozenset((reporting, currency)) else None


def currency_of(codes: list[str]) -> str:
    """The currency of the first jurisdiction breachcalc knows one for, else USD (a default
    offered to the user, never written without asking)."""
    from breachcalc.reference.tables import fine_rules, jurisdiction_tree

    for code in codes:
        region = code.split("-")[0]
        if region in REGION_CURRENCY:
            return REGION_CURRENCY[region]
        place = jurisdiction_tree().get(code)
        if place is not None and place.parent == "EU":  # the GDPR's fines are in euros; not all
            return OWN_CURRENCY.get(code, "EUR")  # its states pay in them
        if code in fine_rules():
            return str(fine_rules()[code][-1]["currency"])  # the newest rule's currency
    return "USD"


def interview(ask: Ask, tell: Tell) -> Answers:
    """Ask the questions (``ask`` is ``typer.prompt`` on a terminal; ``tell`` shows a refused
    answer's reason and notes on the codes). Each default comes from an earlier answer where
    there is one; each answer is checked as it is given."""

    def question(text: str, default: str | None, check: Callable[[str], str | None]) -> str:
        return _ask(text, default, check, ask, tell)

    name = question("What happened, in a few words", None, _anything)
    affected = question("How many people or accounts were affected", None, _count)
    unit = question("Are those people or accounts", "people", _unit).lower()
    categories = question("Which data (comma-separated, e.g. names, email)", None, _categories)
    occurred = question("When did it happen (YYYY-MM-DD)", date.today().isoformat(), _date)
    discovered = question("When was it found (YYYY-MM-DD)", occurred, _not_before(occurred))
    places = question("Where are the people (codes, e.g. KR, DE, GB, US-CA)", None, _jurisdictions)
    codes, notes, _problem = jurisdiction_codes(places)
    for note in notes:
        tell(note)
    local = currency_of(codes)
    offered = question("Is compensation offered (y/n)", "n", _yes_no).lower()
    compensation = None
    if offered.startswith("y"):
        amount_text = question(
            "How much per person (e.g. 25.50, £25 or 25 GBP)", None, _amount_check(None)
        )
        found = money_answer(amount_text)
        assert found is not None
        amount, currency = found
        if currency is None:
            currency = question("In which currency", local, _currency).upper()
            while (problem := _amount_check(currency)(amount_text)) is not None:
                tell(problem)
                amount_text = question("How much per person", None, _amount_check(currency))
                amount = money_answer(amount_text)[0]  # type: ignore[index]
        compensation = (amount, currency)
    currency = compensation[1] if compensation else None
    reporting = question("Which currency do you report in", currency or local, _currency).upper()
    rate = None
    if currency is not None and currency != reporting:
        given = question(
            f"How many {currency} is 1 {reporting} (a number, or 1 {reporting} = … {currency})",
            None,
            lambda text: (
                None
                if rate_answer(text, reporting, currency) is not None
                else f"a number of {currency}, or an equation naming {reporting} and {currency}"
            ),
        )
        rate = rate_answer(given, reporting, currency)
    malicious = question("Was it deliberate (theft, hacking) (y/n)", "y", _yes_no)
    return Answers(
        name=name,
        affected=whole(affected) or 0,
        unit="accounts" if unit.startswith("a") else "people",
        categories=tuple(c.strip() for c in categories.split(",") if c.strip()),
        occurred=occurred,
        discovered=discovered,
        jurisdictions=tuple(codes),
        compensation=compensation,
        reporting=reporting,
        rate=rate,
        malicious=malicious.lower().startswith("y"),
    )
