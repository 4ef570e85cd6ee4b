"""One registry of formats (render/formats.py): a command accepts the formats its result type
offers, says so in its help, and refuses any other in one place, before any work, with exit 2."""

from __future__ import annotations

import io
import re

import pytest

from breachcalc import api
from breachcalc.render import formats
from breachcalc.render.formats import OFFERS, ORDER, check, formats_of, write
from tests.conftest import EXAMPLES

COUPANG = str(EXAMPLES / "coupang.yaml")

KINDS = {
    "assess": ("Assessments", [COUPANG]),
    "explain": ("Explanation", [COUPANG]),
    "simulate": ("Simulation", [COUPANG, "-n", "50"]),
    "compare": ("Comparison", [COUPANG, str(EXAMPLES / "coupang-notice.yaml")]),
    "sweep": ("Sweep", [COUPANG, "--vary", "affected=1000,2000"]),
    "sensitivity": ("Sensitivity", [COUPANG]),
    "portfolio": (
        "PortfolioResult",
        [str(EXAMPLES / "portfolio" / "01-clinic-misdirected-email.yaml")],
    ),
    "history": ("HistoryListing", ["--limit", "2"]),
    "backtest": ("Backtest", []),
    "severity": ("VectorScore", ["ENISA:1.0/DPC:1/EI:0.25/C:0/I:0/A:0/M:0"]),
    "categories": ("Catalogue", []),
    "law": ("LawOfTheDay", ["KR", "--on", "2026-10-01"]),
    "report": ("Briefing", [COUPANG, "--no-history"]),
}
"""Command → (its result type, arguments for a quick run)."""


def test_every_result_type_offers_something_and_formats_follow_from_it():
    for kind, offer in OFFERS.items():
        found = formats_of(kind)
        assert found, kind
        assert list(found) == [f for f in ORDER if f in found]
        assert ("csv" in found) == (offer.rows is not None)
        assert ("html" in found) == (offer.page is not None)


@pytest.mark.parametrize("command", list(KINDS))
def test_the_help_lists_exactly_the_formats_of_the_result(run, command):
    kind, _args = KINDS[command]
    text = " ".join(run(command, "--help").stdout.split())
    listed = re.search(r"Output format: ([^.]*)\.", text)
    assert listed is not None
    names = re.split(r", | or ", re.sub(r" \([^)]*\)", "", listed[1]))
    assert sorted(names) == sorted(formats_of(kind))


@pytest.mark.parametrize("command", list(KINDS))
def test_a_format_the_result_cannot_take_is_refused_before_any_work(run, command, monkeypatch):
    kind, args = KINDS[command]
    refused = [f for f in (*ORDER, "xml") if f not in formats_of(kind)]

    def no_work(*_args, **_kwargs):
        raise AssertionError("the api was called")

    for name in ("assess_files", "explain", "simulate", "compare", "sweep", "sensitivity"):
        monkeypatch.setattr(f"breachcalc.api.{name}", no_work)
    for name in ("portfolio", "history", "backtest", "severity", "categories", "report", "law"):
        monkeypatch.setattr(f"breachcalc.api.{name}", no_work)
    for fmt in refused:
        result = run(command, *args, "--format", fmt)
        assert (result.exit_code, result.stdout) == (2, "")
        assert (
            result.stderr == f"error: `{command}` writes {', '.join(formats_of(kind))}; not {fmt}\n"
        )


def test_formats_are_read_in_any_case(run):
    result = run("severity", "ENISA:1.0/DPC:1/EI:0.25/C:0/I:0/A:0/M:0", "--format", "JSON")
    assert result.exit_code == 0 and result.stdout.startswith("{")


def test_check_and_write_refuse_what_a_result_does_not_offer():
    from breachcalc.errors import UsageError
    from breachcalc.render.schemas import JsonSchema

    assert check("Sweep", " CSV ", "sweep") == "csv"
    with pytest.raises(UsageError, match="`sweep` writes table, json, jsonl, csv, markdown; not x"):
        check("Sweep", "x", "sweep")
    with pytest.raises(UsageError):
        write(JsonSchema({}), "table", io.StringIO())


def test_every_offer_names_a_function_that_exists():
    import dataclasses

    from breachcalc.render.formats import load

    for kind, offer in OFFERS.items():
        for field in dataclasses.fields(offer):
            path = getattr(offer, field.name)
            if path is not None:
                assert callable(load(path)), (kind, field.name, path)


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "markdown"])
def test_every_format_on_assess_and_categories(run, fmt):
    for args in (["assess", COUPANG], ["categories"]):
        result = run(*args, "--format", fmt)
        assert result.exit_code == 0, (args, fmt, result.stderr)
        assert result.stdout


def test_explain_refuses_csv(run):
    result = run("explain", COUPANG, "--format", "csv")
    assert result.exit_code == 2 and "`explain` writes table, json, jsonl; not csv" in result.stderr


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
