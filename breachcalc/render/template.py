"""The bytes of the breach file ``breachcalc init`` writes: the commented skeleton, or the file
the answers to its questions make (:mod:`breachcalc.input.questions`).

Text from an answer is written as a YAML double-quoted scalar, so any text stays text. A file
made from answers is loaded and assessed before it is written: every answer was checked, so
one that does not assess is breachcalc's bug, reported as one (exit 70).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from breachcalc.input.questions import Answers, BreachFile

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

SKELETON: dict[str, str] = {
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


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string form is one): any text stays text."""
    return json.dumps(text, ensure_ascii=False)


def _values(answers: Answers) -> dict[str, str]:
    if answers.compensation is None:
        compensation = "# No compensation offered (add a compensation section if any)."
    else:
        amount, currency = answers.compensation
        compensation = (
            f"# What each person is offered.\ncompensation:\n  currency: {currency}\n"
            f"  amount: {amount}\n  redemption: 0.5   # share expected to be used: your estimate"
        )
    return {
        **SKELETON,
        "name": _quoted(answers.name),
        "affected": f"{answers.affected:_}",
        "unit": answers.unit,
        "categories": ", ".join(_quoted(c) for c in answers.categories),
        "occurred": answers.occurred,
        "discovered": answers.discovered,
        "jurisdictions": "[" + ", ".join(answers.jurisdictions) + "]",
        "compensation": compensation,
        "reporting": answers.reporting,
        "rates": f"  rates:\n    - {answers.rate}\n" if answers.rate else "",
        "malicious": "true" if answers.malicious else "false",
    }


def breach_file(found: BreachFile) -> str:
    """The text of the file: the skeleton, or the one the answers make (checked to assess)."""
    if found.answers is None:
        return TEMPLATE.format(file=found.file, **SKELETON)
    text = TEMPLATE.format(file=found.file, **_values(found.answers))
    _check_assesses(text)
    return text


def write_breach_file(found: BreachFile, fmt: str) -> str:
    """The file as a page of format ``fmt`` (``yaml``, the one it has)."""
    assert fmt == "yaml", fmt
    return breach_file(found)


def _check_assesses(text: str) -> None:
    """The file the answers make must load and assess; if it does not, that is breachcalc's
    bug (every answer was checked), reported as one."""
    from breachcalc.domain.assessment import assess
    from breachcalc.errors import BreachcalcError
    from breachcalc.input.loader import validate
    from breachcalc.input.yaml_reader import parse

    try:
        assess(validate(parse("breach.yaml", text)))
    except BreachcalcError as exc:
        raise RuntimeError(f"init wrote a file that does not assess: {exc}") from exc
