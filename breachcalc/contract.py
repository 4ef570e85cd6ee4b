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
forgotten silently. :mod:`breachcalc.render.json` writes documents from these declarations
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
    """Declare a result type: a frozen dataclass whose fields say :func:`out` or :func:`hidden`
    (made by :func:`record`)."""
    return record(cls)


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    """A frozen dataclass, made at a fraction of the import-time cost of
    ``dataclasses.dataclass(frozen=True)``, which compiles six methods per class: ~0.4 ms each
    time, ~25 ms of every start-up over the hundred classes the tool declares.

    The fields are processed by :func:`dataclasses.dataclass` itself (so ``fields``,
    ``replace``, ``asdict`` and ``is_dataclass`` work as ever), without generated methods;
    ``__init__`` is compiled the first time the class is instantiated (a class a run does not
    use costs nothing), and ``__repr__``, ``__eq__``, ``__hash__`` and the frozen
    ``__setattr__``/``__delattr__`` are shared functions that behave as the generated ones do.
    No field may be ``kw_only`` or an ``InitVar``; record classes do not inherit from dataclasses.
    """
    doc = cls.__dict__.get("__doc__")
    cls.__doc__ = "-"  # no docstring made from the signature (its tokenizer costs ~2 ms)
    made = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    made.__doc__ = doc
    fields = dataclasses.fields(made)  # type: ignore[arg-type]
    plain = {f.name for f in fields}
    others = [f for f in made.__dataclass_fields__.values() if f.name not in plain]  # type: ignore[attr-defined]
    if any("ClassVar" not in str(f.type) for f in others) or any(f.kw_only is True for f in fields):
        raise TypeError(f"{made.__name__}: a record has plain fields (and class variables) only")
    made.__record_repr__ = tuple(f.name for f in fields if f.repr)  # type: ignore[attr-defined]
    made.__record_key__ = tuple(f.name for f in fields if f.compare)  # type: ignore[attr-defined]
    own = cls.__dict__
    if "__setattr__" in own or "__delattr__" in own:
        raise TypeError(f"{made.__name__}: a frozen record sets no attributes")
    explicit_hash = own.get("__hash__", None) is not None or (
        "__hash__" in own and "__eq__" not in own
    )
    methods = {"__init__": _first_init(made), "__repr__": _repr, "__eq__": _eq}
    for name, method in methods.items():
        if name not in own:  # as dataclasses does: a method the class writes itself stays
            setattr(made, name, method)
    if not explicit_hash:
        made.__hash__ = _hash  # type: ignore[method-assign]
    made.__setattr__ = _frozen_setattr  # type: ignore[method-assign]
    made.__delattr__ = _frozen_delattr  # type: ignore[method-assign]
    return made


COMPILE_AFTER = 32
"""Instances of a record made by :func:`_plain_init` before its ``__init__`` is compiled: a
compile costs about 0.17 ms, binding the arguments in a loop about 1 µs more per instance, so
a class a run makes a few of (a single file's estimate, its comparables, its lines) is never
compiled, and one made thousands of times (a batch) is compiled after its first few."""


