"""Compile the reference tables (breachcalc/reference/data/*.toml) to the JSON the tool loads.

The TOML files are the reviewed source: edit them, then run ``python scripts/build_reference.py``
(tests/reference/test_tables.py fails until the compiled files match).
"""

from __future__ import annotations

from pathlib import Path

from breachcalc.reference.tables import TABLES, compiled

OUT = Path(__file__).resolve().parent.parent / "breachcalc" / "reference" / "data"


def main() -> None:
    for name in TABLES:
        (OUT / f"{name}.json").write_text(compiled(name), encoding="utf-8")
        print(f"wrote {name}.json")


if __name__ == "__main__":
    main()
