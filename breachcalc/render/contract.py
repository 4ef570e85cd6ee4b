"""Documents and JSON Schemas written from the result types' own declarations.

A result type declares its JSON on its fields (:mod:`breachcalc.contract`); this module is
the one serializer and the one schema generator for all of them:

* :func:`document` turns a result into plain JSON values: a contract dataclass into an object
  (dotted keys nest), :class:`~breachcalc.domain.money.Money` into ``{"amount", "currency"}``
  rounded to the currency's minor unit, dates into ISO 8601 text, tuples into lists. Decimals
  stay Decimal (written from their digits by :mod:`breachcalc.render.jsontext`); a float is an
  error, so no inexact number reaches the JSON.
* :func:`schema` generates the JSON Schema (draft 2020-12) of a result type from the same
  declarations and the type annotations, with the description of every field.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from operator import attrgetter
from typing import Any, Literal, Union, get_args, get_origin

from breachcalc.contract import CONTRACT, Declared
from breachcalc.domain.money import Money, round_money

DRAFT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class Entry:
    """One key of a result type's document.

    Attributes:
        attribute: the dataclass field or property it reads.
        path: the document key, split at dots.
        declared: its declaration (description, encoder).
        owner: where its type annotation lives: the class (a field), the getter (a computed
            property) or the encoder.
        via: for a key of a flattened object (declared with ``key="*"``), the attributes that
            lead to the object ``attribute`` is read from.
    """

    attribute: str
    path: tuple[str, ...]
    declared: Declared
    owner: Any
    via: tuple[str, ...] = ()


class ContractError(TypeError):
    """A type written to JSON without a declaration for every field (a programming error)."""


@cache
def entries(cls: type) -> tuple[Entry, ...]:
    """The document keys of ``cls`` in order: fields in definition order, each computed
    property after the attribute it names, a flattened field's own keys in its place."""
    if not dataclasses.is_dataclass(cls):
        raise ContractError(f"{cls.__qualname__} is not a result type (not a dataclass)")
    found: list[Entry] = []
    for entry in _ordered(cls):
        if entry.path != ("*",):
            found.append(entry)
            continue
        inner = _hints(cls)[entry.attribute]
        found.extend(dataclasses.replace(e, via=(entry.attribute, *e.via)) for e in entries(inner))
    return tuple(found)


Slot = tuple[str, Entry | None, str | None]
"""(attribute, its entry or None for a hidden field, the attribute it was placed after)."""


def _ordered(cls: type) -> list[Entry]:
    order: list[Slot] = []
    placed: list[tuple[str, Entry, str]] = []
    for f in dataclasses.fields(cls):
        declared = f.metadata.get(CONTRACT)
        if declared is None:
            raise ContractError(
                f"{cls.__qualname__}.{f.name} says neither out(...) nor hidden(): declare it"
            )
        entry = None if declared.hidden else _entry(f.name, declared, declared.encode or cls)
        if entry is not None and declared.after is not None:
            placed.append((f.name, entry, declared.after))
        else:
            order.append((f.name, entry, None))
    for name, getter in _computed(cls):
        declared = getter.__dict__[CONTRACT]
        entry = _entry(name, declared, declared.encode or getter)
        if declared.after is None:
            order.append((name, entry, None))
        else:
            placed.append((name, entry, declared.after))
    for name, entry, after in placed:
        _place_after(cls, order, (name, entry, after))
    return [entry for _, entry, _ in order if entry is not None]


def _place_after(cls: type, order: list[Slot], slot: tuple[str, Entry, str]) -> None:
    """Insert ``slot`` after the attribute it names ("" for the start), after any slot
    placed there before it."""
    after = slot[2]
    if after == "":
        order.insert(sum(1 for _, _, a in order if a == ""), slot)
        return
    names = [n for n, _, _ in order]
    if after not in names:
        raise ContractError(f"{cls.__qualname__}.{slot[0]}: no attribute {after!r}")
    at = names.index(after) + 1
    while at < len(order) and order[at][2] == after:
        at += 1
    order.insert(at, slot)


