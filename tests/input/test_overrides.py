"""Overrides, scenario variants, compare, sweep and sensitivity: figures worked by hand."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from breachcalc.errors import InputError
from breachcalc.input.grid import parse_axis, stepped
from breachcalc.input.loader import load_breach, load_scenarios
from breachcalc.input.overrides import parse_override, parse_path
from breachcalc.input.paths import PathError, check_path
from tests.conftest import EXAMPLES

COUPANG = str(EXAMPLES / "coupang.yaml")
NOTICE = str(EXAMPLES / "coupang-notice.yaml")
SCENARIOS = str(EXAMPLES / "coupang-scenarios.yaml")


def as_json(result) -> dict:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal)


# --- overrides -------------------------------------------------------------------------------


def test_set_affected_totals_55_million(run):
    # 1,000 × 55,000 KRW = 55,000,000 KRW
    document = as_json(run("assess", COUPANG, "--set", "affected=1000", "--format", "json"))
    assert document["compensation"]["total"] == {"amount": Decimal(55000000), "currency": "KRW"}


@pytest.mark.parametrize(
    ("text", "path", "value"),
    [
        ("affected=1000", ("affected",), 1000),
        ("compensation.redemption=0.4", ("compensation", "redemption"), Decimal("0.4")),
        ("compensation.vouchers.0.amount=7_500", ("compensation", "vouchers", 0, "amount"), 7500),
        ("jurisdictions=[KR, EU]", ("jurisdictions",), ["KR", "EU"]),
        (
            "compensation.redemption={low: 0.2, likely: 0.4, high: 0.9}",
            ("compensation", "redemption"),
            {"low": Decimal("0.2"), "likely": Decimal("0.4"), "high": Decimal("0.9")},
        ),
        ("name=yes", ("name",), "yes"),  # YAML 1.2: yes stays text
        ("description=", ("description",), None),
    ],
)
def test_parse_override(text, path, value):
    override = parse_override(text)
    assert (override.path, override.value) == (path, value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("afected=1", "unknown path `afected`; did you mean `affected`?"),
        (
            "compensation.amont=1",
            "unknown path `compensation.amont`; did you mean `compensation.amount`?",
        ),
        ("compensation.vouchers.amount=1", "`compensation.vouchers` is a list: use an item number"),
        ("affected.low=1", "unknown path `affected.low`: `affected` is a single value"),
        ("affected", "write PATH=VALUE"),
        ("=5", "is not a dotted path"),
    ],
)
def test_bad_override_paths(text, message):
    with pytest.raises(PathError, match=message.replace("(", r"\(").replace("?", r"\?")):
        parse_override(text)


def test_paths_into_mappings_and_ranges_are_known():
    check_path(("fines", "KR", "turnover"))
    check_path(("jurisdictions", "KR"))
    check_path(("compensation", "vouchers", 3, "redemption", "likely"))
    assert parse_path("a.0.b") == ("a", 0, "b")


def test_overridden_value_is_validated_and_named(run):
    result = run("assess", COUPANG, "--set", "affected=-5")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {COUPANG}: --set affected=-5: affected: must be 0 or more, not -5\n"
    )


def test_unknown_override_path_is_a_usage_error(run):
    result = run("assess", COUPANG, "--set", "afected=1")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: unknown path `afected`; did you mean `affected`?\n",
    )


def test_override_creates_absent_keys_and_keeps_the_file_untouched():
    breach = load_breach(
        COUPANG,
        sets=[
            parse_override("compensation.redemption=0.5"),
            parse_override("costs.incident_response.amount=1000"),
        ],
    )
    assert breach.compensation.redemption == Decimal("0.5")
    assert breach.costs.incident_response.amount == 1000
    assert load_breach(COUPANG).compensation.redemption is None


def test_index_beyond_the_list_is_refused():
    with pytest.raises(InputError, match="there is no item 7"):
        load_breach(NOTICE, sets=[parse_override("compensation.vouchers.7.amount=1")])


# --- variants --------------------------------------------------------------------------------


def test_scenario_file_gives_base_and_every_variant():
    scenarios = load_scenarios(SCENARIOS)
    labels = [s.label.rpartition("#")[2] for s in scenarios]
    assert labels[1:] == [
        "joint-investigation",
        "pipc-count",
        "notice-50000",
        "offer-30000",
        "redeem-40",
    ]
    by = {s.label.rpartition("#")[2]: s.breach for s in scenarios}
    assert by["pipc-count"].affected == 37_600_000
    assert by["offer-30000"].compensation.amount == 30000
    assert by["redeem-40"].compensation.redemption == Decimal("0.4")


def test_pick_one_variant(run):
    # 37,600,000 × 55,000 = 2,068,000,000,000 KRW
    document = as_json(run("assess", SCENARIOS + "#pipc-count", "--format", "json"))
    assert document["compensation"]["total"]["amount"] == Decimal(2068000000000)
    assert document["scenario"].endswith("#pipc-count")


def test_unknown_variant_gets_a_suggestion(run):
    result = run("assess", SCENARIOS + "#pipc-cuont")
    assert result.exit_code == 1
    assert "no variant `pipc-cuont`; did you mean `pipc-count`?" in result.stderr


def test_a_bad_variant_path_is_located(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        (EXAMPLES / "coupang-scenarios.yaml").read_text(encoding="utf-8")
        + "  broken:\n    compensation.amont: 1\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"variants\.broken\.compensation\.amont: unknown path"):
        load_scenarios(str(path))


def test_a_variant_value_problem_names_the_variant(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        (EXAMPLES / "coupang-scenarios.yaml").read_text(encoding="utf-8")
        + "  negative:\n    affected: -1\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"s\.yaml:\d+:\d+: variant negative: affected: must be 0"):
        load_scenarios(str(path))


def test_assess_reports_every_scenario_as_json_lines(run):
    lines = run("assess", SCENARIOS, "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 6
    totals = [
        json.loads(line, parse_float=Decimal)["compensation"]["total"]["amount"] for line in lines
    ]
    # base 1,853,500,000,000; 33,670,000 × 55,000 = 1,851,850,000,000; 37,600,000 × 55,000;
    # 33.7M × 50,000; 33.7M × 30,000; 33.7M × 55,000 × 0.4 = 741,400,000,000
    assert totals == [
        Decimal(v)
        for v in (
            1853500000000,
            1851850000000,
            2068000000000,
            1685000000000,
            1011000000000,
            741400000000,
        )
    ]


# --- compare ---------------------------------------------------------------------------------


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


# --- sweep -----------------------------------------------------------------------------------


def test_stepped_values_are_exact_and_include_stop():
    assert stepped(Decimal("0.1"), Decimal("1"), Decimal("0.1"))[-1] == Decimal("1.0")
    assert len(stepped(Decimal("0.1"), Decimal("1"), Decimal("0.1"))) == 10
    assert stepped(Decimal(1), Decimal(10), Decimal(4)) == [1, 5, 9]


def test_axis_lists_and_ranges():
    assert parse_axis("compensation.amount=30000,50000").values == (30000, 50000)
    assert parse_axis("affected=1000:3000:1000").values == (1000, 2000, 3000)


def test_sweep_rows_count_and_order(run):
    result = run(
        "sweep",
        COUPANG,
        "--vary",
        "compensation.amount=30000,50000",
        "--vary",
        "compensation.redemption=0.5:1:0.5",
        "--vary",
        "affected=1000,2000",
        "--format",
        "csv",
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2 * 2 * 2
    # the first --vary varies slowest
    assert [
        (r["compensation.amount"], r["compensation.redemption"], r["affected"]) for r in rows[:3]
    ] == [("30000", "0.5", "1000"), ("30000", "0.5", "2000"), ("30000", "1.0", "1000")]
    # 30,000 × 0.5 × 2,000 = 30,000,000; 50,000 × 1.0 × 2,000 = 100,000,000
    assert rows[1]["total"] == "30000000"
    assert rows[-1]["total"] == "100000000"
    assert rows[-1]["total_reporting"] == "69090.91"  # 100,000,000 × 38 / 55,000


def test_sweep_streams_json_lines(run):
    result = run("sweep", COUPANG, "--vary", "affected=1:5:1", "--format", "jsonl")
    assert len(result.stdout.splitlines()) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--vary", "afected=1,2"], "unknown path `afected`"),
        (["--vary", "affected"], "write PATH=V1,V2"),
        (["--vary", "affected=5:1:1"], "START (5) is above STOP (1)"),
        (["--vary", "affected=1:5:0"], "the step must be above 0"),
        (
            ["--vary", "affected=1:2000000:1", "--vary", "compensation.amount=1,2"],
            "limit MAX_GRID_ROWS",
        ),
    ],
)
def test_sweep_usage_errors(run, args, message):
    result = run("sweep", COUPANG, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_sweep_invalid_row_names_the_combination(run):
    result = run("sweep", COUPANG, "--vary", "compensation.redemption=0.5,1.5", "--format", "csv")
    assert result.exit_code == 1
    assert (
        "--vary row compensation.redemption=1.5: compensation.redemption: must be a share"
        in result.stderr
    )


# --- sensitivity -----------------------------------------------------------------------------


def test_sensitivity_orders_by_swing(run, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        "name: obvious\naffected: 1000\ndata_categories: [names]\n"
        "compensation:\n  currency: USD\n  vouchers:\n"
        "    - {amount: 100}\n    - {amount: 1}\n",
        encoding="utf-8",
    )
    rows = as_json(run("sensitivity", str(path), "--format", "json"))["rows"]
    order = [r["input"] for r in rows]
    # affected ±25% moves 1000 × 101 by 2 × 250 × 101 = 50,500; the 100-dollar voucher by
    # 1000 × (125 − 75) = 50,000; the 1-dollar voucher by 1000 × 0.5 = 500
    assert order == ["affected", "compensation.vouchers.0.amount", "compensation.vouchers.1.amount"]
    assert [r["swing"] for r in rows] == [
        Decimal("50500.00"),
        Decimal("50000.00"),
        Decimal("500.00"),
    ]


def test_sensitivity_explicit_range_and_clamped_share(run):
    rows = as_json(
        run(
            "sensitivity",
            COUPANG,
            "--set",
            "compensation.redemption=0.9",
            "--range",
            "compensation.amount=30000:55000",
            "--format",
            "json",
        )
    )["rows"]
    amount = next(r for r in rows if r["input"] == "compensation.amount")
    # 33.7M × 0.9 × (55,000 − 30,000) = 758,250,000,000
    assert amount["swing"] == Decimal("758250000000")
    share = next(r for r in rows if r["input"] == "compensation.redemption")
    assert (share["low"], share["high"]) == (Decimal("0.675"), Decimal("1"))  # 0.9 ± 25%, ≤ 1


def test_sensitivity_tornado_in_the_terminal(run):
    result = run("sensitivity", str(EXAMPLES / "coupang-uncertain.yaml"))
    assert result.exit_code == 0
    first = result.stdout.splitlines()[3]
    assert first.strip().startswith("affected") and "│" in first


# --- formats and output ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "markdown"])
def test_every_format_on_assess_and_categories(run, fmt):
    for args in (["assess", COUPANG], ["categories"]):
        result = run(*args, "--format", fmt)
        assert result.exit_code == 0, (args, fmt, result.stderr)
        assert result.stdout


def test_output_file_is_written_atomically(run, tmp_path):
    target = tmp_path / "out.csv"
    result = run("compare", COUPANG, NOTICE, "--format", "csv", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("figure,unit,")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_failed_run_leaves_no_output_file(run, tmp_path):
    target = tmp_path / "out.json"
    result = run("assess", COUPANG, str(tmp_path / "missing.yaml"), "-o", str(target))
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_is_a_clear_error(run, tmp_path):
    result = run("assess", COUPANG, "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot write")


def test_explain_refuses_csv(run):
    result = run("explain", COUPANG, "--format", "csv")
    assert result.exit_code == 2 and "`explain` writes table, json, jsonl; not csv" in result.stderr
