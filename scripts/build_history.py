"""Build breachcalc/reference/data/history.toml from the sourced research files.

The research files (every research/history_*.toml, in name order, and research/fx_*.toml) were
compiled from public sources, each figure with its source. This script merges them (a later file
wins on a duplicate id), refuses any of the 16 held-out breaches, marks outcomes that a later
decision superseded (so they are never added to the one that replaced them), checks that every
outcome with an amount has a rate for its own year, and writes the shipped data files and the
fitted model (with one leave-one-out fit per breach). Run: python scripts/build_history.py

Every outcome is converted at the yearly average rate of its own year. Where a year's rate is
missing the build fails and names the (currency, year) pairs; ``--latest-rate`` (for work in
progress only) uses the latest earlier year instead and writes which rates it used into the
data's ``[meta] rates_note``, which ``breachcalc history`` then prints with its conversion.
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "breachcalc" / "reference" / "data"
RESERVED = {
    "capital-one": (2019,),
    "anthem": (2015,),
    "home-depot": (2014,),
    "morgan-stanley": (2016, 2019),
    "british-airways": (2018,),
    "kakao": (2023,),
    "lg-uplus": (2023,),
    "target": (2013,),
    "auction": (2008,),
    "nationwide": (2012,),
    "morrisons": (2014,),
    "k-box": (2014,),
    "kbox": (2014,),
    "wendys": (2015, 2016),
    "wendy-s": (2015, 2016),
    "bupa": (2017,),
    "transavia": (2019,),
    "slimpay": tuple(range(2015, 2021)),
}
"""The out-of-sample test set (issues 12 and 20): id prefix → the years held out. Never in the
shipped history."""

COMPILED = "2026-12-03"
"""The date of the data (shown with every figure of the model)."""


def reserved(breach: dict) -> bool:
    """Whether ``breach`` is one of the held-out breaches (by id prefix and year)."""
    name = breach["id"].lower()
    return any(name.startswith(p) and breach["year"] in y for p, y in RESERVED.items())


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


def main(latest_rate: bool = False) -> None:
    records: dict[str, dict] = {}
    for path in sorted((ROOT / "research").glob("history_*.toml")):  # later files win
        for breach in tomllib.loads(path.read_text("utf-8")).get("breach", []):
            if reserved(breach):
                sys.exit(f"{path.name}: {breach['id']} is a held-out breach (never included)")
            records[breach["id"]] = breach
    for breach in records.values():
        if breach.get("by_rule") and breach.get("selection") != "curated":
            sys.exit(f"{breach['id']}: by_rule marks a curated record that a rule also chooses")
    for breach in records.values():
        for outcome in breach.get("outcome", []):
            why = SUPERSEDED.get((breach["id"], outcome.get("amount")))
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
        "selection",
        "by_rule",
        "tracker",
        "outcomes_checked",
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
        "# status: final | appealed | proposed (a settlement awaiting approval) | pending (not",
        "#   decided: unknown, never zero; no amount) | unconfirmed",
        "# no_public_outcome: nothing was paid in public (a zero), with what was found.",
        "# selection: curated (the first 84, chosen because something was paid) | tracker (by",
        "#   the rule of docs/history.md, the outcome not looked at).",
        "# superseded: a later decision replaced this outcome; it is shown, never added up.",
        "# The out-of-sample test set (Capital One 2019, Anthem 2015, Home Depot 2014, Morgan",
        "# Stanley 2016/2019, British Airways 2018, Kakao 2023, LG Uplus 2023, Target 2013,",
        "# Auction 2008, Nationwide 2012, Morrisons 2014, K Box 2014, Wendy's 2015-16, Bupa 2017,",
        "# Transavia 2019, SLIMPAY 2015-2020) is never here.",
        "",
        "[meta]",
        f"compiled = {value(COMPILED)}",
        'sources = "news, regulator and law-firm pages (stored copies of public pages); '
        'each figure names its own"',
        "",
    ]
    for breach in order:
        lines.append("[[breach]]")
        lines += [f"{k} = {value(breach[k])}" for k in keys if k in breach]
        lines += no_outcome_lines(breach)
        for outcome in breach.get("outcome", []):
            lines += ["", "[[breach.outcome]]"]
            lines += [f"{k} = {value(outcome[k])}" for k in okeys if k in outcome]
        lines.append("")
    (OUT / "history.toml").write_text("\n".join(lines), encoding="utf-8")
    tomllib.loads((OUT / "history.toml").read_text("utf-8"))
    rates = write_rates()
    note = check_rates(order, rates, latest_rate)
    if note:
        text = (OUT / "history.toml").read_text("utf-8")
        text = text.replace("[meta]\n", f"[meta]\nrates_note = {value(note)}\n", 1)
        (OUT / "history.toml").write_text(text, encoding="utf-8")
        print(f"warning: {note}", file=sys.stderr)
    compile_json()
    print(f"{len(order)} breaches, {sum(len(b.get('outcome', [])) for b in order)} outcomes")


def write_rates() -> list[dict]:
    """fx_yearly.toml from research/fx_*.toml; the rates, for the check of every outcome."""
    rates = []
    meta = None
    for name in ("fx_yearly.toml", "fx_extra.toml"):
        path = ROOT / "research" / name
        if path.exists():
            data = tomllib.loads(path.read_text("utf-8"))
            meta = meta or data.get("meta")
            rates += data.get("rate", [])
    assert meta is not None
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
    return rates


def no_outcome_lines(breach: dict) -> list[str]:
    """The ``[breach.no_public_outcome]`` table of a record, where it has one."""
    nothing = breach.get("no_public_outcome")
    if nothing is None:
        return []
    keys = [k for k in ("reason", "source", "kinds") if k in nothing]
    return ["", "[breach.no_public_outcome]", *(f"{k} = {value(nothing[k])}" for k in keys)]


def check_rates(order: list[dict], rates: list[dict], latest_rate: bool) -> str:
    """Every outcome with an amount needs a rate of its own year: exit naming the missing
    (currency, year) pairs, or with ``latest_rate`` say which earlier year's rate stands in."""
    have = {(r["currency"], r["year"]) for r in rates}
    missing = sorted(
        {
            (o["currency"], o["year"])
            for b in order
            for o in b.get("outcome", [])
            if "amount" in o and o["currency"] != "USD" and (o["currency"], o["year"]) not in have
        }
    )
    if not missing:
        return ""
    used = []
    for currency, year in missing:
        earlier = [y for c, y in have if c == currency and y < year]
        later = [y for c, y in have if c == currency and y > year]
        if not latest_rate:
            pairs = ", ".join(f"{c} {y}" for c, y in missing)
            sys.exit(f"no yearly rate for {pairs} in research/fx_*.toml (add it, sourced)")
        if not (earlier or later):
            used.append(f"{currency} {year} not converted (its line is unknown, not zero)")
            continue
        used.append(f"{currency} {year} at the {max(earlier) if earlier else min(later)} rate")
    return "no rate for " + "; ".join(used) + " (the nearest year's average stands in)"


