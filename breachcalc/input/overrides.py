"""Scenarios: overrides of a breach description, and named variants in one file.

An override is ``PATH=VALUE``: a dotted path into the YAML (list items by index, e.g.
``compensation.vouchers.0.amount``) and a value read as YAML (``30000``, ``0.4``, ``[KR, EU]``,
``{low: 0.2, likely: 0.4, high: 0.9}``). Overrides change the parsed document before validation,
so an overridden value is checked exactly as if it had been in the file; a problem with it names
the override instead of a line. Paths are checked against the input model first: an unknown path
is refused with a suggestion.

A scenario file is a breach description with a top-level ``variants`` mapping: each variant has a
name and a mapping of dotted paths to values, applied to the base breach.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from breachcalc.errors import InputError, Problem
from breachcalc.input.paths import PathError, check_path
from breachcalc.input.yaml_reader import Document, Path, parse

VARIANTS_KEY = "variants"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_SEGMENT = re.compile(r"^(?:[A-Za-z_][A-Za-z0-9_-]*|[0-9]+)$")


@dataclass(frozen=True)
class Override:
    """One ``PATH=VALUE``.

    Attributes:
        path: the path as keys and list indexes.
        value: the value, read as YAML (exact decimals).
        origin: how the user wrote it, for messages (``--set affected=1000``).
    """

    path: Path
    value: Any
    origin: str
    place: tuple[int, int] | None = None
    """Line and column of an override written in the file (a variant), else None."""


def parse_path(text: str) -> Path:
    """``compensation.vouchers.0.amount`` → ``("compensation", "vouchers", 0, "amount")``.

    Raises:
        PathError: an empty or malformed path.
    """
    parts = text.strip().split(".")
    if not text.strip() or not all(_SEGMENT.match(p) for p in parts):
        raise PathError(
            f"{text!r} is not a dotted path such as compensation.amount or "
            "compensation.vouchers.0.redemption"
        )
    return tuple(int(p) if p.isdigit() else p for p in parts)


def parse_value(text: str, origin: str) -> Any:
    """A value written on the command line, read as one YAML value (same rules as a file)."""
    document = parse(origin, text if text.strip() else "null")
    return document.data


def parse_override(text: str, origin: str = "--set") -> Override:
    """``affected=1000`` → an :class:`Override`.

    Raises:
        PathError: no ``=``, or a malformed or unknown path.
        InputError: the value is not valid YAML.
    """
    if "=" not in text:
        raise PathError(f"{origin} {text!r}: write PATH=VALUE, e.g. compensation.amount=30000")
    path_text, _, value_text = text.partition("=")
    label = f"{origin} {text}"
    path = parse_path(path_text)
    check_path(path)
    return Override(path, parse_value(value_text, label), label)


def overrides_of(sets: Iterable[str | Override]) -> list[Override]:
    """Overrides given to the library (``"affected=1000"``, or already read); a malformed or
    unknown path is an input error of ``sets``."""
    try:
        return [s if isinstance(s, Override) else parse_override(s, "set") for s in sets]
    except PathError as exc:
        raise InputError("sets", [Problem(str(exc))]) from None


def with_value(data: Any, path: Path, value: Any, origin: str) -> Any:
    """A copy of ``data`` with ``value`` at ``path``; only the containers on the path are copied.

    Missing mappings on the way are created. Untouched branches are shared, which is safe because
    validation never changes its input.

    Raises:
        PathError: the file has a single value or a too-short list where the path goes on.
    """
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        if not isinstance(data, list) or head >= len(data):
            size = len(data) if isinstance(data, list) else 0
            raise PathError(f"{origin}: there is no item {head} (the list has {size})")
        items = list(data)
        items[head] = with_value(data[head], rest, value, origin)
        return items
    if data is None:
        data = {}
    if isinstance(data, list):
        raise PathError(
            f"{origin}: this is a list in the file, so `{head}` cannot be set in "
            "it; set the whole value instead"
        )
    if not isinstance(data, dict):
        raise PathError(f"{origin}: cannot set `{head}` inside a single value")
    mapping = dict(data)
    mapping[head] = with_value(data.get(head), rest, value, origin)
    return mapping


def apply(doc: Document, overrides: Iterable[Override]) -> Document:
    """A new document with ``overrides`` applied, each overridden path marked with its origin."""
    data = doc.data if doc.data is not None else {}
    origins = dict(doc.origins)
    places = dict(doc.origin_places)
    for override in overrides:
        data = with_value(data, override.path, override.value, override.origin)
        origins[override.path] = override.origin
        if override.place is not None:
            places[override.path] = override.place
        else:
            places.pop(override.path, None)
    return Document(doc.source, data, doc.places, doc.key_places, origins, places)


@dataclass(frozen=True)
class Variant:
    """A named set of overrides from a scenario file."""

    name: str
    overrides: tuple[Override, ...]


def split_variants(doc: Document) -> tuple[Document, list[Variant], list[Problem]]:
    """Take the ``variants`` section out of a document; returns (base, variants, problems)."""
    data = doc.data
    if not isinstance(data, dict) or VARIANTS_KEY not in data:
        return doc, [], []
    base = Document(
        doc.source,
        {k: v for k, v in data.items() if k != VARIANTS_KEY},
        doc.places,
        doc.key_places,
        doc.origins,
        doc.origin_places,
    )
    section = data[VARIANTS_KEY]
    where: Path = (VARIANTS_KEY,)
    if not isinstance(section, dict):
        return (
            base,
            [],
            [doc.problem(where, "must be a mapping of variant name → {dotted.path: value}")],
        )
    variants, problems = [], []
    for name, changes in section.items():
        at: Path = (*where, name)
        if not _NAME.match(name):
            problems.append(
                doc.problem(at, "a variant name uses letters, digits, `_`, `-` and `.`", key=True)
            )
            continue
        if not isinstance(changes, dict) or not changes:
            problems.append(
                doc.problem(
                    at,
                    "must be a mapping of dotted paths to values, e.g. "
                    "{compensation.amount: 30000}",
                )
            )
            continue
        overrides = []
        for path_text, value in changes.items():
            try:
                path = parse_path(path_text)
                check_path(path)
            except PathError as exc:
                problems.append(doc.problem((*at, path_text), str(exc), key=True))
                continue
            line, column = doc.locate((*at, path_text))
            place = (line, column) if line is not None and column is not None else None
            overrides.append(Override(path, value, f"variant {name}", place))
        variants.append(Variant(name, tuple(overrides)))
    return base, variants, problems


def variant_names(variants: Sequence[Variant]) -> list[str]:
    """The names, in file order."""
    return [v.name for v in variants]


def with_counts_scaled(document: Document, change: Override) -> list[Override]:
    """``change`` and, when it sets ``affected``, the file's own sub-counts moved in proportion:
    each jurisdiction's count of a split and each category's own count (rounded half up), so
    that more or fewer people in all keeps the file's shape instead of breaking its split."""
    data = document.data if isinstance(document.data, dict) else {}
    affected = data.get("affected")
    if change.path != ("affected",) or not _count(affected) or not _count(change.value):
        return [change]

    def scaled(count: int) -> int:
        exact = Decimal(count) * Decimal(change.value) / Decimal(int(str(affected)))
        return int(exact.quantize(Decimal(1), ROUND_HALF_UP))

    changes = [change]
    split = data.get("jurisdictions")
    if isinstance(split, dict):
        for code, count in split.items():
            if _count(count):
                changes.append(Override(("jurisdictions", code), scaled(count), change.origin))
    categories = data.get("data_categories")
    for index, entry in enumerate(categories if isinstance(categories, list) else ()):
        if isinstance(entry, dict) and _count(entry.get("affected")):
            path = ("data_categories", index, "affected")
            changes.append(Override(path, scaled(entry["affected"]), change.origin))
    return changes


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
