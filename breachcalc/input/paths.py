"""Paths into an input file (``compensation.vouchers.0.amount``), walked over the input model.

One walker serves the overrides and sweeps (:func:`check_path`: is this a path, and what type is
there) and the loader's messages (:func:`fields_at`: which keys are valid here).
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel

from breachcalc.contract import record
from breachcalc.input.breach import Breach
from breachcalc.input.yaml_reader import Path, dotted

RANGE_KEYS = ("low", "likely", "high", "distribution")


class PathError(ValueError):
    """A path that does not name a field of the breach description (the message says why)."""


def _unwrap(annotation: Any) -> Any:
    for _ in range(8):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in options if isinstance(a, type) and issubclass(a, BaseModel)]
            containers = [a for a in options if typing.get_origin(a) in (list, dict)]
            annotation = (models or containers or options)[0]
        else:
            break
    return annotation


def fields_at(path: Path) -> list[str]:
    """The keys a file may write at ``path`` (for a message about an unknown key there): the
    fields of the model ``path`` leads to, or none where it leads to no model."""
    try:
        found = check_path(path)
    except PathError:
        return []
    model = _unwrap(found.annotation if isinstance(found, _Field) else found)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def check_path(path: Path) -> Any:
    """Check ``path`` against the input model; returns the annotation it leads to.

    Raises:
        PathError: a key that is no field there (with a suggestion), or an index into a
            mapping, or a key into a list.
    """
    current: Any = Breach
    for depth, part in enumerate(path):
        where = dotted(path[: depth + 1])
        previous = current
        if isinstance(current, _Field):
            current = current.annotation
        current = _unwrap(current)
        origin = typing.get_origin(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not isinstance(part, str) or part not in current.model_fields:
                names = list(current.model_fields)
                near = difflib.get_close_matches(str(part), names, n=1, cutoff=0.6)
                hint = (
                    f"; did you mean `{dotted((*path[:depth], near[0]))}`?"
                    if near
                    else (f" (fields here: {', '.join(names)})")
                )
                raise PathError(f"unknown path `{where}`{hint}")
            info = current.model_fields[part]
            current = _Field(info.annotation, tuple(info.metadata))
        elif origin is list:
            if not isinstance(part, int):
                raise PathError(
                    f"`{dotted(path[:depth])}` is a list: use an item number, "
                    f"e.g. `{dotted((*path[:depth], 0))}`"
                )
            current = typing.get_args(current)[0]
        elif origin is dict:
            current = typing.get_args(current)[1]
        elif (
            isinstance(part, str)
            and part in RANGE_KEYS
            and kind_of(previous) in ("amount", "share")
        ):
            current = Any  # a range of an uncertain number: {low, likely, high}
        else:
            raise PathError(f"unknown path `{where}`: `{dotted(path[:depth])}` is a single value")
    return current


_KINDS = {
    "_count": "count",
    "_share": "share",
    "uncertain_share": "share",
    "_amount": "amount",
    "uncertain_amount": "amount",
}


def kind_of(annotation: Any) -> str:
    """``count``, ``share``, ``amount`` (exact or uncertain), or ``other``, for what
    :func:`check_path` returns: read off the validators attached to the type."""
    pending = [annotation]
    while pending:
        item = pending.pop()
        if isinstance(item, _Field):
            pending.extend([item.annotation, *item.metadata])
            continue
        func = getattr(item, "func", None)
        if func is not None and getattr(func, "__name__", "") in _KINDS:
            return _KINDS[func.__name__]
        origin = typing.get_origin(item)
        if origin is typing.Annotated:
            pending += [*typing.get_args(item)[1:], typing.get_args(item)[0]]
        elif origin in (typing.Union, types.UnionType):
            pending += list(typing.get_args(item))
    return "other"


@record
class _Field:
    annotation: Any
    metadata: tuple[Any, ...]
