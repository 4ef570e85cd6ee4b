"""How a result type declares its JSON: on its own fields, once.

A result type is a frozen dataclass declared with :func:`result`. Each field says, next to its
type, whether it is part of the JSON document and what it means::

    @result
    class FineCap:
        jurisdiction: str = out("Jurisdiction code.")
        scratch: int = hidden()

* :func:`out` puts a field in the document under its own name, optionally through ``encode``, a
  function whose return type is the field's JSON type. ``key`` is for the two cases where the
  key says more than the name: a dotted key nests (``dpc_set_by`` under ``dpc.set_by``, ``dpc``
  as ``dpc.value``), and a unit suffix names the unit (``actual`` as ``actual_usd``);
  ``key="*"`` writes a result-type field's own keys in its place. One vocabulary: no other
  difference is allowed (``tests/test_vocabulary.py``).
* :func:`hidden` keeps a field out of the document (working state, or a figure shown elsewhere).
* :func:`computed` marks a property whose value is part of the document (placed after the field
  named by ``after``, first for ``after=""``, or at the end).

A field with neither is an error when the type is first written, so a new field cannot be
forgotten silently. :mod:`breachcalc.render.contract` writes documents from these declarations
and generates their JSON Schema, with every description. The encoders at the end are the
roundings documents share. This module imports only the standard library, so the domain can
use it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar, dataclass_transform

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

CONTRACT = "breachcalc.contract"
"""The metadata key under which a field's declaration is kept."""


@dataclasses.dataclass(frozen=True)
class Declared:
    """One field's or property's place in the document.

    Attributes:
        description: what the value means (shown in the JSON Schema).
        key: the document key, dotted for nesting; None for the attribute's own name.
        encode: turns the attribute into its document value; its return annotation is the
            JSON type. None to write the attribute as it is.
        hidden: not in the document.
        money_in: for a Decimal amount, the attribute of the same object naming its currency:
            the amount is written as money in that currency.
        after: the attribute whose key this one follows (None: in declaration order, computed
            properties at the end; "" at the start).
    """

    description: str = ""
    key: str | None = None
    encode: Callable[[Any], Any] | None = None
    hidden: bool = False
    after: str | None = None
    money_in: str | None = None


def out(
    description: str,
    *,
    key: str | None = None,
    encode: Callable[[Any], Any] | None = None,
    after: str | None = None,
    money_in: str | None = None,
    default: Any = dataclasses.MISSING,
    default_factory: Any = dataclasses.MISSING,
) -> Any:
    """A field that is part of the JSON document (``default`` and ``default_factory`` as for
    :func:`dataclasses.field`; ``after`` moves its key after another attribute's, for a field
    declared late because it has a default)."""
    declared = Declared(description, key, encode, False, after, money_in)
    return dataclasses.field(
        default=default, default_factory=default_factory, metadata={CONTRACT: declared}
    )


def hidden(
    *, default: Any = dataclasses.MISSING, default_factory: Any = dataclasses.MISSING
) -> Any:
    """A field that is not part of the JSON document."""
    return dataclasses.field(
        default=default, default_factory=default_factory, metadata={CONTRACT: Declared(hidden=True)}
    )


@dataclass_transform(frozen_default=True, field_specifiers=(out, hidden))
def result(cls: type[T]) -> type[T]:
    """Declare a result type: a frozen dataclass whose fields say :func:`out` or :func:`hidden`."""
    return dataclasses.dataclass(frozen=True)(cls)


def computed(
    description: str, *, key: str | None = None, after: str | None = None
) -> Callable[[F], F]:
    """Mark a property's getter as part of the JSON document (put it under ``@property``)."""

    def mark(getter: F) -> F:
        getter.__dict__[CONTRACT] = Declared(description, key, None, False, after)
        return getter

    return mark


def none_if_empty(text: str) -> str | None:
    """An encoder: "" (no value) is written as null."""
    return text or None


def cents(value: Decimal | None) -> Decimal | None:
    """An encoder: an amount to the cent, or None."""
    return None if value is None else value.quantize(Decimal("0.01"))


def whole(value: float | Decimal) -> Decimal:
    """An encoder: to the whole unit, half to even."""
    return Decimal(round(value))


def four_places(value: float) -> Decimal:
    """An encoder: a float to four decimals, from its shortest text (not its binary digits)."""
    return Decimal(repr(value)).quantize(Decimal("0.0001"))


def four_places_or_null(value: float | None) -> Decimal | None:
    """An encoder: :func:`four_places`, or None."""
    return None if value is None else four_places(value)


def as_records(cls: type[T]) -> Callable[[Any], tuple[T, ...]]:
    """An encoder: a tuple of tuples written as ``cls`` objects, one field per position (a
    result type kept as pairs internally, written with named keys)."""

    def encode(rows: Any) -> tuple[T, ...]:
        return tuple(cls(*row) for row in rows)

    encode.__annotations__ = {"rows": Any, "return": tuple[cls, ...]}  # type: ignore[valid-type]
    return encode
