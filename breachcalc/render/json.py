"""JSON out: the one serializer of every command's document.

A result type declares its JSON on its own fields (:mod:`breachcalc.contract`); this module
writes it:

* :func:`document` turns a result into plain JSON values: a contract dataclass into an object
  (dotted keys nest), :class:`~breachcalc.domain.money.Money` into ``{"amount", "currency"}``
  rounded to the currency's minor unit, dates into ISO 8601 text, tuples into lists. Decimals
  stay Decimal; a float is an error, so no inexact number reaches the JSON.
* :func:`enveloped` puts a command's ``schema_version`` (and the breachcalc version) first;
  the ``*_VERSION`` constants are every document's version, bumped on an incompatible change.
* :func:`dumps` writes the text: a Decimal as a JSON number from its digits (the standard
  encoder would need floats or strings), ASCII-safe UTF-8 JSON (RFC 8259), keys in the order
  the document builds them.

Their JSON Schemas are generated from the same declarations by :mod:`breachcalc.render.schemas`.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import typing
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from breachcalc.contract import CONTRACT, Declared, record
from breachcalc.domain.money import Money, round_money

if TYPE_CHECKING:
    from breachcalc.analysis.key_figures import Comparison
    from breachcalc.analysis.results import Assessments

COMPARE_VERSION = "breachcalc.compare/1"
SIMULATE_VERSION = "breachcalc.simulate/1"
EXPLAIN_VERSION = "breachcalc.explain/1"
SEVERITY_VERSION = "breachcalc.severity/1"
SENSITIVITY_VERSION = "breachcalc.sensitivity/1"
SWEEP_VERSION = "breachcalc.sweep/1"
CATEGORIES_VERSION = "breachcalc.categories/1"
HISTORY_VERSION = "breachcalc.history/2"
BACKTEST_VERSION = "breachcalc.backtest/2"
PORTFOLIO_VERSION = "breachcalc.portfolio/1"
LAW_VERSION = "breachcalc.law/1"
"""Each command's document version (``schema_version``)."""


@record
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


def enveloped(version: str, value: Any, *, with_version: bool = True) -> dict[str, Any]:
    """A command's document: its ``schema_version`` (and the breachcalc version), then
    ``value``'s own keys."""
    from breachcalc import __version__

    head: dict[str, Any] = {"schema_version": version}
    if with_version:
        head["breachcalc_version"] = __version__
    written: dict[str, Any] = document(value)
    return {**head, **written}


# --- text ----------------------------------------------------------------------------------

_string = json.encoder.encode_basestring

ESCAPES = "breachcalc.json-escape"
"""The codec error handler (:func:`register_escapes`) that writes a character the output's
encoding lacks as JSON's own ``\\uXXXX`` escape."""