def _first_init(cls: type) -> Callable[..., None]:
    """``cls.__init__`` for the first :data:`COMPILE_AFTER` instances (:func:`_plain_init`);
    then it compiles the real one and puts it in its place."""
    plain = _plain_init(cls)
    made = 0

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal made
        made += 1
        if made <= COMPILE_AFTER:
            plain(self, *args, **kwargs)
            return
        init = _compile_init(cls)
        cls.__init__ = init  # type: ignore[misc]
        init(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _plain_init(cls: type) -> Callable[..., None]:
    """The ``__init__`` of :func:`_compile_init`, not compiled: the arguments bound in a loop
    over the fields (the same attributes, defaults, factories and ``__post_init__``; a
    ``TypeError`` for the calls the compiled one refuses)."""
    missing = dataclasses.MISSING
    plan = [
        (f.name, f.init, f.default, f.default_factory)
        for f in dataclasses.fields(cls)
        if f.init or f.default is not missing or f.default_factory is not missing
    ]
    params = tuple(f.name for f in dataclasses.fields(cls) if f.init)
    known = frozenset(params)
    post = hasattr(cls, "__post_init__")
    where = f"{cls.__qualname__}.__init__()"
    put = object.__setattr__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(params):
            raise TypeError(
                f"{where} takes {len(params) + 1} positional arguments "
                f"but {len(args) + 1} were given"
            )
        given = dict(zip(params, args, strict=False))  # fewer arguments than parameters
        for name, value in kwargs.items():
            if name not in known:
                raise TypeError(f"{where} got an unexpected keyword argument {name!r}")
            if name in given:
                raise TypeError(f"{where} got multiple values for argument {name!r}")
            given[name] = value
        for name, init, default, factory in plan:
            if init and name in given:
                value = given[name]
                if value is _HAS_DEFAULT_FACTORY and factory is not missing:
                    value = factory()
            elif default is not missing:
                value = default
            elif factory is not missing:
                value = factory()
            else:
                raise TypeError(f"{where} missing 1 required positional argument: {name!r}")
            put(self, name, value)
        if post:
            self.__post_init__()

    return __init__


def _compile_init(cls: type) -> Callable[..., None]:
    """The ``__init__`` dataclasses would generate for a frozen class with these fields."""
    names: dict[str, Any] = {"__set": object.__setattr__, "__factory": _HAS_DEFAULT_FACTORY}
    params, body = ["self"], []
    for f in dataclasses.fields(cls):
        default = f"__default_{f.name}"
        if f.default is not dataclasses.MISSING:
            names[default] = f.default
            value = f.name if f.init else default
            if f.init:
                params.append(f"{f.name}={default}")
        elif f.default_factory is not dataclasses.MISSING:
            names[default] = f.default_factory
            if f.init:
                params.append(f"{f.name}=__factory")
                value = f"{default}() if {f.name} is __factory else {f.name}"
            else:
                value = f"{default}()"
        elif f.init:
            params.append(f.name)
            value = f.name
        else:
            continue
        body.append(f"  __set(self, {f.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        body.append("  self.__post_init__()")
    source = f"def __init__({', '.join(params)}):\n" + ("\n".join(body) or "  pass") + "\n"
    exec(source, names)  # the source is built from the class's own field names
    init: Callable[..., None] = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


class _HasDefaultFactory:
    def __repr__(self) -> str:
        return "<factory>"


_HAS_DEFAULT_FACTORY = _HasDefaultFactory()


def _repr(self: Any) -> str:
    shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__record_repr__)
    return f"{self.__class__.__qualname__}({shown})"


def _key(self: Any) -> tuple[Any, ...]:
    return tuple([getattr(self, n) for n in self.__record_key__])


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is self.__class__:
        same: bool = _key(self) == _key(other)
        return same
    return NotImplemented  # type: ignore[no-any-return]


def _hash(self: Any) -> int:
    return hash(_key(self))


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


@dataclass_transform(frozen_default=True)
class FieldTuple(tuple[Any, ...]):
    """A named tuple at a fraction of the import-time cost of ``typing.NamedTuple`` (which
    compiles every field's annotation and a ``__new__``: ~0.1-0.25 ms a class)::

        class Cap(FieldTuple):
            __slots__ = ()
            usd: float
            hard: bool = True

    A tuple of its fields in order (equal, hashed, unpacked and indexed as one), each field
    also an attribute (a C-level ``itemgetter``), with the defaults of the class body,
    ``_fields``, ``_replace`` and the named tuple's ``repr``; no ``__init__`` is compiled (the
    arguments are bound in a loop unless every field is given by position)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _defaults: dict[str, Any] = {}  # noqa: RUF012 (each subclass gets its own)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        from operator import itemgetter

        names = tuple(cls.__dict__.get("__annotations__", {}))  # noqa: RUF063 (its own, in order)
        defaults = {}
        for index, name in enumerate(names):
            if name in cls.__dict__:
                defaults[name] = cls.__dict__[name]
            elif defaults:
                raise TypeError(f"{cls.__name__}: field {name!r} without a default after one")
            setattr(cls, name, property(itemgetter(index)))
        cls._fields = names
        cls._defaults = defaults

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        names = cls._fields
        if not kwargs and len(args) == len(names):
            return tuple.__new__(cls, args)
        if len(args) > len(names):
            raise TypeError(f"{cls.__name__} takes {len(names)} arguments, not {len(args)}")
        values = list(args)
        for name in names[len(args) :]:
            if name in kwargs:
                values.append(kwargs.pop(name))
            elif name in cls._defaults:
                values.append(cls._defaults[name])
            else:
                raise TypeError(f"{cls.__name__} missing argument {name!r}")
        if kwargs:
            raise TypeError(f"{cls.__name__}: unexpected or repeated arguments {sorted(kwargs)}")
        return tuple.__new__(cls, values)

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(self._fields, self, strict=True))
        return f"{type(self).__name__}({shown})"

    def _replace(self, **changes: Any) -> Any:
        """A copy with ``changes``, as a named tuple's ``_replace``."""
        return type(self)(*(changes.pop(n, v) for n, v in zip(self._fields, self, strict=True)))

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)


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


def four_figures(value: Decimal) -> Decimal:
    """An encoder: a probability to four significant figures, trailing zeros dropped
    (``0.04203000000000001`` → ``0.04203``; a share of trials such as 1/7 → ``0.1429``)."""
    if not value:
        return Decimal(0)
    rounded = Decimal(f"{value:.4g}") if value.is_finite() else value
    return rounded.normalize() if rounded != rounded.to_integral_value() else Decimal(int(rounded))


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
