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
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias

from breachcalc.errors import BreachcalcError, InputError, Problem, UsageError

if TYPE_CHECKING:
    from datetime import date

    from breachcalc.analysis.backtest import Backtest
    from breachcalc.analysis.explain import Explanation, Step
    from breachcalc.analysis.history.listing import HistoryListing
    from breachcalc.analysis.key_figures import Comparison
    from breachcalc.analysis.portfolio import PortfolioResult
    from breachcalc.analysis.results import Assessments, Briefing, Sensitivity, Sweep
    from breachcalc.domain.assessment import Assessment
    from breachcalc.domain.law import LawOfTheDay
    from breachcalc.domain.money import Money
    from breachcalc.domain.severity import Catalogue, VectorScore
    from breachcalc.domain.simulation import Simulation
    from breachcalc.input.breach import Breach
    from breachcalc.input.loader import Scenario
    from breachcalc.input.overrides import Override
    from breachcalc.input.policy import Policy
    from breachcalc.render.schemas import JsonSchema

Source = str | os.PathLike[str]
"""A file path (``str`` or :class:`~pathlib.Path`; ``FILE#variant`` picks a variant), or YAML
text: a ``str`` holding a newline is read as the description itself."""

Sets: TypeAlias = "Sequence[str | Override]"
"""Overrides as on the command line (``"affected=1000"``), or already read."""

PolicySource = Source | None
"""A policy file (or YAML text) applied to every breach without its own ``insurance``."""

Progress = Callable[[int, int], None]
"""Told ``(done, total)`` as long work goes on (trials simulated, rows swept)."""

DEFAULT_TRIALS = 10_000
"""Trials :func:`simulate` runs unless told otherwise."""

REPORT_TRIALS = 20_000
"""Trials behind the report's intervals and loss-exceedance curve."""


def _assess(breach: Breach, *, intervals: bool = True) -> Assessment:
    from breachcalc.domain.assessment import assess

    return assess(breach, intervals=intervals)


def _load_scenarios(name: str, sets: Sequence[Override] = (), **how: Any) -> list[Scenario]:
    from breachcalc.input.loader import load_scenarios as load

    return load(name, sets, **how)


def _overrides(sets: Sets) -> list[Override]:
    from breachcalc.input.overrides import Override, parse_override
    from breachcalc.input.paths import PathError

    try:
        return [s if isinstance(s, Override) else parse_override(s, "set") for s in sets]
    except PathError as exc:
        raise InputError("sets", [Problem(str(exc))]) from None


_AMOUNT = re.compile(r"^\s*([0-9][0-9,_]*(?:\.[0-9]+)?(?:[eE][+]?[0-9]+)?)\s*([A-Za-z]{3})?\s*$")


def _threshold(text: str, breach: Breach) -> Money:
    """``1.5e12`` or ``1,000,000,000 USD``, as an amount in the breach currency."""
    from decimal import InvalidOperation

    from breachcalc import limits
    from breachcalc.domain.cost_lines import base_currency, rates
    from breachcalc.domain.money import Money, convert
    from breachcalc.errors import did_you_mean
    from breachcalc.reference.tables import currency_minor_units

    match = _AMOUNT.match(text)
    if not match:
        raise UsageError(
            f"--exceed {text!r}: write an amount, optionally with a currency code, "
            "e.g. 1.5e12 or '1,000,000,000 USD'"
        )
    try:
        amount = Decimal(match[1].replace(",", "").replace("_", ""))
    except InvalidOperation:
        raise UsageError(f"--exceed {text!r}: not a number") from None
    if amount > limits.MAX_AMOUNT:
        raise UsageError(
            f"--exceed {text!r}: must be at most {limits.MAX_AMOUNT:,} (limit MAX_AMOUNT)"
        )
    currency = (match[2] or base_currency(breach)).upper()
    known = currency_minor_units()
    if currency not in known:
        from breachcalc.reference.history import yearly_rates

        common = {"USD", *(c for c, _year in yearly_rates())}
        raise UsageError(
            f"--exceed {text!r}: unknown ISO 4217 currency code {currency!r}"
            f"{did_you_mean(currency, known, first=common)}"
        )
    try:
        return convert(Money(amount, currency), base_currency(breach), rates(breach))
    except LookupError:
        raise UsageError(
            f"--exceed {text!r}: the file has no rate between {currency} and "
            f"{base_currency(breach)}"
        ) from None


