"""A mutation fuzzer over the examples: every mutant is refused cleanly or assessed, never crashes.

    python scripts/fuzz.py [--cases 100000] [--seed 0]

Each case takes one example file and mutates it: a byte flip, a deleted key line, two values
swapped, a splice of two files, a duplicated line, a truncation, or a random byte string. The
mutant goes through the whole library path (decode, parse, validate, assess with its notices,
history and net figures, the JSON document) in this process. A refusal must be a
:class:`~breachcalc.errors.BreachcalcError` (the command line's exit 1); anything else is a
crash (the command line's exit 70) and is written to ``fuzz-crashes/`` with its traceback. The
thorough Hypothesis profile is the other half: ``HYPOTHESIS_PROFILE=thorough python -m pytest
tests/test_fuzz.py``. Exits 1 when there was a crash.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

from breachcalc.errors import BreachcalcError

ROOT = Path(__file__).resolve().parent.parent


def mutants(rng: random.Random, sources: list[bytes]) -> bytes:
    """One mutant of a random example."""
    data = bytearray(rng.choice(sources))
    how = rng.randrange(8)
    if how == 0 and data:  # flip bytes
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif how == 1:  # delete a line
        lines = bytes(data).split(b"\n")
        del lines[rng.randrange(len(lines))]
        data = bytearray(b"\n".join(lines))
    elif how == 2:  # swap two values
        lines = bytes(data).split(b"\n")
        keyed = [i for i, line in enumerate(lines) if b": " in line]
        if len(keyed) >= 2:
            a, b = rng.sample(keyed, 2)
            ka, _, va = lines[a].partition(b": ")
            kb, _, vb = lines[b].partition(b": ")
            lines[a], lines[b] = ka + b": " + vb, kb + b": " + va
        data = bytearray(b"\n".join(lines))
    elif how == 3:  # splice two files
        other = rng.choice(sources)
        data = bytearray(
            bytes(data)[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]
        )
    elif how == 4:  # duplicate a line
        lines = bytes(data).split(b"\n")
        index = rng.randrange(len(lines))
        lines.insert(index, lines[index])
        data = bytearray(b"\n".join(lines))
    elif how == 5:  # truncate
        data = data[: rng.randrange(len(data) + 1)]
    elif how == 6:  # a number made extreme
        text = bytes(data)
        digits = [i for i, c in enumerate(text) if 48 <= c <= 57]
        if digits:
            at = rng.choice(digits)
            data = bytearray(
                text[:at] + rng.choice([b"9" * 40, b"-1", b"0", b"1e999", b".5"]) + text[at + 1 :]
            )
    else:  # random bytes
        data = bytearray(rng.randbytes(rng.randint(0, 200)))
    return bytes(data)


def run_case(data: bytes) -> None:
    """The library path of ``breachcalc assess --format json``, in this process."""
    from breachcalc.domain.assessment import assess
    from breachcalc.input.loader import scenarios_of
    from breachcalc.input.yaml_reader import decode, parse
    from breachcalc.render.json import assessment_document, dumps

    for scenario in scenarios_of(parse("mutant.yaml", decode("mutant.yaml", data))):
        result = assess(scenario.breach, intervals=False)
        dumps(assessment_document(result))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    sources = [p.read_bytes() for p in sorted((ROOT / "examples").rglob("*.yaml"))]
    crashes, refused, assessed = 0, 0, 0
    start = time.perf_counter()
    folder = ROOT / "fuzz-crashes"
    for number in range(options.cases):
        data = mutants(rng, sources)
        try:
            run_case(data)
            assessed += 1
        except BreachcalcError:
            refused += 1
        except RecursionError:
            crashes += 1
        except Exception:  # a crash: the CLI would exit 70
            crashes += 1
            folder.mkdir(exist_ok=True)
            (folder / f"case-{number}.yaml").write_bytes(data)
            (folder / f"case-{number}.txt").write_text(traceback.format_exc(), encoding="utf-8")
    seconds = time.perf_counter() - start
    sys.stdout.write(
        f"{options.cases:,} mutants in {seconds:.0f} s: {assessed:,} assessed, {refused:,} refused "
        f"with a located message, {crashes:,} crashes\n"
    )
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
