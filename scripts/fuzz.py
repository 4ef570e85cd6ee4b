"""A fuzzer over the examples and the command line: nothing crashes, and what is written is safe.

    python scripts/fuzz.py [--cases 10000] [--seed 0] [--mode all|library|cli]

Two kinds of case, alternating (``--mode all``; about one in three is a library case):

Each case takes one example file and mutates it: a byte flip, a deleted key line, two values
swapped, a splice of two files, a duplicated line, a truncation, or a random byte string. The
mutant goes through the whole library path (decode, parse, validate, assess with its notices,
history and net figures, the JSON document) in this process. A refusal must be a
:class:`~breachcalc.errors.BreachcalcError` (the command line's exit 1); anything else is a
crash (the command line's exit 70) and is written to ``fuzz-crashes/`` with its traceback. The
thorough Hypothesis profile is the other half: ``HYPOTHESIS_PROFILE=thorough python -m pytest
tests/fuzz/test_fuzz.py``.

A *command-line case* runs one command in this process (Typer's test runner): assess, simulate,
sweep, sensitivity, compare, portfolio or report, on an example (sometimes mutated, sometimes
with hostile labels: formulas, HTML, links, line breaks, terminal escapes, Hangul), with random
``--set``, ``--vary``, ``--range``, ``--variant``, ``--policy`` (a good, mutated, missing or
folder policy), ``--format`` and ``-o`` onto a fault (a link, a dangling link, a link to an
input, the input itself, the policy, a folder, a missing folder, ``/dev/null``, a 600 file,
``-``). Each result is checked, not only its exit code:

- exit 0, 1 or 2; no traceback; on exit 1 every stderr line is ``error:``/``note:``;
- sweep, sensitivity, simulate, compare, portfolio and report write nothing on stdout when
  they fail (nothing half-written);
- JSON parses (one document, or one per line), and JSON Lines line by line; CSV read back by
  the csv module has one record per line of equal width, no cell starting a formula unless it
  is a number, and no control character but TAB, CR and LF; Markdown rendered by markdown-it
  has no ``<script>``, ``<img>``, ``on*=`` attribute or ``javascript:`` link; a table has no
  escape character;
- ``-o``: the inputs (breach and policy) are unchanged, a link is still a link, ``/dev/null``
  is still a device, a replaced file keeps its mode, no temporary is left behind, and what was
  written parses in its format.

A violation is a *finding*: written to ``fuzz-crashes/`` with its command line and files.
Exits 1 when there was a crash or a finding.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import random
import re
import shutil
import stat
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

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


# --- command-line cases ----------------------------------------------------------------------

HOSTILE_LABELS = (
    '=HYPERLINK(\\"http://x\\")',
    "+1\\t2",
    "-3+4",
    "@SUM(A1)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "a\\r\\n,b",
    "x\\e[2Jy",
    "쿠팡 개인정보",
    "_em_ *b* `c` | d",
)
"""Labels written into a file (as YAML double-quoted text, escapes and all)."""

SET_PATHS = (
    "affected", "name", "compensation.amount", "compensation.redemption", "compensation.currency",
    "data_categories", "discovered", "disclosed", "occurred", "jurisdictions", "fines.KR.turnover",
    "fines.KR.related_turnover", "fines.KR.expected", "costs.monitoring.category",
    "costs.monitoring.enrolment", "insurance.limit", "insurance.retention", "reporting.rates",
    "reporting.currency", "probability", "notified.KR", "compensation.vouchers.0.amount",
    "variants", "nosuch.path", "affected.0", "",
)  # fmt: skip
VALUES = (
    "-1", "0", "1", "1.5", "1e999", "33_700_000", "nan", ".nan", ".inf", "=cmd", "<script>",
    "\x1b[2J", "쿠팡", "[names, ssn]", "[]", "{a: 1}", "2025-01-01", "9999-12-31", "1900-01-01",
    "", "true", "KRW", "ZZZ", "'1 USD = 3 ZZZ'", "[1 USD = 1440 KRW]", "payment card", "0.5",
    "99999999999999999999999999", "[KR, TW]", "{KR: 10}",
)  # fmt: skip
NUMERIC_PATHS = (
    "affected", "compensation.amount", "compensation.redemption", "fines.KR.turnover",
    "costs.monitoring.enrolment", "probability", "name", "discovered", "nosuch",
)  # fmt: skip
NUMBERS = ("-5", "0", "1", "1.5", "2.5", "10", "1e3", "nan", "x", "0.1", "1e40", "")

FORMATS = {
    "assess": ("table", "json", "jsonl", "csv", "markdown"),
    "simulate": ("table", "json", "jsonl", "csv", "markdown"),
    "sweep": ("table", "json", "jsonl", "csv", "markdown"),
    "sensitivity": ("table", "json", "jsonl", "csv", "markdown"),
    "compare": ("table", "json", "jsonl", "csv", "markdown"),
    "portfolio": ("table", "json"),
    "report": ("markdown",),
}
COMMANDS: tuple[str, ...] = (
    ("assess",) * 4 + ("simulate",) * 2 + ("sweep",) * 2 + ("sensitivity",) * 2
)
COMMANDS += ("compare",) * 2 + ("portfolio", "report")
POLICY_COMMANDS = ("assess", "simulate", "report", "portfolio")
"""The commands that take ``--policy`` (their policy file is an input)."""
ATOMIC_ON_FAILURE = {"sweep", "sensitivity", "simulate", "compare", "portfolio", "report"}
"""Commands that write nothing on stdout when they fail (assess streams several files)."""

FAULTS = (
    "new", "private", "link", "dangling", "link-to-input", "input", "policy", "folder",
    "missing-folder", "devnull", "stdout",
)  # fmt: skip


@dataclass
class Case:
    """One command line and what it touches."""

    args: list[str]
    command: str
    fmt: str
    files: dict[str, bytes] = field(default_factory=dict)
    """Name in the case's folder → bytes that must be unchanged after the run."""
    output: str | None = None
    fault: str = ""
    stdin: bytes | None = None
    input: str = "in.yaml"
    """The breach file (``-o`` onto it, or a link to it, must be refused)."""