def load_scenarios(source: Source, *, sets: Sets = ()) -> list[Scenario]:
    """Every scenario of a description: the base breach, then each of its ``variants``.

    Args:
        source: a file path, or YAML text (see :data:`Source`).
        sets: overrides as on the command line, e.g. ``["affected=1000"]``.

    Raises:
        InputError: anything wrong with the input, each problem located.
    """
    from breachcalc.input.loader import parse_text, scenarios_of

    overrides = _overrides(sets)
    if isinstance(source, str) and "\n" in source:
        return scenarios_of(parse_text(source), overrides)
    return _load_scenarios(os.fspath(source), overrides)


def _breach(subject: Breach | Source, sets: Sets, policy: PolicySource) -> Breach:
    from breachcalc.input.breach import Breach

    if isinstance(subject, Breach):
        return insured(subject, load_policy(policy))
    return load_breach(subject, sets=sets, policy=policy)


def load_breach(source: Source, *, sets: Sets = (), policy: PolicySource = None) -> Breach:
    """Read and validate one breach description (the base scenario of a file with variants).

    Args:
        source: a file path (``FILE#variant`` for one variant), or YAML text.
        sets: overrides as on the command line, e.g. ``["discovered=2017-06-01"]``.
        policy: a cyber policy for a breach without its own ``insurance`` (see :func:`insured`).

    Raises:
        InputError: anything wrong with the input, each problem located.
    """
    from breachcalc.input.loader import parse_text, scenarios_of

    overrides = _overrides(sets)
    if isinstance(source, str) and "\n" in source:
        breach = scenarios_of(parse_text(source), overrides, every_variant=False)[0].breach
    else:
        from breachcalc.input.loader import load_breach as _load_breach

        breach = _load_breach(os.fspath(source), sets=overrides)
    return insured(breach, load_policy(policy))


def load_policy(source: PolicySource) -> Policy | None:
    """Read and validate a cyber policy file (None for none)."""
    if source is None:
        return None
    from breachcalc.input.loader import load_policy as _load_policy

    found: Policy = _load_policy(os.fspath(source))
    return found


def insured(breach: Breach, policy: Policy | None) -> Breach:
    """``breach`` with ``policy`` where it has no ``insurance`` of its own (the file wins)."""
    if policy is None or breach.insurance is not None:
        return breach
    return breach.model_copy(update={"insurance": policy})


def assess(breach: Breach, *, history: bool = True, intervals: bool = True) -> Assessment:
    """Every figure of a breach: exposure, severity, notices, cost lines and the total.

    Likely values are exact decimals; where the file has ranges, a P5-P95 interval of each
    uncertain line comes from a short seeded simulation (``intervals``). With ``history`` (the
    default), the public outcomes the file does not state (fines, settlements, enforcement,
    card-brand payments) are estimated from the breach history in ``result.history``, labelled
    with their model and case count; they never replace the file's own figures. This is the
    one place a history estimate is attached to an assessment.
    """
    result = _assess(breach, intervals=intervals)
    if not history:
        return result
    from breachcalc.analysis.history import with_history

    return with_history(result)


