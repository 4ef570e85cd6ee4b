"""Start-up work the command line leaves out (issue 14), and that leaving it out changes nothing."""

from __future__ import annotations

import subprocess
import sys


def test_a_run_builds_only_the_command_it_invokes(run):
    import typer.main

    from breachcalc.cli.app import COMMANDS, app

    group = typer.main.get_command(app)
    assert group.list_commands(None) == list(COMMANDS)  # type: ignore[attr-defined]
    assert list(COMMANDS) == [
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
        "law",
        "schema",
    ]
    assert group.built == {}  # type: ignore[attr-defined]
    assert group.get_command(None, "assess").name == "assess"  # type: ignore[attr-defined]
    assert list(group.built) == ["assess"]  # type: ignore[attr-defined]


def test_a_run_imports_only_the_module_of_the_command_it_invokes():
    code = (
        "import sys; from breachcalc.cli.app import main; sys.argv = ['breachcalc', 'severity',"
        " 'ENISA:1.0/DPC:1/EI:0.25/C:0/I:0/A:0/M:0', '-f', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('breachcalc.cli.')), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == str(
        [
            "breachcalc.cli.app",
            "breachcalc.cli.common",
            "breachcalc.cli.group",
            "breachcalc.cli.severity",
        ]
    )


def test_the_help_lists_every_command_as_the_built_commands_would(run, monkeypatch):
    from breachcalc.cli import group

    lazy = run("--help")
    monkeypatch.setattr(group.LazyGroup, "listed", staticmethod(group.build))  # built ones
    built = run("--help")
    assert lazy.exit_code == built.exit_code == 0
    assert lazy.stdout == built.stdout
    assert "assess" in lazy.stdout and "schema" in lazy.stdout