def _yaml_text(label: str) -> str:
    return '"' + label.replace('"', '\\"') + '"' if '"' not in label else '"' + label + '"'


def _with_labels(rng: random.Random, text: str) -> str:
    """The file with a hostile name and voucher labels."""
    name = "name: " + _yaml_text(rng.choice(HOSTILE_LABELS))
    text = re.sub(r"(?m)^name: .*$", lambda _m: name, text, count=1)
    return re.sub(
        r"(?m)^(\s+- label:) .*$",
        lambda m: f"{m[1]} {_yaml_text(rng.choice(HOSTILE_LABELS))}",
        text,
    )


def _breach_file(rng: random.Random, breaches: list[bytes]) -> bytes:
    data = rng.choice(breaches)
    roll = rng.random()
    if roll < 0.3:
        return _with_labels(rng, data.decode("utf-8")).encode("utf-8")
    if roll < 0.4:
        return mutants(rng, [data])
    return data


def _policy(rng: random.Random, folder: Path, policy: bytes, case: Case) -> list[str]:
    roll = rng.random()
    if roll < 0.6:
        return []
    if roll < 0.85:
        data = policy if rng.random() < 0.6 else mutants(rng, [policy])
        (folder / "policy.yaml").write_bytes(data)
        case.files["policy.yaml"] = data
        return ["--policy", "policy.yaml"]
    return ["--policy", rng.choice(["missing.yaml", ".", "in.yaml"])]


GOOD_SETS = (
    "affected=1000", "compensation.amount=30000", "discovered=2025-01-01", "probability=0.5",
    "name=renamed", "compensation.redemption=0.5", "affected=33_700_000",
)  # fmt: skip
GOOD_VARY = (
    "affected=1,2,3", "affected=1000:3000:1000", "compensation.amount=100,200",
    "compensation.redemption=0.1:0.9:0.4", "probability=0.1,1",
)  # fmt: skip
GOOD_RANGES = (
    "affected=1000:2000", "compensation.amount=10:20", "compensation.redemption=0.1:0.9",
)  # fmt: skip


def _sets(rng: random.Random) -> list[str]:
    out: list[str] = []
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
        if rng.random() < 0.5:
            out += ["--set", rng.choice(GOOD_SETS)]
        else:
            out += ["--set", f"{rng.choice(SET_PATHS)}={rng.choice(VALUES)}"]
    return out


def _vary(rng: random.Random) -> list[str]:
    out: list[str] = []
    for _ in range(rng.choice([1, 1, 2])):
        if rng.random() < 0.5:
            out += ["--vary", rng.choice(GOOD_VARY)]
            continue
        path = rng.choice(NUMERIC_PATHS)
        if rng.random() < 0.5:
            values = ",".join(rng.choice(NUMBERS + VALUES[:8]) for _ in range(rng.randint(1, 3)))
        else:
            values = ":".join(rng.choice(NUMBERS) for _ in range(rng.choice([2, 3, 3, 4])))
        out += ["--vary", f"{path}={values}"]
    return out


