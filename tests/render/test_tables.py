"""No table cuts a figure, at 60, 80 or 120 columns, piped: a number never ends in an ellipsis.

Narrow tables show compact figures (``1.21T``) or wrap; the exact figure stays in JSON and in
wide tables."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from breachcalc.cli.app import app
from tests.conftest import EXAMPLES, cli

COUPANG = str(EXAMPLES / "coupang.yaml")

COMMANDS = [
    "assess examples/coupang.yaml",
    "assess examples/coupang-uncertain.yaml",
    "explain examples/coupang-uncertain.yaml",
    "simulate examples/coupang-uncertain.yaml --trials 2000",
    "compare examples/coupang.yaml examples/coupang-notice.yaml",
    "sweep examples/coupang.yaml --vary affected=1000000,40000000",
    "sensitivity examples/coupang-uncertain.yaml",
    "categories",
]
CUT = re.compile(r"[\d,.]…|…[\d,.]")


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("command", COMMANDS)
def test_no_figure_is_cut(command, width):
    result = CliRunner().invoke(app, command.split(), env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    cut = [line for line in result.stdout.splitlines() if CUT.search(line)]
    assert cut == []


@pytest.mark.parametrize("width", [60, 80])
def test_a_narrow_simulation_shows_compact_totals_and_says_so(width):
    result = CliRunner().invoke(
        app,
        ["simulate", "examples/coupang-uncertain.yaml", "--trials", "10000", "--no-history"],
        env={"COLUMNS": str(width), "NO_COLOR": "1"},
    )
    lines = result.stdout.splitlines()
    total = next(line for line in lines if line.startswith(" Total "))
    # mean of the total is 1.21 trillion won with seed 0 (JSON: 1208516...); P95 1.54 trillion
    assert total.split() == ["Total", "1.21T", "908B", "1.20T", "1.54T"]
    assert "k, M, B, T: thousand to trillion; exact: --format json" in result.stdout
    assert all(len(line) <= width for line in lines)


def test_a_wide_simulation_keeps_exact_figures():
    args = ["simulate", "examples/coupang-uncertain.yaml", "--trials", "10000"]
    env = {"COLUMNS": "200", "NO_COLOR": "1"}
    result = CliRunner().invoke(app, args, env=env)
    document = json.loads(CliRunner().invoke(app, [*args, "--format", "json"], env=env).stdout)
    total = next(line for line in result.stdout.splitlines() if line.startswith(" Total "))
    assert total.split()[1] == f"{document['total']['mean']['amount']:,}"


def test_categories_never_split_a_key_when_piped():
    result = CliRunner().invoke(app, ["categories"], env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert " contact_details " in result.stdout
    assert "contact_information," in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


@pytest.mark.parametrize("columns", ["0", "1", "3", "5"])
def test_a_tiny_columns_still_prints_the_figures(columns):
    result = cli("assess", COUPANG, "--no-history", env={"COLUMNS": columns})
    assert result.returncode == 0
    assert "1,853,500,000,000 KRW" in result.stdout  # 33,700,000 × 55,000