def assess_files(
    sources: Sequence[str],
    *,
    sets: Sets = (),
    policy: PolicySource = None,
    history: bool = True,
    on_error: Callable[[InputError], None] | None = None,
) -> Assessments:
    """Every scenario of every file, assessed as it is read (see
    :class:`~breachcalc.analysis.results.Assessments`); with ``on_error``, a file that is
    refused is reported to it and skipped, else its error is raised."""
    if sum(1 for f in sources if f == "-" or f.startswith("-#")) > 1:
        raise InputError(
            "<stdin>", [Problem("standard input can be read only once; give `-` once")]
        )
    from breachcalc.analysis.results import Assessments, Labelled

    overrides, cover = _overrides(sets), load_policy(policy)

    def batch(name: str) -> Callable[[], list[Labelled]]:
        def make() -> list[Labelled]:
            scenarios = _load_scenarios(name, overrides)
            named = len(scenarios) > 1 or "#" in scenarios[0].label
            return [
                Labelled(s.label, named, assess(insured(s.breach, cover), history=history))
                for s in scenarios
            ]

        return make

    return Assessments([batch(name) for name in sources], on_error)


def explain(
    subject: Breach | Assessment | Source,
    *,
    sets: Sets = (),
    policy: PolicySource = None,
    history: bool = True,
) -> Explanation:
    """How every figure was made: inputs, formulas and the source of each reference figure
    (``.root`` is the tree of :class:`Step`; ``.steps`` its branches). ``subject`` is an
    assessment, a breach, or a source read as :func:`load_breach` reads it."""
    from breachcalc.analysis.explain import Explanation
    from breachcalc.analysis.explain import explain as tree
    from breachcalc.domain.assessment import Assessment

    if isinstance(subject, Assessment):
        result = subject
    else:
        result = assess(_breach(subject, sets, policy), history=history)
    return Explanation(tree(result), result.severity.vector)


def simulate(
    subject: Breach | Source,
    *,
    sets: Sets = (),
    policy: PolicySource = None,
    trials: int = DEFAULT_TRIALS,
    seed: int = 0,
    history: bool = True,
    percentiles: Sequence[Decimal | int | str] | None = None,
    exceed: Sequence[str | Money] = (),
    progress: Progress | None = None,
) -> Simulation:
    """Monte Carlo of every cost line (the same formulas as :func:`assess`), summarised.

    Args:
        subject: a validated breach, or a source read as :func:`load_breach` reads it (with
            ``sets`` and ``policy``).
        trials: number of trials, at least 1.
        seed: the generator seed; the same seed gives the same figures.
        history: include the history lines for the public outcomes the file does not state.
        percentiles: the percentiles to report (default 5, 50, 95), each from 0 to 100.
        exceed: amounts whose probability of being exceeded to report: Money, or text such
            as ``"1.5e12"`` (the breach currency) or ``"1,000,000,000 USD"``.
        progress: told ``(trials done, trials)`` as the simulation goes.
    """
    from breachcalc.domain.simulation import DEFAULT_PERCENTILE_POINTS
    from breachcalc.domain.simulation import simulate as _simulate
    from breachcalc.input.options import parse_percentile

    if trials < 1:
        raise ValueError("trials must be at least 1")
    breach = _breach(subject, sets, policy)
    points = (
        DEFAULT_PERCENTILE_POINTS
        if percentiles is None
        else tuple(parse_percentile(p) for p in percentiles)
    )
    thresholds = tuple(t if not isinstance(t, str) else _threshold(t, breach) for t in exceed)
    if not history:
        found = _simulate(breach, trials, seed, points, thresholds, progress=progress)
    else:
        from breachcalc.analysis.history import simulation_priors

        priors, factor, given_any = simulation_priors(breach)
        found = _simulate(
            breach,
            trials,
            seed,
            points,
            thresholds,
            priors=priors,
            prior_factor=factor,
            given_any=given_any,
            progress=progress,
        )
    return replace(found, name=breach.name)


def report(
    subject: Breach | Source,
    *,
    sets: Sets = (),
    policy: PolicySource = None,
    seed: int = 0,
    date: str = "",
    paper: str = "a4",
    history: bool = True,
) -> Briefing:
    """What the board report shows: the assessment and its simulation (:data:`REPORT_TRIALS`
    trials of ``seed``), ``date`` (YYYY-MM-DD; default today) to print on it, and the ``paper``
    it is laid out for (``a4`` or ``letter``, see ``breachcalc.render.report.PAPERS``)."""
    from datetime import date as day

    if date:
        try:
            day.fromisoformat(date)
        except ValueError:
            raise UsageError(f"--date {date}: write YYYY-MM-DD, e.g. 2026-12-01") from None
    breach = _breach(subject, sets, policy)
    from breachcalc.analysis.results import Briefing

    result = assess(breach, history=history)
    sim = simulate(breach, trials=REPORT_TRIALS, seed=seed, history=history)
    return Briefing(result, sim, date or day.today().isoformat(), paper.strip().lower())


