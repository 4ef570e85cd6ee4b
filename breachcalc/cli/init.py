"""``breachcalc init``: a commented breach file from the questions a privacy lead can answer."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from breachcalc.cli.common import errors_to_exit_codes
from breachcalc.errors import OutputError, UsageError

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
  rates:
    - {rate}
# The ENISA circumstances: confidentiality none | known_recipients | unknown_recipients;
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
    "rate": "1 USD = 1,440 KRW",
    "confidentiality": "unknown_recipients",
    "malicious": "true",
}
"""The skeleton's values: a small illustrative breach that assesses as it stands."""


def _ask(
    question: str, default: str, check: Callable[[str], str | None], prompt: Callable[..., Any]
) -> str:
    """Ask until the answer passes ``check`` (which returns an error text or None)."""
    while True:
        answer = str(prompt(question, default=default)).strip()
        problem = check(answer)
        if problem is None:
            return answer
        sys.stderr.write(f"  {problem}\n")


def _count(text: str) -> str | None:
    return None if text.replace("_", "").replace(",", "").isdigit() else "a whole number, please"


def _date(text: str) -> str | None:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        return "a date as YYYY-MM-DD, please"
    return None


def _categories(text: str) -> str | None:
    from breachcalc.reference.tables import catalogue

    unknown = [n.strip() for n in text.split(",") if n.strip() and not catalogue().lookup(n)]
    if not text.strip():
        return "at least one category, please"
    return f"unknown: {', '.join(unknown)} (see `breachcalc categories`)" if unknown else None


def _currency(text: str) -> str | None:
    from breachcalc.reference.tables import currency_minor_units

    return None if text.upper() in currency_minor_units() else "an ISO 4217 code, e.g. USD"


def _jurisdictions(text: str) -> str | None:
    import re

    codes = [c.strip() for c in text.split(",") if c.strip()]
    pattern = re.compile(r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,6})?$")
    bad = [c for c in codes if not pattern.match(c)]
    return f"not codes: {', '.join(bad)} (KR, EU, UK, US-CA ...)" if bad or not codes else None


def _yes_no(text: str) -> str | None:
    return None if text.lower() in ("y", "yes", "n", "no") else "y or n, please"


def _anything(text: str) -> str | None:
    return None if text else "please answer"


def questions(prompt: Callable[..., Any]) -> dict[str, str]:
    """Ask the questions (``prompt`` is ``typer.prompt`` on a terminal)."""
    values = dict(DEFAULTS)
    values["name"] = _ask("What happened, in a few words", DEFAULTS["name"], _anything, prompt)
    values["affected"] = _ask("How many people (or accounts)", "10000", _count, prompt)
    unit = _ask("Are those people or accounts", "people", _anything, prompt).lower()
    values["unit"] = "accounts" if unit.startswith("a") else "people"
    values["categories"] = _ask(
        "Which data (comma-separated)", DEFAULTS["categories"], _categories, prompt
    )
    values["occurred"] = _ask(
        "When did it happen (YYYY-MM-DD)", DEFAULTS["occurred"], _date, prompt
    )
    values["discovered"] = _ask(
        "When was it found (YYYY-MM-DD)", DEFAULTS["discovered"], _date, prompt
    )
    places = _ask("Where are the people (codes, comma-separated)", "KR", _jurisdictions, prompt)
    values["jurisdictions"] = "[" + ", ".join(c.strip().upper() for c in places.split(",")) + "]"
    offered = _ask("Is compensation offered (y/n)", "n", _yes_no, prompt).lower()
    if offered.startswith("y"):
        currency = _ask("In which currency", "KRW", _currency, prompt).upper()
        amount = _ask("How much per person", "10000", _count, prompt)
        values["compensation"] = (
            f"# What each person is offered.\ncompensation:\n  currency: {currency}\n"
            f"  amount: {amount}\n  redemption: 0.5   # share expected to be used: your estimate"
        )
    else:
        values["compensation"] = "# No compensation offered (add a compensation section if any)."
    values["reporting"] = _ask("Reporting currency", "USD", _currency, prompt).upper()
    values["rate"] = _ask("Exchange rate, as an equation", DEFAULTS["rate"], _anything, prompt)
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
        values = questions(typer.prompt)
    text = TEMPLATE.format(file=target or "breach.yaml", **values)
    if target is not None and target.exists() and not template:
        raise OutputError(f"{target} exists; choose another name or remove it first")
    with output_stream(target) as out:
        out.write(text)
    if target is not None:
        sys.stderr.write(f"wrote {target}; next: breachcalc assess {target}\n")