def _escape(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    parts = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:  # a UTF-16 surrogate pair, as JSON writes it
            code -= 0x10000
            parts.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            parts.append(f"\\u{code:04x}")
    return "".join(parts), error.end


def register_escapes() -> str:
    """Register :data:`ESCAPES` (once) and return its name, for ``stream.reconfigure(errors=)``.

    Non-ASCII text in a JSON document is only ever inside a string, where ``\\uXXXX`` means the
    same character: with it, ``PYTHONIOENCODING=ascii`` still gives valid JSON of the same
    content (and a table shows the same escape a Python string would)."""
    import codecs

    try:
        codecs.lookup_error(ESCAPES)
    except LookupError:
        codecs.register_error(ESCAPES, _escape)
    return ESCAPES


def dumps(value: Any, *, indent: int | None = 2) -> str:
    """Serialise ``value`` (dict, list, tuple, str, int, Decimal, bool, None) to JSON text.

    Args:
        value: the document.
        indent: spaces per level, or None for one compact line (JSON Lines).
    """
    if type(value) is Line:
        if indent is None:
            return value.text()
        value = value.document()
    if indent is None:
        return _compact(value)
    parts: list[str] = []
    _write(value, parts, indent, 0)
    return "".join(parts)


def _compact(value: Any) -> str:
    """One-line JSON (JSON Lines) of a document: :func:`_text`, which also writes results
    without building their document first."""
    return _text(value)


def _number(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(f"{value} cannot be written as a JSON number")
    text = str(value)
    return text.replace("E+", "E") if "E" in text else text


def _write(value: Any, out: list[str], indent: int | None, level: int) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(_string(value))
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, Decimal):
        out.append(_number(value))
    elif isinstance(value, Mapping):
        _container([(k, v) for k, v in value.items()], "{", "}", out, indent, level)
    elif isinstance(value, list | tuple):
        _container([(None, v) for v in value], "[", "]", out, indent, level)
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _container(
    items: list[tuple[Any, Any]],
    left: str,
    right: str,
    out: list[str],
    indent: int | None,
    level: int,
) -> None:
    if not items:
        out.append(left + right)
        return
    out.append(left)
    inner = "" if indent is None else "\n" + " " * (indent * (level + 1))
    for i, (key, item) in enumerate(items):
        if i:
            out.append(",")
        out.append(inner)
        if key is not None:
            out.append(_string(str(key)))
            out.append(": " if indent is not None else ":")
        _write(item, out, indent, level + 1)
    out.append("" if indent is None else "\n" + " " * (indent * level))
    out.append(right)


# --- what results offer as JSON --------------------------------------------------------------


def assessment_document(result: Any) -> dict[str, Any]:
    """The assess document of one assessment, its versions first as every command's."""
    from breachcalc.domain.assessment import SCHEMA_VERSION

    return enveloped(SCHEMA_VERSION, result)


def assessments_document(batch: Assessments) -> dict[str, Any] | Iterator[dict[str, Any]]:
    """One file of one scenario: its document; several scenarios: an array of their documents,
    written as each is made."""
    documents = (line.document() for line in assessments_lines(batch))
    if batch.single:
        return next(documents)
    return documents


def assessments_lines(batch: Assessments) -> Iterator[Line]:
    """Each scenario's document, its label first where it has one: as a :class:`Line`, which
    :func:`dumps` writes on one line straight from the assessment."""
    from breachcalc import __version__
    from breachcalc.domain.assessment import SCHEMA_VERSION

    head = {"schema_version": SCHEMA_VERSION, "breachcalc_version": __version__}
    for item in batch:
        yield Line({"scenario": item.label, **head} if item.named else head, item.result)


class Line:
    """A document not built yet: ``head``'s keys, then ``value``'s document (as
    :func:`enveloped` makes it). :func:`dumps` with ``indent=None`` writes its text in one walk
    over ``value`` (:func:`compact_text`), not a walk to build the document and another to
    write it; :meth:`document` builds the document."""

    __slots__ = ("head", "value")

    def __init__(self, head: dict[str, Any], value: Any) -> None:
        self.head = head
        self.value = value

    def document(self) -> dict[str, Any]:
        written: dict[str, Any] = document(self.value)
        return {**self.head, **written}

    def text(self) -> str:
        kind: type = type(self.value)
        slots = _text_plan(kind)
        if slots is None or any(slot[0][1:-2] in self.head for slot in slots):
            return _compact(self.document())
        parts = [f"{_string(k)}:{_text(v)}" for k, v in self.head.items()]
        parts.extend(_object_parts(self.value, slots))
        return "{" + ",".join(parts) + "}"


# --- one walk: a result straight to compact text -----------------------------------------

TextSlot = tuple[
    str,
    str,
    Callable[[Any], Any] | None,
    Callable[[Any], Any] | None,
    str | None,
    "tuple[TextSlot, ...] | None",
]
"""A key of an object written as text: (the key as JSON text followed by ``:``, the attribute,
the getter of a flattened object or None, encoder, money_in, and for a dotted key's object its
own slots, else None)."""


@cache
def _text_plan(cls: type) -> tuple[TextSlot, ...] | None:
    """:func:`_plan` arranged as the keys of the document :func:`document` builds: a dotted
    key's object where its first key lands, a key written twice where it was first written
    with the last value (as a dict does). None for a type that is not a result type."""
    if not dataclasses.is_dataclass(cls):
        return None
    root: dict[str, Any] = {}
    for step in _plan(cls):
        key, nest = step[0], step[1]
        where = root
        for part in nest[:-1] if nest is not None else ():
            inner = where.get(part)
            if not isinstance(inner, dict):
                inner = where[part] = {}  # as _place's setdefault (a leaf there: replaced)
            where = inner
        where[key] = step
    return _slots(root)


def _slots(tree: dict[str, Any]) -> tuple[TextSlot, ...]:
    found: list[TextSlot] = []
    for key, item in tree.items():
        name = _string(key) + ":"
        if isinstance(item, dict):
            found.append((name, "", None, None, None, _slots(item)))
        else:
            _, _, attribute, via, encode, money_in = item
            found.append((name, attribute, via, encode, money_in, None))
    return tuple(found)


def _object_parts(value: Any, slots: tuple[TextSlot, ...]) -> list[str]:
    parts: list[str] = []
    append = parts.append
    for name, attribute, via, encode, money_in, inner in slots:
        if inner is not None:
            append(name + "{" + ",".join(_object_parts(value, inner)) + "}")
            continue
        holder = value if via is None else via(value)
        item = getattr(holder, attribute)
        if money_in is not None and item is not None:
            item = Money(item, getattr(holder, money_in))
        if encode is not None:
            item = encode(item)
        kind = type(item)
        if kind is str:
            append(name + _string(item))
        elif kind is Decimal:
            append(name + _number(item))
        elif item is None:
            append(name + "null")
        else:
            append(name + _text(item))
    return parts


def compact_text(value: Any) -> str:
    """``dumps(document(value), indent=None)``, written in one walk over ``value``."""
    return _text(value)


def _text(value: Any) -> str:
    kind: type = type(value)
    if kind is str:
        return _string(value)
    if kind is Decimal:
        return _number(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is Money:
        amount = _text(round_money(value))
        return '{"amount":' + amount + ',"currency":' + _text(value.currency) + "}"
    if kind is tuple or kind is list:
        return "[" + ",".join([_text(item) for item in value]) + "]"
    if kind is dict:
        return (
            "{" + ",".join([f"{_string(str(k))}:{_text(item)}" for k, item in value.items()]) + "}"
        )
    slots = _text_plan(kind)
    if slots is None:  # dates, floats (refused), subclasses of the types above: the general writer
        parts: list[str] = []
        _write(document(value), parts, None, 0)
        return "".join(parts)
    return "{" + ",".join(_object_parts(value, slots)) + "}"


def comparison_document(found: Comparison) -> dict[str, Any]:
    """The compare document."""
    return enveloped(COMPARE_VERSION, found)


def comparison_lines(found: Comparison) -> list[Any]:
    """The compare document's rows, one per line."""
    rows: list[Any] = comparison_document(found)["rows"]
    return rows


def one_line(result: Any) -> list[Any]:
    """JSON Lines of a result with one document: the document, on one line."""
    from breachcalc.render.formats import OFFERS, load

    return [load(OFFERS[type(result).__name__].document or "")(result)]
