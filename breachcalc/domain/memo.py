"""Memoisation over a breach, keyed on exactly the fields a computation read.

A sweep assesses thousands of breaches that differ in one or two fields. Much of each
assessment (the severity's category scores, the offer's parts, a cross-check of the dates)
depends only on fields the row does not vary. A :class:`Memo` reuses such results without being
told which fields a computation needs, so its correctness cannot hang on a list kept by hand:

* on a miss, the computation runs on a :class:`Reads` stand-in for the breach that records every
  top-level field read (through properties and methods of the model too);
* the result is stored under those fields' values: a count, text, a flag or None by type and
  value, anything else (a model, a list, a Decimal, a date) by identity, the object kept alive
  by the entry so that its identity cannot be reused;
* a later call hits only where every recorded field holds the same value (or the very same
  object): a deterministic computation given the same inputs reads the same fields, takes the
  same branches and returns the same result.

Identity is conservative: an equal but separately validated value misses (``1.0`` and ``1`` are
equal Decimals, yet print differently); it hits in a sweep because the fields a row does not
vary are shared with the base breach. A computation that reaches past the fields (a method of
pydantic's own) is not stored. Only pure functions of the breach (and of hashable exact
arguments) may be memoised; each store is bounded, so memory does not grow with the rows.

:func:`memoised` marks a domain function as memoisable: it runs plainly unless a memo is active
(:meth:`Memo.active`), so a single assessment is unchanged.
"""

from __future__ import annotations

import contextvars
import functools
import types
from collections.abc import Callable, Sequence
from operator import is_
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_BY_VALUE = frozenset((int, str, bool, type(None)))
"""Types keyed by (type, value): immutable, and equal values print the same."""

ENTRIES = 512
"""Results kept per computation and field set; the store is emptied when full."""


def _key(values: Sequence[Any]) -> tuple[Any, ...]:
    """A key for ``values``: a count, text, flag or None as (type, value), anything else by its
    identity (the entry keeps the object alive, so the identity is not reused)."""
    return tuple([(type(v), v) if type(v) in _BY_VALUE else id(v) for v in values])


class Reads:
    """Stands in for a pydantic model: field reads are recorded and passed through; properties
    and plain methods of the model's class run on the stand-in, so their reads are recorded too.
    Anything else is passed through and marks the computation as not storable."""

    __slots__ = ("_fields", "_read", "_target", "opaque")

    def __init__(self, target: Any) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_fields", type(target).model_fields)
        object.__setattr__(self, "_read", {})
        object.__setattr__(self, "opaque", False)

    def __getattr__(self, name: str) -> Any:
        target = self._target
        if name in self._fields:
            value = getattr(target, name)
            self._read[name] = value
            return value
        attr = getattr(type(target), name, None)
        if isinstance(attr, property) and attr.fget is not None:
            return attr.fget(self)
        if isinstance(attr, types.FunctionType) and attr.__qualname__.startswith(
            type(target).__qualname__ + "."
        ):
            return types.MethodType(attr, self)
        object.__setattr__(self, "opaque", True)
        return getattr(target, name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a breach is read-only")

    @property
    def read(self) -> dict[str, Any]:
        """Field name → value, for every field read so far, in the order first read."""
        return dict(self._read)


class Memo:
    """Results of pure computations over breaches, keyed on the fields each one read."""

    def __init__(self, entries: int = ENTRIES) -> None:
        self._entries = entries
        self._store: dict[Any, dict[tuple[str, ...], dict[tuple[Any, ...], tuple[Any, Any]]]] = {}
        self._last: dict[Any, tuple[tuple[str, ...], tuple[Any, ...], Any]] = {}
        """Per computation, the fields, values and result of its last use (checked by identity
        first: in a sweep, the fields a row does not vary are the base's very objects)."""
        self.hits = 0
        self.misses = 0

    def call(self, key: Any, compute: Callable[[Any], T], breach: Any) -> T:
        """``compute(breach)``, or the result stored for ``key`` where every field it read
        last time holds the same value now. ``key`` names the computation and any arguments
        besides the breach (it must be hashable and exact); ``breach`` is a pydantic model."""
        fields = breach.__dict__
        last = self._last.get(key)
        if last is not None and all(map(is_, map(fields.__getitem__, last[0]), last[1])):
            self.hits += 1  # the very objects of the last hit: a sweep's unvaried fields
            return last[2]  # type: ignore[no-any-return]
        stores = self._store.get(key)
        if stores is None:
            stores = self._store[key] = {}
        for names, results in stores.items():
            # _key, inlined: this runs for every memoised call of every row
            found = results.get(
                tuple(
                    [
                        (type(v), v) if type(v) in _BY_VALUE else id(v)
                        for v in map(fields.__getitem__, names)
                    ]
                )
            )
            if found is not None:
                self.hits += 1
                self._last[key] = (names, found[1], found[0])
                return found[0]  # type: ignore[no-any-return]
        self.misses += 1
        reads = Reads(breach)
        result = compute(reads)
        if not reads.opaque:
            read = reads.read
            names = tuple(read)
            results = stores.setdefault(names, {})
            if len(results) >= self._entries:
                results.clear()
            values = tuple(read.values())
            results[_key(values)] = (result, values)
            self._last[key] = (names, values, result)
        return result

    def active(self) -> _Active:
        """Make :func:`memoised` functions use this memo inside a ``with`` block."""
        return _Active(self)


class _Active:
    """The ``with`` block of :meth:`Memo.active` (a class: it is entered once per sweep row)."""

    __slots__ = ("_memo", "_token")

    def __init__(self, memo: Memo) -> None:
        self._memo = memo

    def __enter__(self) -> Memo:
        self._token = _ACTIVE.set(self._memo)
        return self._memo

    def __exit__(self, *_exc: object) -> None:
        _ACTIVE.reset(self._token)


_ACTIVE: contextvars.ContextVar[Memo | None] = contextvars.ContextVar("memo", default=None)


def memoised(function: Callable[P, T]) -> Callable[P, T]:
    """``function(breach, *args)`` through the active :class:`Memo`, if any, where ``args`` are
    text (they are part of the key; other arguments make a plain call). Without an active memo,
    a plain call."""

    plain: Callable[..., T] = function

    @functools.wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> T:
        memo = _ACTIVE.get()
        if memo is None or kwargs or not args or isinstance(args[0], Reads):
            return function(*args, **kwargs)  # a stand-in: the outer computation records
        if len(args) == 1:
            return memo.call(function, plain, args[0])
        rest = args[1:]
        for argument in rest:
            if type(argument) is not str:
                return function(*args, **kwargs)
        # text compares equal to text only, so the arguments themselves are exact keys
        return memo.call((function, *rest), lambda stand_in: plain(stand_in, *rest), args[0])

    return call
