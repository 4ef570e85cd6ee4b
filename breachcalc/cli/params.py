"""Plain command-line values without a pydantic adapter each: Typer's own path, cheaper.

Typer (0.2x) coerces every parameter through a pydantic ``TypeAdapter`` built on first use:
about 2 ms a parameter, and 15 ms more to import Typer's adapter module. Our parameters are
plain (text, lists of text, choices, paths, whole numbers), so :class:`Command` gives each a
:class:`Quick` coercion that does what the adapter would for an ordinary value (using Typer's
own choice and path helpers) and hands anything else, above all every value Typer would refuse,
to the adapter Typer builds as before, so messages and exit codes are Typer's own. Where Typer
lacks this machinery (another version), nothing changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import typer.core

try:
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
    from typer._param_types import coerce_cli_choice, coerce_cli_path, routes_to_path
except ImportError:  # pragma: no cover - a Typer without the adapter layer
    RuntimeParam = None  # type: ignore[assignment,misc]

_DIGITS = re.compile(r"(?:0|[1-9][0-9]{0,17})\Z")
"""A whole number every int parser reads alike (no sign, space, underscore or leading 0)."""


def _kind(descriptor: Any) -> str | None:
    """Which plain kind a parameter is, or None for one Typer should coerce itself."""
    info = descriptor.parameter_info
    annotation = descriptor.annotation
    if info.parser is not None or descriptor.is_file or getattr(info, "clamp", False):
        return None
    if get_origin(annotation) is list:
        return "texts" if get_args(annotation) == (str,) else None
    if annotation is str:
        return "text"
    if annotation is bool:
        return "flag"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "choice"
    if annotation is int:
        return "int"
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return "path" if routes_to_path(annotation, info) and info.path_type is None else None
    return None


_TYPER = object()
"""Marker: let Typer's adapter coerce this value."""

if RuntimeParam is not None:

    @dataclass(frozen=True)
    class Quick(RuntimeParam):
        """A plain parameter's coercion: ordinary values here, the rest by Typer's adapter."""

        kind: str = ""
        typer_own: list[RuntimeParam] = field(default_factory=list, compare=False, repr=False)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            descriptor = param.type_descriptor
            found = _quick(self.kind, descriptor, value, param, ctx)
            if found is not _TYPER:
                return found
            if not self.typer_own:
                self.typer_own.append(build_runtime_param(descriptor))
            return self.typer_own[0]._coerce_value(value, param=param, ctx=ctx)


def _quick(kind: str, descriptor: TypeDescriptor, value: Any, param: Any, ctx: Any) -> Any:
    info = descriptor.parameter_info
    if (kind == "text" and isinstance(value, str)) or (kind == "flag" and isinstance(value, bool)):
        return value
    if kind == "texts" and isinstance(value, list | tuple):
        if all(isinstance(item, str) for item in value):
            return list(value)
    elif kind == "choice":
        try:
            return coerce_cli_choice(
                value,
                choices=tuple(descriptor.annotation),
                case_sensitive=info.case_sensitive,
                ctx=ctx,
            )
        except ValueError:
            return _TYPER
    elif kind == "int":
        number = _whole(value)
        if number is not None and _within(number, info.min, info.max):
            return number
    elif kind == "path" and isinstance(value, str | Path):
        try:
            return coerce_cli_path(
                Path(value), info, path_type=descriptor.annotation, param=param, ctx=ctx
            )
        except typer.BadParameter:  # Typer words it, about the value as given
            return _TYPER
    return _TYPER


def _within(number: int, low: float | None, high: float | None) -> bool:
    return (low is None or number >= low) and (high is None or number <= high)


def _whole(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _DIGITS.match(value):
        return int(value)
    return None


def quicken(params: list[Any]) -> None:
    """Give each plain Typer parameter of a command the :class:`Quick` coercion."""
    parameter = getattr(typer.core, "_TyperParameter", None)
    if RuntimeParam is None or parameter is None:
        return  # pragma: no cover - another Typer: its own coercion throughout
    for param in params:
        if not isinstance(param, parameter) or getattr(param, "_runtime_param", 0) is not None:
            continue  # not Typer's, already built, or a Typer that has no such slot
        descriptor = param.type_descriptor
        kind = _kind(descriptor)
        if kind is not None:
            param._runtime_param = Quick(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                kind=kind,
            )


class Command(typer.core.TyperCommand):
    """A Typer command whose plain parameters coerce without a pydantic adapter each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        quicken(self.params)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        quicken([option])
        return option


class Group(typer.core.TyperGroup):
    """The Typer group, with the same plain-parameter coercion as :class:`Command`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        quicken(self.params)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        quicken([option])
        return option
