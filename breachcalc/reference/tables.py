"""Reference data shipped inside the package, read once per process on first use.

Each file under ``reference/data/`` carries its source and effective date next to the figures,
so a reviewer can diff a changed figure without reading Python. TOML because it takes comments,
diffs line by line and is parsed by the standard library (exact decimals via ``parse_float``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import Any


def _load(name: str) -> dict[str, Any]:
    text = files("breachcalc.reference").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(text, parse_float=Decimal)


@cache
def currency_minor_units() -> dict[str, int]:
    """ISO 4217 code → minor units, from ``data/currencies.toml``."""
    return dict(_load("currencies.toml")["minor_units"])


@dataclass(frozen=True)
class Category:
    """One entry of the data-category catalogue (``data/categories.toml``).

    Attributes:
        key: canonical name used in output (``contact_details``).
        label: human name for tables.
        enisa_class: ENISA 2013 Annex 1 class: simple, behavioural, financial or sensitive.
        identifies: ``direct`` where the data names a person on its own (names, ID numbers),
            ``indirect`` where it leads to one with some effort (email, phone), else ``none``.
        aliases: other names accepted in input files.
        note: why the entry is classed as it is, and the source.
    """

    key: str
    label: str
    enisa_class: str
    identifies: str
    aliases: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Catalogue:
    """The data-category catalogue with its provenance and an alias index."""

    source: str
    effective: str
    categories: dict[str, Category]
    index: dict[str, str]

    def lookup(self, name: str) -> Category | None:
        """The category a name or alias refers to (case, spaces and hyphens ignored)."""
        key = self.index.get(normalise_name(name))
        return self.categories[key] if key else None

    def names(self) -> list[str]:
        """Every accepted name, canonical keys first (for suggestions)."""
        return list(self.categories) + [a for a in self.index if a not in self.categories]


def normalise_name(name: str) -> str:
    """``"Phone Number"`` and ``phone-number`` → ``phone_number``."""
    return "_".join(name.strip().lower().replace("-", " ").split())


@cache
def catalogue() -> Catalogue:
    """The data-category catalogue, from ``data/categories.toml``."""
    raw = _load("categories.toml")
    categories: dict[str, Category] = {}
    index: dict[str, str] = {}
    for entry in raw["category"]:
        cat = Category(
            key=entry["key"],
            label=entry["label"],
            enisa_class=entry["enisa_class"],
            identifies=entry["identifies"],
            aliases=tuple(entry.get("aliases", ())),
            note=entry["note"],
        )
        categories[cat.key] = cat
        for name in (cat.key, *cat.aliases):
            index[normalise_name(name)] = cat.key
    return Catalogue(raw["meta"]["source"], raw["meta"]["effective"], categories, index)


@cache
def fine_rules() -> dict[str, dict[str, Any]]:
    """Jurisdiction code → fine rule, from ``data/fines.toml`` (figures as Decimals)."""
    return dict(_load("fines.toml"))


@cache
def enisa_data() -> dict[str, Any]:
    """The ENISA method's figures, from ``data/severity.toml`` (figures as Decimals)."""
    return dict(_load("severity.toml"))


@cache
def notification_rules() -> tuple[dict[str, Any], ...]:
    """Every notification rule, from ``data/notifications.toml``, in file order."""
    return tuple(_load("notifications.toml")["rule"])
