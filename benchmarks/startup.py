"""Start-up benchmark: wall time of real CLI calls against ``python -c pass``, and import top ten.

Run in the installed virtual environment: ``python benchmarks/startup.py [--runs N]``.
Prints medians (ms) and ratios to the bare interpreter, then the ten slowest imports of
``assess --format json`` by ``python -X importtime`` (cumulative microseconds).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "coupang.yaml")

NAIVE = r"""
import json, sys
from typing import Annotated
import typer, yaml
from pydantic import BaseModel

class Compensation(BaseModel):
    currency: str
    amount: float

class Breach(BaseModel):
    name: str
    affected: int
    data_categories: list[str]
    compensation: Compensation

app = typer.Typer()

@app.command()
def assess(file: Annotated[str, typer.Argument()], fmt: str = "json") -> None:
    with open(file, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    data = {k: data[k] for k in ("name", "affected", "data_categories", "compensation")}
    data["compensation"] = {k: data["compensation"][k] for k in ("currency", "amount")}
    breach = Breach.model_validate(data)
    total = breach.affected * breach.compensation.amount
    sys.stdout.write(json.dumps({"name": breach.name, "total": total}) + "\n")

app()
"""
"""The naive script the issue compares against: typer + pydantic + PyYAML, the same shape."""

CASES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "assess coupang --format json": [
        sys.executable,
        "-m",
        "breachcalc",
        "assess",
        EXAMPLE,
        "--format",
        "json",
    ],
    "assess coupang --format table": [
        sys.executable,
        "-m",
        "breachcalc",
        "assess",
        EXAMPLE,
        "--format",
        "table",
    ],
    "naive typer+pydantic+PyYAML script": [sys.executable, "-c", NAIVE, EXAMPLE],
    "--version": [sys.executable, "-m", "breachcalc", "--version"],
    "--help": [sys.executable, "-m", "breachcalc", "--help"],
}


def median_ms(command: list[str], runs: int) -> float:
    env = {**os.environ, "NO_COLOR": "1"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
        )
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def import_top(command: list[str], count: int = 10) -> list[tuple[int, str]]:
    proc = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]], capture_output=True, text=True, check=False
    )
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self_us, cumulative, name = line.split(":", 1)[1].split("|")
        rows.append((int(cumulative), name.rstrip()))
    return sorted(rows, reverse=True)[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    base = median_ms(CASES["python -c pass"], args.runs)
    print(f"{'case':34} {'median ms':>10} {'× python -c pass':>17}")
    for name, command in CASES.items():
        ms = base if name == "python -c pass" else median_ms(command, args.runs)
        print(f"{name:34} {ms:10.1f} {ms / base:17.1f}")
    print("\nimport time, assess --format json (cumulative ms, top ten):")
    for micros, name in import_top(CASES["assess coupang --format json"]):
        print(f"  {micros / 1000:8.1f}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
