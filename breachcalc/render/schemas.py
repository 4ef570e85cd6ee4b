"""JSON Schemas of every command's document, generated from the result types' declarations.

A result type declares its JSON on its fields (:mod:`breachcalc.contract`);
:mod:`breachcalc.render.json` writes the documents and this module describes them: :func:`schema`
is the JSON Schema (draft 2020-12) of a result type from the same declarations and the type
annotations, with the description of every field, and :data:`OUTPUT_SCHEMAS` says, for each
command, which type and version its document has (``breachcalc schema output --command NAME``).
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

from breachcalc.domain.money import Money
from breachcalc.render.json import (
    BACKTEST_VERSION,
    CATEGORIES_VERSION,
    COMPARE_VERSION,
    EXPLAIN_VERSION,
    HISTORY_VERSION,
    LAW_VERSION,
    PORTFOLIO_VERSION,
    SENSITIVITY_VERSION,
    SEVERITY_VERSION,
    SIMULATE_VERSION,
    SWEEP_VERSION,
    ContractError,
    Entry,
    _hints,
    entries,
)
from breachcalc.render.rows import SENSITIVITY_COLUMNS, SWEEP_OUTPUTS

DRAFT = "https://json-schema.org/draft/2020-12/schema"

MONEY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "An amount rounded to its currency's ISO 4217 minor unit, with the code.",
    "properties": {
        "amount": {"type": "number", "description": "The amount, exact, in decimal digits."},
        "currency": {"type": "string", "description": "ISO 4217 currency code."},
    },
    "required": ["amount", "currency"],
}


def schema(cls: type, title: str) -> dict[str, Any]:
    """The JSON Schema of ``cls``'s documents, its referenced types under ``$defs``."""
    defs: dict[str, Any] = {}
    root = _object(cls, defs)
    return {"$schema": DRAFT, "title": title, **root, "$defs": dict(sorted(defs.items()))}


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    groups: dict[str, str] = getattr(cls, "JSON_GROUPS", {})
    tree: dict[str, Any] = {}
    for entry in entries(cls):
        node = tree
        for depth, key in enumerate(entry.path[:-1]):
            prefix = ".".join(entry.path[: depth + 1])
            node = node.setdefault(key, {"__group__": groups.get(prefix, "")})
        node[entry.path[-1]] = entry
    result = _tree(tree, defs)
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    return {"description": " ".join(doc.split()), **result}


