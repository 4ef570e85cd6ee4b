"""Refresh the output under every ``$ breachcalc ...`` line of the ```console blocks of README.md
and of every page under docs/.

``python scripts/update_readme.py`` rewrites the outputs in place; ``tests/docs/test_docs.py`` runs
the same commands and fails when the README no longer matches what the tool prints.
Commands run in-process with a 100-column terminal and no colour.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from typer.testing import CliRunner

from breachcalc.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
"""Every documentation file whose console examples are executed."""
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}


def run(command: str) -> str:
    """Output of one ``breachcalc ...`` command line (stdout, then stderr)."""
    args = shlex.split(command)
    if args[0] != "breachcalc":
        raise ValueError(f"README console blocks may run only breachcalc, not {command!r}")
    result = CliRunner().invoke(app, args[1:], env=ENV)
    return result.stdout + result.stderr


def blocks(text: str) -> list[tuple[str, str]]:
    """(command, recorded output) for each ``$`` line of each console block."""
    found = []
    for block in BLOCK.findall(text):
        parts = re.split(r"^\$ (.*)\n", block, flags=re.MULTILINE)
        for command, output in zip(parts[1::2], parts[2::2], strict=True):
            found.append((command, output))
    return found


def refreshed(text: str) -> str:
    def fill(match: re.Match[str]) -> str:
        lines = [line[2:] for line in match.group(1).splitlines() if line.startswith("$ ")]
        return "```console\n" + "".join(f"$ {c}\n{run(c)}" for c in lines) + "```"

    return BLOCK.sub(fill, text)


def main() -> int:
    count = 0
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        page.write_text(refreshed(text), encoding="utf-8")
        count += len(blocks(text))
    print(f"refreshed {count} commands", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
