"""Shell manners (issue 22, item 4): the help's examples run, progress only on a terminal,
completion, a report that will not flood a terminal, one JSON document, rounded probabilities,
currency suggestions, and a policy file named as one."""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from breachcalc.cli.app import COMMANDS
from tests.conftest import EXAMPLES

BIN = Path(sys.executable).parent
UNCERTAIN = str(EXAMPLES / "coupang-uncertain.yaml")
SCRIPT = shutil.which("script")
"""util-linux ``script``: runs a command on a pseudo-terminal."""


def examples() -> list[tuple[str, str]]:
    """Every example of every command's ``--help`` epilog: (command, shell line)."""
    found = []
    for name, path in COMMANDS.items():
        epilog = importlib.import_module(path.split(":")[0]).EPILOG.replace("\\\n", " ")
        for line in epilog.splitlines():
            text = line.strip()
            if text.startswith(("breachcalc ", "cat ")):
                # a trailing remark in parentheses, such as "(10,000 rows)", is not shell
                text = re.sub(r"\s+\((?=[^)]*\s)[^)]*\)\s*$", "", text)
                found.append((name, " ".join(text.split())))
    return found


EXAMPLE_LINES = examples()

INIT_ANSWERS = "Customer emails exposed\n1000\npeople\nnames, email\n\n\nKR\n" + "\n" * 12
"""What a person types at ``init``'s questions: a name, a count, the unit, the data, the dates
(today), where, then the defaults."""


