"""Docs that cannot drift: README outputs are real, every command and option is documented."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer

from breachcalc.cli.app import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))}
DOCS = README + "\n".join(PAGES.values())
"""The README and every page of the documentation site."""


def _update_readme_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "update_readme", ROOT / "scripts" / "update_readme.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


update_readme = _update_readme_module()
COMMANDS = [pair for text in (README, *PAGES.values()) for pair in update_readme.blocks(text)]


def test_readme_has_console_examples():
    assert len(COMMANDS) >= 4
    assert update_readme.blocks(README), "the front door shows one real output"


def test_the_readme_fits_on_two_screens():
    assert len(README.splitlines()) <= 200


def test_the_docs_site_builds_strictly(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_jurisdiction_page_is_generated_from_the_data():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "update_docs", ROOT / "scripts" / "update_docs.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert PAGES["jurisdictions.md"] == module.jurisdictions_page(), "run scripts/update_docs.py"
    assert PAGES["json-schemas.md"] == module.schemas_page(), "run scripts/update_docs.py"


@pytest.mark.parametrize(("command", "recorded"), COMMANDS, ids=[c for c, _ in COMMANDS])
def test_readme_output_is_what_the_tool_prints(command, recorded):
    assert update_readme.run(command) == recorded, "run scripts/update_readme.py"


def test_every_command_and_option_is_in_the_readme():
    click_app = typer.main.get_command(app)
    for name, command in click_app.commands.items():
        assert f"breachcalc {name}" in README, name  # the command list is on the front door
        for param in command.params:
            for option in param.opts:
                if option.startswith("-") and option not in ("-h", "--help"):
                    assert f"`{option}" in DOCS or f"{option}`" in DOCS, (name, option)
    assert "--version" in DOCS


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
