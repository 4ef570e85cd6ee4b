"""The board page printed to PDF by a headless Chromium, on A4 or Letter."""

from __future__ import annotations

from pathlib import Path

from breachcalc.render.report import PAPERS

CHROMIUM_NAMES = ("chromium", "chromium-browser")
INSTALL_HINT = "sudo apt-get install -y chromium"


def chromium() -> str | None:
    """The Chromium that prints the PDF: ``BREACHCALC_CHROMIUM`` if set, else Debian's
    ``chromium`` on PATH."""
    import os
    import shutil

    chosen = os.environ.get("BREACHCALC_CHROMIUM")
    if chosen:
        return shutil.which(chosen)
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def pdf_bytes(html: str, paper: str = "a4") -> bytes:
    """The page printed to PDF by a headless Chromium (no network, no profile kept), on
    ``paper`` (``a4`` or ``letter``): the page's own ``@page`` rule sets the size, so ``html``
    must come from :func:`build` with the same paper (a ValueError otherwise).

    Raises:
        OutputError: Chromium is missing (the message gives the install command), or it failed.
    """
    import os
    import subprocess
    import tempfile

    from breachcalc.errors import OutputError

    if f"@page {{ size: {PAPERS.get(paper, '?')};" not in html:
        raise ValueError(f"the page is not laid out for {paper} paper (build it with paper=)")
    binary = chromium()
    if binary is None:
        raise OutputError(
            "report --format pdf prints the page with Chromium, which is not installed here; "
            f"install it ({INSTALL_HINT}) or write HTML and print it from a browser"
        )
    with tempfile.TemporaryDirectory(
        prefix="breachcalc-pdf-", ignore_cleanup_errors=True
    ) as folder:
        page, printed = Path(folder) / "report.html", Path(folder) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            binary,
            "--headless=new",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--no-pdf-header-footer",
            "--proxy-server=127.0.0.1:9",  # the page is self-contained: no request leaves
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={printed}",
            page.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(2, "--no-sandbox")  # Chromium refuses to run as root with one
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=180,
                check=False,
                env={**os.environ, "TZ": "UTC"},
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OutputError(f"Chromium could not print the report: {exc}") from None
        if not printed.is_file() or printed.stat().st_size == 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
            raise OutputError(
                f"Chromium could not print the report (exit {done.returncode}"
                + (f": {said[0]}" if said else "")
                + ")"
            )
        return _undated(printed.read_bytes())


def _undated(pdf: bytes) -> bytes:
    """The PDF without what changes from run to run, each replaced by text of the same length
    so no offset moves: the creation and modification times (Chromium runs in UTC) and the
    numbers Chromium gives the tagged structure's table headers (DOM node ids, which depend on
    what the browser did before; renumbered in their own order, so the ID tree stays sorted).
    The same page gives the same bytes."""
    import re

    pdf = re.sub(rb"(/(?:CreationDate|ModDate) ?\(D:)[0-9]{14}", rb"\g<1>20000101000000", pdf)
    nodes = sorted({int(n) for n in re.findall(rb"\(node([0-9]{8})\)", pdf)})
    renumbered = {number: index for index, number in enumerate(nodes, start=1)}
    return re.sub(
        rb"\(node([0-9]{8})\)",
        lambda m: b"(node%08d)" % renumbered[int(m[1])],
        pdf,
    )


def write_pdf(html: str, out: Path, paper: str = "a4") -> None:
    """Print the page to ``out`` as PDF, atomically (complete or untouched).

    Raises:
        OutputError: Chromium is missing or failed, or ``out`` cannot be written.
    """
    from breachcalc.errors import OutputError
    from breachcalc.render.files import atomic_path

    data = pdf_bytes(html, paper)
    try:
        with atomic_path(out, ".pdf") as path:
            path.write_bytes(data)
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
