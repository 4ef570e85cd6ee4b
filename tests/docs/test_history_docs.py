"""The README and docs quote the history model's figures as committed and computed."""

from __future__ import annotations

import json

import breachcalc
from breachcalc.analysis.history.estimate import estimate
from tests.conftest import ROOT


def test_the_docs_quote_the_backtest_as_committed():
    committed = json.loads((ROOT / "docs" / "backtest.json").read_text(encoding="utf-8"))
    notes = (ROOT / "docs" / "history-model.md").read_text(encoding="utf-8")
    for group in committed["groups"]:
        row = (
            f"| {group['group']} | {group['cases']} | {group['coverage_p5_p95'] * 100:.1f}% | "
            f"{group['median_p95_over_p5']:,}× | {group['crps_log10']:.4f} | "
            f"{group['crps_log10_dbir_2015']:.4f} | {group['crps_log10_previous']:.4f} |"
        )
        assert row in notes, row


def test_the_docs_hold_the_figures_the_data_give():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_history_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"run: python scripts/update_history_docs.py\n{done.stderr}"


def test_the_readme_quotes_the_backtest_as_committed():
    committed = json.loads((ROOT / "docs" / "backtest.json").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    groups = [g["coverage_p5_p95"] for g in committed["groups"]]
    gap = abs(committed["zero_share_predicted"] - committed["zero_share_observed"]) * 100
    for figure in (
        f"coverage\n  {committed['coverage_p5_p95'] * 100:.1f}%",
        f"({min(groups) * 100:.1f}% to {max(groups) * 100:.1f}% per group)",
        f"CRPS {committed['crps_log10']:.4f} against {committed['crps_log10_dbir_2015']:.4f}",
        f"median P95/P5 {committed['median_p95_over_p5']:.0f}×",
        f"within {gap:.0f} point{'' if round(gap) == 1 else 's'}",
    ):
        assert figure in readme, figure


def test_the_readme_quotes_the_coupang_estimate_as_computed():
    found = estimate(breachcalc.load_breach(str(ROOT / "examples" / "coupang-facts.yaml")))
    assert found is not None and found.out_of_sample and found.actual is not None
    assert found.actual.id == "coupang-2025"
    assert "coupang-2025" not in {c.id for c in found.comparables}
    p5, p50, p95 = (float(m.amount) / 1e6 for m in found.total)
    zero = float(found.chance_of_no_public_outcome)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quoted = (
        f"chance of no public outcome {zero:.0%}, P5 ${p5:.1f}M, P50 ${p50:.1f}M, P95 ${p95:.0f}M"
    )
    assert quoted in readme, quoted
