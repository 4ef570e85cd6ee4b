"""One benchmark command for every figure issue 14 names, each as a ratio to its baseline.

Run in the installed virtual environment: ``python benchmarks/run.py [--quick]``. It measures,
in one run on this machine:

* start-up: CPU time (user + system of the child) medians of 11 runs of ``assess --format
  json`` (with and without the history estimate), ``--version`` and ``--help``, against
  ``python -c pass``;
* batch: 10,000 small breach files in one ``assess --format jsonl --no-history`` against a
  naive loop (``yaml.CSafeLoader`` + ``json.dumps``) over the same files, per file;
* sweep: a 10,000-row ``sweep --format csv``, per row;
* simulate: 1,000,000 trials of the Coupang uncertain example against a raw numpy script that
  draws and sums the same variates;

and writes ``docs/benchmarks.md``. ``--quick`` uses fewer runs and files (for a smoke test).
"""

from __future__ import annotations

import argparse
import os
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
CLI = [sys.executable, "-m", "breachcalc"]

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
total = np.zeros(n)
# the same seven uncertain inputs as examples/coupang-uncertain.yaml: four PERT redemptions,
# two litigation inputs and the fine, each drawn and combined once
for low, mode, high, face in ((0.3, 0.6, 0.9, 5000), (0.2, 0.45, 0.8, 5000),
                              (0.05, 0.2, 0.5, 20000), (0.1, 0.3, 0.6, 20000)):
    w = high - low
    a, b = 1 + 4 * (mode - low) / w, 1 + 4 * (high - mode) / w
    total += face * 33_700_000 * (low + w * rng.beta(a, b, n))
share = 0.01 + 0.08 * rng.beta(1 + 4 * 0.03 / 0.08, 1 + 4 * 0.05 / 0.08, n)
per = 50_000 + 250_000 * rng.beta(1 + 4 * 50_000 / 250_000, 1 + 4 * 200_000 / 250_000, n)
total += 33_700_000 * share * per
fine = 2e11 + 8e11 * rng.beta(1 + 4 * 223.58 / 800, 1 + 4 * 576.42 / 800, n)
total += fine
np.percentile(total, [5, 50, 95])
"""


ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "PYDANTIC_DISABLE_PLUGINS": "__all__",
}
"""As a user runs it: compiled modules cached (this workplace sets PYTHONDONTWRITEBYTECODE,
which would recompile every module on every run)."""


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


def write_files(folder: Path, count: int) -> list[str]:
    names = []
    for index in range(count):
        path = folder / f"b{index:05d}.yaml"
        path.write_text(
            f"name: breach {index}\naffected: {1000 + index}\ndata_categories: [names, email]\n"
            f"compensation: {{currency: KRW, amount: {5000 + index}}}\n",
            encoding="utf-8",
        )
        names.append(str(path))
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and files")
    options = parser.parse_args()
    runs = 3 if options.quick else 11
    files = 500 if options.quick else 10_000
    rows = 1_000 if options.quick else 10_000
    trials = 100_000 if options.quick else 1_000_000

    base = median_cpu([sys.executable, "-c", "pass"], runs)
    startup = {
        "assess --format json (with history)": [*CLI, "assess", COUPANG, "--format", "json"],
        "assess --format json --no-history": [
            *CLI,
            "assess",
            COUPANG,
            "--format",
            "json",
            "--no-history",
        ],
        "--version": [*CLI, "--version"],
        "--help": [*CLI, "--help"],
    }
    found: list[tuple[str, str, str, str, str]] = []
    for label, command in startup.items():
        cpu = median_cpu(command, runs)
        target = "≤ 5×" if label.startswith("--") else "≤ 12×"
        found.append(
            (
                f"start-up: {label}",
                f"{cpu * 1000:.0f} ms",
                f"{base * 1000:.0f} ms",
                f"{cpu / base:.1f}×",
                target,
            )
        )

    with tempfile.TemporaryDirectory() as folder:
        names = write_files(Path(folder), files)
        ours, _ = cpu_of([*CLI, "assess", *names, "--format", "jsonl", "--no-history"])
        naive, _ = cpu_of([sys.executable, "-c", NAIVE_LOOP, *names])
    found.append(
        (
            f"batch: {files:,} files, per file",
            f"{ours / files * 1000:.2f} ms",
            f"{naive / files * 1000:.2f} ms",
            f"{ours / naive:.2f}×",
            "≤ 2×",
        )
    )

    sweep, _ = cpu_of([*CLI, "sweep", COUPANG, "--vary", f"affected=1:{rows}:1", "--format", "csv"])
    empty, _ = cpu_of([*CLI, "sweep", COUPANG, "--vary", "affected=1", "--format", "csv"])
    per_row = (sweep - empty) / rows
    found.append(
        (f"sweep: {rows:,} rows, per row", f"{per_row * 1000:.3f} ms", "—", "—", "≤ 0.1 ms")
    )

    simulate, _ = cpu_of(
        [*CLI, "simulate", UNCERTAIN, "-n", str(trials), "--format", "json", "--no-history"]
    )
    raw, _ = cpu_of([sys.executable, "-c", RAW_NUMPY.replace("1_000_000", str(trials))])
    found.append(
        (
            f"simulate: {trials:,} trials",
            f"{simulate:.2f} s",
            f"{raw:.2f} s",
            f"{simulate / raw:.2f}×",
            "≤ 1.3×",
        )
    )

    lines = [
        "# Benchmarks",
        "",
        "Measured by `python benchmarks/run.py` in one run on this machine (2 cores): CPU time",
        f"of the child process; start-up figures are medians of {runs} runs.",
        "",
        "| figure | breachcalc | baseline | ratio | target |",
        "|---|---|---|---|---|",
        *(f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in found),
        "",
    ]
    text = "\n".join(lines)
    if not options.quick:
        (ROOT / "docs" / "benchmarks.md").write_text(text, encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