def _ranges(rng: random.Random) -> list[str]:
    out: list[str] = []
    for _ in range(rng.choice([0, 1, 1, 2])):
        if rng.random() < 0.5:
            out += ["--range", rng.choice(GOOD_RANGES)]
            continue
        bounds = ":".join(rng.choice(NUMBERS) for _ in range(rng.choice([1, 2, 2, 2, 3])))
        out += ["--range", f"{rng.choice(NUMERIC_PATHS)}={bounds}"]
    return out


def _fault(rng: random.Random, folder: Path, case: Case, fmt: str) -> list[str]:
    """``-o`` onto one of :data:`FAULTS` (three cases in ten), the files it needs made."""
    if rng.random() < 0.7:
        return []
    fault = case.fault = rng.choice(FAULTS)
    if fault in ("devnull", "stdout"):
        return ["-o", os.devnull if fault == "devnull" else "-"]
    target = _fault_target(rng, folder, case, folder / f"out{_suffix(case)}")
    case.output = str(target.relative_to(folder))
    return ["-o", case.output]


def _fault_target(rng: random.Random, folder: Path, case: Case, target: Path) -> Path:
    fault = case.fault
    if fault == "private":
        target.write_text("old\n", encoding="utf-8")
        target.chmod(0o600)
    elif fault == "link":
        (folder / "real.out").write_text("old\n", encoding="utf-8")
        target.symlink_to("real.out")
    elif fault == "dangling":
        target.symlink_to("sub-missing-not/../made.out" if rng.random() < 0.2 else "made.out")
    elif fault == "link-to-input":
        target.symlink_to(case.input)
    elif fault == "input":
        return folder / case.input
    elif fault == "policy" and case.command in POLICY_COMMANDS:
        target = folder / "policy.yaml"
        if not target.exists():
            target.write_bytes(b"name: p\ncurrency: USD\nlimit: 1\n")
        case.files["policy.yaml"] = target.read_bytes()
        if "policy.yaml" not in case.args:
            case.args += ["--policy", "policy.yaml"]
    elif fault == "folder":
        target = folder / "afolder"
        target.mkdir()
    elif fault == "missing-folder":
        return folder / "no" / "such" / "out"
    return target


def cli_case(
    rng: random.Random, folder: Path, breaches: list[bytes], portfolio: list[bytes], policy: bytes
) -> Case:
    """A random command line, its files written into ``folder``."""
    command = rng.choice(COMMANDS)
    fmt = rng.choice(FORMATS[command])
    case = Case([command], command, fmt)
    if command == "portfolio":
        _portfolio_files(rng, folder, portfolio, case)
    else:
        _breach_input(rng, folder, breaches, case)
    case.args += _options(rng, folder, breaches, case)
    if command in POLICY_COMMANDS:
        case.args += _policy(rng, folder, policy, case)
    if command != "report":
        case.args += ["--format", fmt]
    case.args += _fault(rng, folder, case, fmt)
    return case


def _portfolio_files(rng: random.Random, folder: Path, portfolio: list[bytes], case: Case) -> None:
    chosen = rng.sample(range(len(portfolio)), k=rng.randint(1, 3))
    for place, index in enumerate(chosen):
        data = portfolio[index] if rng.random() < 0.85 else mutants(rng, [portfolio[index]])
        name = "in.yaml" if place == 0 else f"p{index}.yaml"  # in.yaml: what -o may hit
        (folder / name).write_bytes(data)
        case.files[name] = data
        case.args.append(name)
    if rng.random() < 0.2:
        case.args.append(rng.choice(["in.yaml", "./in.yaml"]))  # a file given twice
    case.args += ["-n", str(rng.choice([1, 10, 100]))]


def _breach_input(rng: random.Random, folder: Path, breaches: list[bytes], case: Case) -> None:
    data = _breach_file(rng, breaches)
    name = "in.yaml"
    if rng.random() < 0.1:
        name = case.input = "=in\x1b[2J.yaml"  # a name with a terminal escape
    elif rng.random() < 0.1:
        name, case.stdin = "-", data
    (folder / case.input).write_bytes(data)
    if case.stdin is None:
        case.files[case.input] = data
    case.args.append(name + (rng.choice(["#nope", "#a"]) if rng.random() < 0.05 else ""))
    case.args += _sets(rng)