def compare(sources: Sequence[str], *, variants: Sequence[str] = (), sets: Sets = ()) -> Comparison:
    """Scenarios side by side, with differences against the first: every scenario of each
    source, then one for each ``variants`` entry (``NAME=PATH=VALUE[,PATH=VALUE...]``) of
    the single source."""
    from breachcalc.analysis.key_figures import compare_scenarios
    from breachcalc.input.loader import Scenario
    from breachcalc.input.options import parse_variant
    from breachcalc.input.overrides import parse_override
    from breachcalc.input.paths import PathError

    overrides = _overrides(sets)
    scenarios: list[Scenario] = []
    for name in sources:
        scenarios += _load_scenarios(name, overrides)
    for text in variants:
        if len(sources) != 1:
            raise UsageError("--variant goes with exactly one input file")
        label, changes = parse_variant(text)
        try:
            extra = tuple(parse_override(c, f"--variant {label}:") for c in changes)
        except PathError as exc:
            raise UsageError(str(exc)) from None
        base = _load_scenarios(
            sources[0].partition("#")[0] if "#" in sources[0] else sources[0],
            (*extra, *overrides),
            every_variant=False,
        )[0]
        scenarios.append(Scenario(label, base.breach))
    if len(scenarios) < 2:
        raise UsageError(
            "compare needs at least two scenarios: two inputs, a file with variants, or --variant"
        )
    return compare_scenarios(
        scenarios, [assess(s.breach, history=False, intervals=False) for s in scenarios]
    )


def sweep(
    source: str, vary: Sequence[str], *, sets: Sets = (), progress: Progress | None = None
) -> Sweep:
    """Every combination of the varied inputs (``PATH=V1,V2,...`` or ``PATH=START:STOP:STEP``,
    the first varying slowest), each assessed as it is read."""
    from breachcalc import limits
    from breachcalc.analysis.results import Sweep
    from breachcalc.analysis.sweep import assessments
    from breachcalc.input.grid import parse_axis, size
    from breachcalc.input.loader import load_document, split_name
    from breachcalc.input.overrides import split_variants
    from breachcalc.input.paths import PathError

    axes = [parse_axis(text) for text in vary]
    rows = size(axes)
    if rows > limits.MAX_GRID_ROWS:
        raise UsageError(
            f"the grid has {rows:,} rows, more than {limits.MAX_GRID_ROWS:,} "
            "(limit MAX_GRID_ROWS); use fewer values"
        )
    overrides = tuple(_overrides(sets))
    file_name, chosen = split_name(source)
    document = load_document(file_name)
    base, variants, problems = split_variants(document)
    if problems or chosen is not None:
        _load_scenarios(source, overrides)  # raises for problems or an unknown variant
        match = next(v for v in variants if v.name == chosen)
        overrides = (*match.overrides, *overrides)

    from breachcalc.analysis.sweep import check_values

    try:
        check_values(base, overrides, axes)  # a refused value: refused before the first row
    except PathError as exc:
        raise UsageError(str(exc)) from None

    def made() -> Any:
        try:
            for index, row in enumerate(assessments(base, overrides, axes), 1):
                yield row
                if progress is not None:
                    progress(index, rows)
        except PathError as exc:  # a --vary path that does not fit the file's shape
            raise UsageError(str(exc)) from None

    return Sweep(tuple(axis.name for axis in axes), made())


