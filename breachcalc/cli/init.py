"""``breachcalc init``: a commented breach file from the questions a privacy lead can answer."""

from __future__ import annotations

import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer

from breachcalc.cli.common import errors_to_exit_codes
from breachcalc.errors import BreachcalcError, OutputError, UsageError

EPILOG = """\b
Examples:
  breachcalc init breach.yaml              (asks the questions, then writes breach.yaml)
  breachcalc init --template > breach.yaml (the commented skeleton, no questions)
  breachcalc init --template -o breach.yaml && breachcalc assess breach.yaml
"""

TEMPLATE = """\
# A breach description for breachcalc. Edit the values, then: breachcalc assess {file}
# Every key is explained in docs/input.md; `breachcalc categories` lists the data categories.

# What happened, in a few words.
name: {name}
# People (or accounts: set affected_unit) whose data was exposed.
affected: {affected}
affected_unit: {unit}
# Kinds of data exposed: names, contact details, postal addresses, payment cards, government
# ids, health, ... (any name or alias from `breachcalc categories`).
data_categories: [{categories}]
# When it happened (picks the law of the day) and when it was found (starts the clock).
occurred: {occurred}
discovered: {discovered}
# Where the affected people are: codes (KR, EU, UK, US-CA, ... see docs/jurisdictions.md), with
# their counts where known.
jurisdictions: {jurisdictions}
{compensation}
# The currency you report in, and the rate that gets there (an equation, so it cannot be read
# backwards).
reporting:
  currency: {reporting}
{rates}# The ENISA circumstances: confidentiality none | known_recipients | unknown_recipients;
# integrity none | recoverable | not_recoverable; availability none | temporary | permanent.
circumstances:
  confidentiality: {confidentiality}
  integrity: none
  availability: none
  malicious: {malicious}
"""

DEFAULTS: dict[str, str] = {
    "name": "Customer database exposed",
    "affected": "10_000",
    "unit": "people",
    "categories": "names, contact details",
    "occurred": "2026-11-01",
    "discovered": "2026-11-20",
    "jurisdictions": "[KR]",
    "compensation": (
        "# What each person is offered, if anything (delete the section if nothing).\n"
        "compensation:\n  currency: KRW\n  amount: 10_000\n  redemption: 0.5"
    ),
    "reporting": "USD",
    "rates": "  rates:\n    - 1 USD = 1,440 KRW\n",
    "confidentiality": "unknown_recipients",
    "malicious": "true",
}
"""The skeleton's values: a small illustrative breach that assesses as it stands."""


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


def _ask(
    question: str,
    default: str | None,
    check: Callable[[str], str | None],
    prompt: Callable[..., Any],
) -> str:
    """Ask until the answer passes ``check`` (which returns an error text or None); each answer
    is checked as soon as it is given."""
    while True:
        if default is None:
            answer = str(prompt(question)).strip()
        else:
            answer = str(prompt(question, default=default)).strip()
        problem = check(answer)
        if problem is None:
            return answer
        sys.stderr.write(f"  {problem}\n")


def _whole(text: str) -> int | None:
    """``250000``, ``250,000``, ``250_000`` or ``250 000`` as a number, else None."""
    import re

    cleaned = text.strip()
    if not re.fullmatch(r"[0-9]+(?:[ ,_][0-9]{3})*", cleaned):
        return None
    return int(re.sub(r"[ ,_]", "", cleaned))


def _count(text: str) -> str | None:
    from breachcalc import limits

    value = _whole(text)
    if value is None:
        return "a whole number, please (e.g. 250000 or 250,000)"
    if not 1 <= value <= limits.MAX_AFFECTED:
        return f"a number from 1 to {limits.MAX_AFFECTED:,}, please"
    return None


def _unit(text: str) -> str | None:
    return None if text.lower() in ("p", "people", "a", "accounts") else "people or accounts?"


def _date(text: str) -> str | None:
    from datetime import date

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
    import re

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
    from breachcalc import limits

    if not text.strip():
        return "please answer"
    return "shorter, please" if len(text) > limits.MAX_STRING_CHARS else None


