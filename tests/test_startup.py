"""Start-up work the command line leaves out (issue 14), and that leaving it out changes nothing."""

from __future__ import annotations


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
        "law",
        "schema",
    ]
    assert group.commands.built == {}  # type: ignore[attr-defined]
    assert group.commands["assess"].name == "assess"
    assert list(group.commands.built) == ["assess"]  # type: ignore[attr-defined]


def test_the_help_lists_every_command_as_the_built_commands_would(run, monkeypatch):
    from breachcalc.cli import group

    lazy = run("--help")
    monkeypatch.setattr(group.Commands, "listed", group.Commands.__getitem__)  # built ones
    built = run("--help")
    assert lazy.exit_code == built.exit_code == 0
    assert lazy.stdout == built.stdout
    assert "assess" in lazy.stdout and "schema" in lazy.stdout
