"""``explain`` on the command line: the tree, JSON, standard input, cost lines and fine maxima."""

from __future__ import annotations

import json

from tests.conftest import EXAMPLES

COUPANG = str(EXAMPLES / "coupang.yaml")


def test_explain_coupang_tree(run):
    result = run("explain", COUPANG)
    assert (result.exit_code, result.stderr) == (0, "")
    out = result.stdout
    for text in (
        "SE: 3.0 — SE = DPC × EI + CB = 2 × 1 + 1.0 = 3.0",
        "DPC: 2 — the highest category score, set by order_history",
        "order_history: 2 — order or purchase history is behavioural: basic 2",
        "EI: 1 (maximum) — from names: identifies a person directly",
        "malicious: 0.5 — circumstances.malicious: true",
        "ENISA level: high — SE 3.0 is 3 or more and below 4",
        "tier: critical — matrix row ENISA high",
        "regulator: PIPC or KISA: required, not given (no `notified.KR` date;",
        "TW: no rules in breachcalc's data",
        "secondary source",
        "compensation: 1,853,500,000,000 KRW — face value × redemption × people",
    ):
        assert text in out, text


def test_explain_json_and_stdin(run):
    text = (EXAMPLES / "coupang.yaml").read_text(encoding="utf-8")
    result = run("explain", "-", "--format", "json", input=text)
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["vector"] == "ENISA:1.0/DPC:2/EI:1/C:0.5/I:0/A:0/M:0.5/S:5"
    severity = next(s for s in document["steps"] if s["label"] == "Severity")
    se = next(s for s in severity["children"] if s["label"] == "SE")
    assert (se["value"], se["why"]) == ("3.0", "SE = DPC × EI + CB = 2 × 1 + 1.0 = 3.0")


def test_explain_shows_cost_lines_and_fine_maxima(run):
    document = json.loads(
        run("explain", str(EXAMPLES / "coupang-uncertain.yaml"), "-f", "json").stdout
    )
    costs = next(s for s in document["steps"] if s["label"] == "Cost lines and fines")
    assert any("maximum fine" in step["label"] and step["source"] for step in costs["children"])
    assert all(step["why"] for step in costs["children"])


def test_explain_bad_file_exits_1(run, write):
    result = run("explain", write("name: t\n"))
    assert result.exit_code == 1 and result.stderr.startswith("error: ")