def _entry(attribute: str, declared: Declared, owner: Any) -> Entry:
    key = declared.key or attribute
    return Entry(attribute, tuple(key.split(".")), declared, owner)


def _computed(cls: type) -> list[tuple[str, Callable[..., Any]]]:
    found: dict[str, Callable[..., Any]] = {}
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).items():
            getter = value.fget if isinstance(value, property) else None
            if getter is not None and CONTRACT in getattr(getter, "__dict__", {}):
                found[name] = getter
    return list(found.items())


# --- documents -------------------------------------------------------------------------------

_PLAIN = frozenset({str, int, bool, Decimal, type(None)})

PlanStep = tuple[
    str,
    tuple[str, ...] | None,
    str,
    Callable[[Any], Any] | None,
    Callable[[Any], Any] | None,
    str | None,
]
"""A compiled entry: (key, the nesting path or None, attribute, the getter of a flattened
object or None, encoder, money_in)."""


@cache
def _plan(cls: type) -> tuple[PlanStep, ...]:
    """``entries(cls)`` compiled for writing: the hot path of a batch of documents."""
    return tuple(
        (
            entry.path[-1],
            entry.path if len(entry.path) > 1 else None,
            entry.attribute,
            attrgetter(".".join(entry.via)) if entry.via else None,
            entry.declared.encode,
            entry.declared.money_in,
        )
        for entry in entries(cls)
    )


def document(value: Any) -> Any:
    """``value`` as plain JSON values (dict, list, str, int, bool, Decimal, None)."""
    kind: type = type(value)
    if kind in _PLAIN:
        return value
    if kind is Money:
        return {"amount": round_money(value), "currency": value.currency}
    if kind is tuple or kind is list:
        return [item if type(item) in _PLAIN else document(item) for item in value]
    if kind is dict:
        return {str(key): document(item) for key, item in value.items()}
    if kind is date or kind is datetime:
        return value.isoformat()
    if kind is float:
        raise ContractError("a float reached the JSON document; declare an encoder to Decimal")
    out: dict[str, Any] = {}
    for key, nest, attribute, via, encode, money_in in _plan(kind):
        holder = value if via is None else via(value)
        item = getattr(holder, attribute)
        if money_in is not None and item is not None:
            item = Money(item, getattr(holder, money_in))
        if encode is not None:
            item = encode(item)
        written = item if type(item) in _PLAIN else document(item)
        if nest is None:
            out[key] = written
        else:
            _place(out, nest, written)
    return out


def _place(out: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        out = out.setdefault(key, {})
    out[path[-1]] = value


# --- schemas ---------------------------------------------------------------------------------

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


def _hints(owner: Any) -> dict[str, Any]:
    try:
        return typing.get_type_hints(owner)
    except NameError:
        # A name imported only for type checking: look it up among the loaded modules.
        import breachcalc.domain.insurance
        import breachcalc.domain.priors  # noqa: F401

        names: dict[str, Any] = {}
        for name, module in list(sys.modules.items()):
            if name.startswith("breachcalc.") and module is not None:
                names.update((k, v) for k, v in vars(module).items() if isinstance(v, type))
        return typing.get_type_hints(owner, localns=names)


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


# --- command documents -----------------------------------------------------------------------

VERSION_KEYS: dict[str, dict[str, Any]] = {
    "schema_version": {"type": "string", "description": "Version of this document's shape."},
    "breachcalc_version": {
        "type": "string",
        "description": "The breachcalc version that wrote it.",
    },
}


def enveloped(version: str, value: Any, *, with_version: bool = True) -> dict[str, Any]:
    """A command's document: its ``schema_version`` (and the breachcalc version), then
    ``value``'s own keys."""
    from breachcalc import __version__

    head: dict[str, Any] = {"schema_version": version}
    if with_version:
        head["breachcalc_version"] = __version__
    written: dict[str, Any] = document(value)
    return {**head, **written}


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
