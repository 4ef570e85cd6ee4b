"""``init`` through the front door (issue 19): ``api.new_breach`` asks its questions
(input/questions.py) through callables and returns a file that ``render`` writes."""

from __future__ import annotations

import io
from decimal import Decimal

from breachcalc import api
from breachcalc.render import formats


def written(found: object) -> str:
    out = io.StringIO()
    formats.write(found, "yaml", out)
    return out.getvalue()


def scripted(answers: list[str | None]):
    """``typer.prompt`` as a user who types ``answers`` in turn (None: takes the default)."""
    asked: list[tuple[str, str | None]] = []

    def ask(question: str, default: str | None = None) -> str:
        asked.append((question, default))
        answer = answers.pop(0)
        return str(default) if answer is None else answer

    return ask, asked


def test_the_skeleton_is_the_template_command_line_bytes(run):
    text = written(api.new_breach())
    assert text == run("init", "--template").stdout
    assert text.startswith("# A breach description for breachcalc. Edit the values, then: ")
    assert "breachcalc assess breach.yaml\n" in text
    assert "affected: 10_000\n" in text and "    - 1 USD = 1,440 KRW\n" in text
    assert "then: breachcalc assess mine.yaml\n" in written(api.new_breach(file="mine.yaml"))


def test_the_answers_make_the_file_each_refusal_told_as_it_is_typed():
    ask, asked = scripted(
        [
            'Laptop "HR" stolen',
            "2,500",
            "people",
            "names, health",
            "2026-10-01",
            "2026-09-30",  # before it happened: refused
            "2026-10-03",
            "GB, DE",
            "y",
            "£25.50",
            "USD",
            "x",  # not a rate: refused
            "0.79",
            "n",
        ]
    )
    told: list[str] = []
    text = written(api.new_breach(ask=ask, tell=told.append, file="out.yaml"))
    assert told == [
        "it cannot be found before it happened (2026-10-01)",
        "GB is written UK, as breachcalc names it",
        "a number of GBP, or an equation naming USD and GBP",
    ]
    # the compensation's currency comes from the answer; the reporting currency's default
    # from it
    assert asked[10] == ("Which currency do you report in", "GBP")
    values = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert values == [
        'name: "Laptop \\"HR\\" stolen"',
        "affected: 2_500",
        "affected_unit: people",
        'data_categories: ["names", "health"]',
        "occurred: 2026-10-01",
        "discovered: 2026-10-03",
        "jurisdictions: [UK, DE]",
        "compensation:",
        "  currency: GBP",
        "  amount: 25.50",
        "  redemption: 0.5   # share expected to be used: your estimate",
        "reporting:",
        "  currency: USD",
        "  rates:",
        "    - 1 USD = 0.79 GBP",
        "circumstances:",
        "  confidentiality: unknown_recipients",
        "  integrity: none",
        "  availability: none",
        "  malicious: false",
    ]
    breach = api.load_breach(text)
    assert breach.affected == 2_500
    assert breach.compensation is not None and breach.compensation.amount == Decimal("25.50")


def test_an_eu_state_paying_in_its_own_currency_is_offered_it():
    answers = ["Clinic", "12", "accounts", "health", "2025-01-01", None, "NO", "y", "25"]
    ask, asked = scripted([*answers, None, None, "n"])  # currency, reporting: the defaults
    text = written(api.new_breach(ask=ask, tell=lambda _note: None))
    assert ("In which currency", "NOK") in asked
    assert ("Which currency do you report in", "NOK") in asked
    assert "  currency: NOK\n  amount: 25\n" in text
    assert "rates:" not in text  # one currency: no rate asked, none written
    assert "affected_unit: accounts\n" in text and "discovered: 2025-01-01\n" in text
