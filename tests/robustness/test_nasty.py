"""The corpus of nasty inputs in tests/inputs/nasty, plus the ones better made at test time.

A file whose name starts with ``ok-`` is valid (its first comment says why) and must be
assessed with exit 0; every other file must be refused with exit 1 and ``error: FILE...`` lines
on stderr. Never a traceback, never a file written, within a couple of seconds each.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from breachcalc import limits
from breachcalc.errors import InputError
from breachcalc.input.loader import validate
from breachcalc.input.yaml_reader import dotted, parse
from tests.conftest import INPUTS

NASTY = sorted((INPUTS / "nasty").glob("*.yaml"))
SECONDS = 2.0


def _assess(run, path: Path, tmp_path: Path, monkeypatch, fmt: str = "json"):
    monkeypatch.chdir(tmp_path)
    started = time.perf_counter()
    result = run("assess", str(path), "--format", fmt)
    elapsed = time.perf_counter() - started
    assert elapsed < SECONDS, f"{path.name} took {elapsed:.1f}s"
    exc = result.exception
    assert exc is None or isinstance(exc, SystemExit), f"{path.name}: {exc!r}"
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == [], "a file was written"
    return result


def test_the_corpus_is_there_and_small():
    assert len(NASTY) > 60
    assert sum(p.stat().st_size for p in NASTY) < 200_000  # size cases are made at test time


@pytest.mark.parametrize("path", NASTY, ids=[p.name for p in NASTY])
@pytest.mark.parametrize("fmt", ["json", "table"])
def test_nasty_input(run, path, fmt, tmp_path, monkeypatch):
    result = _assess(run, path, tmp_path, monkeypatch, fmt)
    if path.name.startswith("ok-"):
        assert (result.exit_code, result.stderr) == (0, ""), result.stderr
        assert result.stdout.strip()
    else:
        assert result.exit_code == 1, (result.stdout, result.stderr)
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert lines and all(line.startswith(f"error: {path}:") for line in lines), lines


SUBPROCESS = [
    "alias-bomb-maps.yaml",
    "deep-flow-lists.yaml",
    "utf16le-nobom.yaml",
    "escaped-esc.yaml",
    "jurisdictions-nested-list.yaml",
    "ok-utf16le-bom.yaml",
    "ok-largest-figures.yaml",
]


@pytest.fixture(scope="module")
def real_processes(tmp_path_factory) -> dict[bool, tuple[subprocess.CompletedProcess[str], Path]]:
    """The installed entry point on the SUBPROCESS files: one process for the valid files and
    one for the others (``assess`` takes several files), each in an empty folder."""
    done = {}
    for valid in (True, False):
        names = [n for n in SUBPROCESS if n.startswith("ok-") == valid]
        cwd = tmp_path_factory.mktemp("valid" if valid else "refused")
        done[valid] = (
            subprocess.run(
                [sys.executable, "-m", "breachcalc", "assess"]
                + [str(INPUTS / "nasty" / n) for n in names],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
                cwd=cwd,
            ),
            cwd,
        )
    return done


@pytest.mark.parametrize("name", SUBPROCESS)
def test_nasty_input_in_a_real_process(name, real_processes):
    path = INPUTS / "nasty" / name
    proc, cwd = real_processes[name.startswith("ok-")]
    assert "Traceback" not in proc.stderr
    if name.startswith("ok-"):
        assert (proc.returncode, proc.stderr) == (0, "")
        assert proc.stdout.strip()
    else:
        assert proc.returncode == 1, proc.stderr
        lines = proc.stderr.splitlines()
        assert any(line.startswith(f"error: {path}:") for line in lines), proc.stderr
        refused = [str(INPUTS / "nasty" / n) for n in SUBPROCESS if not n.startswith("ok-")]
        assert all(line.startswith(tuple(f"error: {p}:" for p in refused)) for line in lines)
    assert list(cwd.iterdir()) == []


VALID = b"name: padded\naffected: 1000\ndata_categories: [names]\n"


def _sized(size: int, filler: bytes) -> bytes:
    pad = size - len(VALID)
    return VALID + (filler * (pad // len(filler) + 1))[:pad]


@pytest.mark.parametrize(
    ("size", "filler", "expected"),
    [
        (limits.MAX_INPUT_BYTES + 1, b"#" * 79 + b"\n", "limit MAX_INPUT_BYTES"),
        (limits.MAX_INPUT_BYTES, b"#" * 79 + b"\n", None),  # just under (at) the limit: valid
        (limits.MAX_INPUT_BYTES, b"\x00\xff junk ]]} &*\n", "not valid UTF-8"),
        (limits.MAX_INPUT_BYTES - 1, b"junk: [1, {a: b}]\n", "duplicate key `junk`"),
    ],
    ids=["over-1MiB", "at-1MiB-comments", "at-1MiB-binary-junk", "under-1MiB-yaml-junk"],
)
def test_around_the_size_limit(run, tmp_path, monkeypatch, size, filler, expected):
    path = tmp_path / "big.yaml"
    path.write_bytes(_sized(size, filler))
    assert path.stat().st_size == size
    work = tmp_path / "work"
    work.mkdir()
    result = _assess(run, path, work, monkeypatch)
    if expected is None:
        assert (result.exit_code, result.stderr) == (0, "")
    else:
        assert result.exit_code == 1 and result.stderr.startswith(f"error: {path}")
        assert expected in result.stderr and len(result.stderr.splitlines()) == 1


def test_over_the_size_limit_on_stdin(run):
    result = run("assess", "-", input=_sized(limits.MAX_INPUT_BYTES + 1, b"#\n"))
    assert result.exit_code == 1 and "limit MAX_INPUT_BYTES" in result.stderr


# Every field of the breach model with every wrong type, made here rather than as files.

FULL: dict[str, Any] = {
    "name": "every field",
    "description": "d",
    "affected": 1000,
    "affected_unit": "people",
    "data_categories": ["names"],
    "compensation": {
        "currency": "KRW",
        "vouchers": [{"label": "v", "amount": 5, "currency": "KRW", "redemption": 0.5}],
        "note": "n",
    },
    "reporting": {"currency": "USD", "rates": ["1 USD = 1,440 KRW"]},
    "discovered": "2025-11-18",
    "disclosed": "2025-11-29",
    "jurisdictions": {"KR": 600},
    "costs": {
        "currency": "KRW",
        "monitoring": {"enrolment": 0.1, "price_per_month": 9, "months": 12},
        "notification": {"per_notice": 1, "notices": 10},
        "incident_response": {"amount": 1},
        "litigation": {"per_person": 1, "claim_share": 0.1},
        "lost_business": {"customers": 10, "churn": 0.1, "margin_per_customer": 1},
    },
    "fines": {"KR": {"currency": "KRW", "turnover": 10**9, "unrelated_turnover": 0, "expected": 1}},
    "revenue": {"annual": 10**9, "currency": "KRW", "note": "n"},
    "sources": ["s"],
}
WRONG: dict[str, str] = {
    "text": "'x'",
    "number-text": "'5,000'",
    "integer": "7",
    "negative": "-3",
    "decimal": "1.5",
    "bool": "true",
    "null": "null",
    "empty-list": "[]",
    "list": "[1, a]",
    "empty-map": "{}",
    "map": "{a: 1}",
    "date": "2025-11-18",
}

LOCATED = {"text", "number-text", "bool", "empty-list", "list", "empty-map", "map"}
"""Wrong kinds that, when refused, must be refused at the field itself."""


def _leaves(tree: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(tree, dict):
        return [prefix] * bool(prefix) + [
            p for k, v in tree.items() for p in _leaves(v, (*prefix, k))
        ]
    if isinstance(tree, list):
        return [prefix] + [p for i, v in enumerate(tree) for p in _leaves(v, (*prefix, i))]
    return [prefix]


def _yaml(tree: Any, path: tuple[Any, ...], wrong: str) -> str:
    """Flow YAML of ``tree`` with the value at ``path`` written as the raw text ``wrong``."""

    def emit(node: Any, at: tuple[Any, ...]) -> str:
        if at == path:
            return wrong
        if isinstance(node, dict):
            return "{" + ", ".join(f"{k}: {emit(v, (*at, k))}" for k, v in node.items()) + "}"
        if isinstance(node, list):
            return "[" + ", ".join(emit(v, (*at, i)) for i, v in enumerate(node)) + "]"
        return repr(node) if isinstance(node, str) else str(node)

    return emit(tree, ())


FIELDS = _leaves(FULL)


def test_the_full_breach_is_valid():
    assert validate(parse("f.yaml", _yaml(FULL, ("none",), ""))).name == "every field"


@pytest.mark.parametrize("path", FIELDS, ids=[dotted(p) for p in FIELDS])
def test_every_field_with_every_wrong_type(path):
    """Refused at that field (or accepted where the type happens to fit), never a crash."""
    accepted = []
    for kind, wrong in WRONG.items():
        try:
            validate(parse("f.yaml", _yaml(FULL, path, wrong)))
        except InputError as error:
            assert all(p.line for p in error.problems), str(error)
            if kind not in LOCATED:
                continue  # a number or null of the right type may fail a cross check elsewhere
            where = dotted(path)
            assert any(
                p.field.startswith(where) or (p.field and where.startswith(p.field))
                for p in error.problems
            ), (kind, str(error))
        else:
            accepted.append(kind)
    # Text and containers are never a number, and a number is never text, anywhere.
    assert "map" not in accepted and "list" not in accepted, accepted
