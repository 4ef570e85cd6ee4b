"""Shared test helpers: paths, a CLI runner with a fixed terminal width, a YAML writer."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from breachcalc.cli.app import app

# Hypothesis profiles, chosen with HYPOTHESIS_PROFILE: "default" for the normal run (the fuzz
# suite keeps itself to a few dozen examples per property there, see tests/fuzz/test_fuzz.py), and
# "thorough", which runs every property without its own count 5,000 times.
settings.register_profile("default", deadline=None)
settings.register_profile("thorough", max_examples=5_000, deadline=None)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
settings.load_profile(PROFILE)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
INPUTS = Path(__file__).resolve().parent / "inputs"

RESERVED = re.compile(
    r"capital one|anthem|home depot|morgan stanley|british airways|kakao|lg uplus|target corp|target 20",
    re.IGNORECASE,
)
"""The held-out breaches (research/FORMAT.md): no file of the history may name one."""


def cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """The installed entry point in a real process (``python -m breachcalc ARGS``), run from the
    project folder unless ``cwd`` is given; ``env`` adds to this process's environment."""
    env = {**os.environ, **kwargs.pop("env", {})}
    return subprocess.run(
        [sys.executable, "-m", "breachcalc", *args],
        check=False,
        capture_output=True,
        text=kwargs.pop("text", True),
        cwd=kwargs.pop("cwd", ROOT),
        env=env,
        **kwargs,
    )


class Run:
    """Invoke the CLI in-process; ``result.stdout``/``stderr`` are separate."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None):
        return self.runner.invoke(
            app, list(args), input=input, env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
        )


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture
def write(tmp_path: Path):
    """Write a YAML text to a temporary file and return its path as a string."""

    def _write(text: str, name: str = "breach.yaml") -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return _write


MINIMAL = """\
name: test breach
affected: 1000
data_categories: [names, email]
"""


def as_json(result) -> dict:
    """The JSON document a successful run wrote, with exact decimals."""
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal)
