"""breachcalc init: the skeleton assesses, and the questions answered on a (pseudo-)terminal,
over many sets of answers, each checked as it is typed, write files that assess."""

from __future__ import annotations

import ast
import os
import pty
import select
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "breachcalc"


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


class Terminal:
    """``breachcalc init`` on a pseudo-terminal: wait for each question, then answer it."""

    def __init__(self, target: Path) -> None:
        self.leader, follower = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "breachcalc", "init", str(target)],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            cwd=ROOT,
            env={**os.environ, "TERM": "dumb", "COLUMNS": "200"},
        )
        os.close(follower)
        self.seen = ""
        self.unread = ""

    def _read(self, seconds: float) -> bool:
        ready, _, _ = select.select([self.leader], [], [], seconds)
        if not ready:
            return False
        try:
            chunk = os.read(self.leader, 4096)
        except OSError:
            return False
        text = chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        self.seen += text
        self.unread += text
        return bool(chunk)

    def answer(self, question: str, text: str) -> None:
        """Wait for a prompt containing ``question``, then type ``text``."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if question in self.unread and self.unread.rstrip(" ").endswith(":"):
                break
            if not self._read(0.2) and self.process.poll() is not None:
                break
        assert question in self.unread, f"expected {question!r}; saw:\n{self.seen}"
        self.unread = ""
        os.write(self.leader, (text + "\n").encode())

    def finish(self) -> int:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self._read(0.2 if self.process.poll() is None else 0):
            pass
        code = self.process.wait(timeout=60)
        while self._read(0):
            pass
        os.close(self.leader)
        return code


NAME, COUNT, UNIT, DATA = "What happened", "How many", "people or accounts", "Which data"
HAPPENED, FOUND, WHERE = "When did it happen", "When was it found", "Where are the people"
OFFERED, MUCH, WHICH = "Is compensation offered", "How much per person", "In which currency"
REPORT, RATE, DELIBERATE = "Which currency do you report in", "is 1", "deliberate"

# Each set: the answers in the order init asks, a wrong answer followed by the question asked
# again; then what the written file must say and what it must not.
ANSWER_SETS = {
    "won, dollars, typos": (
        [
            (NAME, "Loyalty database copied by an insider"),
            (COUNT, "2x00"),
            (COUNT, "250,000"),
            (UNIT, "people"),
            (DATA, "names, email, payment cards"),
            (HAPPENED, "2025-13-01"),
            (HAPPENED, "2025-06-01"),
            (FOUND, "2025-06-10"),
            (WHERE, "KR, US-CA"),
            (OFFERED, "y"),
            (MUCH, "20000"),
            (WHICH + " [KRW]", ""),  # the default comes from KR
            (REPORT + " [KRW]", "USD"),
            ("How many KRW is 1 USD", "1,400"),
            (DELIBERATE, "y"),
        ],
        ["affected: 250_000", "jurisdictions: [KR, US-CA]", "- 1 USD = 1,400 KRW"],
        ["EUR", "GBP"],
    ),
    "bananas are neither people nor accounts": (
        [
            (NAME, "Crowdfunding site's user table"),
            (COUNT, "1200"),
            (UNIT, "bananas"),
            (UNIT, "accounts"),
            (DATA, "bananas"),
            (DATA, "names, contact details"),
            (HAPPENED, "2024-02-29"),
            (FOUND, "2024-02-01"),  # before it happened: asked again
            (FOUND, ""),  # the default is the day it happened
            (WHERE, "bananas"),
            (WHERE, "SG"),
            (OFFERED, "n"),
            (REPORT + " [SGD]", ""),
            (DELIBERATE, "n"),
        ],
        ["affected_unit: accounts", "discovered: 2024-02-29", "currency: SGD", "malicious: false"],
        ["rates", "KRW", "USD"],
    ),
    "pounds and euros, GB and a member state": (
        [
            (NAME, "Payroll files emailed to the wrong client: 'Q3' #2"),
            (COUNT, "3 400"),
            (UNIT, "p"),
            (DATA, "names, national id"),
            (HAPPENED, "2025-01-15"),
            (FOUND, "2025-01-20"),
            (WHERE, "GB, DE, FR"),
            (OFFERED, "yes"),
            (MUCH, "£25"),  # the sign names the currency: no currency question
            (REPORT + " [GBP]", "eur"),
            ("How many GBP is 1 EUR", "1 EUR = 0.85 GBP"),
            (DELIBERATE, "no"),
        ],
        ["jurisdictions: [UK, DE, FR]", "currency: GBP", "amount: 25", "- 1 EUR = 0.85 GBP"],
        ["KRW", "USD", "1,440"],
    ),
    "cents in dollars, no rate needed": (
        [
            (NAME, "Web shop card skimming"),
            (COUNT, "50000"),
            (UNIT, ""),
            (DATA, "payment cards"),
            (HAPPENED, "2025-03-01"),
            (FOUND, "2025-03-04"),
            (WHERE, "US-CA"),
            (OFFERED, "y"),
            (MUCH, "25.50"),
            (WHICH + " [USD]", ""),
            (REPORT + " [USD]", ""),
            (DELIBERATE, ""),
        ],
        ["amount: 25.50", "currency: USD", "affected_unit: people"],
        ["rates", "KRW"],
    ),
    "no decimals in won": (
        [
            (NAME, "Clinic records"),
            (COUNT, "800"),
            (UNIT, "people"),
            (DATA, "health, names"),
            (HAPPENED, "2023-10-01"),
            (FOUND, "2023-10-02"),
            (WHERE, "KR"),
            (OFFERED, "y"),
            (MUCH, "10000.5 KRW"),  # the won has no minor unit
            (MUCH, "₩10,000"),
            (REPORT + " [KRW]", "JPY"),
            ("How many KRW is 1 JPY", "9.3"),
            (DELIBERATE, "y"),
        ],
        ["amount: 10000", "currency: KRW", "- 1 JPY = 9.3 KRW"],
        ["USD"],
    ),
    "euros written after the amount": (
        [
            (NAME, "Newsletter list"),
            (COUNT, "12_000"),
            (UNIT, "people"),
            (DATA, "email"),
            (HAPPENED, "2022-05-05"),
            (FOUND, "2022-05-05"),
            (WHERE, "EU"),
            (OFFERED, "y"),
            (MUCH, "1,000.50 €"),
            (REPORT + " [EUR]", "USD"),
            ("How many EUR is 1 USD", "bananas"),
            ("How many EUR is 1 USD", "1 USD = 0.92 GBP"),  # the wrong currencies
            ("How many EUR is 1 USD", "0.92"),
            (DELIBERATE, "y"),
        ],
        ["amount: 1000.50", "currency: EUR", "- 1 USD = 0.92 EUR"],
        ["KRW"],
    ),
    "a member state's own currency": (
        [
            (NAME, "Polish web shop orders"),
            (COUNT, "40000"),
            (UNIT, "people"),
            (DATA, "names, postal addresses, order history"),
            (HAPPENED, "2025-09-01"),
            (FOUND, "2025-09-03"),
            (WHERE, "PL"),
            (OFFERED, "y"),
            (MUCH, "49.99"),
            (WHICH + " [PLN]", ""),
            (REPORT + " [PLN]", "EUR"),
            ("How many PLN is 1 EUR", "4.3"),
            (DELIBERATE, "y"),
        ],
        ["jurisdictions: [PL]", "currency: PLN", "amount: 49.99", "- 1 EUR = 4.3 PLN"],
        ["USD", "KRW"],
    ),
    "yen, no compensation": (
        [
            (NAME, "Misconfigured bucket"),
            (COUNT, "5"),
            (UNIT, "people"),
            (DATA, "names"),
            (HAPPENED, ""),  # today
            (FOUND, ""),
            (WHERE, "jp"),
            (OFFERED, ""),
            (REPORT + " [JPY]", ""),
            (DELIBERATE, "n"),
        ],
        [f"occurred: {date.today().isoformat()}", "jurisdictions: [JP]", "currency: JPY"],
        ["rates", "compensation:\n"],
    ),
}


@pytest.mark.parametrize("name", ANSWER_SETS)
def test_init_on_a_terminal_writes_a_file_that_assesses(run, tmp_path, name):
    answers, says, never = ANSWER_SETS[name]
    target = tmp_path / "breach.yaml"
    terminal = Terminal(target)
    for question, answer in answers:
        terminal.answer(question, answer)
    code = terminal.finish()
    assert code == 0, terminal.seen
    assert "Traceback" not in terminal.seen
    text = target.read_text(encoding="utf-8")
    for expected in says:
        assert expected in text, (expected, text)
    for unwanted in never:
        assert unwanted not in text, (unwanted, text)
    assessed = run("assess", str(target), "--no-history")
    assert assessed.exit_code == 0, (assessed.stderr, text)
    with_history = run("assess", str(target), "--format", "json")
    assert with_history.exit_code == 0, (with_history.stderr, text)


def test_every_wrong_answer_is_refused_as_it_is_typed(tmp_path):
    target = tmp_path / "breach.yaml"
    terminal = Terminal(target)
    for question, answer in ANSWER_SETS["bananas are neither people nor accounts"][0]:
        terminal.answer(question, answer)
    assert terminal.finish() == 0
    for message in (
        "people or accounts?",
        "unknown: bananas",
        "it cannot be found before it happened (2024-02-29)",
        "not jurisdiction codes: BANANAS",
    ):
        assert message in terminal.seen, terminal.seen


def test_an_existing_file_is_refused_before_the_first_question(tmp_path):
    target = tmp_path / "breach.yaml"
    target.write_text("kept\n", encoding="utf-8")
    terminal = Terminal(target)
    assert terminal.finish() == 1
    assert "exists; choose another name" in terminal.seen
    assert NAME not in terminal.seen
    assert target.read_text(encoding="utf-8") == "kept\n"


def test_init_with_standard_input_closed_is_a_usage_error(tmp_path):
    result = subprocess.run(
        ["sh", "-c", f"exec '{sys.executable}' -m breachcalc init new.yaml <&-"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("error: init asks questions and needs a terminal")
    assert not (tmp_path / "new.yaml").exists()


def test_init_is_options_one_api_call_and_one_write():
    """``cli/init.py`` reaches the library through ``breachcalc.api`` and ``render`` only."""
    tree = ast.parse((PACKAGE / "cli" / "init.py").read_text(encoding="utf-8"))
    found = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    found |= {
        f"{n.module}.{a.name}"
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom)
        for a in n.names
        if n.module == "breachcalc"
    }
    assert "breachcalc.api" in found
    assert not [m for m in found if m.split(".")[:2][-1] in {"domain", "analysis", "input"}]
