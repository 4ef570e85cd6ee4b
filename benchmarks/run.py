"""One benchmark command for the speed figures of the default path, each beside its baseline.

Run in the installed virtual environment: ``python benchmarks/run.py [--quick]``. Every figure
is whole-process CPU time (user + system of the child), the median of several runs, measured
in one run on this machine, side by side with its baseline:

* start-up: ``assess examples/coupang.yaml --format json`` as a user runs it (history on)
  against the stack alone: a minimal Typer + PyYAML + pydantic script that loads, validates and
  prints the same file (``STACK_ALONE``); ``--version`` and ``--help`` against ``python -c pass``;
* batch: 2,000 breach files that differ from each other (sizes, dates, data, places,
  currencies, offers; ``varied_files``) in one ``assess --format jsonl``, default path, against
  the same with ``--no-history`` and a naive loop (``yaml.CSafeLoader`` + ``json.dumps``);
* the history estimate's own cost: per file in the batch, and for a single file;
* portfolio: the twelve example scenarios over 1,000,000 trials against a naive numpy script
  drawing the same occurrences and the same number of PERT variates (``NAIVE_PORTFOLIO``);
* simulate: 1,000,000 trials of the Coupang uncertain example against a raw numpy script that
  draws and sums the same variates and summarises what simulate reports: each line's and the
  total's mean and percentiles, an exceedance curve and a histogram (``RAW_NUMPY``), with
  ``--no-history`` (the raw script draws no history lines), and the default path beside it;
* sweep: a 10,000-row ``sweep --format csv``, per row;

and writes ``docs/benchmarks.md`` (not with ``--quick``, which uses fewer runs and files).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUPANG = str(ROOT / "examples" / "coupang.yaml")
UNCERTAIN = str(ROOT / "examples" / "coupang-uncertain.yaml")
PORTFOLIO = sorted(str(p) for p in (ROOT / "examples" / "portfolio").glob("*.yaml"))
CLI = [sys.executable, "-m", "breachcalc"]

STACK_ALONE = r"""
import json
import sys
from datetime import date
from typing import Annotated

import pydantic
import typer
import yaml


