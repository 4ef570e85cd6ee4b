"""Regression tests for the second round of attacks (issue 14's findings)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

COUPANG = str(ROOT / "examples" / "coupang.yaml")
UNCERTAIN = str(ROOT / "examples" / "coupang-uncertain.yaml")
BASE = "name: x\naffected: 10\ndata_categories: [names]\n"


def cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "breachcalc", *args],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        **kwargs,
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_output_onto_a_character_device_leaves_it_a_device(tmp_path):
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = cli("assess", COUPANG, "--no-history", "-o", str(device))
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(device.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no temporary left beside it


def test_output_onto_a_fifo_writes_through_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    result = cli("assess", COUPANG, "--no-history", "--format", "json", "-o", str(fifo))
    out, _ = reader.communicate(timeout=30)
    assert result.returncode == 0 and '"schema_version"' in out
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_output_onto_the_input_is_refused_and_the_input_unchanged(tmp_path):
    path = tmp_path / "in.yaml"
    path.write_text(Path(COUPANG).read_text(encoding="utf-8"), encoding="utf-8")
    before = path.read_bytes()
    result = cli("assess", str(path), "-o", str(path))
    assert result.returncode == 1
    assert "it is an input of this command" in result.stderr
    assert path.read_bytes() == before
    plot = cli("simulate", str(path), "-n", "10", "--plot", str(path))
    assert plot.returncode in (1, 2) and path.read_bytes() == before


@pytest.mark.parametrize(
    "extra",
    ["discovered: 9999-12-31\ndisclosed: 9999-12-31\njurisdictions: [KR]\n"],
)
def test_a_date_near_the_end_of_the_calendar_is_an_input_error(tmp_path, extra):
    path = tmp_path / "far.yaml"
    path.write_text(BASE + extra, encoding="utf-8")
    result = cli("assess", str(path))
    assert result.returncode == 1
    assert "outside the years 1900 to 2999" in result.stderr
    via_set = cli("assess", COUPANG, "--set", "discovered=9999-12-31")
    assert via_set.returncode == 1 and "Traceback" not in via_set.stderr


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


@pytest.mark.parametrize("value", ["yes", "on", '"yes"', '"true"', "1", "off", "0"])
def test_booleans_are_true_or_false_only(run, write, value):
    text = BASE + (
        "circumstances: {confidentiality: none, integrity: none, availability: none, "
        f"malicious: {value}}}\n"
    )
    result = run("assess", write(text))
    assert result.exit_code == 1
    assert "circumstances.malicious: must be true or false" in result.stderr


def test_a_range_with_low_above_high_is_refused(run):
    result = run("sensitivity", COUPANG, "--range", "affected=10:1")
    assert result.exit_code == 2 and "LOW is above HIGH" in result.stderr


def test_an_amount_below_the_minor_unit_is_refused(run, write):
    result = run("assess", write(BASE + "compensation: {currency: KRW, amount: 0.0000001}\n"))
    assert result.exit_code == 1
    assert "compensation.amount: is below the smallest unit of KRW (1)" in result.stderr
    cents = run("assess", write(BASE + "compensation: {currency: USD, amount: 0.001}\n"))
    assert cents.exit_code == 1 and "smallest unit of USD (0.01)" in cents.stderr


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


def test_a_file_that_is_no_breach_description_is_not_quoted(tmp_path):
    shadow = tmp_path / "shadow"
    shadow.write_text(
        "root:$6$abcdefghijklmnopqrstuvwxyz0123456789:19000:0:99999:7:::\n"
        "user:$6$ZZZZZZZZZZZZZZZZZZZZZZZZZZZZ:19000:0:99999:7:::\n",
        encoding="utf-8",
    )
    result = cli("assess", str(shadow))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "$6$" not in result.stderr and "not a breach description" in result.stderr


def test_text_values_are_quoted_short(run, write):
    secret = "s3cr3t-t0ken-" + "x" * 40
    text = BASE.replace("[names]", f"[names, {secret}]")
    result = run("assess", write(text))
    assert result.exit_code == 1
    assert secret not in result.stderr and "'s3cr3t-t0ken-xxxxxxxxxx…'" in result.stderr


def test_svg_plots_are_the_same_bytes_each_run(tmp_path):
    one, two = tmp_path / "a.svg", tmp_path / "b.svg"
    for target in (one, two):
        result = cli("simulate", UNCERTAIN, "-n", "2000", "--plot", str(target), "--no-history")
        assert result.returncode == 0, result.stderr
    assert one.read_bytes() == two.read_bytes()
    assert b"<dc:date>" not in one.read_bytes()


def test_a_problem_in_a_variant_names_file_line_and_column(run, write):
    path = write(
        BASE + "compensation: {currency: KRW, amount: 10}\nvariants:\n  v:\n    affected: -5\n"
    )
    result = run("assess", path, "--no-history")
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}:7:15: variant v: affected: must be 0 or more, not -5\n"


def test_percentile_nan_in_our_words(run):
    result = run("simulate", UNCERTAIN, "-p", "nan")
    assert result.exit_code == 2
    assert result.stderr == "error: --percentile nan: give a number from 0 to 100, e.g. -p 95\n"


def test_several_files_are_written_as_they_are_assessed(tmp_path):
    """Issue 14: a batch is streamed: the first document is out before the second file is
    read, so memory does not grow with the number of files."""
    import io

    from breachcalc.analysis.results import Assessments, Labelled
    from breachcalc.domain.assessment import assess
    from breachcalc.input.loader import load_breach
    from breachcalc.render.formats import write

    produced = []

    def batch(index):
        def make():
            produced.append(index)
            return [Labelled(f"s{index}", False, assess(load_breach("examples/clinic-small.yaml")))]

        return make

    seen_at_write = []

    class Recording(io.StringIO):
        def write(self, text):
            seen_at_write.append(len(produced))
            return super().write(text)

    out = Recording()
    write(Assessments([batch(index) for index in range(3)]), "jsonl", out)
    assert seen_at_write == [1, 2, 3]
    assert len(out.getvalue().splitlines()) == 3
