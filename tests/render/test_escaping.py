"""Output is safe to open: text from an input file never becomes a formula in a CSV, markup in
Markdown or an escape sequence on a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, cli

COUPANG = str(EXAMPLES / "coupang.yaml")


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


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "json"])
def test_a_variant_name_with_terminal_escapes_is_shown_as_text(fmt):
    name = "x\x1b]0;title\x07\x1b[2Jy"
    result = cli("compare", COUPANG, "--variant", f"{name}=affected=5", "-f", fmt)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    if fmt in ("table", "csv"):
        assert "x\\x1b]0;title\\x07\\x1b[2Jy" in result.stdout
