"""The compiled reference tables: data/NAME.json is data/NAME.toml, to the last Decimal."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from breachcalc.reference import tables

DATA = Path(__file__).resolve().parent.parent / "breachcalc" / "reference" / "data"


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
