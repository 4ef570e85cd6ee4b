"""Simulation benchmark: 1,000,000 trials of examples/coupang-uncertain.yaml.

Prints, as medians of several runs on this machine:
* breachcalc's ``simulate()`` in-process, and the full CLI call in a fresh process;
* numpy alone drawing the same random numbers (the floor any implementation must pay);
* the ratio of the two (the issue's target: within 3×) and peak memory of the CLI process;
* pyfair on one PERT input with the same number of trials, if pyfair is importable. pyfair is
  never a dependency: install it in a separate environment and pass its python with --pyfair.

Usage: ``python benchmarks/simulate.py [--trials N] [--runs R] [--pyfair /path/to/python]``
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "coupang-uncertain.yaml"

PYFAIR = """
import time, statistics, sys
from pyfair import FairModel
n = int(sys.argv[1]); times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    model = FairModel(name="bench", n_simulations=n, random_seed=1)
    model.input_data("Loss Event Frequency", constant=1)
    model.input_data("Loss Magnitude", low=1e6, mode=5e6, high=2e7, gamma=4)
    model.calculate_all()
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""

NUMPY_ONE_PERT = """
import time, statistics, sys
import numpy as np
n = int(sys.argv[1]); times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    rng = np.random.default_rng(1)
    low, mode, high = 1e6, 5e6, 2e7
    a = 1 + 4 * (mode - low) / (high - low); b = 1 + 4 * (high - mode) / (high - low)
    x = low + (high - low) * rng.beta(a, b, n)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""


def numpy_same_draws(breach: object, trials: int) -> float:
    """Time numpy drawing exactly the random numbers the simulation draws (same order, seed)."""
    import numpy as np

    from breachcalc.domain.cost_lines import line_specs
    from breachcalc.domain.ranges import sample
    from breachcalc.input.values import Range

    ranges = [
        v
        for spec in line_specs(breach)
        for v in spec.inputs.values()  # type: ignore[arg-type]
        if isinstance(v, Range)
    ]
    start = time.perf_counter()
    rng = np.random.default_rng(7)
    for value in ranges:
        sample(value, rng, trials)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pyfair", help="a python interpreter that has pyfair installed")
    args = parser.parse_args()

    from breachcalc.domain.simulation import simulate
    from breachcalc.input.loader import load_breach

    breach = load_breach(str(EXAMPLE))
    simulate(breach, 1000, 0)  # warm up imports
    ours = []
    for _ in range(args.runs):
        start = time.perf_counter()
        simulate(breach, args.trials, 7)
        ours.append(time.perf_counter() - start)
    draws = statistics.median(numpy_same_draws(breach, args.trials) for _ in range(args.runs))
    cli = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "breachcalc",
                "simulate",
                str(EXAMPLE),
                "--trials",
                str(args.trials),
                "--seed",
                "7",
                "--format",
                "json",
            ],
            stdout=subprocess.DEVNULL,
            check=True,
        )
        cli.append(time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    median = statistics.median(ours)
    print(f"trials: {args.trials:,}; runs: {args.runs} (medians)")
    print(f"breachcalc simulate() in-process   {median * 1000:8.1f} ms")
    print(f"numpy alone, the same draws        {draws * 1000:8.1f} ms")
    print(f"ratio                              {median / draws:8.2f} x   (target: within 3x)")
    print(
        f"breachcalc simulate CLI, wall      {statistics.median(cli) * 1000:8.1f} ms"
        "   (target: under 1,000 ms)"
    )
    print(f"peak memory of the CLI process     {peak_mb:8.1f} MB   (target: under 500 MB)")
    one = subprocess.run(
        [sys.executable, "-c", NUMPY_ONE_PERT, str(args.trials), str(args.runs)],
        capture_output=True,
        text=True,
        check=True,
    )
    print(f"numpy, one classic-PERT input      {float(one.stdout) * 1000:8.1f} ms")
    if args.pyfair:
        fair = subprocess.run(
            [args.pyfair, "-c", PYFAIR, str(args.trials), str(args.runs)],
            capture_output=True,
            text=True,
            check=False,
        )
        if fair.returncode == 0:
            print(f"pyfair, one PERT input (its own)   {float(fair.stdout) * 1000:8.1f} ms")
        else:
            print(f"pyfair failed: {fair.stderr.strip().splitlines()[-1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