def _shell(
    line: str, cwd: Path, *, terminal: bool = False, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """``line`` in bash (pipefail), with the installed ``breachcalc`` first on the PATH; on a
    pseudo-terminal (colour allowed, stdout and stderr both on it) with ``terminal``."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}
    command = ["bash", "-o", "pipefail", "-c", line]
    if terminal:
        del env["NO_COLOR"]
        env["TERM"] = "xterm"
        assert SCRIPT is not None
        command = [SCRIPT, "-qec", f"bash -o pipefail -c {_quote(line)}", "/dev/null"]
    return subprocess.run(
        command,
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def test_every_command_has_examples_to_run():
    assert {name for name, _line in EXAMPLE_LINES} == set(COMMANDS)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "line"), EXAMPLE_LINES, ids=[text for _c, text in EXAMPLE_LINES]
)
def test_the_help_examples_run(tmp_path, command, line):
    if "| jq" in line and shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    (tmp_path / "examples").symlink_to(EXAMPLES)
    (tmp_path / "docs").mkdir()
    if "cat breach.yaml" in line:
        shutil.copy(EXAMPLES / "coupang.yaml", tmp_path / "breach.yaml")
    asks = command == "init" and "--template" not in line
    if asks and SCRIPT is None:
        pytest.skip("init asks its questions on a terminal; no `script` to make one")
    done = _shell(line, tmp_path, terminal=asks, stdin=INIT_ANSWERS if asks else "")
    broken_pipe = "| head" in line and done.returncode == 141
    assert done.returncode == 0 or broken_pipe, done.stderr
    assert "error" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    for written in re.findall(r"(?:-o|>|--plot) (\S+)", line):
        assert (tmp_path / written).stat().st_size > 0, written


def test_a_policy_file_says_so(run):
    result = run("assess", str(EXAMPLES / "policy.yaml"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {EXAMPLES / 'policy.yaml'}: this is a policy, not a breach: use --policy with a"
        " breach file\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["simulate", UNCERTAIN, "--exceed", "5 KRX"],
            "error: --exceed '5 KRX': unknown ISO 4217 currency code 'KRX'; did you mean `KRW`?\n",
        ),
        (
            ["history", "--currency", "krx"],
            "error: --currency krx: no yearly rates for it in breachcalc's data; did you mean"
            " `KRW`?\n",
        ),
    ],
)
def test_currency_suggestions_put_the_obvious_one_first(run, args, message):
    result = run(*args)
    assert (result.exit_code, result.stderr) == (2, message)


def test_a_mistyped_currency_in_a_file_suggests_the_nearest(run, write):
    path = write(
        "name: x\naffected: 10\ndata_categories: [names]\ncompensation: {currency: KRX, amount: 1}\n"
    )
    result = run("assess", path)
    assert result.exit_code == 1
    assert result.stderr.endswith("unknown ISO 4217 currency code 'KRX'; did you mean `KRW`?\n")


def test_suggestions_by_edit_distance():
    from breachcalc.errors import did_you_mean, edit_distance, suggestions

    assert edit_distance("KRX", "KRW") == 1 and edit_distance("KRX", "PKR") == 2
    assert edit_distance("ERU", "EUR") == 1  # a swap of neighbours is one edit
    assert suggestions("KRX", ["PKR", "KRW"]) == ["KRW"]
    assert suggestions("ERU", ["ERN", "EUR", "MRU"], first={"EUR"}) == ["EUR", "ERN", "MRU"]
    assert did_you_mean("XYZ", ["USD", "EUR"]) == ""
    assert did_you_mean("USX", ["USD", "USN"]) == "; did you mean `USD` or `USN`?"


def test_probabilities_are_written_to_four_significant_figures(run):
    result = run("simulate", UNCERTAIN, "-n", "7", "--exceed", "1.2e12", "--format", "json")
    document = json.loads(result.stdout, parse_float=Decimal)
    probabilities = [p["probability"] for p in document["exceedance"]]
    probabilities += [p["probability"] for p in document["loss_exceedance_curve"]]
    assert probabilities
    for value in probabilities:
        assert 0 <= value <= 1
        assert len(Decimal(value).normalize().as_tuple().digits) <= 4, value
    # seven trials: each probability is a multiple of 1/7, to four figures
    sevenths = {Decimal(f"{k / 7:.4g}") for k in range(8)}
    assert {Decimal(p) for p in probabilities} <= sevenths | {Decimal(0), Decimal(1)}


@pytest.mark.skipif(SCRIPT is None, reason="no `script` to make a terminal")
def test_report_to_a_terminal_refuses_with_a_hint(tmp_path):
    done = _shell(f"breachcalc report {EXAMPLES / 'coupang.yaml'}", tmp_path, terminal=True)
    assert done.returncode == 2
    assert "write it to a file with -o report.html" in done.stdout  # the terminal's text
    piped = _shell(f"breachcalc report {EXAMPLES / 'coupang.yaml'} | head -c 15", tmp_path)
    assert piped.stdout == "<!DOCTYPE html>"


def test_shell_completion_is_switched_on(tmp_path):
    shown = _shell("breachcalc --show-completion bash", tmp_path)
    assert shown.returncode == 0 and "_BREACHCALC_COMPLETE=complete_bash" in shown.stdout
    env = {
        **os.environ,
        "_BREACHCALC_COMPLETE": "complete_bash",
        "COMP_WORDS": "breachcalc assess x --format js",
        "COMP_CWORD": "4",
    }
    done = subprocess.run(
        [BIN / "breachcalc"], env=env, capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["json", "jsonl"]


def test_progress_is_drawn_only_where_it_may_be():
    import io

    from breachcalc.render.progress import progress_bar, wanted

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert not wanted(stream=io.StringIO())  # a pipe or a file
    assert not wanted(stream=Terminal(), quiet=True)
    os.environ["NO_COLOR"] = "1"
    try:
        assert not wanted(stream=Terminal())
    finally:
        del os.environ["NO_COLOR"]
    screen = Terminal()
    with progress_bar("Working", enabled=True, stream=screen, delay=0) as progress:
        assert progress is not None
        for done in range(1, 11):
            progress(done, 10)
    assert "Working" in screen.getvalue()
    quiet = Terminal()
    with progress_bar("Working", enabled=True, stream=quiet, delay=60) as progress:
        assert progress is not None
        progress(10, 10)  # quick work: no bar
    assert quiet.getvalue() == ""
    with progress_bar("Working", enabled=False) as progress:
        assert progress is None


def test_simulate_reports_its_progress_through_a_plain_callback():
    import breachcalc

    seen: list[tuple[int, int]] = []
    breachcalc.simulate(
        UNCERTAIN, trials=1_000, history=False, progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1][0] == seen[-1][1] and [d for d, _t in seen] == sorted(d for d, _t in seen)


@pytest.mark.slow
@pytest.mark.skipif(SCRIPT is None, reason="no `script` to make a terminal")
def test_a_long_simulation_shows_a_bar_on_a_terminal_and_nothing_in_a_pipe(tmp_path):
    line = f"breachcalc simulate {UNCERTAIN} --trials 3000000 -o out.txt"
    on_terminal = _shell(line, tmp_path, terminal=True)
    assert on_terminal.returncode == 0 and "Simulating" in on_terminal.stdout
    piped = _shell(f"breachcalc simulate {UNCERTAIN} --trials 3000000 | tail -1", tmp_path)
    assert piped.returncode == 0 and piped.stderr == ""
    quiet = _shell(line + " --quiet", tmp_path, terminal=True)
    assert quiet.returncode == 0 and "Simulating" not in quiet.stdout
