"""Faults around a run: closed or full standard streams, Ctrl-C while the command line loads,
SIGTERM and SIGHUP; each a short message and its exit code, never a traceback. Real processes."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import EXAMPLES, ROOT, cli

UNCERTAIN = str(EXAMPLES / "coupang-uncertain.yaml")


COUPANG = str(EXAMPLES / "coupang.yaml")


def _closed_stdout(*args: str) -> subprocess.CompletedProcess:
    command = " ".join(f"'{a}'" for a in (sys.executable, "-m", "breachcalc", *args))
    return subprocess.run(
        ["sh", "-c", f"exec {command} >&-"], capture_output=True, text=True, cwd=ROOT, check=False
    )


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_with_stdout_closed_or_full_is_a_message(flag):
    closed = _closed_stdout(flag)
    assert closed.returncode == 1
    assert closed.stderr == "error: cannot write the version: standard output is closed\n"
    with open("/dev/full", "w", encoding="utf-8") as full:
        result = subprocess.run(
            [sys.executable, "-m", "breachcalc", flag],
            stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, check=False,
        )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == "error: cannot write the version: No space left on device\n"


@pytest.mark.parametrize("args", [["--help"], ["assess", "--help"], ["sweep", "-h"]])
def test_help_with_stdout_closed_is_a_message(args):
    closed = _closed_stdout(*args)
    assert (closed.returncode, closed.stderr) == (
        1,
        "error: cannot write the output: standard output is closed\n",
    )


@pytest.mark.parametrize("args", [["--help"], ["assess", "--help"], ["sweep", "-h"]])
def test_help_into_a_full_device_is_a_message(args):
    with open("/dev/full", "w", encoding="utf-8") as full:
        result = subprocess.run(
            [sys.executable, "-m", "breachcalc", *args],
            stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, check=False,
        )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == "error: cannot write the output: No space left on device\n"


def test_ctrl_c_while_the_command_line_loads_is_exit_130(tmp_path):
    # Deterministic: the first third-party import of the command line is interrupted.
    (tmp_path / "typer").mkdir()
    (tmp_path / "typer" / "__init__.py").write_text("raise KeyboardInterrupt\n", encoding="utf-8")
    result = cli("assess", COUPANG, env={"PYTHONPATH": str(tmp_path)})
    assert (result.returncode, result.stdout, result.stderr) == (130, "", "interrupted\n")


def _before_any_code_of_ours(err: str) -> bool:
    """A traceback of a Ctrl-C that arrived while Python itself was starting: in ``site``, or
    while runpy imports the package ``breachcalc`` (its ``__init__``, which imports nothing)
    before ``__main__`` can catch anything, or in the import machinery's own clean-up (Python
    then says "Exception ignored in ... _get_module_lock" and goes on). Any other frame of
    breachcalc is ours."""
    import re

    ours = re.findall(r'File "[^"]*breachcalc[/\\]([^"]+)"', err)
    last = err.strip().splitlines()[-1]
    return last.split(":")[0] == "KeyboardInterrupt" and all(f == "__init__.py" for f in ours)


def test_a_traceback_before_our_code_runs_is_told_from_one_of_ours():
    started = (
        'Traceback (most recent call last):\n  File "<frozen runpy>", line 112\n'
        '  File "/x/breachcalc/__init__.py", line 17, in <module>\n'
        '  File "/y/lib/python3.11/__future__.py", line 83, in __init__\nKeyboardInterrupt\n'
    )
    assert _before_any_code_of_ours(started)
    ours = started.replace("__init__.py", "cli/app.py")
    assert not _before_any_code_of_ours(ours)
    assert not _before_any_code_of_ours(started.replace("KeyboardInterrupt", "ValueError: x"))
    ignored = (
        "Exception ignored in: <function _get_module_lock.<locals>.cb at 0x7f>\n"
        'Traceback (most recent call last):\n  File "<frozen importlib._bootstrap>", line 207,'
        " in cb\nKeyboardInterrupt: \n"
    )
    assert _before_any_code_of_ours(ignored)


def test_ctrl_c_at_any_moment_of_start_up_prints_no_traceback_of_ours():
    import signal
    import time

    for step in range(12):
        process = subprocess.Popen(
            [sys.executable, "-m", "breachcalc", "assess", COUPANG, "--no-history"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip
        time.sleep(0.02 + step * 0.01)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
        if "Traceback" in err:  # Python's own start-up (site, runpy), before our code runs
            assert _before_any_code_of_ours(err), err
        else:
            assert err in ("", "interrupted\n"), err
            assert process.returncode in (0, 130, -signal.SIGINT)


def test_closed_standard_input_and_output_are_input_and_output_errors():
    closed_in = cli("assess", "-", stdin=subprocess.DEVNULL)
    assert closed_in.returncode == 1  # empty input: a located message
    code = (
        "import os, sys; os.close(0); sys.stdin = None; sys.argv = ['breachcalc', 'assess', '-'];"
        "from breachcalc.cli.app import main; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1 and "standard input is closed" in result.stderr
    code = (
        "import sys; sys.stdout = None;"
        f"sys.argv = ['breachcalc', 'assess', {COUPANG!r}, '--no-history'];"
        "from breachcalc.cli.app import main; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1 and "standard output is closed" in result.stderr


def test_sigterm_cleans_up_and_exits_143(tmp_path):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "breachcalc",
            "simulate",
            UNCERTAIN,
            "--trials",
            "10000000",
            "-o",
            str(tmp_path / "out.json"),
            "--plot",
            str(tmp_path / "p.png"),
        ],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.0)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the run finished before the signal")
    assert process.returncode == 143 and "terminated" in err
    assert list(tmp_path.iterdir()) == []  # no hidden temporary left


def test_sighup_exits_129(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "breachcalc", "simulate", UNCERTAIN, "--trials", "10000000"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.0)
    process.send_signal(signal.SIGHUP)
    _, err = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the run finished before the signal")
    assert process.returncode == 129 and "hung up" in err


def test_a_ctrl_c_wrapped_by_an_import_is_an_interruption_not_an_internal_error(
    monkeypatch, capsys
):
    """Ctrl-C inside the import machinery (a class's ``__set_name__``) reaches ``main`` as a
    RuntimeError whose cause is the KeyboardInterrupt: it is still "interrupted", exit 130;
    a RuntimeError of our own is still an internal error, 70."""
    from breachcalc.cli import app

    def wrapped():
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as inner:
            raise RuntimeError("Error calling __set_name__") from inner

    def bug():
        raise RuntimeError("a bug")

    monkeypatch.setattr(sys, "argv", ["breachcalc", "assess", COUPANG])
    for command, code, words in ((wrapped, 130, "interrupted\n"), (bug, 70, "internal error")):
        monkeypatch.setattr(app, "application", lambda command=command: command)
        with pytest.raises(SystemExit) as stop:
            app.main()
        assert stop.value.code == code
        assert capsys.readouterr().err.startswith(words)