def _options(rng: random.Random, folder: Path, breaches: list[bytes], case: Case) -> list[str]:
    """The command's own options."""
    command = case.command
    if command == "simulate":
        exceed = ["--exceed", rng.choice(["1e9", "1,000 USD", "x", "1 ZZZ", "1e999"])]
        return ["-n", str(rng.choice([1, 20, 200])), "--no-history"] + (
            exceed if rng.random() < 0.2 else []
        )
    if command == "sweep":
        return _vary(rng)
    if command == "sensitivity":
        return _ranges(rng)
    if command == "compare":
        if rng.random() < 0.5:
            label = rng.choice(["cheap", "x\x1b]0;t\x07y", "=cmd", "<b>"])
            return ["--variant", f"{label}={rng.choice(SET_PATHS)}={rng.choice(VALUES)}"]
        (folder / "other.yaml").write_bytes(rng.choice(breaches))
        return ["other.yaml"]
    if command == "report":
        return ["--no-history", "--format", "markdown"]
    return ["--no-history"] if rng.random() < 0.5 else []  # assess; portfolio takes none


def _number(cell: str) -> bool:
    try:
        return Decimal(cell).is_finite()
    except InvalidOperation:
        return False


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SCRIPT = re.compile(r"<script|<img|<[a-z][^>]*\son[a-z]+\s*=|href\s*=\s*\"?\s*javascript:", re.I)


def format_problem(fmt: str, text: str) -> str:
    """Why ``text`` is not safe, well-formed output in ``fmt`` ('' when it is)."""
    if not text:
        return ""
    if fmt in ("json", "jsonl"):
        return _json_problem(fmt, text)
    if fmt == "csv":
        return _csv_problem(text)
    if fmt == "markdown":
        return _markdown_problem(text)
    if "\x1b" in text or "\x07" in text:
        return "a table with a terminal escape"
    return ""


def _json_problem(fmt: str, text: str) -> str:
    if fmt == "json":
        with contextlib.suppress(ValueError):
            json.loads(text)
            return ""
    for line in text.splitlines():  # JSON Lines (or json for several files, one per line)
        try:
            json.loads(line)
        except ValueError as exc:
            return f"not JSON: {exc}"
    return ""


def _csv_problem(text: str) -> str:
    records = list(csv.reader(io.StringIO(text, newline="")))
    widths = {len(r) for r in records}
    if len(widths) > 1:
        return f"CSV records of different widths: {sorted(widths)}"
    for record in records:
        for cell in record:
            if cell.startswith(("=", "+", "-", "@", "\t", "\r")) and not _number(cell):
                return f"CSV cell starts a formula: {cell[:40]!r}"
            if _CONTROL.search(cell):
                return f"CSV cell with a control character: {cell[:40]!r}"
    return ""


def _markdown_problem(text: str) -> str:
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark").enable("table")
    renderer.validateLink = lambda _url: True  # as a permissive renderer: javascript: links too
    html = renderer.render(text)
    found = _SCRIPT.search(html)
    if found:
        return f"Markdown renders markup: {found[0]!r}"
    if "\x1b" in text:
        return "Markdown with an escape character"
    return ""


def check(case: Case, result: Any, folder: Path) -> str:
    """The first property ``result`` breaks ('' when none)."""
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        return "crash: " + "".join(traceback.format_exception(exc))
    code = result.exit_code
    if code not in (0, 1, 2):
        return f"exit {code}"
    err = result.stderr
    if "Traceback" in err or "internal error" in err:
        return "a traceback on stderr"
    lines = err.splitlines()
    if code == 1 and not all(line.startswith(("error: ", "note: ")) for line in lines):
        return f"exit 1 without located messages: {err[:300]!r}"
    if code != 0 and case.command in ATOMIC_ON_FAILURE and result.stdout:
        return f"half-written stdout on exit {code}: {result.stdout[:200]!r}"
    problem = format_problem(case.fmt, result.stdout) if code == 0 else ""
    if problem:
        return problem
    return output_problem(case, code, folder)


def output_problem(case: Case, code: int, folder: Path) -> str:
    """Faults on ``-o`` held: inputs unchanged, links and devices kept, mode kept, no leftovers."""
    for name, data in case.files.items():
        path = folder / name
        if path.is_symlink() or not path.is_file() or path.read_bytes() != data:
            return f"-o ({case.fault}) changed the input {name}"
    if (
        case.fault in ("link", "dangling", "link-to-input")
        and not (folder / f"out{_suffix(case)}").is_symlink()
    ):
        return f"-o ({case.fault}) replaced the link"
    if not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        return "/dev/null is no longer a device"
    leftovers = [p.name for p in folder.rglob(".*") if p.name.endswith((".tmp", ".svg", ".png"))]
    if leftovers:
        return f"temporaries left: {leftovers}"
    if case.fault == "private" and code == 0:
        mode = stat.S_IMODE((folder / f"out{_suffix(case)}").stat().st_mode)
        if mode != 0o600:
            return f"-o replaced a 600 file with a {mode:o} one"
    if code == 0 and case.output and case.fault not in ("devnull", "stdout"):
        written = (folder / case.output).resolve()
        if written.is_file():
            problem = format_problem(case.fmt, written.read_text(encoding="utf-8"))
            if problem:
                return f"-o file: {problem}"
    return ""


