"""``init`` through the front door (issue 19): ``api.new_breach`` asks through callables and
returns a file that ``render`` writes; ``cli/init.py`` keeps options, one api call, one write.
Also the rooms the orchestration moved to: the writer table of ``render/formats.py``, the
values options give (``input/options.py``), and a portfolio file given twice."""

from __future__ import annotations

import ast
import io
from decimal import Decimal
from pathlib import Path

import pytest

from breachcalc import api
from breachcalc.errors import UsageError
from breachcalc.render import formats

from .conftest import EXAMPLES

PACKAGE = Path(__file__).resolve().parent.parent / "breachcalc"


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


def test_init_is_options_one_api_call_and_one_write():
    """``cli/init.py`` reaches the library through ``breachcalc.api`` and ``render`` only."""
    tree = ast.parse((PACKAGE / "cli" / "init.py").read_text(encoding="utf-8"))
    found = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    found |= {
        f"{n.module}.{a.name}"
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom)
        for a in n.names
        if n.module == "breachcalc"
    }
    assert "breachcalc.api" in found
    assert not [m for m in found if m.split(".")[:2][-1] in {"domain", "analysis", "input"}]


def test_the_writer_table_gives_every_result_the_formats_it_had():
    """Pinned from the hand-written conditions the table replaced."""
    expected = {
        "Assessments": ("table", "json", "jsonl", "csv", "markdown"),
        "Explanation": ("table", "json", "jsonl"),
        "Simulation": ("table", "json", "jsonl", "csv", "markdown"),
        "Comparison": ("table", "json", "jsonl", "csv", "markdown"),
        "Sweep": ("table", "json", "jsonl", "csv", "markdown"),
        "Sensitivity": ("table", "json", "jsonl", "csv", "markdown"),
        "PortfolioResult": ("table", "json"),
        "HistoryListing": ("table", "json", "jsonl", "csv", "markdown"),
        "Backtest": ("table", "json"),
        "VectorScore": ("table", "json", "jsonl"),
        "Catalogue": ("table", "json", "jsonl", "csv", "markdown"),
        "LawOfTheDay": ("table", "json", "jsonl"),
        "Briefing": ("html", "markdown", "pdf"),
        "JsonSchema": ("json",),
        "BreachFile": ("yaml",),
    }
    assert {kind: formats.formats_of(kind) for kind in formats.OFFERS} == expected


def test_a_writer_prefers_the_first_offer_a_result_has():
    # a comparison has a document and rows: json is the document, csv the rows
    found = api.compare([str(EXAMPLES / "coupang.yaml"), str(EXAMPLES / "coupang-notice.yaml")])
    as_json, as_csv = io.StringIO(), io.StringIO()
    formats.write(found, "json", as_json)
    formats.write(found, "csv", as_csv)
    assert as_json.getvalue().startswith("{") and as_csv.getvalue().startswith("figure,unit,")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5e12", (Decimal("1.5e12"), None)),
        ("1,000,000,000 usd", (Decimal("1000000000"), "USD")),
        ("2_500 KRW", (Decimal("2500"), "KRW")),
    ],
)
def test_an_amount_to_exceed_is_read_with_the_currency_it_names(text, expected):
    from breachcalc.input.options import parse_amount

    assert parse_amount(text) == expected


def test_an_amount_in_an_unknown_currency_is_refused_with_the_nearest():
    from breachcalc.input.options import parse_amount

    with pytest.raises(UsageError, match=r"unknown ISO 4217 currency code 'USX'.*`USD`"):
        parse_amount("10 USX")


def test_a_portfolio_file_given_twice_counts_once_and_is_told(tmp_path):
    one = str(EXAMPLES / "portfolio" / "01-clinic-misdirected-email.yaml")
    link = tmp_path / "same.yaml"
    link.symlink_to(one)
    told: list[str] = []
    twice = api.portfolio([one, str(link)], trials=200, seed=1, tell=told.append)
    once = api.portfolio([one], trials=200, seed=1)
    assert told == [f"{link} is the same file as {one}; counted once"]
    assert api.to_json(twice) == api.to_json(once)
