"""breachcalc init: the skeleton assesses, and the questions answered on a terminal write a
file that assesses."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_template_assesses(run, tmp_path):
    result = run("init", "--template")
    assert result.exit_code == 0 and result.stdout.startswith("# A breach description")
    path = tmp_path / "x.yaml"
    path.write_text(result.stdout, encoding="utf-8")
    assessed = run("assess", str(path), "--no-history")
    assert assessed.exit_code == 0, assessed.stderr
    assert "10,000 people" in assessed.stdout


def test_without_a_terminal_init_refuses_and_says_how(run):
    result = run("init", input="")
    assert result.exit_code == 2
    assert "breachcalc init --template > breach.yaml" in result.stderr


ANSWERS = [
    "Loyalty database copied by an insider",  # what happened
    "2x00",  # a count with a typo: asked again
    "250000",
    "people",
    "names, email, payment cards",
    "2025-13-01",  # no 13th month: asked again
    "2025-06-01",
    "2025-06-10",
    "KR, US-CA",
    "y",
    "KRW",
    "20000",
    "USD",
    "1 USD = 1,400 KRW",
    "y",
]


def _read(fd: int, seconds: float = 10.0) -> str:
    out, deadline = b"", time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            if out:
                break
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    return out.decode("utf-8", "replace")


def test_init_answered_through_a_pseudo_terminal_writes_a_file_that_assesses(tmp_path):
    target = tmp_path / "breach.yaml"
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "breachcalc", "init", str(target)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        cwd=ROOT,
        env={**os.environ, "TERM": "dumb"},
    )
    os.close(follower)
    seen = ""
    for answer in ANSWERS:
        seen += _read(leader)
        os.write(leader, (answer + "\n").encode())
    seen += _read(leader, 20)
    process.wait(timeout=60)
    os.close(leader)
    assert process.returncode == 0, seen
    assert "a whole number, please" in seen and "a date as YYYY-MM-DD, please" in seen
    text = target.read_text(encoding="utf-8")
    assert "affected: 250000" in text and "jurisdictions: [KR, US-CA]" in text
    assessed = subprocess.run(
        [sys.executable, "-m", "breachcalc", "assess", str(target), "--no-history"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert assessed.returncode == 0, assessed.stderr
    assert "250,000 people" in assessed.stdout and "5,000,000,000 KRW" in assessed.stdout