def sensitivity(source: str, *, ranges: Sequence[str] = (), sets: Sets = ()) -> Sensitivity:
    """The swing in the whole exposure as each numeric input moves between a low and a high
    value (``PATH=LOW:HIGH``; default ±25%), everything else as in the file."""
    from breachcalc.analysis.results import Sensitivity
    from breachcalc.analysis.sensitivity import parse_ranges, swings
    from breachcalc.input.loader import load_document, split_name
    from breachcalc.input.overrides import apply, split_variants

    overrides = tuple(_overrides(sets))
    chosen = parse_ranges(ranges)
    breach = _load_scenarios(source, overrides, every_variant=False)[0].breach
    name, variant = split_name(source)
    base, variants, _problems = split_variants(load_document(name))
    if variant is not None:
        overrides = (*next(v for v in variants if v.name == variant).overrides, *overrides)
    found = swings(apply(base, overrides), chosen)
    total = assess(breach, history=False, intervals=False).exposure.total
    return Sensitivity(tuple(found), total)


def portfolio(
    sources: Sequence[str], *, trials: int = 100_000, seed: int = 0, policy: PolicySource = None
) -> PortfolioResult:
    """A simulated year of many scenarios (each file with its ``probability``): the annual
    loss gross and net of the policies, and each file's share of the tail."""
    from breachcalc.analysis.portfolio import simulate_portfolio

    cover = load_policy(policy)
    scenarios = []
    for name in sources:
        breach = load_breach(name, policy=None)
        breach = insured(breach, cover)
        scenarios.append((name, breach, breach.probability, breach.insurance))
    return simulate_portfolio(scenarios, trials, seed)


def history(
    *,
    jurisdictions: Sequence[str] = (),
    people: str | tuple[float, float] | None = None,
    categories: Sequence[str] = (),
    since: int | None = None,
    like: Source | None = None,
    limit: int | None = None,
    currency: str = "USD",
) -> HistoryListing:
    """The shipped breach history, filtered (every condition given must hold); ``like`` sorts
    it by likeness to a breach file, saying why; per-person outcomes in ``currency``."""
    from breachcalc.analysis.history.features import breach_facts
    from breachcalc.analysis.history.listing import (
        HISTORY_CONVERSION,
        Filters,
        HistoryListing,
        listing,
    )
    from breachcalc.input.options import parse_people
    from breachcalc.reference.history import history_compiled, rates_note, yearly_rates
    from breachcalc.reference.tables import catalogue

    code = currency.strip().upper()
    if code != "USD" and not any(c == code for c, _y in yearly_rates()):
        from breachcalc.errors import did_you_mean

        known = ["USD", *dict.fromkeys(c for c, _y in yearly_rates())]
        raise UsageError(
            f"--currency {currency}: no yearly rates for it in breachcalc's data"
            f"{did_you_mean(code, known, first=known)}"
        )
    keys = []
    for name in categories:
        found = catalogue().lookup(name)
        if found is None:
            raise UsageError(f"--category {name}: not a data category (`breachcalc categories`)")
        keys.append(found.key)
    filters = Filters(
        jurisdictions=tuple(j.strip().upper() for j in jurisdictions),
        people=parse_people(people) if isinstance(people, str) else people,
        categories=tuple(keys),
        since=since,
    )
    facts = None
    if like is not None:
        from breachcalc.domain.regime import event_day

        breach = load_breach(like)
        facts = breach_facts(breach, event_day(breach))
    rows = listing(filters, code, facts, limit)
    note = rates_note()
    conversion = HISTORY_CONVERSION + (f"; {note}" if note else "")
    return HistoryListing(history_compiled(), code, tuple(rows), conversion)


def law(code: str, *, on: date | str | None = None) -> LawOfTheDay:
    """The rules of jurisdiction ``code`` in force on ``on`` (a date or YYYY-MM-DD; default:
    today): the notices, their thresholds and deadlines, the fine maximum, each with its source.

    Raises:
        UsageError: a code breachcalc does not know, with the nearest codes; a day not written
            as YYYY-MM-DD.
    """
    from datetime import date as _date

    from breachcalc.domain.law import law_of
    from breachcalc.input.fields import _canonical

    if isinstance(on, str):
        try:
            on = _date.fromisoformat(on)
        except ValueError:
            raise UsageError(f"--on {on}: give a date as YYYY-MM-DD") from None
    day = on if on is not None else _date.today()
    try:
        return law_of(_canonical(code), day)
    except LookupError as exc:
        raise UsageError(str(exc.args[0])) from None


