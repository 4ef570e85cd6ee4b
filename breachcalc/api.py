"""The front door for code: read a breach, assess it, simulate it, explain it, write its JSON.

Every function here is a thin, typed wrapper over the library's layers (``input/``, ``domain/``,
``analysis/``); nothing prints, exits or imports the command line. ``import breachcalc`` exposes
the same names lazily, so the import stays cheap.

Example:
    >>> import breachcalc
    >>> breach = breachcalc.load_breach("examples/coupang.yaml")
    >>> result = breachcalc.assess(breach)
    >>> result.exposure.total
    Money(amount=Decimal('1853500000000'), currency='KRW')
    >>> breachcalc.load_breach("name: x\\naffected: -1\\ndata_categories: [names]\\n")
    Traceback (most recent call last):
    ...
    breachcalc.errors.InputError: <text>:2:11: affected: must be 0 or more, not -1
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from breachcalc.analysis.explain import Step
from breachcalc.analysis.explain import explain as _explain
from breachcalc.domain.assessment import Assessment
from breachcalc.domain.assessment import assess as _assess
from breachcalc.errors import BreachcalcError, InputError, Problem
from breachcalc.input.breach import Breach
from breachcalc.input.loader import Scenario, parse_text, scenarios_of
from breachcalc.input.loader import load_scenarios as _load_scenarios
from breachcalc.input.overrides import Override, parse_override
from breachcalc.input.paths import PathError

if TYPE_CHECKING:
    from datetime import date

    from breachcalc.domain.law import LawOfTheDay
    from breachcalc.domain.simulation import Simulation

Source = str | os.PathLike[str]
"""A file path (``str`` or :class:`~pathlib.Path`; ``FILE#variant`` picks a variant), or YAML
text: a ``str`` holding a newline is read as the description itself."""

DEFAULT_TRIALS = 10_000
"""Trials :func:`simulate` runs unless told otherwise (as ``breachcalc simulate``)."""


def _overrides(sets: Sequence[str]) -> list[Override]:
    try:
        return [parse_override(text, "set") for text in sets]
    except PathError as exc:
        raise InputError("sets", [Problem(str(exc))]) from None


def load_scenarios(source: Source, *, sets: Sequence[str] = ()) -> list[Scenario]:
    """Every scenario of a description: the base breach, then each of its ``variants``.

    Args:
        source: a file path, or YAML text (see :data:`Source`).
        sets: overrides as on the command line, e.g. ``["affected=1000"]``.

    Raises:
        InputError: anything wrong with the input, each problem located.
    """
    overrides = _overrides(sets)
    if isinstance(source, str) and "\n" in source:
        return scenarios_of(parse_text(source), overrides)
    return _load_scenarios(os.fspath(source), overrides)


def load_breach(source: Source, *, sets: Sequence[str] = ()) -> Breach:
    """Read and validate one breach description (the base scenario of a file with variants).

    Args:
        source: a file path (``FILE#variant`` for one variant), or YAML text.
        sets: overrides as on the command line, e.g. ``["discovered=2017-06-01"]``.

    Raises:
        InputError: anything wrong with the input, each problem located.
    """
    overrides = _overrides(sets)
    if isinstance(source, str) and "\n" in source:
        return scenarios_of(parse_text(source), overrides, every_variant=False)[0].breach
    return _load_scenarios(os.fspath(source), overrides, every_variant=False)[0].breach


def assess(breach: Breach, *, history: bool = True) -> Assessment:
    """Every figure of a breach: exposure, severity, notices, cost lines and the total.

    Likely values are exact decimals; where the file has ranges, a P5-P95 interval of each
    uncertain line comes from a short seeded simulation. With ``history`` (the default), the
    public outcomes the file does not state (fines, settlements, enforcement, card-brand
    payments) are estimated from the breach history in ``result.history``, labelled with
    their model and case count; they never replace the file's own figures.
    """
    result = _assess(breach)
    if not history:
        return result
    from breachcalc.analysis.history import with_history

    return with_history(result)


def simulate(
    breach: Breach, *, trials: int = DEFAULT_TRIALS, seed: int = 0, history: bool = True
) -> Simulation:
    """Monte Carlo of every cost line (the same formulas as :func:`assess`), summarised.

    Args:
        breach: a validated breach.
        trials: number of trials, at least 1.
        seed: the generator seed; the same seed gives the same figures.
        history: include the history lines for the public outcomes the file does not state.
    """
    from breachcalc.domain.simulation import simulate as _simulate

    if trials < 1:
        raise ValueError("trials must be at least 1")
    if not history:
        return _simulate(breach, trials, seed)
    from breachcalc.analysis.history import simulation_priors

    priors, factor, given_any = simulation_priors(breach)
    return _simulate(breach, trials, seed, priors=priors, prior_factor=factor, given_any=given_any)


def explain(subject: Breach | Assessment) -> Step:
    """How every figure was made: inputs, formulas and the source of each reference figure."""
    result = subject if isinstance(subject, Assessment) else _assess(subject)
    return _explain(result)


def law(code: str, *, on: date | None = None) -> LawOfTheDay:
    """The rules of jurisdiction ``code`` in force on ``on`` (default: today): the notices, their
    thresholds and deadlines, the fine maximum, each with its source.

    Raises:
        UsageError: a code breachcalc does not know, with the nearest codes.
    """
    from datetime import date as _date

    from breachcalc.domain.law import law_of
    from breachcalc.errors import UsageError
    from breachcalc.input.fields import _canonical

    day = on if on is not None else _date.today()
    try:
        return law_of(_canonical(code), day)
    except LookupError as exc:
        raise UsageError(str(exc.args[0])) from None


def document(result: Assessment | Simulation) -> dict[str, Any]:
    """A result's JSON document, as ``--format json`` writes it: plain dicts, lists, text,
    ints and exact :class:`~decimal.Decimal` amounts (rounded by the currency's minor unit
    where the command line rounds them). :func:`to_json` gives its text.

    Raises:
        TypeError: not an assessment or a simulation.
    """
    from breachcalc.domain.simulation import Simulation

    if isinstance(result, Assessment):
        from breachcalc.render.document import assessment_document

        return assessment_document(result)
    if isinstance(result, Simulation):
        from breachcalc.render.simulation import simulation_document

        return simulation_document(result)
    raise TypeError(
        f"no JSON document for {type(result).__name__}; give an assessment or a simulation"
    )


def to_json(result: Assessment | Simulation, *, indent: int | None = 2) -> str:
    """A result's JSON text, byte for byte what ``breachcalc assess --format json`` (or
    ``simulate``) prints, without the final newline; ``indent=None`` gives one line (JSON
    Lines). Amounts are JSON numbers written from their exact digits."""
    from breachcalc.render.jsontext import dumps

    return dumps(document(result), indent=indent)


__all__ = [
    "Assessment",
    "Breach",
    "BreachcalcError",
    "InputError",
    "Scenario",
    "Simulation",
    "Step",
    "assess",
    "document",
    "explain",
    "law",
    "load_breach",
    "load_scenarios",
    "simulate",
    "to_json",
]


def __getattr__(name: str) -> Any:
    """:class:`Simulation` lives beside numpy; load it only when asked for."""
    if name == "Simulation":
        from breachcalc.domain.simulation import Simulation

        return Simulation
    raise AttributeError(f"module 'breachcalc.api' has no attribute {name!r}")
