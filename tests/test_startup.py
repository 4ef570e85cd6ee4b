"""Start-up work the command line leaves out (issue 14), and that leaving it out changes nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import EXAMPLES

COUPANG = str(EXAMPLES / "coupang.yaml")
UNCERTAIN = str(EXAMPLES / "coupang-uncertain.yaml")


def _modules_after(*args: str) -> set[str]:
    code = (
        "import sys, io, contextlib\n"
        f"sys.argv = ['breachcalc', *{list(args)!r}]\n"
        "from breachcalc.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main()\n    except SystemExit:\n        pass\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_plain_options_build_no_pydantic_adapter():
    """Text, lists, choices, paths, flags and whole numbers coerce without Typer's adapters."""
    loaded = _modules_after("assess", COUPANG, "--format", "json", "-o", "/dev/null")
    assert "typer._adapters" not in loaded
    loaded = _modules_after("simulate", UNCERTAIN, "-n", "100", "--seed", "3", "--format", "json")
    assert "typer._adapters" not in loaded


REFUSED = [
    ["assess", COUPANG, "--format", "xml"],
    ["assess", COUPANG, "--format", "JSON"],
    ["assess", COUPANG, "-o", str(EXAMPLES)],
    ["assess", COUPANG, "--policy", str(EXAMPLES)],
    ["assess", COUPANG, "--policy", "no-such-policy.yaml"],
    ["simulate", UNCERTAIN, "-n", "0"],
    ["simulate", UNCERTAIN, "-n", "abc"],
    ["simulate", UNCERTAIN, "-n", "1_000"],
    ["simulate", UNCERTAIN, "-n", " 50"],
    ["simulate", UNCERTAIN, "-n", "0050"],
    ["simulate", UNCERTAIN, "-n", "99999999999999999999999"],
    ["simulate", UNCERTAIN, "-n", "20000000"],
    ["simulate", UNCERTAIN, "-n", "50", "--seed", "-1"],
    ["history", "--limit", "0"],
    ["history", "--since", "abc"],
    ["schema", "--which", "nosuch"],
]


@pytest.mark.parametrize("args", REFUSED, ids=" ".join)
def test_the_quick_coercion_answers_as_typers_own(run, monkeypatch, args):
    """Every value, accepted or refused, gets the same output, message and exit code as with
    Typer's adapter for every parameter."""
    from breachcalc.cli import params

    quick = run(*args)
    monkeypatch.setattr(params, "quicken", lambda found: None)
    typer_own = run(*args)
    assert (quick.exit_code, quick.stdout, quick.stderr) == (
        typer_own.exit_code,
        typer_own.stdout,
        typer_own.stderr,
    )


def test_a_run_builds_only_the_command_it_invokes(run):
    import typer.main

    from breachcalc.cli import app

    group = typer.main.get_command(app)
    assert list(group.commands) == [
        "init",
        "assess",
        "explain",
        "report",
        "simulate",
        "compare",
        "sweep",
        "sensitivity",
        "portfolio",
        "history",
        "backtest",
        "severity",
        "categories",
        "schema",
    ]
    assert group.commands.built == {}  # type: ignore[attr-defined]
    assert group.commands["assess"].name == "assess"
    assert list(group.commands.built) == ["assess"]  # type: ignore[attr-defined]


def test_the_help_lists_every_command_as_the_built_commands_would(run, monkeypatch):
    from breachcalc.cli import params

    lazy = run("--help")
    monkeypatch.setattr(params.Commands, "listed", params.Commands.__getitem__)  # built ones
    built = run("--help")
    assert lazy.exit_code == built.exit_code == 0
    assert lazy.stdout == built.stdout
    assert "assess" in lazy.stdout and "schema" in lazy.stdout