def backtest() -> Backtest:
    """Leave-one-out over the shipped history: each breach predicted from its facts alone."""
    from breachcalc.analysis.backtest import backtest as _backtest

    return _backtest()


def severity(vector: str) -> VectorScore:
    """Score a severity vector on its own (``ENISA:1.0/DPC:2/EI:1/C:0.5/I:0/A:0/M:0.5/S:5``)."""
    from breachcalc.domain.severity import score_vector

    return score_vector(vector)


def categories() -> Catalogue:
    """The data categories an input file may name, with their scores and aliases."""
    from breachcalc.domain.severity import catalogue_listing

    return catalogue_listing()


def schema(which: str = "input", *, command: str = "assess") -> JsonSchema:
    """The JSON Schema of the input file (``input``) or of ``command``'s JSON (``output``)."""
    from breachcalc.render.schemas import OUTPUT_SCHEMAS, JsonSchema, input_schema, output_schema_of

    if which == "input":
        return JsonSchema(input_schema())
    if command not in OUTPUT_SCHEMAS:
        raise UsageError(
            f"--command {command}: no JSON output schema; commands: {', '.join(OUTPUT_SCHEMAS)}"
        )
    return JsonSchema(output_schema_of(command))


def document(result: Any) -> dict[str, Any]:
    """A result's JSON document, as ``--format json`` writes it: plain dicts, lists, text,
    ints and exact :class:`~decimal.Decimal` amounts (rounded by the currency's minor unit
    where the command line rounds them), for an :class:`Assessment` or any result a command
    writes as JSON (a simulation, a comparison, ...). :func:`to_json` gives its text.

    Raises:
        TypeError: a value with no JSON document.
    """
    from breachcalc.render.formats import document_of

    found: dict[str, Any] = document_of(result)
    return found


def to_json(result: Any, *, indent: int | None = 2) -> str:
    """A result's JSON text, byte for byte what ``breachcalc assess --format json`` (or
    ``simulate``, ...) prints, without the final newline; ``indent=None`` gives one line (JSON
    Lines). Amounts are JSON numbers written from their exact digits."""
    from breachcalc.render.json import dumps

    return dumps(document(result), indent=indent)


__all__ = [
    "Assessment",
    "Assessments",
    "Breach",
    "BreachcalcError",
    "Briefing",
    "Explanation",
    "InputError",
    "Scenario",
    "Sensitivity",
    "Simulation",
    "Step",
    "Sweep",
    "assess",
    "assess_files",
    "backtest",
    "categories",
    "compare",
    "document",
    "explain",
    "history",
    "insured",
    "law",
    "load_breach",
    "load_policy",
    "load_scenarios",
    "portfolio",
    "report",
    "schema",
    "sensitivity",
    "severity",
    "simulate",
    "sweep",
    "to_json",
]


TYPES = {
    "Assessment": "breachcalc.domain.assessment",
    "Assessments": "breachcalc.analysis.results",
    "Breach": "breachcalc.input.breach",
    "Briefing": "breachcalc.analysis.results",
    "Explanation": "breachcalc.analysis.explain",
    "Scenario": "breachcalc.input.loader",
    "Sensitivity": "breachcalc.analysis.results",
    "Simulation": "breachcalc.domain.simulation",
    "Step": "breachcalc.analysis.explain",
    "Sweep": "breachcalc.analysis.results",
}
"""The result types, each loaded on first use (a command imports only what it runs)."""


def __getattr__(name: str) -> Any:
    """A result type of :data:`TYPES`, loaded when asked for."""
    if name in TYPES:
        import importlib

        return getattr(importlib.import_module(TYPES[name]), name)
    raise AttributeError(f"module 'breachcalc.api' has no attribute {name!r}")