def compile_json() -> None:
    """history.json and fx_yearly.json: the TOML files (the reviewed source) compiled to JSON,
    which loads in a few milliseconds instead of about 150 (a test keeps them equal)."""
    for name in ("history", "fx_yearly"):
        data = tomllib.loads((OUT / f"{name}.toml").read_text("utf-8"))
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        (OUT / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    compile_rates()
    compile_model()
    compile_lattice()


def compile_rates() -> None:
    """history_rates.json: the yearly rates alone, [currency, year, units per USD] in the
    order of fx_yearly.toml (an estimate reads them without the sources; a test keeps them
    equal)."""
    from breachcalc.reference.history import rates_table

    rates = rates_table(tomllib.loads((OUT / "fx_yearly.toml").read_text("utf-8")))
    text = json.dumps(rates, separators=(",", ":"))
    (OUT / "history_rates.json").write_text(text + "\n", encoding="utf-8")


def compile_model() -> None:
    """history_model.json (the fit on the whole history, and the index of past breaches) and
    history_loo.jsonl (one fit per breach without it: no breach forecasts itself)."""
    from breachcalc.analysis.history.fit import compiled_fits

    whole, loo = compiled_fits()
    (OUT / "history_model.json").write_text(whole, encoding="utf-8")
    (OUT / "history_loo.jsonl").write_text(loo, encoding="utf-8")
    (OUT / "history_loo.json").unlink(missing_ok=True)


def compile_lattice() -> None:
    """history_lattice.bin: the estimate's 2,003 strata (normal quantiles and log-odds),
    computed once here instead of in every estimate (a test keeps them those of the
    definitions)."""
    from breachcalc.domain.priors import LATTICE_TABLE, lattice_table

    (OUT / LATTICE_TABLE).write_bytes(lattice_table())


if __name__ == "__main__":
    main(latest_rate="--latest-rate" in sys.argv[1:])
