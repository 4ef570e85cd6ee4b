"""A test named in the docs, scripts or code exists: tests move with the package (issue 19), and
a "pinned by" that names a file or test no longer there pins nothing."""

from __future__ import annotations

import re

from tests.conftest import ROOT

TEST_PATH = re.compile(r"\btests/(?:[\w-]+/)*test_\w+\.py\b")
TEST_NAME = re.compile(r"\b(test_\w+)\b(?!\.py)")
# the CHANGELOG tells what happened, in the paths of its day
SOURCES = ["README.md", "pyproject.toml", ".ci/run", "docs/**/*.md", "scripts/*", "benchmarks/**/*"]
SOURCES += ["breachcalc/**/*.py", "tests/**/*.py", "tests/**/*.md"]


def _texts() -> dict[str, str]:
    found = {}
    for pattern in SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                found[str(path.relative_to(ROOT))] = path.read_text("utf-8", errors="replace")
    return found


def test_every_test_file_named_exists():
    texts = _texts()
    assert "docs/architecture.md" in texts and "scripts/fuzz.py" in texts
    missing = [
        f"{name}: {path}"
        for name, text in texts.items()
        for path in TEST_PATH.findall(text)
        if not (ROOT / path).is_file()
    ]
    assert missing == []


def test_every_test_the_architecture_names_exists():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(TEST_NAME.findall(text)) - {"test_architecture"}
    assert len(named) >= 5  # the "pinned by" column of the Performance section
    defined = {
        match
        for path in (ROOT / "tests").rglob("test_*.py")
        for match in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M)
    }
    assert sorted(named - defined) == []
