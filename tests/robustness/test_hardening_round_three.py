"""Regression tests for the third round of attacks (issue 23's findings), one per defect."""

from __future__ import annotations

import functools
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
COUPANG = str(EXAMPLES / "coupang.yaml")
POLICY = str(EXAMPLES / "policy.yaml")
JSON = ("--no-history", "--format", "json")


def cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, **kwargs.pop("env", {})}
    return subprocess.run(
        [sys.executable, "-m", "breachcalc", *args],
        check=False,
        capture_output=True,
        text=kwargs.pop("text", True),
        cwd=kwargs.pop("cwd", ROOT),
        env=env,
        **kwargs,
    )


@functools.cache
def assessed_json() -> str:
    """Coupang's JSON from the installed entry point: computed once, compared by several tests."""
    return cli("assess", COUPANG, "--no-history", "--format", "json").stdout


# -o: links, devices, modes, inputs, stdout ---------------------------------------------------


def test_output_through_a_link_writes_its_target_and_keeps_the_link(tmp_path):
    (tmp_path / "reports").mkdir()
    target = tmp_path / "reports" / "x.json"
    target.write_text("stale\n", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(Path("reports") / "x.json")
    result = cli("assess", COUPANG, "--no-history", "--format", "json", "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(Path("reports") / "x.json")
    assert target.read_text(encoding="utf-8") == assessed_json()
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["x.json"]


def test_output_through_a_chain_of_links_and_a_dangling_link(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "second").symlink_to("../sub/new.json")  # dangling: new.json is made
    (tmp_path / "first").symlink_to("sub/second")
    result = cli("assess", COUPANG, "--no-history", "--format", "json", "-o", "first", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "first").is_symlink() and (tmp_path / "sub" / "second").is_symlink()
    assert (tmp_path / "sub" / "new.json").read_text(encoding="utf-8") == assessed_json()


def test_output_onto_a_loop_of_links_is_a_located_error(tmp_path):
    (tmp_path / "loop").symlink_to("loop")
    result = cli("assess", COUPANG, "--no-history", "-o", str(tmp_path / "loop"))
    assert result.returncode == 1
    assert (
        result.stderr
        == f"error: cannot write {tmp_path / 'loop'}: too many levels of symbolic links\n"
    )


def test_output_to_dev_stdout_writes_through_and_never_replaces_it(tmp_path):
    before = os.lstat("/dev/stdout")
    log = tmp_path / "log.txt"
    log.write_text("first line\n", encoding="utf-8")
    with open(log, "a", encoding="utf-8") as appended:
        result = subprocess.run(
            [sys.executable, "-m", "breachcalc", "assess", COUPANG, *JSON, "-o", "/dev/stdout"],
            stdout=appended,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    after = os.lstat("/dev/stdout")
    assert stat.S_ISLNK(after.st_mode) and (after.st_ino, after.st_dev) == (
        before.st_ino,
        before.st_dev,
    )
    assert log.read_text(encoding="utf-8") == "first line\n" + assessed_json()
    assert not list(tmp_path.glob(".log*")) and not list(Path("/dev").glob(".stdout*"))


def test_output_to_dev_stderr_is_written_through():
    result = cli("assess", COUPANG, "--no-history", "-f", "json", "-o", "/dev/stderr")
    assert result.returncode == 0
    assert result.stdout == "" and result.stderr == assessed_json()
    assert os.path.islink("/dev/stderr")


def test_output_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    private = tmp_path / "private.json"
    private.write_text("old\n", encoding="utf-8")
    private.chmod(0o600)
    result = cli("assess", COUPANG, "--no-history", "-f", "json", "-o", str(private))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text(encoding="utf-8") == assessed_json()
    shared = tmp_path / "shared.json"
    shared.write_text("old\n", encoding="utf-8")
    shared.chmod(0o664)
    assert cli("assess", COUPANG, "--no-history", "-o", str(shared)).returncode == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664


@pytest.mark.parametrize(
    "command",
    [
        ["assess", COUPANG],
        ["report", COUPANG, "--no-history"],
        ["simulate", COUPANG, "-n", "10", "--no-history"],
        ["portfolio", str(EXAMPLES / "portfolio" / "02-shop-card-skimming.yaml"), "-n", "10"],
    ],
)
def test_output_onto_the_policy_file_is_refused(tmp_path, command):
    policy = tmp_path / "policy.yaml"
    policy.write_bytes(Path(POLICY).read_bytes())
    link = tmp_path / "link.yaml"
    link.symlink_to(policy)
    for target in (policy, link):
        result = cli(*command, "--policy", str(policy), "-o", str(target))
        assert result.returncode == 1, result.stderr
        assert result.stderr == (
            f"error: cannot write {target}: it is an input of this command; choose another file\n"
        )
        assert policy.read_bytes() == Path(POLICY).read_bytes()


def test_plot_onto_the_policy_file_is_refused(tmp_path):
    policy = tmp_path / "policy.svg"
    policy.write_bytes(Path(POLICY).read_bytes())
    result = cli("simulate", COUPANG, "-n", "10", "--policy", str(policy), "--plot", str(policy))
    assert result.returncode == 1
    assert "it is an input of this command" in result.stderr
    assert policy.read_bytes() == Path(POLICY).read_bytes()


def test_output_dash_is_standard_output(tmp_path):
    result = cli("assess", COUPANG, "--no-history", "-f", "json", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == assessed_json()
    assert list(tmp_path.iterdir()) == []


def test_an_unreadable_policy_is_a_located_input_error(tmp_path):
    folder = cli("assess", COUPANG, "--policy", str(tmp_path))
    assert folder.returncode == 1
    assert folder.stderr == f"error: {tmp_path}: is a directory, not a breach file\n"
    missing = cli("assess", COUPANG, "--policy", str(tmp_path / "none.yaml"))
    assert missing.returncode == 1 and str(tmp_path / "none.yaml") in missing.stderr
    assert "Usage:" not in missing.stderr + folder.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file of mode 000")
def test_a_policy_without_read_permission_is_a_located_input_error(tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_bytes(Path(POLICY).read_bytes())
    policy.chmod(0)
    result = cli("assess", COUPANG, "--policy", str(policy))
    assert result.returncode == 1 and str(policy) in result.stderr


# Exit 70 reproducers: each now a located message or the right output ------------------------

POLICY_SECTION = "insurance:\n  currency: USD\n  retention: 5000000\n  limit: 100000000\n"


def insured_copy(tmp_path: Path) -> Path:
    path = tmp_path / "insured.yaml"
    path.write_text(Path(COUPANG).read_text(encoding="utf-8") + POLICY_SECTION, encoding="utf-8")
    return path


def test_sensitivity_of_an_insured_breach_varies_the_breach_and_not_the_policy(tmp_path):
    insured = cli("sensitivity", str(insured_copy(tmp_path)))
    plain = cli("sensitivity", COUPANG)
    assert insured.returncode == 0, insured.stderr
    # the whole exposure is before insurance: the same tornado as without the policy
    assert insured.stdout == plain.stdout
    assert "insurance" not in insured.stdout


def test_set_reaches_into_the_insurance_section(tmp_path):
    result = cli(
        "assess", str(insured_copy(tmp_path)), "--no-history", "-f", "json",
        "--set", "insurance.limit=7",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # the limit, 7 USD, in won at the file's rate 38 USD = 55,000 KRW: 7 × 55000 / 38
    assert "L = 10131.578947368421052631578947368421052631578947368)" in result.stdout
    typo = cli("assess", COUPANG, "--set", "insurance.retentio=1")
    assert typo.returncode == 2
    assert (
        typo.stderr
        == "error: unknown path `insurance.retentio`; did you mean `insurance.retention`?\n"
    )


NO_COST_LINES = "name: x\naffected: 10\ndata_categories: [names]\n" + POLICY_SECTION


def test_simulate_and_report_of_an_insured_breach_without_cost_lines(tmp_path):
    path = tmp_path / "nocost.yaml"
    path.write_text(NO_COST_LINES, encoding="utf-8")
    import json

    result = cli("simulate", str(path), "--no-history", "-n", "50", "-f", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    zero = {"amount": 0, "currency": "USD"}
    assert document["total"]["mean"] == zero
    assert document["net"]["retained"]["mean"] == document["net"]["recovered"]["mean"] == zero
    report = cli("report", str(path), "--no-history", "-o", str(tmp_path / "r.html"))
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_sweep_with_a_set_that_breaks_the_file_writes_nothing():
    result = cli("sweep", COUPANG, "--vary", "affected=1,2", "--set", "data_categories=5")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        "error: examples/coupang.yaml: --set data_categories=5: data_categories: must be a list "
        "(`[a, b]` or `- a` lines)\n"
    ).replace("examples/coupang.yaml", COUPANG)


def test_init_with_standard_input_closed_is_a_usage_error(tmp_path):
    result = subprocess.run(
        ["sh", "-c", f"exec '{sys.executable}' -m breachcalc init new.yaml <&-"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("error: init asks questions and needs a terminal")
    assert not (tmp_path / "new.yaml").exists()


# A failing sweep leaves nothing half-written -------------------------------------------------


@pytest.mark.parametrize(
    ("vary", "message"),
    [
        ("affected=1,2,-3", "--vary row affected=-3: affected: must be 0 or more, not -3"),
        ("affected=1:3:0.5", "--vary row affected=1.5: affected: must be a whole number"),
        ("compensation.redemption=0.1:1.3:0.1", "--vary row compensation.redemption=1.3:"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_a_sweep_checks_every_value_before_the_first_row(vary, message, fmt):
    result = cli("sweep", COUPANG, "--vary", vary, "-f", fmt)
    assert result.returncode == 1
    assert result.stdout == ""
    assert message in result.stderr and "Traceback" not in result.stderr


# Output is safe to open: CSV, Markdown, tables, JSON -----------------------------------------

HOSTILE_LABEL = '=HYPERLINK(\\"http://x\\")\\r\\n,evil <img src=x onerror=alert(1)> [c](javascript:alert(1)) <script>alert(2)</script>'


def hostile_file(tmp_path: Path) -> Path:
    """coupang-uncertain.yaml with voucher labels that try formulas, rows, HTML and links."""
    text = (EXAMPLES / "coupang-uncertain.yaml").read_text(encoding="utf-8")
    text = text.replace("label: Coupang Eats", f'label: "{HOSTILE_LABEL}"')
    text = text.replace("label: R.LUX", 'label: "+1\\tz"')
    text = text.replace("label: Coupang Travel", 'label: "@SUM(A1)"')
    text = text.replace("label: Coupang (all products)", 'label: "-2+3\\rcmd"')
    path = tmp_path / "=hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _is_number(cell: str) -> bool:
    from decimal import Decimal, InvalidOperation

    try:
        Decimal(cell)
    except InvalidOperation:
        return False
    return True


def read_csv(text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("name", ["simulate", "assess", "compare"])
def test_csv_has_one_record_per_row_and_no_formula(tmp_path, name):
    import json

    path = hostile_file(tmp_path)
    files = [str(path)] + ([COUPANG] if name == "compare" else [])
    options = {"simulate": ["-n", "200", "--no-history"], "assess": ["--no-history"]}.get(name, [])
    result = cli(name, *files, *options, "--format", "csv")
    assert result.returncode == 0, result.stderr
    document = json.loads(cli(name, *files, *options, "-f", "json").stdout)
    records = {
        "simulate": lambda: 1 + len(document["lines"]) + 1,  # header, each line, the total
        "assess": lambda: 1 + 1,  # header, the one breach
        "compare": lambda: 1 + len(document["rows"]),  # header, each figure
    }[name]()
    rows = read_csv(result.stdout)
    assert len(rows) == records
    assert all(len(row) == len(rows[0]) for row in rows)
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or _is_number(cell), cell
    cells = " ".join(cell for row in rows for cell in row)
    assert '\'=HYPERLINK("http://x")\n,evil' in cells  # one cell, quoted, neutralised
    assert "'+1\tz" in cells and "'@SUM(A1)" in cells and "'-2+3\ncmd" in cells


def rendered_markdown(text: str) -> str:
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    renderer.validateLink = lambda _url: True  # markdown-it drops javascript: links; others do not
    return renderer.render(text)


def assert_inert_html(html: str) -> None:
    import re

    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.IGNORECASE)
    assert not re.search(r"href\s*=\s*\"?\s*javascript:", html, re.IGNORECASE)


@pytest.mark.parametrize(
    "command",
    [
        ["simulate", "-n", "200", "--no-history", "--format", "markdown"],
        ["assess", "--no-history", "--format", "markdown"],
        ["report", "--no-history", "--format", "markdown"],
    ],
)
def test_markdown_renders_the_file_text_as_text(tmp_path, command):
    path = hostile_file(tmp_path)
    name, *options = command
    result = cli(name, str(path), *options)
    assert result.returncode == 0, result.stderr
    html = rendered_markdown(result.stdout)
    assert_inert_html(html)
    if name != "assess":  # the label itself is shown, as text
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        assert "[c](javascript:alert(1))" in html


def test_markdown_text_escapes_markup_and_keeps_words():
    from breachcalc.render.rows import markdown_text

    assert markdown_text("contact_details AT&T") == "contact_details AT&T"
    assert markdown_text("a|b\r\nc") == "a\\|b c"
    assert markdown_text("<b>&lt;") == "&lt;b&gt;&amp;lt;"
    assert (
        markdown_text("_x_ *y* `z` [l](u) ~~s~~ \\")
        == "\\_x\\_ \\*y\\* \\`z\\` \\[l\\](u) \\~\\~s\\~\\~ \\\\"
    )
    assert rendered_markdown(markdown_text("_x_ *y* `z` [l](u) ~~s~~ \\ &amp;")) == (
        "<p>_x_ *y* `z` [l](u) ~~s~~ \\ &amp;amp;</p>\n"
    )


def test_tables_show_terminal_escapes_in_names_as_text(tmp_path):
    name = "x\x1b]0;pwn\x07\x1b[2J.yaml"
    path = tmp_path / name
    path.write_bytes((EXAMPLES / "coupang-scenarios.yaml").read_bytes())
    shown = "x\\x1b]0;pwn\\x07\\x1b[2J.yaml"
    assess = cli("assess", str(path), "--no-history", cwd=tmp_path)
    assert assess.returncode == 0, assess.stderr
    assert "\x1b" not in assess.stdout and "\x07" not in assess.stdout
    assert f"Scenario {tmp_path}/{shown}#offer-30000\n" in assess.stdout
    compare = cli("compare", name, COUPANG, cwd=tmp_path)
    assert compare.returncode == 0 and "\x1b" not in compare.stdout
    assert f"Comparison against {shown}" in compare.stdout
    variant = cli("assess", f"{name}#\x1b[2Jv", cwd=tmp_path)
    assert variant.returncode == 1 and "\x1b" not in variant.stderr


@pytest.mark.parametrize("columns", ["0", "1", "3", "5"])
def test_a_tiny_columns_still_prints_the_figures(columns):
    result = cli("assess", COUPANG, "--no-history", env={"COLUMNS": columns})
    assert result.returncode == 0
    assert "1,853,500,000,000 KRW" in result.stdout  # 33,700,000 × 55,000


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_stays_json_whatever_the_output_encoding(tmp_path, encoding, fmt):
    import json

    path = tmp_path / "ko.yaml"
    path.write_text(
        'name: "Ké 😀 쿠팡"\naffected: 10\ndata_categories: [names]\n'
        "compensation: {currency: KRW, amount: 5}\n",
        encoding="utf-8",
    )
    result = cli(
        "assess",
        str(path),
        "--no-history",
        "-f",
        fmt,
        env={"PYTHONIOENCODING": encoding},
        text=False,
    )
    assert result.returncode == 0
    document = json.loads(result.stdout.decode(encoding))
    assert document["breach"]["name"] == "Ké 😀 쿠팡"
    if encoding == "ascii":
        assert b"\\ucfe0\\ud321" in result.stdout and b"\\ud83d\\ude00" in result.stdout


# Wrong accepts, now refused with located messages --------------------------------------------

SMALL = (
    "name: x\naffected: 1000\ndata_categories: [names]\ncompensation: {currency: KRW, amount: 5}\n"
)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "costs:\n  monitoring: {category: payment card, enrolment: 0.5, price_per_month: 10, months: 12}\n",
            "6:26: costs.monitoring.category: payment_cards is not among `data_categories`: "
            "monitoring is offered to the people whose data of it leaked; add it there or drop this",
        ),
        (
            "occurred: 2025-02-01\ndisclosed: 2025-01-01\n",
            "6:12: disclosed: is before `occurred` (2025-02-01); check the two dates",
        ),
        (
            "occurred: 2025-02-01\njurisdictions: [KR]\nnotified: {KR: 2025-01-01}\n",
            "7:16: notified.KR: is before `occurred` (2025-02-01); check the two dates",
        ),
        (
            "discovered: 2023-01-01\njurisdictions: [KR]\n"
            "fines:\n  KR: {turnover: 100, related_turnover: 200, expected: 1}\n",
            "8:41: fines.KR.related_turnover: is more than `turnover` (100); the revenue related "
            "to the violation is part of the turnover",
        ),
        (
            "reporting: {currency: USD, rates: ['1 USD = 3 ZZZ']}\n",
            "5:36: reporting.rates.0: exchange rate '1 USD = 3 ZZZ': unknown ISO 4217 currency "
            "code 'ZZZ'",
        ),
    ],
    ids=[
        "monitoring-category",
        "occurred-disclosed",
        "occurred-notified",
        "related-turnover",
        "rate-currency",
    ],
)
def test_inconsistent_inputs_are_refused_where_they_are_written(tmp_path, extra, message):
    path = tmp_path / "b.yaml"
    path.write_text(SMALL + extra, encoding="utf-8")
    result = cli("assess", "b.yaml", "--no-history", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"error: b.yaml:{message}\n"


def test_monitoring_for_a_category_that_leaked_is_charged_for_its_people(tmp_path):
    import json

    path = tmp_path / "b.yaml"
    path.write_text(
        "name: x\naffected: 1000\ndata_categories: [names, {category: payment card, affected: 40}]\n"
        "costs:\n  currency: KRW\n  monitoring: {category: payment card, enrolment: 0.5, price_per_month: 10, months: 12}\n",
        encoding="utf-8",
    )
    result = cli("assess", str(path), "--no-history", "-f", "json")
    assert result.returncode == 0, result.stderr
    lines = json.loads(result.stdout)["exposure"]["lines"]
    monitoring = next(line for line in lines if line["key"] == "monitoring")
    assert monitoring["amount"] == {"amount": 2400, "currency": "KRW"}  # 40 × 0.5 × 10 × 12


# Start-up and the standard streams -----------------------------------------------------------


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
        if "Traceback" in err:  # Python's own start-up (site), before any of breachcalc runs
            assert "breachcalc" not in err, err
        else:
            assert err in ("", "interrupted\n"), err
            assert process.returncode in (0, 130, -signal.SIGINT)


# --range, portfolio ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("affected=-5:10", "-5 is outside the range: it must be a whole number, 0 or more"),
        ("affected=1.5:2.5", "1.5 is not a whole number; a count is a whole number, 0 or more"),
        ("affected=1:2:3", "write PATH=LOW:HIGH, e.g. compensation.redemption=0.2:0.9"),
        (
            "name=1:2",
            "`name` is not a number (an amount, a count or a share), so it has no low and high",
        ),
        (
            "compensation.amount=nan:1",
            "'nan' is not a number; LOW and HIGH must each be an amount, 0 or more",
        ),
        (
            "compensation.amount=.nan:1",
            "NaN is not a number; LOW and HIGH must each be an amount, 0 or more",
        ),
        ("compensation.redemption=0.5:2", "2 is outside the range: it must be a share from 0 to 1"),
        (
            "affected=true:3",
            "True is not a number; LOW and HIGH must each be a whole number, 0 or more",
        ),
    ],
)
def test_a_range_the_field_cannot_take_is_a_usage_error(given, message):
    result = cli("sensitivity", COUPANG, "--range", given)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"error: --range {given!r}: {message}\n"


def test_a_good_range_is_used_as_given():
    import json

    result = cli("sensitivity", COUPANG, "--range", "compensation.amount=30000:60000", "-f", "json")
    assert result.returncode == 0, result.stderr
    row = next(r for r in json.loads(result.stdout)["rows"] if r["input"] == "compensation.amount")
    # 33,700,000 accounts × 30,000 and × 60,000 won
    assert (row["total_low"], row["total_high"]) == (1011000000000, 2022000000000)
    assert row["skipped"] is None


def test_a_portfolio_counts_a_file_given_twice_once(tmp_path):
    scenario = EXAMPLES / "portfolio" / "02-shop-card-skimming.yaml"
    link = tmp_path / "same.yaml"
    link.symlink_to(scenario)
    once = cli("portfolio", str(scenario), "-n", "2000", "-f", "json")
    twice = cli(
        "portfolio",
        str(scenario),
        str(link),
        "./" + str(scenario.relative_to(ROOT)),
        "-n",
        "2000",
        "-f",
        "json",
    )
    assert once.returncode == twice.returncode == 0
    assert twice.stdout == once.stdout
    assert twice.stderr.count("counted once") == 2


# Korean names in charts ----------------------------------------------------------------------

KOREAN = (
    'name: "쿠팡 개인정보 유출 2025"\naffected: 33700000\ndata_categories: [names]\n'
    "compensation:\n  currency: KRW\n  vouchers:\n"
    '    - {label: "쿠팡 이츠", amount: 5000, redemption: {low: 0.2, likely: 0.4, high: 0.8}}\n'
)


def test_korean_names_in_charts_write_nothing_on_stderr(tmp_path):
    path = tmp_path / "ko.yaml"
    path.write_text(KOREAN, encoding="utf-8")
    plot = cli("simulate", str(path), "-n", "500", "--plot", str(tmp_path / "ko.png"))
    assert (plot.returncode, plot.stderr) == (0, "")
    report = cli("report", str(path), "-o", str(tmp_path / "ko.html"))
    assert (report.returncode, report.stderr) == (0, "")


def test_without_a_korean_font_charts_fall_back_silently(tmp_path, monkeypatch):
    import warnings

    from breachcalc.domain.simulation import simulate
    from breachcalc.input.loader import load_breach
    from breachcalc.render import charts, fonts

    path = tmp_path / "ko.yaml"
    path.write_text(KOREAN, encoding="utf-8")
    breach = load_breach(str(path))
    monkeypatch.setattr(fonts, "CJK_FONTS", ())
    fonts.font_family.cache_clear()
    try:
        assert fonts.font_family() == ("DejaVu Sans",)
        assert fonts.missing_glyphs("쿠팡 abc") == "쿠팡"  # what would be boxes
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            charts.write_plot(simulate(breach, 200, 0), tmp_path / "ko.svg", breach.name)
        assert [str(w.message) for w in caught if "Glyph" in str(w.message)] == []
        assert (tmp_path / "ko.svg").read_text(encoding="utf-8").startswith("<?xml")
    finally:
        fonts.font_family.cache_clear()


def test_with_a_korean_font_installed_no_hangul_is_a_box():
    from breachcalc.render import fonts

    if len(fonts.font_family()) == 1:
        pytest.skip("no CJK font installed (.ci/run installs Debian's fonts-nanum)")
    assert fonts.missing_glyphs("쿠팡 개인정보 유출 이츠 서울") == ""
    assert fonts.font_family()[0] == "DejaVu Sans"  # Latin text drawn as before


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "json"])
def test_a_variant_name_with_terminal_escapes_is_shown_as_text(fmt):
    name = "x\x1b]0;title\x07\x1b[2Jy"
    result = cli("compare", COUPANG, "--variant", f"{name}=affected=5", "-f", fmt)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    if fmt in ("table", "csv"):
        assert "x\\x1b]0;title\\x07\\x1b[2Jy" in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["init", "--template", "-o", "-"],
        ["schema", "input", "-o", "-"],
        ["report", COUPANG, "--no-history", "--format", "markdown", "-o", "-"],
        ["sweep", COUPANG, "--vary", "affected=1,2", "-f", "csv", "-o", "-"],
    ],
)
def test_output_dash_is_standard_output_for_every_command(tmp_path, command):
    result = cli(*command, cwd=tmp_path)
    without = cli(*command[: command.index("-o")], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == without.stdout and result.stdout
    assert list(tmp_path.iterdir()) == []


def test_a_fine_given_in_another_currency_than_its_rule_needs_a_rate_to_the_breach_currency(
    tmp_path,
):
    # Found by scripts/fuzz.py (seed 1): on 2018-09-08 the UK maximum is the GDPR's, in euros;
    # the file gives the expected fine in pounds and rates GBP-EUR and EUR-USD, none GBP-USD,
    # which the fine's line (pounds, converted straight to dollars) needs: exit 70 before.
    path = tmp_path / "b.yaml"
    path.write_text(
        "name: x\naffected: 1000\ndata_categories: [names]\ndiscovered: 2018-09-08\n"
        "jurisdictions: [UK]\ncosts: {currency: USD}\n"
        "fines:\n  UK: {turnover: 16_727_000_000, currency: GBP, expected: 18_400_000}\n"
        "reporting:\n  currency: USD\n  rates: ['1 EUR = 0.8897 GBP', '1 EUR = 1.1422 USD']\n",
        encoding="utf-8",
    )
    result = cli("assess", "b.yaml", "--no-history", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "error: b.yaml:8:7: fines.UK: no exchange rate between GBP and USD; add one under "
        "`reporting.rates`, e.g. `1 USD = ... GBP`\n"
    )
    path.write_text(
        path.read_text(encoding="utf-8").replace("']\n", "', '1 GBP = 1.2829 USD']\n"),
        encoding="utf-8",
    )
    fixed = cli("assess", "b.yaml", "--no-history", "-f", "json", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stderr
    import json

    lines = json.loads(fixed.stdout)["exposure"]["lines"]
    fine = next(line for line in lines if line["key"] == "fine.UK")
    assert fine["amount"] == {"amount": 23605360, "currency": "USD"}  # 18,400,000 × 1.2829


def test_a_chart_of_latin_text_is_drawn_as_before_whatever_fonts_are_installed(tmp_path):
    import matplotlib

    from breachcalc.render import fonts

    with matplotlib.rc_context({"font.family": ["sans-serif"]}):
        fonts.use_chart_fonts(["Coupang 2025 (seed article figures)", "Fine, KR — 5%"])
        assert matplotlib.rcParams["font.family"] == ["sans-serif"]
        fonts.use_chart_fonts(["쿠팡"])
        assert matplotlib.rcParams["font.family"] == list(fonts.font_family())
    plot = cli(
        "simulate",
        str(EXAMPLES / "coupang-uncertain.yaml"),
        "-n",
        "300",
        "--plot",
        str(tmp_path / "p.svg"),
    )
    assert plot.returncode == 0
    svg = (tmp_path / "p.svg").read_text(encoding="utf-8")
    assert "font-family: 'DejaVu Sans', 'Bitstream Vera Sans'" in svg and "Nanum" not in svg
