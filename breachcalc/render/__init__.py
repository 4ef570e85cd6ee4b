"""Every byte a user sees: ``render.write(result, fmt, out)`` writes any result in any format
it offers (the registry is :mod:`breachcalc.render.formats`, loaded on first use, so a module of
``render/`` such as ``streams`` costs only itself)."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from typing import Any

__all__ = ["formats_of", "write"]


def __getattr__(name: str) -> Any:
    """``formats_of`` and ``write`` of :mod:`breachcalc.render.formats`, loaded when asked for."""
    if name in __all__:
        from breachcalc.render import formats

        return getattr(formats, name)
    raise AttributeError(f"module 'breachcalc.render' has no attribute {name!r}")
