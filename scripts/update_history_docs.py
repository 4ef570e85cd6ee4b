"""Write the history model's figures into the docs: the tables between markers in
docs/history-model.md and the quoted sentences in README.md and docs/history.md.

Run after ``python scripts/build_history.py`` and
``breachcalc backtest --format json > docs/backtest.json``; ``--check`` writes nothing and fails
while a figure in the docs differs from what the data give (``tests/docs/test_history_docs.py``
runs it).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def groups_table(backtest: dict) -> list[str]:
    rows = [
        "| group | cases | P5–P95 coverage | median P95/P5 | CRPS | DBIR 2015 | previous model |",
        "|---|---|---|---|---|---|---|",
    ]
    for g in backtest["groups"]:
        rows.append(
            f"| {g['group']} | {g['cases']} | {_pct(g['coverage_p5_p95'])} | "
            f"{g['median_p95_over_p5']:,}× | {g['crps_log10']:.4f} | "
            f"{g['crps_log10_dbir_2015']:.4f} | {g['crps_log10_previous']:.4f} |"
        )
    return rows


def previous_lines(backtest: dict) -> list[str]:
    by = {g["group"]: g for g in backtest["groups"]}
    rest = ", ".join(
        f"{k} {_pct(g['coverage_p5_p95_previous'])}" for k, g in by.items() if k != "all"
    )
    return [
        f"The previous model scored on today's {by['all']['cases']} breaches: coverage "
        f"{_pct(by['all']['coverage_p5_p95_previous'])} overall ({rest}: it misses every breach "
        f"that paid nothing), median P95/P5 {by['all']['median_p95_over_p5_previous']:,.0f}×."
    ]


def zero_table(backtest: dict) -> list[str]:
    rows = ["| predicted | cases | mean predicted | observed |", "|---|---|---|---|"]
    for b in backtest["zero_bins"]:
        rows.append(
            f"| {b['low'] * 100:.0f}–{b['high'] * 100:.0f}% | {b['cases']} | "
            + ("— | —" if b["predicted"] is None else f"{_pct(b['predicted'])} | ")
            + ("" if b["observed"] is None else _pct(b["observed"]))
            + " |"
        )
    return rows


def fit_tables() -> list[str]:
    from breachcalc.analysis.history.fit import NAMES, shipped_model

    model = shipped_model()
    shown = {
        "intercept": "intercept",
        "ln_people": "ln people",
        "year": "year (per decade)",
        "curated": "curated",
        "financial": "financial data",
        "sensitive": "sensitive data",
        "malicious": "malicious",
        "us:settlement": "US, on settlements",
        "us:enforcement": "US, on enforcement",
        "has_cap": "a legal maximum is known",
        "ln_cap": "ln legal maximum (USD)",
    }
    rows = ["| column | occurrence w | amount β |", "|---|---|---|"]
    for name, w, beta in zip(NAMES, model.w, model.beta, strict=True):
        if name in shown:
            amount = "0" if name == "curated" else f"{beta:+.2f}"
            rows.append(f"| {shown[name]} | {w:+.2f} | {amount} |")
    rows += [
        "",
        "| line class | cases with it / known | residual σ (ln) | effective cases |",
        "|---|---|---|---|",
    ]
    for cls, (own, known) in model.counts.items():
        rows.append(
            f"| {cls} | {own} / {known} | {model.sigma[cls]:.2f} | {model.effective(cls):.0f} |"
        )
    return rows


def _coupang() -> tuple[float, float, float, float, float, float]:
    import breachcalc
    from breachcalc.analysis.history.estimate import estimate

    found = estimate(breachcalc.load_breach(str(ROOT / "examples" / "coupang-facts.yaml")))
    assert found is not None
    p5, p50, p95 = (float(m.amount) / 1e6 for m in found.total)
    fine = next(p.probability for p in found.priors if p.key == "history.fine.KR")
    assert found.actual is not None and found.actual.public_outcomes_usd is not None
    actual = float(found.actual.public_outcomes_usd) / 1e6
    return float(found.chance_of_no_public_outcome), p5, p50, p95, fine, actual


def counts() -> dict[str, int]:
    from breachcalc.analysis.history.features import training_set
    from breachcalc.reference.history import history

    cases = history()
    training = training_set()
    return {
        "breaches": len(cases),
        "tracker": sum(c.selection == "tracker" for c in cases),
        "also": sum(c.by_rule and c.selection == "curated" for c in cases),
        "zeros": sum(1 for o in training if o.total_known and o.total == 0),
    }


def readme_lines(backtest: dict) -> list[str]:
    zero, p5, p50, p95, _fine, actual = _coupang()
    n = counts()
    groups = [g["coverage_p5_p95"] for g in backtest["groups"]]
    gap = abs(backtest["zero_share_predicted"] - backtest["zero_share_observed"]) * 100
    return [
        f"- **What breaches like this cost.** {n['breaches']} past breaches ({n['tracker']} "
        "chosen by a rule that does not look",
        f"  at the outcome; {n['zeros']} with no public outcome at all) and their sourced "
        "public outcomes; a pooled",
        "  hurdle model (`pooled-hurdle/2`) that gives the chance of no public outcome, every line",
        "  bounded; its leave-one-out back-test, reproduced by `breachcalc backtest`: P5–P95 "
        "coverage",
        f"  {_pct(backtest['coverage_p5_p95'])} ({_pct(min(groups))} to {_pct(max(groups))} "
        f"per group), CRPS {backtest['crps_log10']:.4f} against "
        f"{backtest['crps_log10_dbir_2015']:.4f} for the DBIR 2015 model, the",
        f"  chance of no public outcome within {gap:.0f} point{'' if round(gap) == 1 else 's'} "
        "of what happened, median "
        f"P95/P5 {backtest['median_p95_over_p5']:.0f}× where P5 is",
        "  above zero (wide: after size, place, data and year, fines and settlements still vary "
        "about",
        "  fivefold either way) ([docs/history.md](docs/history.md),",
        "  [docs/history-model.md](docs/history-model.md)). For `examples/coupang-facts.yaml`, "
        "fitted",
        "  without Coupang's own record (no breach forecasts itself), the history gives",
        f"  chance of no public outcome {zero:.0%}, P5 ${p5:.1f}M, P50 ${p50:.1f}M, "
        f"P95 ${p95:.0f}M;",
        f"  what happened, shown beside it as a fact: the PIPC fined Coupang about ${actual:.0f}M"
        + (", inside it." if p95 >= actual else ", above its P95."),
    ]


def history_lines() -> list[str]:
    zero, p5, p50, p95, fine, actual = _coupang()
    return [
        "`examples/coupang-facts.yaml` is the Coupang breach with facts only. Fitted without "
        "Coupang's",
        f"own record, the history gives a {zero:.0%} chance of no public outcome, P5 "
        f"${p5:.1f}M, P50 ${p50:.1f}M,",
        f"P95 ${p95:.0f}M (the KR fine line {fine:.0%}). What happened: the PIPC fined "
        "Coupang KRW 423.58",
        f"billion (about ${actual:.0f}M) for the breach in 2026, under appeal"
        + (", inside that interval; the" if p95 >= actual else ", above that P95; the"),
        "voucher plan (KRW 1.685 trillion at face value) is the company's own offer, not a "
        "public outcome.",
    ]


def counts_lines() -> list[str]:
    n = counts()
    return [
        f"breachcalc ships a sourced history of **{n['breaches']} past breaches** (2005 to 2026; "
        "the US, the UK and",
        "EU, Korea, Australia, Singapore, Japan, Canada, Brazil, India and others; from one "
        "person to",
        "three billion accounts), each public money outcome with its kind, amount, currency, year,",
        f"status and source, and for **{n['zeros']} of them the finding that nothing was paid "
        "in public** (a",
        "regulator closed the case, a court dismissed the claims, or nothing was found where it "
        "would",
        f"be), with its source. {n['tracker']} were chosen by a selection rule that does not "
        f"look at the outcome, and {n['also']}",
        "of the first 84 (chosen because something was paid) are chosen by that rule too.",
    ]


def replace_between(text: str, marker: str, lines: list[str]) -> str:
    start, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"marker {marker} not found")
    return pattern.sub(lambda _m: "\n".join([start, *lines, end]), text)


def main(check: bool = False) -> int:
    backtest = json.loads((ROOT / "docs" / "backtest.json").read_text("utf-8"))
    made: dict[Path, str] = {}
    path = ROOT / "docs" / "history-model.md"
    text = path.read_text("utf-8")
    text = replace_between(text, "groups", groups_table(backtest))
    text = replace_between(text, "previous", previous_lines(backtest))
    text = replace_between(text, "zero", zero_table(backtest))
    made[path] = replace_between(text, "fit", fit_tables())
    readme = ROOT / "README.md"
    made[readme] = replace_between(readme.read_text("utf-8"), "history", readme_lines(backtest))
    notes = ROOT / "docs" / "history.md"
    text = replace_between(notes.read_text("utf-8"), "coupang", history_lines())
    made[notes] = replace_between(text, "counts", counts_lines())
    stale = [p for p, t in made.items() if p.read_text("utf-8") != t]
    if check:
        for p in stale:
            print(f"stale: {p.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for p in stale:
        p.write_text(made[p], "utf-8")
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv[1:]))
