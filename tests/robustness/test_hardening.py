"""Honest failure: interrupts, closed pipes, unwritable output, message caps, start-up imports,
and random overrides and scenario options that must never end in a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breachcalc.errors import MAX_PROBLEMS
from tests.conftest import EXAMPLES

COUPANG = str(EXAMPLES / "coupang.yaml")


def test_ctrl_c_ends_quietly_with_130(run, monkeypatch):
    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("breachcalc.api._assess", interrupted)
    result = run("assess", COUPANG, "--format", "json")
    assert (result.exit_code, result.stderr, result.stdout) == (130, "interrupted\n", "")


def test_interrupted_output_file_is_not_left_behind(run, monkeypatch, tmp_path):
    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("breachcalc.render.formats.write", interrupted)
    result = run("assess", COUPANG, "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 130
    assert list(tmp_path.iterdir()) == []


def test_a_closed_pipe_exits_141_without_noise():
    proc = subprocess.run(
        f"{sys.executable} -m breachcalc sweep {COUPANG} --vary affected=1:20000:1 "
        "--format csv | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        executable="/bin/bash",
    )
    assert proc.stdout.startswith("affected,")
    assert proc.stderr == ""


def test_a_full_disk_is_a_clear_message(run, monkeypatch):
    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("breachcalc.render.formats.write", full)
    result = run("assess", COUPANG)
    assert (result.exit_code, result.stderr) == (
        1,
        "error: cannot write the result: No space left on device\n",
    )


def test_problems_are_capped(write, run):
    path = write("name: x\n" + "".join(f"k{i}: {i}\n" for i in range(60)))
    result = run("assess", path)
    lines = result.stderr.splitlines()
    assert result.exit_code == 1
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[-1].endswith(
        "more problems (only the first 20 are shown; is this a breach description?)"
    )


@pytest.mark.parametrize("history", [["--no-history"], []])
def test_assess_json_imports_neither_rich_nor_numpy_nor_matplotlib(history):
    # the history estimate draws deterministic lattice draws in pure Python, not numpy
    code = (
        "import sys, io, contextlib\n"
        f"sys.argv = ['breachcalc', 'assess', {COUPANG!r}, '--format', 'json', *{history!r}]\n"
        "from breachcalc.cli.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main()\n    except SystemExit:\n        pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'numpy', 'matplotlib'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


paths = st.sampled_from(
    [
        "affected",
        "name",
        "compensation.amount",
        "compensation.redemption",
        "compensation.currency",
        "compensation.vouchers.0.amount",
        "reporting.rates",
        "reporting.currency",
        "jurisdictions",
        "jurisdictions.KR",
        "fines.KR.turnover",
        "costs.monitoring.months",
        "discovered",
        "circumstances.malicious",
        "data_categories.1",
        "afected",
        "compensation",
        "a.b.c",
        "",
        "variants",
        "0",
        "compensation.vouchers",
    ]
)
values = st.one_of(
    st.sampled_from(
        [
            "1000",
            "-1",
            "0.4",
            "1e99",
            ".nan",
            "yes",
            "[KR, EU]",
            "{low: 1, high: 2}",
            "'text'",
            "null",
            "2025-13-45",
            "[",
            "{",
            "&a 1",
            "*b",
            "!!python/none ~",
            "1 USD = 0 KRW",
            "USD",
            "",
        ]
    ),
    st.text(max_size=12),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.tuples(paths, values), min_size=1, max_size=3),
    st.sampled_from(["assess", "explain", "simulate", "sensitivity", "compare"]),
    st.sampled_from(["table", "json", "csv"]),
)
def test_random_overrides_never_crash(run, changes, command, fmt):
    args = [command, COUPANG]
    if command == "compare":
        args.append(str(EXAMPLES / "coupang-notice.yaml"))
    if command == "simulate":
        args += ["--trials", "50"]
    if command == "explain" and fmt == "csv":
        fmt = "json"
    for path, value in changes:
        args += ["--set", f"{path}={value}"]
    result = run(*args, "--format", fmt)
    assert result.exit_code in (0, 1, 2), (args, result.stderr, result.exception)
    assert "Traceback" not in result.stderr
    if result.exit_code:
        assert result.stderr.strip(), args


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(paths, st.lists(values, min_size=1, max_size=3)), min_size=1, max_size=2))
def test_random_sweeps_never_crash(run, axes):
    args = ["sweep", COUPANG, "--format", "jsonl"]
    for path, items in axes:
        args += ["--vary", f"{path}={','.join(items)}"]
    result = run(*args)
    assert result.exit_code in (0, 1, 2), (args, result.stderr, result.exception)
    assert "Traceback" not in result.stderr


def test_a_path_into_a_list_is_a_message_not_a_crash(run):
    # coupang.yaml lists its jurisdictions ([KR, TW]); `jurisdictions.KR` cannot go into a list
    assessed = run("assess", COUPANG, "--set", "jurisdictions.KR=1000")
    assert assessed.exit_code == 1
    assert "this is a list in the file, so `KR` cannot be set in it" in assessed.stderr
    swept = run("sweep", COUPANG, "--vary", "jurisdictions.KR=1,2")
    assert swept.exit_code == 2
    assert "this is a list in the file" in swept.stderr


def test_bidirectional_controls_are_refused(write, run):
    path = write('name: "invoice \\u202egnp.exe"\naffected: 1\ndata_categories: [names]\n')
    result = run("assess", path)
    assert result.exit_code == 1
    assert "character U+202E (a bidirectional control) is not allowed in text" in result.stderr


def test_a_terminal_that_cannot_show_a_name_gets_escapes(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text("name: 쿠팡 breach\naffected: 1\ndata_categories: [names]\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "breachcalc", "assess", str(path), "--format", "json"],
        capture_output=True,
        timeout=30,
        check=False,
        env={"PYTHONIOENCODING": "ascii", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert b'"name": "\\uCFE0\\uD321 breach"'.lower() in proc.stdout.lower()
