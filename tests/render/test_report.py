"""breachcalc report: a self-contained page that agrees with itself and with assess, the same
bytes each run, two printed pages, and a real browser's view."""

from __future__ import annotations

import colorsys
import json
import re
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from breachcalc.domain.money import Money
from breachcalc.render.report import SEVERITY_COLOURS
from breachcalc.render.words import in_words, tick
from tests.browser import chromium, open_page

EXACT = re.compile(
    r"Exact figures: P50 ([0-9,.]+) ([A-Z]{3}); P5 ([0-9,.]+) \2; P95 ([0-9,.]+) \2\."
)


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _headline(text: str) -> tuple[Decimal, Decimal, Decimal, str]:
    """P5, P50, P95 and the currency, from the headline's exact figures."""
    found = EXACT.search(text)
    assert found, text[:2000]
    return _amount(found[3]), _amount(found[1]), _amount(found[4]), found[2]


def _visible(html: str) -> str:
    """The page's text: no tags, no embedded images, no style sheet."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    html = re.sub(r'src="data:[^"]*"', "", html)
    return re.sub(r"<[^>]+>", " ", html)


def _assess(run, *args: str) -> dict:
    result = run("assess", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal)


def test_the_report_is_self_contained_exact_and_the_same_bytes(run, tmp_path):
    one, two = tmp_path / "r1.html", tmp_path / "r2.html"
    for target in (one, two):
        result = run(
            "report", "examples/coupang-uncertain.yaml", "--date", "2026-12-01", "-o", str(target)
        )
        assert result.exit_code == 0, result.stderr
    html = one.read_text(encoding="utf-8")
    assert one.read_bytes() == two.read_bytes()
    assert not re.search(r"(src|href)=[\"']https?://", html)
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert "Not legal advice" in html and "P5–P95" in html
    for chart in ("severity", "timeline", "lines", "lec", "comparables"):
        assert f'id="chart-{chart}"' in html and "data:image/svg+xml;base64," in html
    assert "@page { size: A4;" in html


@pytest.mark.parametrize(
    "example",
    ["coupang.yaml", "coupang-uncertain.yaml", "equifax-2017.yaml", "clinic-small.yaml"],
)
@pytest.mark.parametrize("history", [True, False])
def test_the_headline_median_lies_inside_its_range(run, example, history):
    args = ["report", f"examples/{example}", "--format", "markdown"]
    result = run(*args, *([] if history else ["--no-history"]))
    assert result.exit_code == 0, result.stderr
    p5, p50, p95, _currency = _headline(result.stdout)
    assert p5 <= p50 <= p95
    scope = "public outcomes" if history else "left out (--no-history)"
    assert scope in result.stdout


def test_the_headline_is_the_whole_exposure_assess_gives(run):
    """For a file without ranges, the whole exposure is the file's exact total plus the history
    total: the headline's P5, P50 and P95 are assess's figures, to the won."""
    document = _assess(run, "examples/coupang.yaml")
    fixed = document["exposure"]["total"]["amount"]
    history = document["history"]["total"]
    report = run("report", "examples/coupang.yaml", "--format", "markdown").stdout
    p5, p50, p95, currency = _headline(report)
    assert currency == "KRW"
    assert (p5, p50, p95) == tuple(fixed + history[k]["amount"] for k in ("p5", "p50", "p95"))
    # in words, the reporting currency first and the breach currency beside it
    usd = (p50 * 38 / 55_000).quantize(Decimal("0.01"))
    krw = in_words(Money(p50, "KRW"))
    assert f"**Whole exposure, median: {in_words(Money(usd, 'USD'))} (≈ {krw}).**" in report
    # without history: the exact total, named as such
    alone = run("report", "examples/coupang.yaml", "--format", "markdown", "--no-history").stdout
    assert _headline(alone)[:3] == (fixed, fixed, fixed)
    assert "**Whole exposure: $1.28 billion (≈ ₩1.85 trillion)**" in alone


def test_labels_not_keys_terms_glossed_and_never_its_own_comparable(run, tmp_path):
    target = tmp_path / "r.html"
    assert run("report", "examples/coupang.yaml", "-o", str(target)).exit_code == 0
    text = _visible(target.read_text(encoding="utf-8"))
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text.replace("history-model.md", "")), re.findall(
        r"\b[a-z]+_[a-z_]+\b", text
    )
    assert "contact details" in text
    terms = text[text.index("Terms") :]
    for term in ("DPC", "EI", "CB", "SE", "ENISA", "P5, P50, P95", "pooled-hurdle/2"):
        assert f"<dt>{term}</dt>" in target.read_text(encoding="utf-8") or term in terms
    comparables = text[text.index("Comparable breach") : text.index("Terms")]
    assert "Coupang" not in comparables and "SK Telecom" in comparables
    # 13-digit sums appear only as the exact figures, never as the reading
    document = _assess(run, "examples/coupang.yaml")
    p50 = Decimal(document["exposure"]["total"]["amount"]) + Decimal(
        document["history"]["total"]["p50"]["amount"]
    )
    usd = (p50 * 38 / 55_000).quantize(Decimal("0.01"))
    assert f"{in_words(Money(usd, 'USD'))} (≈ {in_words(Money(p50, 'KRW'))})" in text


def test_severity_colours_run_from_calm_to_alarming():
    hues = [
        colorsys.rgb_to_hls(*(int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)))[0]
        for c in SEVERITY_COLOURS
    ]
    degrees = [h * 360 for h in hues]
    assert degrees == sorted(degrees, reverse=True)  # green → yellow → orange → red
    assert degrees[0] > 120 and degrees[-1] < 30


def test_the_date_is_today_unless_fixed(run):
    today = run("report", "examples/coupang.yaml", "--format", "markdown").stdout
    assert f"Breach impact report, {date.today().isoformat()}." in today
    fixed = run("report", "examples/coupang.yaml", "--format", "markdown", "--date", "2026-12-01")
    assert fixed.exit_code == 0
    assert fixed.stdout.startswith("# Coupang 2025 customer data breach")
    assert "## Key figures" in fixed.stdout and "2026-12-01. Not legal advice." in fixed.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "pdf"], 2, "--format pdf writes a file: add -o FILE.pdf"),
        (["--format", "docx"], 2, "`report` writes html, markdown, pdf; not docx"),
        (["--paper", "a5"], 2, "--paper a5: choose a4 or letter"),
        (["--date", "tomorrow"], 2, "--date tomorrow: write YYYY-MM-DD"),
    ],
)
def test_report_usage_errors(run, args, code, message):
    result = run("report", "examples/coupang.yaml", *args)
    assert result.exit_code == code and message in result.stderr


def test_without_chromium_the_pdf_says_how_to_install_it(run, tmp_path, monkeypatch):
    monkeypatch.setenv("BREACHCALC_CHROMIUM", "no-such-browser-here")
    target = tmp_path / "r.pdf"
    result = run("report", "examples/coupang.yaml", "--format", "pdf", "-o", str(target))
    assert result.exit_code == 1
    assert "apt-get install -y chromium" in result.stderr and "Traceback" not in result.stderr
    assert not target.exists()


def test_money_in_words_and_on_axes():
    assert in_words(Money(Decimal("1853500000000"), "KRW")) == "₩1.85 trillion"
    assert in_words(Money(Decimal("1280600000.00"), "USD")) == "$1.28 billion"
    assert in_words(Money(Decimal("469246.4"), "USD")) == "$469,246"
    assert in_words(Money(Decimal("25.5"), "GBP")) == "£25.50"
    assert in_words(Money(Decimal("0"), "USD")) == "$0"
    assert in_words(Money(Decimal("2500000"), "SEK")) == "SEK 2.5 million"
    assert in_words(Money(Decimal("1234567000000000"), "KRW")) == "₩1,235 trillion"
    assert [tick(v, "USD") for v in (0, 1e6, 2.5e5, 1.5e12)] == ["$0", "$1M", "$250k", "$1.5T"]
    assert tick(1e12, "KRW") == "₩1T"


def _pdf_pages(path: Path) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), unicodedata.normalize("NFKC", text)  # "ﬁ" ligatures to "fi"


@pytest.fixture(scope="module")
def browser():
    binary = chromium()
    if binary is None:
        pytest.skip("no chromium here, and it cannot be installed (not root, or no apt-get)")
    return binary


@pytest.mark.slow
@pytest.mark.parametrize(
    ("example", "paper"),
    [("coupang.yaml", "a4"), ("coupang.yaml", "letter"), ("coupang-uncertain.yaml", "letter")],
)
def test_the_coupang_report_prints_on_two_pages_with_the_assess_figures(
    run, tmp_path, browser, example, paper
):
    target = tmp_path / "report.pdf"
    args = ("report", f"examples/{example}", "--format", "pdf", "--paper", paper)
    result = run(*args, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    pages, text = _pdf_pages(target)
    assert pages <= 2
    from pypdf import PdfReader

    width, height = (float(x) for x in PdfReader(str(target)).pages[0].mediabox[2:])
    assert (round(width), round(height)) == ((595, 842) if paper == "a4" else (612, 792))
    p5, p50, p95, _currency = _headline(" ".join(text.split()))
    assert p5 <= p50 <= p95
    document = _assess(run, f"examples/{example}")
    fixed = document["exposure"]["total"]["amount"]
    if example == "coupang.yaml":  # no ranges: the file's total plus the history's, to the won
        assert p50 == fixed + document["history"]["total"]["p50"]["amount"]
    else:  # ranges: the file's likely total lies inside the whole exposure's P5-P95
        assert p5 <= fixed <= p95
    again = tmp_path / "again.pdf"
    assert run(*args, "-o", str(again)).exit_code == 0
    assert again.read_bytes() == target.read_bytes()  # no creation time inside


def test_the_report_in_a_real_browser(run, tmp_path, browser):
    page_file = tmp_path / "report.html"
    assert run("report", "examples/coupang-uncertain.yaml", "-o", str(page_file)).exit_code == 0
    assessed = _assess(run, "examples/coupang-uncertain.yaml")
    with open_page(browser, page_file.as_uri(), width=820) as page:
        headline = page.evaluate("document.getElementById('headline').innerText")
        sizes = page.evaluate(
            "[...document.querySelectorAll('img[id^=chart-]')].map(i => "
            "[i.id, i.naturalWidth, i.getBoundingClientRect().width, i.alt.length])"
        )
        overflow = page.evaluate(
            "[...document.querySelectorAll('table')].filter(t => "
            "t.getBoundingClientRect().right > document.body.getBoundingClientRect().right + 1)"
            ".length"
        )
        errors = [
            e
            for e in page.events
            if e.get("method") in ("Runtime.exceptionThrown", "Log.entryAdded")
            and (
                e["method"] == "Runtime.exceptionThrown" or e["params"]["entry"]["level"] == "error"
            )
        ]
        requests = [
            e["params"]["request"]["url"]
            for e in page.events
            if e.get("method") == "Network.requestWillBeSent"
        ]
    assert errors == []
    assert all(url.startswith(("file:", "data:")) for url in requests), requests
    assert "33,700,000 accounts affected" in headline and "CRITICAL" in headline
    assert overflow == 0  # every table wraps inside the page
    assert len(sizes) >= 5
    assert all(natural > 0 and shown > 0 and alt > 0 for _id, natural, shown, alt in sizes), sizes
    p5, p50, p95, currency = _headline(headline)
    assert p5 <= p50 <= p95 and currency == assessed["exposure"]["currency"]
    # the file's lines' likely total (assess's figure) lies inside the simulated range
    assert p5 <= assessed["exposure"]["total"]["amount"] <= p95


def test_the_pdf_keeps_nothing_that_changes_from_run_to_run():
    """Chromium writes the time and numbers its tagged table headers by DOM node ids, which
    vary between runs; both are replaced in place (the same length, so no offset moves)."""
    from breachcalc.render.pdf import _undated

    one = (
        b"/CreationDate (D:20261203101500+00'00')\n/ID (node00000041)>> /ID (node00000045)"
        b"/Names [(node00000041) 58 0 R (node00000045) 63 0 R]"
    )
    two = one.replace(b"20261203101500", b"20261204090000").replace(b"00000041", b"00000036")
    two = two.replace(b"00000045", b"00000040")
    assert _undated(one) == _undated(two)
    assert len(_undated(one)) == len(one)
    assert b"(node00000001) 58 0 R (node00000002) 63 0 R" in _undated(one)
