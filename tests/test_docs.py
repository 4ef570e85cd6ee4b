"""Docs that cannot drift: README outputs are real, every command and option is documented."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer

from breachcalc.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _update_readme_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "update_readme", ROOT / "scripts" / "update_readme.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


update_readme = _update_readme_module()
COMMANDS = update_readme.blocks(README)


def test_readme_has_console_examples():
    assert len(COMMANDS) >= 4


@pytest.mark.parametrize(("command", "recorded"), COMMANDS, ids=[c for c, _ in COMMANDS])
def test_readme_output_is_what_the_tool_prints(command, recorded):
    assert update_readme.run(command) == recorded, "run scripts/update_readme.py"


def test_every_command_and_option_is_in_the_readme():
    click_app = typer.main.get_command(app)
    for name, command in click_app.commands.items():
        assert f"breachcalc {name}" in README, name
        for param in command.params:
            for option in param.opts:
                if option.startswith("-") and option not in ("-h", "--help"):
                    assert f"`{option}" in README or f"{option}`" in README, (name, option)
    assert "--version" in README


def test_ci_runs_exactly_the_readme_test_command():
    match = re.search(r"<!-- test-command -->\n```sh\n(.+)\n```", README)
    assert match
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci  # .ci/run extracts the command from the README


def test_changelog_is_dated():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## \[?\d+\.\d+\.\d+\]? - \d{4}-\d{2}-\d{2}$", changelog, re.MULTILINE)


def test_python_dash_m_works():
    proc = subprocess.run(
        [sys.executable, "-m", "breachcalc", "--version"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0 and proc.stdout.startswith("breachcalc ")