def _tree(tree: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for key, node in tree.items():
        if key == "__group__":
            continue
        if isinstance(node, Entry):
            properties[key] = {"description": node.declared.description, **_of(node, defs)}
        else:
            properties[key] = {"description": node["__group__"], **_tree(node, defs)}
    return {"type": "object", "properties": properties, "required": list(properties)}


def _of(entry: Entry, defs: dict[str, Any]) -> dict[str, Any]:
    owner = entry.owner
    if isinstance(owner, type):
        annotation = _hints(owner)[entry.attribute]
    else:
        annotation = _hints(owner)["return"]
    if entry.declared.money_in is not None:
        annotation = Money | None if annotation == Decimal | None else Money
    return _type(annotation, defs)


def _type(annotation: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        return {"anyOf": [_type(arg, defs) for arg in get_args(annotation)]}
    if origin is Literal:
        return {"enum": list(get_args(annotation))}
    if origin in (tuple, list):
        args = get_args(annotation)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            items = [_type(arg, defs) for arg in args]
            n = len(items)
            return {"type": "array", "prefixItems": items, "minItems": n, "maxItems": n}
        return {"type": "array", "items": _type(args[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type(get_args(annotation)[1], defs)}
    simple = _SIMPLE.get(annotation)
    if simple is not None:
        return dict(simple)
    if annotation is Money:
        defs["Money"] = MONEY_SCHEMA
        return {"$ref": "#/$defs/Money"}
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        name = annotation.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = _object(annotation, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise ContractError(f"no JSON type for {annotation!r}")


_SIMPLE: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    Decimal: {"type": "number"},
    type(None): {"type": "null"},
    date: {"type": "string", "format": "date"},
    datetime: {"type": "string", "format": "date-time"},
}


VERSION_KEYS: dict[str, dict[str, Any]] = {
    "schema_version": {"type": "string", "description": "Version of this document's shape."},
    "breachcalc_version": {
        "type": "string",
        "description": "The breachcalc version that wrote it.",
    },
}


def enveloped_schema(
    version: str, cls: type, title: str, *, with_version: bool = True
) -> dict[str, Any]:
    """The JSON Schema of :func:`enveloped` documents of ``cls``."""
    found = schema(cls, title)
    head = {"schema_version": {**VERSION_KEYS["schema_version"], "const": version}}
    if with_version:
        head["breachcalc_version"] = VERSION_KEYS["breachcalc_version"]
    found["properties"] = {**head, **found["properties"]}
    found["required"] = [*head, *found["required"]]
    return found


def _contract(
    version: str, path: str, command: str, *, with_version: bool = True
) -> Callable[[], dict[str, Any]]:
    """The schema of a document written from a result type (``module.Class``)."""

    def build() -> dict[str, Any]:
        import importlib

        module, name = path.rsplit(".", 1)
        cls = getattr(importlib.import_module(module), name)
        return enveloped_schema(version, cls, f"breachcalc {command}", with_version=with_version)

    return build


CELL = {"type": ["string", "number", "boolean", "null"]}


def _rows(
    version: str, title: str, columns: tuple[str, ...], more: bool
) -> Callable[[], dict[str, Any]]:
    """A rows document: ``{schema_version, breachcalc_version, columns, rows}``."""

    def build() -> dict[str, Any]:
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": title,
            "type": "object",
            "required": ["schema_version", "breachcalc_version", "columns", "rows"],
            "additionalProperties": False,
            "properties": {
                "schema_version": {**VERSION_KEYS["schema_version"], "const": version},
                "breachcalc_version": VERSION_KEYS["breachcalc_version"],
                "columns": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "The rows' keys, in column order.",
                },
                "rows": {
                    "type": "array",
                    "description": "One object per row, keyed by `columns`.",
                    "items": {
                        "type": "object",
                        "required": list(columns),
                        "properties": dict.fromkeys(columns, CELL),
                        "additionalProperties": CELL if more else False,
                    },
                },
            },
        }

    return build


def _assess() -> dict[str, Any]:
    """The assess document, with the ``scenario`` label a command assessing several adds."""
    from breachcalc.domain.assessment import SCHEMA_VERSION, Assessment

    found = enveloped_schema(SCHEMA_VERSION, Assessment, "breachcalc assessment")
    found["properties"] = {
        "scenario": {
            "description": "The scenario's label, where one command assesses several.",
            "type": "string",
        },
        **found["properties"],
    }
    return found


OUTPUT_SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "assess": _assess,
    "explain": _contract(EXPLAIN_VERSION, "breachcalc.analysis.explain.Explanation", "explain"),
    "simulate": _contract(
        SIMULATE_VERSION, "breachcalc.domain.simulation.Simulation", "simulate", with_version=False
    ),
    "compare": _contract(COMPARE_VERSION, "breachcalc.analysis.key_figures.Comparison", "compare"),
    "sweep": _rows(SWEEP_VERSION, "breachcalc sweep", SWEEP_OUTPUTS, more=True),
    "sensitivity": _rows(SENSITIVITY_VERSION, "breachcalc sensitivity", SENSITIVITY_COLUMNS, False),
    "history": _contract(HISTORY_VERSION, "breachcalc.analysis.history.HistoryListing", "history"),
    "backtest": _contract(
        BACKTEST_VERSION,
        "breachcalc.analysis.backtest.Backtest",
        "backtest",
        with_version=False,
    ),
    "severity": _contract(
        SEVERITY_VERSION, "breachcalc.domain.severity.VectorScore", "severity", with_version=False
    ),
    "categories": _contract(
        CATEGORIES_VERSION, "breachcalc.domain.severity.Catalogue", "categories"
    ),
    "portfolio": _contract(
        PORTFOLIO_VERSION,
        "breachcalc.analysis.portfolio.PortfolioResult",
        "portfolio",
        with_version=False,
    ),
    "law": _contract(LAW_VERSION, "breachcalc.domain.law.LawOfTheDay", "law"),
}
"""Command → the function that builds its output schema (``schema output --command NAME``)."""


def output_schema_of(command: str) -> dict[str, Any]:
    """The output schema of ``command`` (a key of :data:`OUTPUT_SCHEMAS`)."""
    return OUTPUT_SCHEMAS[command]()


@dataclasses.dataclass(frozen=True)
class JsonSchema:
    """A JSON Schema to print (``breachcalc schema``)."""

    document: dict[str, Any]


def schema_document(found: JsonSchema) -> str:
    """The schema as JSON text, by the standard library's encoder (ASCII, floats as written in
    the models' constraints)."""
    import json

    return json.dumps(found.document, indent=2)


DIGIT_GROUPS = r"^[0-9]+(?:_[0-9]+)+(?:\.[0-9]+)?$"
"""A number written with its digits grouped by underscores (``33_700_000``): breachcalc reads it
as a number, but a YAML 1.2 reader (an editor's YAML plugin) reads it as text, so the input
schema accepts that text wherever it accepts a number."""


def input_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of a breach file, as an editor reading it as YAML 1.2
    sees it: every number may also be written with its digits grouped (:data:`DIGIT_GROUPS`)."""
    from breachcalc.input.breach import Breach

    document: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Breach.model_json_schema(),
    }
    document["properties"]["variants"] = {
        "type": "object",
        "description": "named variants: name → {dotted.path: value} overrides of this breach",
        "additionalProperties": {"type": "object"},
    }
    grouped: dict[str, Any] = _grouped_digits(document)
    return grouped


def _grouped_digits(node: Any) -> Any:
    if isinstance(node, list):
        return [_grouped_digits(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _grouped_digits(value) for key, value in node.items()}
    if node.get("type") in ("integer", "number"):
        text = {
            "type": "string",
            "pattern": DIGIT_GROUPS,
            "description": "digits grouped by underscores, e.g. 33_700_000 (YAML 1.2 reads it "
            "as text, breachcalc as the number)",
        }
        return {"anyOf": [node, text]}
    return node
