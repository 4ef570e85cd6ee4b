"""JSON text with exact decimals: a Decimal is written as a JSON number from its digits.

The standard library's encoder would need floats (inexact) or strings (not numbers) for
:class:`~decimal.Decimal`; this small writer emits the digits as they are. Output is ASCII-safe
UTF-8 JSON (RFC 8259), keys in the order the document builds them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

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
    if indent is None:
        return _compact(value)
    parts: list[str] = []
    _write(value, parts, indent, 0)
    return "".join(parts)


def _compact(value: Any) -> str:
    """One-line JSON (JSON Lines); the hot path when many documents are written.

    Leaves (text, whole numbers, null) are written in place rather than by a recursive call:
    most of a document is leaves.
    """
    kind = type(value)
    if kind is dict:
        parts = []
        for key, item in value.items():
            name = key if type(key) is str else str(key)
            parts.append(f"{_string(name)}:{_leaf(item)}")
        return "{" + ",".join(parts) + "}"
    if kind is list or kind is tuple:
        return "[" + ",".join([_leaf(item) for item in value]) + "]"
    return _leaf(value)


def _leaf(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is dict or kind is list or kind is tuple:
        return _compact(value)
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
    parts: list[str] = []
    _write(value, parts, None, 0)  # subclasses of the types above: the general writer
    return "".join(parts)


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
