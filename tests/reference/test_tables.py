"""The compiled reference tables: data/NAME.json is data/NAME.toml, to the last Decimal."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from breachcalc.reference import tables
from tests.conftest import ROOT

DATA = ROOT / "breachcalc" / "reference" / "data"


@pytest.mark.parametrize("name", tables.TABLES)
def test_the_compiled_table_is_the_reviewed_toml(name):
    assert (DATA / f"{name}.json").read_text(encoding="utf-8") == tables.compiled(name), (
        "run: python scripts/build_reference.py"
    )
    loaded = tables._load(f"{name}.toml")
    assert loaded == tables.read_toml(f"{name}.toml")
    assert repr(loaded) == repr(tables.read_toml(f"{name}.toml"))  # Decimal('0.10') stays so


def test_every_toml_table_is_compiled():
    compiled_elsewhere = {"history", "fx_yearly"}  # scripts/build_history.py
    assert {p.stem for p in DATA.glob("*.toml")} - compiled_elsewhere == set(tables.TABLES)


def test_a_table_without_its_compiled_file_is_read_from_toml(monkeypatch):
    real = tables.files

    class Missing:
        def __init__(self, inner):
            self.inner = inner

        def joinpath(self, *parts):
            if parts[-1].endswith(".json"):
                return Missing(None)
            return Missing(self.inner.joinpath(*parts)) if self.inner else self

        def read_text(self, encoding):
            if self.inner is None:
                raise FileNotFoundError("compiled table removed")
            return self.inner.read_text(encoding=encoding)

    monkeypatch.setattr(tables, "files", lambda package: Missing(real(package)))
    assert tables._load("fines.toml") == tables.read_toml("fines.toml")
    assert json.loads('{"$decimal": "0.10"}', object_hook=tables._decimal) == Decimal("0.10")


LOCAL_PATH = re.compile(r"(?<![\w.~])/(?:work|tmp|home|Users|root)/")
"""An absolute path on a build machine (a URL's path is preceded by its host, so it never matches)."""
TEXT = {".py", ".toml", ".json", ".md", ".yaml", ".yml", ".j2", ".txt", ".csv", ".cfg", ""}


def test_no_file_of_the_project_names_a_build_machine_path():
    root = ROOT
    folders = (
        "breachcalc",
        "research",
        "docs",
        "examples",
        "scripts",
        "tests",
        "benchmarks",
        ".ci",
    )
    files = [p for p in root.iterdir() if p.is_file() and not p.name.startswith(".")]
    files += [p for f in folders if (root / f).is_dir() for p in (root / f).rglob("*")]
    found = [
        f"{p.relative_to(root)}:{n}"
        for p in files
        if p.is_file() and p.suffix in TEXT and "__pycache__" not in p.parts
        for n, line in enumerate(p.read_text("utf-8", errors="replace").splitlines(), 1)
        if LOCAL_PATH.search(line)
    ]
    assert found == []
    assert LOCAL_PATH.search("See /" + "work/shared/reference/coupang.md.")
    assert not LOCAL_PATH.search("https://example.org/tmp/x and ~/work/y")