def money_answer(text: str) -> tuple[Decimal, str | None] | None:
    """``25.50``, ``£25``, ``25 GBP``, ``GBP 25``, ``1,000.50 €``: the amount and the currency
    it names (None when it names none), or None when it is not an amount."""
    import re

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
        from breachcalc import limits
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
    from breachcalc.domain.cost_lines import fine_rule_currency
    from breachcalc.reference.tables import fine_rules, jurisdiction_tree

    for code in codes:
        region = code.split("-")[0]
        if region in REGION_CURRENCY:
            return REGION_CURRENCY[region]
        place = jurisdiction_tree().get(code)
        if place is not None and place.parent == "EU":  # the GDPR's fines are in euros; not all
            return OWN_CURRENCY.get(code, "EUR")  # its states pay in them
        if code in fine_rules():
            return fine_rule_currency(code)
    return "USD"


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string form is one): any text stays text."""
    import json

    return json.dumps(text, ensure_ascii=False)


def questions(prompt: Callable[..., Any]) -> dict[str, str]:
    """Ask the questions (``prompt`` is ``typer.prompt`` on a terminal). Each default comes from
    an earlier answer where there is one; each answer is checked as it is given."""
    from datetime import date

    values = dict(DEFAULTS)
    name = _ask("What happened, in a few words", None, _anything, prompt)
    values["name"] = _quoted(name)
    affected = _ask("How many people or accounts were affected", None, _count, prompt)
    values["affected"] = f"{_whole(affected):_}"
    unit = _ask("Are those people or accounts", "people", _unit, prompt).lower()
    values["unit"] = "accounts" if unit.startswith("a") else "people"
    categories = _ask("Which data (comma-separated, e.g. names, email)", None, _categories, prompt)
    values["categories"] = ", ".join(_quoted(c.strip()) for c in categories.split(",") if c.strip())
    occurred = _ask("When did it happen (YYYY-MM-DD)", date.today().isoformat(), _date, prompt)
    values["occurred"] = occurred
    values["discovered"] = _ask(
        "When was it found (YYYY-MM-DD)", occurred, _not_before(occurred), prompt
    )
    places = _ask(
        "Where are the people (codes, e.g. KR, DE, GB, US-CA)", None, _jurisdictions, prompt
    )
    codes, notes, _problem = jurisdiction_codes(places)
    for note in notes:
        sys.stderr.write(f"  {note}\n")
    values["jurisdictions"] = "[" + ", ".join(codes) + "]"
    local = currency_of(codes)
    offered = _ask("Is compensation offered (y/n)", "n", _yes_no, prompt).lower()
    currency = None
    if offered.startswith("y"):
        amount_text = _ask(
            "How much per person (e.g. 25.50, £25 or 25 GBP)", None, _amount_check(None), prompt
        )
        found = money_answer(amount_text)
        assert found is not None
        amount, currency = found
        if currency is None:
            currency = _ask("In which currency", local, _currency, prompt).upper()
            while (problem := _amount_check(currency)(amount_text)) is not None:
                sys.stderr.write(f"  {problem}\n")
                amount_text = _ask("How much per person", None, _amount_check(currency), prompt)
                amount = money_answer(amount_text)[0]  # type: ignore[index]
        values["compensation"] = (
            f"# What each person is offered.\ncompensation:\n  currency: {currency}\n"
            f"  amount: {amount}\n  redemption: 0.5   # share expected to be used: your estimate"
        )
    else:
        values["compensation"] = "# No compensation offered (add a compensation section if any)."
    reporting = _ask("Which currency do you report in", currency or local, _currency, prompt)
    values["reporting"] = reporting.upper()
    if currency is not None and currency != values["reporting"]:
        there = values["reporting"]
        rate = _ask(
            f"How many {currency} is 1 {there} (a number, or 1 {there} = … {currency})",
            None,
            lambda text: (
                None
                if rate_answer(text, there, currency) is not None
                else f"a number of {currency}, or an equation naming {there} and {currency}"
            ),
            prompt,
        )
        values["rates"] = f"  rates:\n    - {rate_answer(rate, there, currency)}\n"
    else:
        values["rates"] = ""
    malicious = _ask("Was it deliberate (theft, hacking) (y/n)", "y", _yes_no, prompt)
    values["malicious"] = "true" if malicious.lower().startswith("y") else "false"
    return values


@errors_to_exit_codes
def init(
    file: Annotated[
        Path | None,
        typer.Argument(help="Where to write the file (default: stdout).", metavar="FILE"),
    ] = None,
    template: Annotated[
        bool, typer.Option("--template", help="Write the commented skeleton without questions.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (same as FILE)."),
    ] = None,
) -> None:
    """Write a commented breach file: from questions on a terminal, or the skeleton."""
    from breachcalc.render.files import output_stream

    target = output or file
    if target is not None and str(target) == "-":
        target = None  # `-o -` is standard output
    if template:
        values = dict(DEFAULTS)
    else:
        if sys.stdin is None or not sys.stdin.isatty():  # None: standard input closed
            raise UsageError(
                "init asks questions and needs a terminal; without one, use "
                "`breachcalc init --template > breach.yaml` and edit the file"
            )
        if target is not None:
            _check_target(target)  # before the first question, not after the last
        values = questions(typer.prompt)
    text = TEMPLATE.format(file=target or "breach.yaml", **values)
    if not template:
        _check_assesses(text)
    with output_stream(target) as out:
        out.write(text)
    if target is not None:
        sys.stderr.write(f"wrote {target}; next: breachcalc assess {target}\n")


def _check_target(target: Path) -> None:
    """Refuse a target that exists (or is a link) or whose folder does not."""
    import os

    if os.path.lexists(target):
        raise OutputError(f"{target} exists; choose another name or remove it first")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: the folder {folder} does not exist")


def _check_assesses(text: str) -> None:
    """The file the answers make must load and assess; if it does not, that is breachcalc's
    bug (every answer was checked), reported as one."""
    from breachcalc.domain.assessment import assess
    from breachcalc.input.loader import validate
    from breachcalc.input.yaml_reader import parse

    try:
        assess(validate(parse("breach.yaml", text)))
    except BreachcalcError as exc:
        raise RuntimeError(f"init wrote a file that does not assess: {exc}") from exc
