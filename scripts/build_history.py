"""Build breachcalc/reference/data/history.toml from the sourced research files.

The research files (research/history_*.toml, research/fx_*.toml) were compiled from public
sources, each figure with its source. This script merges them, drops duplicates, marks outcomes
that a later decision superseded (so they are never added to the one that replaced them) and
writes the shipped data files. Run: python scripts/build_history.py
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "breachcalc" / "reference" / "data"
RESERVED = (
    "capital-one",
    "anthem",
    "home-depot",
    "morgan-stanley",
    "british-airways",
    "kakao",
    "lg-uplus",
    "target",
)
"""The out-of-sample test set: never in the shipped history (issue 12)."""

SUPERSEDED = {
    ("sk-communications-2011", "576400000"): "reversed on appeal (Seoul High Court, 20 Mar 2015)",
    ("dsg-retail-2017", "500000"): "replaced by the First-tier Tribunal's GBP 250,000",
    ("morele-2018", "2830410"): "annulled by the Supreme Administrative Court (9 Feb 2023)",
    ("virgin-mobile-polska-2019", "1968524"): "revoked (21 Oct 2021); see the re-decision",
    ("cabinet-office-2019", "500000"): "superseded by the GBP 50,000 agreement",
    ("1und1-2018", "9550000"): "superseded by the EUR 900,000 court decision",
}
"""(breach id, amount) → why the outcome no longer stands."""


def value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return f"{v:_}" if abs(v) >= 10_000 else str(v)
    if isinstance(v, list):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {value(x)}" for k, x in v.items()) + " }"
    return json.dumps(v, ensure_ascii=False)


def main() -> None:
    records: dict[str, dict] = {}
    for name in ("history_apac.toml", "history_west.toml"):  # later files win on duplicates
        for breach in tomllib.loads((ROOT / "research" / name).read_text("utf-8"))["breach"]:
            assert not breach["id"].startswith(RESERVED), breach["id"]
            records[breach["id"]] = breach
    for breach in records.values():
        for outcome in breach.get("outcome", []):
            why = SUPERSEDED.get((breach["id"], outcome["amount"]))
            if why:
                outcome["superseded"] = why
    order = sorted(records.values(), key=lambda b: (b["year"], b["id"]))
    keys = [
        "id",
        "organisation",
        "year",
        "discovered",
        "disclosed",
        "country",
        "jurisdictions",
        "people",
        "people_unit",
        "people_source",
        "categories",
        "category_counts",
        "category_counts_source",
        "sector",
        "malicious",
        "from_outside",
        "revenue",
        "note",
    ]
    okeys = [
        "kind",
        "jurisdiction",
        "authority",
        "amount",
        "currency",
        "year",
        "status",
        "superseded",
        "source",
        "note",
    ]
    lines = [
        "# The breach history: one [[breach]] per public personal-data breach, with every",
        "# public money outcome itemised and sourced. Built by scripts/build_history.py from",
        "# the research files (each figure with its source); do not edit it by hand.",
        "#",
        "# status: final | appealed | proposed (a settlement awaiting approval) | unconfirmed",
        "# superseded: a later decision replaced this outcome; it is shown, never added up.",
        "# The out-of-sample test set (Capital One 2019, Anthem 2015, Home Depot 2014, Morgan",
        "# Stanley 2016/2019, British Airways 2018, Kakao 2023, LG Uplus 2023, Target 2013) is",
        "# never here.",
        "",
        "[meta]",
        'compiled = "2026-12-01"',
        'sources = "news, regulator and law-firm pages (stored copies of public pages); '
        'each figure names its own"',
        "",
    ]
    for breach in order:
        lines.append("[[breach]]")
        lines += [f"{k} = {value(breach[k])}" for k in keys if k in breach]
        for outcome in breach.get("outcome", []):
            lines += ["", "[[breach.outcome]]"]
            lines += [f"{k} = {value(outcome[k])}" for k in okeys if k in outcome]
        lines.append("")
    (OUT / "history.toml").write_text("\n".join(lines), encoding="utf-8")
    tomllib.loads((OUT / "history.toml").read_text("utf-8"))
    rates = []
    meta = None
    for name in ("fx_yearly.toml", "fx_extra.toml"):
        path = ROOT / "research" / name
        if path.exists():
            data = tomllib.loads(path.read_text("utf-8"))
            meta = meta or data.get("meta")
            rates += data.get("rate", [])
    fx = [
        "# Yearly average exchange rates: units of each currency per 1 USD, calendar years.",
        "# They bring the history's outcomes into one currency (nominal US dollars of the",
        "# outcome's year; no inflation adjustment). Built by scripts/build_history.py.",
        "",
        "[meta]",
        f"source = {value(meta['source'])}",
        f"note = {value(meta['note'])}",
        "",
    ]
    for rate in sorted(rates, key=lambda r: (r["currency"], r["year"])):
        fx.append("[[rate]]")
        for k in ("currency", "year", "per_usd", "derived", "unconfirmed", "source"):
            if k in rate:
                fx.append(f"{k} = {value(rate[k])}")
        fx.append("")
    (OUT / "fx_yearly.toml").write_text("\n".join(fx), encoding="utf-8")
    compile_json()
    print(f"{len(order)} breaches, {sum(len(b.get('outcome', [])) for b in order)} outcomes")


def compile_json() -> None:
    """history.json and fx_yearly.json: the TOML files (the reviewed source) compiled to JSON,
    which loads in a few milliseconds instead of about 150 (a test keeps them equal)."""
    for name in ("history", "fx_yearly"):
        data = tomllib.loads((OUT / f"{name}.toml").read_text("utf-8"))
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (OUT / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    from breachcalc.analysis.history.fit import fit, model_to_json, training_set

    fitted = json.dumps(model_to_json(fit(training_set())), sort_keys=True, indent=1)
    (OUT / "history_model.json").write_text(fitted + "\n", encoding="utf-8")
    compile_draws()


def compile_draws() -> None:
    """history_draws.bin: the history estimate's draws from numpy, stored so that `assess`
    needs no numpy (about 100 ms of start-up); a test keeps them equal to numpy's."""
    import numpy as np

    from breachcalc.reference.history import DRAWS_LINES, DRAWS_SEED, DRAWS_TRIALS

    rng = np.random.default_rng(DRAWS_SEED)
    parts = []
    for _ in range(DRAWS_LINES):  # the order the estimate draws in: random, then lognormal
        parts += [rng.random(DRAWS_TRIALS), rng.standard_normal(DRAWS_TRIALS)]
    (OUT / "history_draws.bin").write_bytes(np.concatenate(parts).astype("<f8").tobytes())


if __name__ == "__main__":
    main()
