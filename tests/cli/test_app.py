"""The application (cli/app.py): version, the command list, help with examples, internal errors
as a short message with code 70, no colour where it may not be."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer

from breachcalc import __version__
from breachcalc.cli.app import app
from tests.conftest import EXAMPLES

COUPANG = str(EXAMPLES / "coupang.yaml")


def test_version(run):
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"breachcalc {__version__}\n")


def test_internal_errors_get_a_short_message_and_code_70(monkeypatch, capsys):
    from breachcalc.cli.app import main

    def boom(*_args, **_kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(sys, "argv", ["breachcalc", "assess", COUPANG, "--format", "json"])
    monkeypatch.setattr("breachcalc.api._assess", boom)
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == 70
    err = capsys.readouterr().err
    assert err.startswith("internal error: RuntimeError: simulated bug\n")
    assert "Traceback" not in err


COMMANDS = sorted(typer.main.get_command(app).list_commands(None))  # type: ignore[attr-defined]


def test_the_command_list_is_complete():
    assert COMMANDS == [
        "assess",
        "backtest",
        "categories",
        "compare",
        "explain",
        "history",
        "init",
        "law",
        "portfolio",
        "report",
        "schema",
        "sensitivity",
        "severity",
        "simulate",
        "sweep",
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"breachcalc {command}" in result.stdout


def test_no_color_never_emits_escape_codes():
    proc = subprocess.run(
        [sys.executable, "-m", "breachcalc", "assess", COUPANG, "--format", "table"],
        capture_output=True,
        text=True,
        timeout=30,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert proc.returncode == 0 and "\x1b[" not in proc.stdout