def _suffix(case: Case) -> str:
    return ".md" if case.command == "report" else f".{case.fmt}"


def run_cli_case(case: Case, folder: Path) -> Any:
    """Run ``case`` in ``folder`` with Typer's runner (this process, no colour)."""
    from typer.testing import CliRunner

    from breachcalc.cli.app import app

    previous = Path.cwd()
    os.chdir(folder)
    try:
        return CliRunner().invoke(app, case.args, input=case.stdin, env={"NO_COLOR": "1"})
    finally:
        os.chdir(previous)


def _fresh(folder: Path) -> None:
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def run(cases: int, seed: int, mode: str, out: Any = sys.stdout) -> tuple[int, list[str]]:
    """Run ``cases`` cases; returns (number of crashes and findings, lines of the summary)."""
    rng = random.Random(seed)
    examples = sorted((ROOT / "examples").rglob("*.yaml"))
    sources = [p.read_bytes() for p in examples]
    breaches = [
        p.read_bytes() for p in examples if "portfolio" not in p.parts and p.name != "policy.yaml"
    ]
    portfolio = [p.read_bytes() for p in examples if "portfolio" in p.parts]
    policy = (ROOT / "examples" / "policy.yaml").read_bytes()
    library = Counter[str]()
    commands = Counter[str]()
    exits = Counter[int]()
    faults = Counter[str]()
    found: list[tuple[int, str]] = []
    start = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="breachcalc-fuzz-"))
    try:
        for number in range(cases):
            kind = mode if mode != "all" else ("library" if number % 3 == 0 else "cli")
            if kind == "library":
                data = mutants(rng, sources)
                try:
                    run_case(data)
                    library["assessed"] += 1
                except BreachcalcError:
                    library["refused"] += 1
                except Exception:
                    found.append((number, "crash: " + traceback.format_exc()))
                    _keep(number, {"mutant.yaml": data}, found[-1][1])
                continue
            _fresh(folder)
            case = cli_case(rng, folder, breaches, portfolio, policy)
            with warnings_as_findings() as warned:
                result = run_cli_case(case, folder)
            problem = check(case, result, folder) or (f"warning: {warned[0]}" if warned else "")
            commands[case.command] += 1
            exits[result.exit_code] += 1
            faults[case.fault or "none"] += 1
            if problem:
                found.append((number, problem))
                files = {n: (folder / n).read_bytes() for n in case.files if (folder / n).is_file()}
                _keep(number, files, f"{case.args!r}\n\n{problem}\n\nstderr:\n{result.stderr}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    seconds = time.perf_counter() - start
    summary = [
        f"{cases:,} cases in {seconds:.0f} s, seed {seed}: "
        f"{sum(library.values()):,} library mutants ({library['assessed']:,} assessed, "
        f"{library['refused']:,} refused), {sum(commands.values()):,} command lines",
        "  commands: " + ", ".join(f"{k} {v:,}" for k, v in sorted(commands.items())),
        "  exit codes: " + ", ".join(f"{k}: {v:,}" for k, v in sorted(exits.items())),
        "  -o faults: " + ", ".join(f"{k} {v:,}" for k, v in sorted(faults.items())),
        f"  crashes and findings: {len(found):,}",
        *(f"    case {n}: {p.splitlines()[0][:160]}" for n, p in found[:20]),
    ]
    out.write("\n".join(summary) + "\n")
    return len(found), summary


@contextlib.contextmanager
def warnings_as_findings() -> Any:
    """Collect the warnings a case raises (a user would see them on stderr)."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        warnings.filterwarnings("ignore", category=PendingDeprecationWarning)
        messages: list[str] = []
        yield messages
        messages += [str(w.message) for w in caught]


def _keep(number: int, files: dict[str, bytes], text: str) -> None:
    folder = ROOT / "fuzz-crashes" / f"case-{number}"
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name.replace("/", "_").replace("\x1b", "ESC")).write_bytes(data)
    (folder / "finding.txt").write_text(text, encoding="utf-8", errors="backslashreplace")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mode", choices=["all", "library", "cli"], default="all")
    options = parser.parse_args()
    problems, _summary = run(options.cases, options.seed, options.mode)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
