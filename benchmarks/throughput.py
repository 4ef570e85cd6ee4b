"""Throughput benchmark: many breaches in one call, and a 10,000-row sweep.

1. Writes 10,000 small, varied breach files to a temporary folder and times
   ``breachcalc assess FILE... --format jsonl`` over all of them in one process (JSON Lines out),
   reporting the wall time and the time per breach (start-up included, and start-up removed by
   subtracting a one-file call).
2. Times ``breachcalc sweep`` over a 10,000-row grid written as CSV.

Usage: ``python benchmarks/throughput.py [--files N] [--runs R]`` (medians of R runs).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "breachcalc"]

TEMPLATE = """\
name: breach {i}
affected: {affected}
data_categories: [names, email{extra}]
compensation:
  currency: KRW
  amount: {amount}
  redemption: 0.{share}
reporting:
  currency: USD
  rates: [1 USD = 1440 KRW]
"""


def write_files(folder: Path, count: int) -> list[str]:
    rng = random.Random(1)
    names = []
    for i in range(count):
        path = folder / f"b{i:05d}.yaml"
        path.write_text(
            TEMPLATE.format(
                i=i,
                affected=rng.randint(1, 10**7),
                amount=rng.randint(1, 100) * 1000,
                share=rng.randint(1, 9),
                extra=", health" if i % 7 == 0 else "",
            ),
            encoding="utf-8",
        )
        names.append(str(path))
    return names


def timed(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        names = write_files(Path(tmp), args.files)
        one = timed([*CLI, "assess", names[0], "--format", "json"], args.runs)
        many = timed([*CLI, "assess", *names, "--format", "jsonl"], args.runs)
    print(
        f"assess, {args.files:,} files in one call (JSON Lines): {many:.3f} s wall; "
        f"{many / args.files * 1000:.3f} ms per breach; "
        f"{(many - one) / (args.files - 1) * 1000:.3f} ms per breach after start-up "
        f"(one-file call {one * 1000:.0f} ms)   (target: under 0.5 ms)"
    )
    example = str(ROOT / "examples" / "coupang.yaml")
    sweep = [
        *CLI,
        "sweep",
        example,
        "--vary",
        "compensation.amount=5000:50000:5000",
        "--vary",
        "compensation.redemption=0.1:1:0.1",
        "--vary",
        "affected=1000000:100000000:1000000",
        "--format",
        "csv",
    ]
    rows = 10 * 10 * 100
    try:
        seconds = timed(sweep, args.runs)
    except subprocess.CalledProcessError as exc:
        print(f"sweep failed (exit {exc.returncode}); is the sweep command available?")
        return 1
    print(
        f"sweep, {rows:,} rows as CSV: {seconds:.3f} s wall; {seconds / rows * 1000:.3f} ms per row"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
