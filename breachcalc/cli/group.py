"""Typer's own command line, with less start-up work: only the invoked command built.

Typer builds every registered command (reading each signature's type hints twice) before it
parses a word; :class:`LazyGroup` builds the one a run invokes, and lists the others in its
help from their help text alone.

(Typer 0.29 also builds a pydantic ``TypeAdapter`` for every parameter a run parses. Plain
values can be coerced without one, handing every refused value to Typer's adapter for its own
message, but that saved about 2 ms once pydantic is loaded for the breach models anyway: not
worth leaning on Typer's private coercion API.)
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, MutableMapping, Sequence
from typing import Any

import typer.core
import typer.main
from typer.models import CommandInfo


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


class LazyGroup(typer.core.TyperGroup):
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
