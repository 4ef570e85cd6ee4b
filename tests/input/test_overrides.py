"""Overrides (input/overrides.py, ``--set``) and scenario variants (input/loader.py): figures
worked by hand, refusals located."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from breachcalc.errors import InputError
from breachcalc.input.loader import load_breach, load_scenarios
from breachcalc.input.overrides import parse_override, parse_path
from breachcalc.input.paths import PathError, check_path
from tests.conftest import EXAMPLES, as_json, cli

POLICY_SECTION = "insurance:\n  currency: USD\n  retention: 5000000\n  limit: 100000000\n"

COUPANG = str(EXAMPLES / "coupang.yaml")
NOTICE = str(EXAMPLES / "coupang-notice.yaml")
SCENARIOS = str(EXAMPLES / "coupang-scenarios.yaml")


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


def insured_copy(tmp_path: Path) -> Path:
    path = tmp_path / "insured.yaml"
    path.write_text(Path(COUPANG).read_text(encoding="utf-8") + POLICY_SECTION, encoding="utf-8")
    return path


def test_set_reaches_into_the_insurance_section(tmp_path):
    result = cli(
        "assess", str(insured_copy(tmp_path)), "--no-history", "-f", "json",
        "--set", "insurance.limit=7",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # the limit, 7 USD, in won at the file's rate 38 USD = 55,000 KRW: 7 × 55000 / 38
    assert "L = 10131.578947368421052631578947368421052631578947368)" in result.stdout
    typo = cli("assess", COUPANG, "--set", "insurance.retentio=1")
    assert typo.returncode == 2
    assert (
        typo.stderr
        == "error: unknown path `insurance.retentio`; did you mean `insurance.retention`?\n"
    )


BASE = "name: x\naffected: 10\ndata_categories: [names]\n"


def test_a_problem_in_a_variant_names_file_line_and_column(run, write):
    path = write(
        BASE + "compensation: {currency: KRW, amount: 10}\nvariants:\n  v:\n    affected: -5\n"
    )
    result = run("assess", path, "--no-history")
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}:7:15: variant v: affected: must be 0 or more, not -5\n"
