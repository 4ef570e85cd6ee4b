"""The command group: each command named by an import string and built only when it is run.

The well-known lazy group: :class:`LazyGroup` knows every command as ``"module:function"``;
:meth:`~LazyGroup.get_command` imports the module and builds the one command a run invokes
(Typer reads a command's signature to build it, which is most of the start-up of a run), and
its help lists every command from its function's help text without building the others.
Only Typer's and click's public interfaces are used.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any, ClassVar

import typer
import typer.core
import typer.main


def _function(path: str) -> tuple[Any, str]:
    """``"breachcalc.cli.assess:assess"`` → (the function, its module's EPILOG)."""
    module_name, name = path.split(":")
    module = importlib.import_module(module_name)
    return getattr(module, name), getattr(module, "EPILOG", "")


def build(name: str, path: str) -> Any:
    """The click command of the function at ``path``, as Typer builds a one-command app."""
    function, epilog = _function(path)
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    app.command(name=name, epilog=epilog)(function)
    command = typer.main.get_command(app)
    command.name = name
    return command


class LazyGroup(typer.core.TyperGroup):
    """A group whose commands are import strings (:attr:`lazy`), built on first use."""

    lazy: ClassVar[dict[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.built: dict[str, Any] = {}
        self._listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.lazy, *super().list_commands(ctx)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        path = self.lazy.get(cmd_name)
        if path is None:
            return super().get_command(ctx, cmd_name)
        if self._listing and cmd_name not in self.built:
            return self.listed(cmd_name, path)
        if cmd_name not in self.built:
            self.built[cmd_name] = build(cmd_name, path)
        return self.built[cmd_name]

    @staticmethod
    def listed(name: str, path: str) -> Any:
        """The command as the group's help lists it: its name and help text only (Typer's own
        help text: the function's docstring)."""
        function, _epilog = _function(path)
        return typer.core.TyperCommand(name=name, help=inspect.getdoc(function))

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False
