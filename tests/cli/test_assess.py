"""``assess`` on the command line: exact output, streams, several files and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, INPUTS, MINIMAL, ROOT

BAD = sorted((INPUTS / "bad").glob("*.yaml"))
COUPANG = str(EXAMPLES / "coupang.yaml")


def test_coupang_table_exact(run):
    result = run("assess", COUPANG, "--format", "table")
    assert result.exit_code == 0
    expected = (ROOT / "tests" / "golden" / "coupang.table.txt").read_text(encoding="utf-8")
    assert result.stdout == expected


def test_notice_table_shows_every_part(run):
    result = run("assess", str(EXAMPLES / "coupang-notice.yaml"), "--format", "table")
    assert result.exit_code == 0
    for figure in (
        "168,500,000,000",
        "674,000,000,000",
        "1,685,000,000,000 KRW",
        "1,170,138,888.89 USD",
        "50,000 KRW",
        "34.72 USD",
        "1 USD = 1,440 KRW",
    ):
        assert figure in result.stdout


def test_json_is_pure_and_parses(run):
    result = run("assess", COUPANG, "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    document = json.loads(result.stdout)
    assert document["schema_version"] == "2.0"
    assert document["severity"]["tier"] == "critical"
    assert "\x1b" not in result.stdout


def test_stdin_gives_the_same_document(run):
    from_file = run("assess", COUPANG, "--format", "json").stdout
    from_stdin = run("assess", "-", "--format", "json", input=Path(COUPANG).read_bytes()).stdout
    assert from_file == from_stdin


def test_default_format_is_the_table_even_when_piped(run):
    assert run("assess", COUPANG).stdout == run("assess", COUPANG, "--format", "table").stdout


def test_several_files_give_one_json_document_and_json_lines(run):
    """--format json is one document (an array for several inputs); jsonl is the stream."""
    names = [COUPANG, str(EXAMPLES / "coupang-notice.yaml"), str(EXAMPLES / "shop-jpy.yaml")]
    expected = [Decimal(1853500000000), Decimal(1685000000000), Decimal(208125000)]
    one = run("assess", *names, "--format", "json")
    assert one.exit_code == 0
    documents = json.loads(one.stdout, parse_float=Decimal)
    assert [d["compensation"]["total"]["amount"] for d in documents] == expected
    stream = run("assess", *names, "--format", "jsonl")
    lines = stream.stdout.splitlines()
    assert stream.exit_code == 0 and len(lines) == 3
    assert [json.loads(line, parse_float=Decimal) for line in lines] == documents


def test_a_bad_file_among_good_ones_still_reports_the_good(run, write):
    bad = write("name: x\naffected: -1\ndata_categories: [names]\n")
    result = run("assess", COUPANG, bad, "--format", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == f"error: {bad}:2:11: affected: must be 0 or more, not -1\n"
    array = run("assess", COUPANG, bad, "--format", "json")
    assert array.exit_code == 1 and len(json.loads(array.stdout)) == 1


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_bad_inputs_are_refused_with_a_located_message(run, path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("assess", str(path), "--format", "json")
    assert result.exit_code == 1, result.stdout
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith(f"error: {path}") for line in lines)
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written, no command run


def test_bad_inputs_in_a_real_process_never_traceback():
    """The installed entry point, in a subprocess: exit 1, located messages, no traceback. One
    process for all the files (``assess`` takes several and reports each), not one per file."""
    proc = subprocess.run(
        [sys.executable, "-m", "breachcalc", "assess", *map(str, BAD)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == "" and "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert all(line.startswith("error: ") for line in lines), proc.stderr
    unnamed = [p.name for p in BAD if not any(x.startswith(f"error: {p}") for x in lines)]
    assert unnamed == [], proc.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["assess"], "Missing argument 'FILE'"),
        (["assess", "x.yaml", "--format", "xml"], "`assess` writes table, json, jsonl, csv, markd"),
        (["assess", "x.yaml", "--bogus"], "No such option: --bogus"),
        (["frobnicate"], "No such command 'frobnicate'"),
        (["schema", "sideways"], "Invalid value for 'which'"),
    ],
)
def test_usage_errors_exit_2_on_stderr(run, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_missing_file_is_bad_input(run):
    result = run("assess", "no-such-file.yaml")
    assert (result.exit_code, result.stderr) == (1, "error: no-such-file.yaml: no such file\n")


def test_directory_is_bad_input(run, tmp_path):
    result = run("assess", str(tmp_path))
    assert result.exit_code == 1 and "is a directory" in result.stderr


def test_stdin_twice_is_refused(run):
    result = run("assess", "-", "-", input=MINIMAL)
    assert result.exit_code == 1 and "standard input can be read only once" in result.stderr


EXTREME = """\
name: the largest figures every limit allows
affected: 100_000_000_000
data_categories: [names]
compensation: {currency: KRW, amount: 1e18}
costs:
  monitoring: {enrolment: 1, price_per_month: 1e18, months: 100_000_000_000}
revenue: {annual: 0.000000000000000001}
reporting: {currency: USD, rates: ["0.000000000000000001 USD = 1,000,000,000,000,000,000 KRW"]}
"""


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_the_largest_allowed_figures_are_printed_not_crashed(run, fmt):
    """Products of in-limit figures go far past 50 digits; rounding them once raised
    decimal.InvalidOperation (exit 70)."""
    result = run("assess", "-", "--format", fmt, input=EXTREME)
    assert (result.exit_code, result.stderr) == (0, ""), result.exception
    assert "1" + "0" * 40 in result.stdout.replace(",", "")  # the monitoring line, 1e40 KRW


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
