"""Make the documentation's pictures of breachcalc's output, with the commands that made them.

    python scripts/screenshots.py

writes into docs/:

- ``report-coupang.png``: the HTML report of examples/coupang.yaml as a browser shows it (its
  first screen, 1100 pixels wide), by Chromium headless;
- ``report-coupang-page-1.png``, ``report-coupang-page-2.png``: the PDF report's A4 pages,
  by ``pdftoppm`` (Debian's poppler-utils);
- ``coupang-loss-exceedance.png``: ``simulate --plot`` for examples/coupang-uncertain.yaml.

Each picture's command is in ``COMMANDS`` below and in docs/output-tour.md. Needs Chromium
(``apt-get install -y chromium``) and poppler-utils (``apt-get install -y poppler-utils``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATE = "2026-12-01"

COMMANDS = {
    "report-coupang.html": [
        "report", "examples/coupang.yaml", "--date", DATE, "-o", "{out}",
    ],
    "report-coupang.pdf": [
        "report", "examples/coupang.yaml", "--date", DATE, "--format", "pdf", "--paper", "a4",
        "-o", "{out}",
    ],
    "coupang-loss-exceedance.png": [
        "simulate", "examples/coupang-uncertain.yaml", "--trials", "100000", "--seed", "7",
        "--plot", "{out}",
    ],
}  # fmt: skip
"""The breachcalc arguments behind each picture (``{out}`` is the file written)."""


def breachcalc(name: str, out: Path) -> None:
    """Run the command that makes ``name`` into ``out``."""
    arguments = [part.replace("{out}", str(out)) for part in COMMANDS[name]]
    print("breachcalc " + " ".join(COMMANDS[name]).replace("{out}", name), file=sys.stderr)
    subprocess.run(
        [sys.executable, "-m", "breachcalc", *arguments],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def screenshot(page: Path, out: Path, width: int = 1100, height: int = 1500) -> None:
    """The first screen of ``page`` as Chromium headless draws it."""
    from breachcalc.render.report import chromium

    binary = chromium()
    if binary is None:
        sys.exit("needs Chromium: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as profile:
        command = [
            binary,
            "--headless=new",
            "--disable-gpu",
            "--hide-scrollbars",
            "--proxy-server=127.0.0.1:9",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={out}",
            page.as_uri(),
        ]
        if os.geteuid() == 0:
            command.insert(2, "--no-sandbox")
        subprocess.run(command, check=True, capture_output=True, timeout=180)


def pdf_pages(pdf: Path, stem: str, resolution: int = 80) -> list[Path]:
    """Each page of ``pdf`` as ``docs/<stem>-page-N.png``."""
    if shutil.which("pdftoppm") is None:
        sys.exit("needs pdftoppm: apt-get install -y poppler-utils")
    for old in DOCS.glob(f"{stem}-page-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", str(resolution), "-png", str(pdf), str(DOCS / f"{stem}-page")],
        check=True,
    )
    return sorted(DOCS.glob(f"{stem}-page-*.png"))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        html, pdf = Path(folder) / "report.html", Path(folder) / "report.pdf"
        breachcalc("report-coupang.html", html)
        screenshot(html, DOCS / "report-coupang.png")
        breachcalc("report-coupang.pdf", pdf)
        pages = pdf_pages(pdf, "report-coupang")
    breachcalc("coupang-loss-exceedance.png", DOCS / "coupang-loss-exceedance.png")
    for made in (DOCS / "report-coupang.png", *pages, DOCS / "coupang-loss-exceedance.png"):
        print(f"wrote {made.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
