"""Every byte a user sees: ``render.write(result, fmt, out)`` writes any result in any format
it offers (the registry is :mod:`breachcalc.render.formats`)."""

from breachcalc.render.formats import formats_of, write

__all__ = ["formats_of", "write"]
