"""Every command that writes JSON has a schema, its own schema_version, and real output that
validates against it."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest

from breachcalc.cli.app import app
from breachcalc.render.schemas import OUTPUT_SCHEMAS
from tests.conftest import EXAMPLES

RUNS = {
    "assess": ["assess", "examples/coupang-facts.yaml", "--format", "json"],
    "explain": ["explain", "examples/coupang-uncertain.yaml", "--format", "json"],
    "simulate": ["simulate", "examples/coupang-uncertain.yaml", "-n", "2000", "--format", "json"],
    "compare": [
        "compare",
        "examples/coupang.yaml",
        "examples/coupang-notice.yaml",
        "--format",
        "json",
    ],
    "sweep": ["sweep", "examples/coupang.yaml", "--vary", "affected=1000,2000", "--format", "json"],
    "sensitivity": ["sensitivity", "examples/coupang-uncertain.yaml", "--format", "json"],
    "history": ["history", "--format", "json"],
    "backtest": ["backtest", "--format", "json"],
    "severity": ["severity", "ENISA:1.0/DPC:2/EI:1/C:0.5/I:0/A:0/M:0.5/S:5", "--format", "json"],
    "categories": ["categories", "--format", "json"],
    "law": ["law", "US-TX", "--on", "2024-03-01", "--format", "json"],
    "portfolio": [
        "portfolio",
        "examples/portfolio/01-clinic-misdirected-email.yaml",
        "-n",
        "2000",
        "--format",
        "json",
    ],
}


def test_every_json_command_has_a_schema():
    assert set(RUNS) == set(OUTPUT_SCHEMAS)


@pytest.mark.parametrize("command", sorted(RUNS))
def test_real_output_validates_and_names_its_own_version(run, command):
    schema = json.loads(run("schema", "output", "--command", command).stdout)
    result = run(*RUNS[command])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema)
    version = document["schema_version"]
    moved = {
        "assess": "2.0",
        "history": "breachcalc.history/2",
        "backtest": "breachcalc.backtest/2",
    }
    assert version == moved.get(command, f"breachcalc.{command}/1")


def test_a_schema_can_fail():
    schema = OUTPUT_SCHEMAS["severity"]()
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"schema_version": "x", "vector": 1}, schema)


@pytest.mark.parametrize("command", sorted(OUTPUT_SCHEMAS))
def test_every_key_of_every_schema_says_what_it_means(command):
    from tests.test_contract import _properties

    schema = OUTPUT_SCHEMAS[command]()
    missing = [path for path, node in _properties(schema) if not node.get("description")]
    assert missing == []


BREACH_EXAMPLES = sorted(p for p in EXAMPLES.glob("*.yaml") if p.name != "policy.yaml")
"""The breach files among the examples (policy.yaml is an insurance policy)."""


def test_input_schema_accepts_the_examples():
    schema = json.loads(run_schema("input"))
    from breachcalc.input.yaml_reader import parse

    for path in BREACH_EXAMPLES:
        data = parse(path.name, path.read_text(encoding="utf-8")).data
        jsonschema.validate(_plain(data), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"name": "x", "affected": 1, "data_categories": ["names"], "typo": 1}, schema
        )


def test_output_validates_against_the_output_schema(run):
    schema = json.loads(run_schema("output"))
    for path in BREACH_EXAMPLES:
        for line in run("assess", str(path), "--format", "jsonl").stdout.splitlines():
            jsonschema.validate(json.loads(line), schema)
    assert set(schema["required"]) == {
        "schema_version",
        "breachcalc_version",
        "breach",
        "law_of_the_day",
        "compensation",
        "exposure",
        "severity",
        "notifications",
        "history",
        "insurance",
    }
    assert "scenario" in schema["properties"]  # present only when a command assesses several


def run_schema(which: str) -> str:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["schema", which])
    assert result.exit_code == 0
    return result.stdout


def _plain(value):
    """Decimals as floats, only to feed jsonschema (test code, never a money path)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    return value
