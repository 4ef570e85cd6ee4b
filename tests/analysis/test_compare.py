"""``compare`` (analysis/key_figures.py): scenarios side by side, figures worked by hand, across
currencies, in every format."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from tests.conftest import EXAMPLES, as_json

COUPANG = str(EXAMPLES / "coupang.yaml")
NOTICE = str(EXAMPLES / "coupang-notice.yaml")


def rows_by_figure(document: dict) -> dict[tuple[str, str], dict]:
    return {(row["figure"], row["unit"]): row for row in document["rows"]}


def test_compare_seed_article_with_notice(run):
    document = as_json(run("compare", COUPANG, NOTICE, "--format", "json"))
    assert document["scenarios"] == ["coupang.yaml", "coupang-notice.yaml"]
    assert document["reference"] == "coupang.yaml"
    rows = rows_by_figure(document)
    total = rows[("Compensation total", "KRW")]
    # 1,685,000,000,000 − 1,853,500,000,000 = −168,500,000,000; / 1,853,500,000,000 = −9.0909…%
    assert total["values"] == [Decimal(1853500000000), Decimal(1685000000000)]
    assert total["differences"] == [
        {
            "scenario": "coupang-notice.yaml",
            "absolute": Decimal(-168500000000),
            "percent": Decimal("-9.09"),
        }
    ]
    per_person = rows[("Compensation per person", "KRW")]
    assert per_person["differences"][0]["absolute"] == Decimal(-5000)
    assert rows[("Severity tier", "")]["differences"][0]["absolute"] == "same"


def test_compare_json_validates_against_its_schema(run):
    import jsonschema

    schema = json.loads(run("schema", "output", "--command", "compare").stdout)
    document = json.loads(run("compare", COUPANG, NOTICE, "--format", "json").stdout)
    jsonschema.validate(document, schema)
    assert document["schema_version"] == "breachcalc.compare/1"


def test_compare_across_currencies_converts_before_the_difference(run, write):
    krw = write(
        "name: a\naffected: 1000\ndata_categories: [names]\ncompensation: {currency: KRW, amount: 55000}\n"
        "reporting: {currency: USD, rates: ['1 USD = 1,440 KRW']}\n",
        name="a.yaml",
    )
    usd = write(
        "name: b\naffected: 1000\ndata_categories: [names]\ncompensation: {currency: USD, amount: 40}\n",
        name="b.yaml",
    )
    rows = rows_by_figure(as_json(run("compare", krw, usd, "--format", "json")))
    # 1,000 × 55,000 KRW ÷ 1,440 = 38,194.44 USD against 40,000.00 USD: +1,805.56 (+4.73%)
    whole = rows[("Whole exposure", "USD")]
    assert whole["values"] == [Decimal("38194.44"), Decimal("40000.00")]
    assert whole["differences"][0]["absolute"] == Decimal("1805.56")
    assert whole["differences"][0]["percent"] == Decimal("4.73")
    assert [u for f, u in rows if f == "Whole exposure"] == ["USD"]


def test_compare_across_currencies_without_a_rate_is_refused(run, write):
    usd = write(
        "name: b\naffected: 1\ndata_categories: [names]\ncompensation: {currency: USD, amount: 40}\n",
        name="b.yaml",
    )
    jpy = write(
        "name: c\naffected: 1\ndata_categories: [names]\ncompensation: {currency: JPY, amount: 500}\n",
        name="c.yaml",
    )
    result = run("compare", usd, jpy)
    assert result.exit_code == 2
    assert "c.yaml is in JPY and gives no rate to USD" in result.stderr


def test_compare_table_shows_the_must_show_figures(run):
    result = run("compare", COUPANG, NOTICE)
    assert result.exit_code == 0
    assert "-168,500,000,000" in result.stdout and "-9.09%" in result.stdout
    assert "-5,000" in result.stdout


def test_compare_with_variant_options(run):
    result = run(
        "compare",
        COUPANG,
        "--variant",
        "cheap=compensation.amount=30000",
        "--variant",
        "more=affected=40000000,compensation.amount=50000",
        "--format",
        "csv",
    )
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    total = next(r for r in table if r["figure"] == "Compensation total" and r["unit"] == "KRW")
    # cheap: 33.7M × 30,000 = 1,011,000,000,000 (−842,500,000,000, −45.45%)
    assert (total["cheap"], total["Δ cheap"], total["Δ% cheap"]) == (
        "1011000000000",
        "-842500000000",
        "-45.45",
    )
    # more: 40,000,000 × 50,000 = 2,000,000,000,000 (+146,500,000,000; +7.90%)
    assert (total["more"], total["Δ more"], total["Δ% more"]) == (
        "2000000000000",
        "146500000000",
        "7.90",
    )


def test_compare_needs_two_scenarios(run):
    result = run("compare", COUPANG)
    assert result.exit_code == 2 and "at least two scenarios" in result.stderr


def test_compare_markdown_is_a_pipe_table(run):
    lines = run("compare", COUPANG, NOTICE, "--format", "markdown").stdout.splitlines()
    assert lines[0].startswith("| figure | unit | coupang.yaml | coupang-notice.yaml |")
    assert lines[1].startswith("|---|---|---:|")