class Compensation(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid")
    currency: str = pydantic.Field(pattern=r"^[A-Z]{3}$")
    amount: Annotated[int, pydantic.Field(ge=0)]


class Reporting(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid")
    currency: str = pydantic.Field(pattern=r"^[A-Z]{3}$")
    rates: list[str] = []


class Circumstances(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid")
    confidentiality: str
    integrity: str
    availability: str
    malicious: bool
    from_outside: bool


class Breach(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid")
    name: str
    affected: Annotated[int, pydantic.Field(ge=0)]
    affected_unit: str = "people"
    data_categories: list[str]
    discovered: date | None = None
    disclosed: date | None = None
    compensation: Compensation | None = None
    reporting: Reporting | None = None
    jurisdictions: list[str] = []
    sources: list[str] = []
    circumstances: Circumstances | None = None


def main(path: str, fmt: str = typer.Option("table", "--format")) -> None:
    with open(path, "rb") as handle:
        breach = Breach.model_validate(yaml.load(handle, Loader=yaml.CSafeLoader))
    sys.stdout.write(json.dumps(breach.model_dump(mode="json"), indent=2) + "\n")


typer.run(main)
"""
"""The stack alone: Typer, PyYAML and pydantic loading and validating the same file."""

NAIVE_LOOP = r"""
import json, sys, yaml
for name in sys.argv[1:]:
    with open(name, "rb") as handle:
        data = yaml.load(handle, Loader=yaml.CSafeLoader)
    sys.stdout.write(json.dumps(data, default=str) + "\n")
"""

RAW_NUMPY = r"""
import numpy as np
rng = np.random.default_rng(0)
n = 1_000_000
lines = []
# the same seven uncertain inputs as examples/coupang-uncertain.yaml: four PERT redemptions,
# two litigation inputs and the fine, each drawn and combined once
for low, mode, high, face in ((0.3, 0.6, 0.9, 5000), (0.2, 0.45, 0.8, 5000),
                              (0.05, 0.2, 0.5, 20000), (0.1, 0.3, 0.6, 20000)):
    w = high - low
    a, b = 1 + 4 * (mode - low) / w, 1 + 4 * (high - mode) / w
    lines.append(face * 33_700_000 * (low + w * rng.beta(a, b, n)))
share = 0.01 + 0.08 * rng.beta(1 + 4 * 0.03 / 0.08, 1 + 4 * 0.05 / 0.08, n)
per = 50_000 + 250_000 * rng.beta(1 + 4 * 50_000 / 250_000, 1 + 4 * 200_000 / 250_000, n)
lines.append(33_700_000 * share * per)
lines.append(2e11 + 8e11 * rng.beta(1 + 4 * 223.58 / 800, 1 + 4 * 576.42 / 800, n))
total = np.sum(lines, axis=0)
# what simulate reports: each line's and the total's mean and P5/P50/P95, the total's
# exceedance curve (154 points) and histogram
for values in (*lines, total):
    values.mean()
    np.percentile(values, [5, 50, 95])
ordered = np.sort(total)
np.quantile(ordered, 1 - np.geomspace(0.5, 1e-4, 154))
np.histogram(total, bins=40)
"""

NAIVE_PORTFOLIO = r"""
import sys
import numpy as np
n = int(sys.argv[1])
# (probability, uncertain lines) of each example scenario, in file order
scenarios = [(float(p), int(k)) for p, k in (pair.split(":") for pair in sys.argv[2:])]
rng = np.random.default_rng(0)
annual = np.zeros(n)
for probability, lines in scenarios:
    happens = rng.random(n) < probability
    m = int(happens.sum())
    loss = np.full(m, 1000.0)
    for _ in range(max(lines, 1)):
        loss += 1e5 * (0.5 + rng.beta(2.0, 3.0, m))
    annual[happens] += loss
np.mean(annual)
np.percentile(annual, [50, 90, 99, 99.5])
"""
"""A naive numpy portfolio: per scenario, a Bernoulli occurrence per year and one PERT draw per
uncertain line for the years it occurs, summed; the same counts of variates as the scenarios."""


ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "PYDANTIC_DISABLE_PLUGINS": "__all__",
}
"""As a user runs it: compiled modules cached (this workplace sets PYTHONDONTWRITEBYTECODE,
which would recompile every module on every run)."""

CATEGORIES = [
    *("names", "email", "phone", "postal_addresses", "date_of_birth", "order_history"),
    *("payment_cards", "credentials", "government_ids", "health", "financial_records", "location"),
]
PLACES = ["KR", "US", "UK", "EU", "AU", "SG", "JP", "CA", "US-CA", "BR"]
CURRENCIES = {
    "KR": "KRW",
    "US": "USD",
    "UK": "GBP",
    "EU": "EUR",
    "AU": "AUD",
    "SG": "SGD",
    "JP": "JPY",
    "CA": "CAD",
    "US-CA": "USD",
    "BR": "BRL",
}


def cpu_of(command: list[str], stdin: bytes | None = None) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command,
        input=stdin,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
        env=ENV,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def median_cpu(command: list[str], runs: int) -> float:
    cpu_of(command)  # warm: the first run writes the compiled modules
    return statistics.median(cpu_of(command)[0] for _ in range(runs))


def side_by_side(commands: list[list[str]], runs: int) -> list[float]:
    """Median CPU of each command, the commands run alternately (so load hits them alike)."""
    for command in commands:
        cpu_of(command)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            times[index].append(cpu_of(command)[0])
    return [statistics.median(t) for t in times]


def varied_files(folder: Path, count: int, seed: int = 2026) -> list[str]:
    """``count`` breach files that differ from each other: size, unit, dates, data, places,
    currencies, offers, rates and circumstances drawn from a fixed seed."""
    rng = random.Random(seed)
    names = []
    for index in range(count):
        places = rng.sample(PLACES, rng.choice((1, 1, 1, 2, 3)))
        currency = CURRENCIES[places[0]]
        year = rng.randint(2015, 2026)
        day = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        people = int(10 ** rng.uniform(2, 8))
        lines = [
            f"name: varied breach {index}",
            f"affected: {people}",
            f"affected_unit: {rng.choice(('people', 'accounts'))}",
            f"data_categories: [{', '.join(rng.sample(CATEGORIES, rng.randint(1, 5)))}]",
            f"discovered: {day}",
            f"jurisdictions: [{', '.join(places)}]",
        ]
        if rng.random() < 0.5:
            lines.append(f"compensation: {{currency: {currency}, amount: {rng.randint(1, 500)}}}")
        if currency != "USD" and rng.random() < 0.5:
            lines.append(
                f"reporting: {{currency: USD, rates: ['1 USD = {rng.randint(2, 1500)} "
                f"{currency}']}}"
            )
        if rng.random() < 0.5:
            confidentiality = rng.choice(("unknown_recipients", "known_recipients"))
            malicious, outside = rng.choice(("true", "false")), rng.choice(("true", "false"))
            lines.append(
                f"circumstances: {{confidentiality: {confidentiality}, integrity: none, "
                f"availability: none, malicious: {malicious}, from_outside: {outside}}}"
            )
        path = folder / f"b{index:05d}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        names.append(str(path))
    return names


def portfolio_shape() -> list[str]:
    """``probability:ranges`` of each example scenario (its uncertain inputs), for the naive
    script: read from the files once, not timed."""
    import yaml

    shape = []
    for name in PORTFOLIO:
        text = Path(name).read_text("utf-8")
        probability = yaml.safe_load(text)["probability"]
        shape.append(f"{probability}:{text.count('low:')}")
    return shape


def row(figure: str, ours: str, base: str, ratio: float | None, target: str, met: bool) -> str:
    shown = "—" if ratio is None else f"{ratio:.2f}×"
    return f"| {figure} | {ours} | {base} | {shown} | {target} | {'yes' if met else 'no'} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and files")
    options = parser.parse_args()
    runs = 3 if options.quick else 11
    files = 200 if options.quick else 2_000
    rows = 1_000 if options.quick else 10_000
    trials = 100_000 if options.quick else 1_000_000
    batch_runs = 1 if options.quick else 5
    found: list[str] = []

    # Start-up: breachcalc as a user runs it, beside the stack alone, alternately.
    with tempfile.TemporaryDirectory() as folder:
        stack = Path(folder) / "stack_alone.py"
        stack.write_text(STACK_ALONE, encoding="utf-8")
        ours, alone, empty, single_off = side_by_side(
            [
                [*CLI, "assess", COUPANG, "--format", "json"],
                [sys.executable, str(stack), COUPANG, "--format", "json"],
                [sys.executable, "-c", "pass"],
                [*CLI, "assess", COUPANG, "--format", "json", "--no-history"],
            ],
            runs,
        )
        version, helped = side_by_side([[*CLI, "--version"], [*CLI, "--help"]], runs)
    found.append(
        row(
            "start-up: `assess --format json`",
            f"{ours * 1000:.0f} ms",
            f"{alone * 1000:.0f} ms (stack alone)",
            ours / alone,
            "≤ 1.25×",
            ours / alone <= 1.25,
        )
    )
    found.append(
        row(
            "start-up: `--version`",
            f"{version * 1000:.0f} ms",
            f"{empty * 1000:.0f} ms (`python -c pass`)",
            version / empty,
            "—",
            True,
        )
    )
    found.append(
        row(
            "start-up: `--help`",
            f"{helped * 1000:.0f} ms",
            f"{empty * 1000:.0f} ms (`python -c pass`)",
            helped / empty,
            "—",
            True,
        )
    )
    single = ours - single_off
    found.append(
        row(
            "history estimate, single file",
            f"{single * 1000:.1f} ms",
            "—",
            None,
            "≤ 10 ms",
            single <= 0.010,
        )
    )

    # Batch: files that differ, default path, beside --no-history and the naive loop.
    with tempfile.TemporaryDirectory() as folder:
        names = varied_files(Path(folder), files)
        default, off, naive = side_by_side(
            [
                [*CLI, "assess", *names, "--format", "jsonl"],
                [*CLI, "assess", *names, "--format", "jsonl", "--no-history"],
                [sys.executable, "-c", NAIVE_LOOP, *names],
            ],
            batch_runs,
        )
    per = {k: v / files * 1000 for k, v in (("on", default), ("off", off), ("naive", naive))}
    found.append(
        row(
            f"batch: {files:,} files, default, per file",
            f"{per['on']:.2f} ms",
            f"{per['off']:.2f} ms (`--no-history`)",
            default / off,
            "≤ 1.5×",
            default / off <= 1.5,
        )
    )
    found.append(
        row(
            f"batch: {files:,} files, `--no-history`, per file",
            f"{per['off']:.2f} ms",
            f"{per['naive']:.2f} ms (naive loop)",
            off / naive,
            "≤ 3×",
            off / naive <= 3,
        )
    )
    estimate = per["on"] - per["off"]
    found.append(
        row(
            "history estimate, per file in a batch",
            f"{estimate:.2f} ms",
            "—",
            None,
            "≤ 3 ms",
            estimate <= 3,
        )
    )

    # Portfolio and simulate: a million trials against naive numpy.
    shape = portfolio_shape()
    portfolio, naive_portfolio = side_by_side(
        [
            [*CLI, "portfolio", *PORTFOLIO, "--trials", str(trials), "--format", "json"],
            [sys.executable, "-c", NAIVE_PORTFOLIO, str(trials), *shape],
        ],
        batch_runs,
    )
    found.append(
        row(
            f"portfolio: {trials:,} trials",
            f"{portfolio:.2f} s",
            f"{naive_portfolio:.2f} s (naive numpy)",
            portfolio / naive_portfolio,
            "≤ 1.5×",
            portfolio / naive_portfolio <= 1.5,
        )
    )
    simulate, raw, simulate_default = side_by_side(
        [
            [*CLI, "simulate", UNCERTAIN, "-n", str(trials), "--format", "json", "--no-history"],
            [sys.executable, "-c", RAW_NUMPY.replace("1_000_000", str(trials))],
            [*CLI, "simulate", UNCERTAIN, "-n", str(trials), "--format", "json"],
        ],
        batch_runs,
    )
    found.append(
        row(
            f"simulate: {trials:,} trials, `--no-history`",
            f"{simulate:.2f} s",
            f"{raw:.2f} s (raw numpy, same summaries)",
            simulate / raw,
            "≤ 1.2×",
            simulate / raw <= 1.2,
        )
    )
    found.append(
        row(
            f"simulate: {trials:,} trials, default (history lines too)",
            f"{simulate_default:.2f} s",
            f"{raw:.2f} s (raw numpy, no history lines)",
            simulate_default / raw,
            "—",
            True,
        )
    )

    sweep, _ = cpu_of([*CLI, "sweep", COUPANG, "--vary", f"affected=1:{rows}:1", "--format", "csv"])
    one, _ = cpu_of([*CLI, "sweep", COUPANG, "--vary", "affected=1", "--format", "csv"])
    per_row = (sweep - one) / rows * 1000
    found.append(
        row(
            f"sweep: {rows:,} rows, per row",
            f"{per_row:.3f} ms",
            "—",
            None,
            "≤ 0.1 ms",
            per_row <= 0.1,
        )
    )

    lines = [
        "# Benchmarks",
        "",
        "Written by `python benchmarks/run.py` in one run on this machine (2 cores). Every figure",
        "is whole-process CPU time (user + system), the median of "
        f"{runs} runs for start-up and of {batch_runs} for the batch, portfolio and simulate rows,",
        "each command run alternately with its baseline. The default path is what is measured:",
        "history on, unless a row says otherwise. The batch files differ from each other (sizes,",
        "dates, data, places, currencies, offers: `varied_files` in the script).",
        "",
        "| figure | breachcalc | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|",
        *found,
        "",
    ]
    text = "\n".join(lines)
    if not options.quick:
        (ROOT / "docs" / "benchmarks.md").write_text(text, encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
