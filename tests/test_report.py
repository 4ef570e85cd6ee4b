"""breachcalc report: a self-contained page, the same bytes each run, and a real browser's view."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from tests.browser import chromium, open_page

ROOT = Path(__file__).resolve().parent.parent


def test_the_report_is_self_contained_exact_and_the_same_bytes(run, tmp_path):
    one, two = tmp_path / "r1.html", tmp_path / "r2.html"
    for target in (one, two):
        result = run("report", "examples/coupang-uncertain.yaml", "-o", str(target))
        assert result.exit_code == 0, result.stderr
    html = one.read_text(encoding="utf-8")
    assert one.read_bytes() == two.read_bytes()
    assert not re.search(r"(src|href)=[\"']https?://", html)
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert "Not legal advice" in html and "P5–P95" in html
    for chart in ("severity", "timeline", "lines", "lec"):
        assert f'id="chart-{chart}"' in html and "data:image/svg+xml;base64," in html
    exact = run("report", "examples/coupang.yaml", "--no-history", "-o", str(tmp_path / "c.html"))
    assert exact.exit_code == 0
    assert "1,853,500,000,000 KRW" in (tmp_path / "c.html").read_text(encoding="utf-8")


def test_the_markdown_report_and_the_date(run):
    result = run("report", "examples/coupang.yaml", "--format", "markdown", "--date", "2026-12-01")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Coupang 2025 customer data breach")
    assert "## Key figures" in result.stdout and "2026-12-01. Not legal advice." in result.stdout
    assert run("report", "examples/coupang.yaml", "--format", "pdf").exit_code == 2
    assert run("report", "examples/coupang.yaml", "--date", "tomorrow").exit_code == 2


def test_the_report_in_a_real_browser(run, tmp_path):
    binary = chromium()
    if binary is None:
        pytest.skip("no chromium here, and it cannot be installed (not root, or no apt-get)")
    page_file = tmp_path / "report.html"
    assert run("report", "examples/coupang-uncertain.yaml", "-o", str(page_file)).exit_code == 0
    with open_page(binary, page_file.as_uri()) as page:
        headline = page.evaluate("document.getElementById('headline').innerText")
        sizes = page.evaluate(
            "[...document.querySelectorAll('img[id^=chart-]')].map(i => "
            "[i.id, i.naturalWidth, i.getBoundingClientRect().width, i.alt.length])"
        )
        height = page.evaluate("document.documentElement.scrollHeight")
        shot = page.send(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": 1200, "height": min(int(height), 4000), "scale": 1},
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
    (ROOT / "docs" / "report-coupang.png").write_bytes(base64.b64decode(shot["data"]))
    assert errors == []
    assert all(url.startswith(("file:", "data:")) for url in requests), requests
    assert "33,700,000 accounts affected" in headline and "CRITICAL" in headline
    assert len(sizes) >= 5
    assert all(natural > 0 and shown > 0 and alt > 0 for _id, natural, shown, alt in sizes), sizes
