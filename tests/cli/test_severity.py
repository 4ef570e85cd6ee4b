"""``severity`` on the command line, and the refusals of the severity sections of a breach file
(DPC factors, EI overrides, circumstances)."""

from __future__ import annotations

import json

import pytest


def test_severity_vector_table(run):
    result = run("severity", "ENISA:1.0/DPC:2/EI:1/C:0.5/I:0/A:0/M:0.5/S:5")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "ENISA:1.0/DPC:2/EI:1/C:0.5/I:0/A:0/M:0.5/S:5\n"
        "\n"
        " SE            3.0 = DPC 2 × EI 1 + CB 1.0 (C 0.5 + I 0 + A 0 + M 0.5)\n"
        " ENISA level   high\n"
        " Tier          critical (scale band 5 of 5: tens of millions or more)\n"
        "\n"
    )


def test_severity_vector_json_without_scale(run):
    # 4 × 0.25 + 0.25 = 1.25 low; no S part, so no tier.
    result = run("severity", "ENISA:1.0/DPC:4/EI:0.25/C:0/I:0/A:0.25/M:0", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "schema_version": "breachcalc.severity/1",
        "vector": "ENISA:1.0/DPC:4/EI:0.25/C:0/I:0/A:0.25/M:0",
        "se": 1.25,
        "level": "low",
        "tier": None,
        "factors": {
            "dpc": 4,
            "ei": 0.25,
            "c": 0,
            "i": 0,
            "a": 0.25,
            "m": 0,
            "scale_band": None,
        },
    }


def test_malformed_vector_exits_1_naming_the_part(run):
    result = run("severity", "ENISA:1.0/DPC:2/EI:2/C:0.5/I:0/A:0/M:0.5")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: vector 'ENISA:1.0/DPC:2/EI:2/C:0.5/I:0/A:0/M:0.5': part 3 'EI:2': EI must be one "
        "of 0.25, 0.5, 0.75, 1\n"
    )


def test_severity_without_vector_is_a_usage_error(run):
    assert run("severity").exit_code == 2


def test_dpc_factor_in_the_wrong_direction(run, write):
    # location is behavioural, basic 2: a raising factor must give 3 or 4
    path = write(
        "name: t\naffected: 5\ndata_categories: [location]\ndpc_factors:\n"
        "  - category: location\n    factor: volume\n    score: 2\n    reason: r\n"
    )
    result = run("assess", path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {path}:7:12: dpc_factors.0.score: `volume` raises the score: location data is "
        "behavioural (basic 2), so `score` must be above 2, at most 4\n"
    )


@pytest.mark.parametrize(
    ("category", "factor", "score", "message"),
    [
        (
            "health",
            "volume",
            3,
            "`volume` raises the score, but health data is sensitive (basic 4), already the "
            "highest; drop this factor",
        ),
        (
            "names",
            "public",
            1,
            "`public` lowers the score, but names is simple (basic 1), already the lowest; "
            "drop this factor",
        ),
    ],
)
def test_dpc_factor_with_no_room_to_move(run, write, category, factor, score, message):
    # No score can satisfy these, so the message points at `factor`, not at an impossible range.
    path = write(
        f"name: t\naffected: 5\ndata_categories: [{category}]\ndpc_factors:\n"
        f"  - category: {category}\n    factor: {factor}\n    score: {score}\n    reason: r\n"
    )
    result = run("assess", path)
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}:6:13: dpc_factors.0.factor: {message}\n"


def test_dpc_factor_needs_a_reason_and_a_listed_category(run, write):
    path = write(
        "name: t\naffected: 5\ndata_categories: [names]\ndpc_factors:\n"
        "  - category: health\n    factor: nature\n    score: 1\n"
    )
    result = run("assess", path)
    assert result.exit_code == 1
    assert "dpc_factors.0: `reason` is required" in result.stderr


def test_ei_override_needs_a_reason(run, write):
    path = write(
        "name: t\naffected: 5\ndata_categories: [names]\n"
        "ease_of_identification: {level: negligible}\n"
    )
    result = run("assess", path)
    assert result.exit_code == 1
    assert "ease_of_identification: `reason` is required" in result.stderr


def test_circumstances_values_are_named(run, write):
    path = write(
        "name: t\naffected: 5\ndata_categories: [names]\ncircumstances:\n"
        "  confidentiality: 0.5\n  integrity: none\n  availability: none\n  malicious: false\n"
    )
    result = run("assess", path)
    assert result.exit_code == 1
    assert "circumstances.confidentiality: must be one of" in result.stderr
    assert "unknown_recipients" in result.stderr


def test_missing_circumstances_is_visible_in_the_table(run, write):
    result = run("assess", write("name: t\naffected: 5\ndata_categories: [names]\n"))
    assert result.exit_code == 0
    assert " Note           circumstances not given: CB taken as 0 — add a circumstances" in (
        result.stdout
    )
