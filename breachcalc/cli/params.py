"""Typer's own command line, with less start-up work: plain values without a pydantic adapter
each, and only the invoked command built.

Typer (0.2x) coerces every parameter through a pydantic ``TypeAdapter`` built on first use (a
few milliseconds a command). Our parameters are plain (text, lists of text, choices, paths,
flags, whole numbers), so :class:`Command` gives each a :class:`Quick` coercion that does what
the adapter would for an ordinary value (using Typer's own choice and path helpers) and hands
anything else, above all every value Typer would refuse, to the adapter Typer builds as before,
so messages and exit codes are Typer's own. Where Typer lacks this machinery (another version),
nothing changes.

Typer also builds every registered command before parsing a word; :class:`LazyGroup` builds
the one a run invokes, and lists the others in its help from their help text alone.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import typer.core
import typer.main
from typer.models import CommandInfo

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


class Commands(MutableMapping[str, Any]):
    """A group's commands by name, each built (its parameters read from its signature) only
    when it is looked up: a run builds the one it invokes, not all of them."""

    def __init__(self, infos: Sequence[CommandInfo], *, pretty: bool, markup: Any) -> None:
        self.infos = {_name(info): info for info in infos}
        self.pretty, self.markup = pretty, markup
        self.built: dict[str, Any] = {}
        self.names = list(self.infos)

    def __getitem__(self, name: str) -> Any:
        if name not in self.built:
            self.built[name] = typer.main.get_command_from_info(
                self.infos[name], pretty_exceptions_short=self.pretty, rich_markup_mode=self.markup
            )
        return self.built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command
        if name not in self.names:
            self.names.append(name)

    def __delitem__(self, name: str) -> None:
        self.names.remove(name)
        self.built.pop(name, None)
        self.infos.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def listed(self, name: str) -> Any:
        """The command as the group's help lists it: a stand-in with its name and help, what a
        listing reads (Typer's own help text: the given help, else the docstring)."""
        info = self.infos[name]
        return typer.core.TyperCommand(
            name=name,
            help=inspect.cleandoc(info.help) if info.help else inspect.getdoc(info.callback),
            short_help=info.short_help,
            hidden=info.hidden,
            deprecated=info.deprecated,
        )


def _name(info: CommandInfo) -> str:
    assert info.callback is not None
    return info.name or typer.main.get_command_name(info.callback.__name__)


class LazyGroup(Group):
    """The group, its commands built on first use (:class:`Commands`); its help lists them
    without building them. :meth:`over` makes one that takes a Typer app's commands over."""

    infos: Sequence[CommandInfo] = ()
    pretty = True
    listing = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = Commands(self.infos, pretty=self.pretty, markup=self.rich_markup_mode)

    @classmethod
    def over(cls, app: typer.Typer) -> type[LazyGroup]:
        """A group class for ``app`` that builds its registered commands, taken from ``app``
        so that Typer does not build them all up front."""
        infos = list(app.registered_commands)
        app.registered_commands.clear()
        attributes = {"infos": infos, "pretty": app.pretty_exceptions_short}
        return type(cls.__name__, (cls,), attributes)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        commands = self.commands
        if self.listing and isinstance(commands, Commands) and cmd_name in commands.infos:
            return commands.listed(cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        self.listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self.listing = False
