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
    from breachcalc.input.questions import Ask, BreachFile, Tell
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
    from breachcalc.input.overrides import overrides_of

    return overrides_of(sets)


def _threshold(text: str, breach: Breach) -> Money:
    """``1.5e12`` or ``1,000,000,000 USD``, as an amount in the breach currency."""
    from breachcalc.domain.cost_lines import base_currency, rates
    from breachcalc.domain.money import Money, convert
    from breachcalc.input.options import parse_amount

    amount, named = parse_amount(text)
    currency = named or base_currency(breach)
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
    from breachcalc.analysis.history.estimate import with_history

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
    extra: dict[str, Any] = {}
    if history:  # the history's lines for the outcomes the file does not state
        from breachcalc.analysis.history import simulation_priors

        priors, factor, given_any = simulation_priors(breach)
        extra = {"priors": priors, "prior_factor": factor, "given_any": given_any}
    found = _simulate(breach, trials, seed, points, thresholds, progress=progress, **extra)
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

    from breachcalc.input.options import parse_day

    if date:
        parse_day(date, "--date", "write YYYY-MM-DD, e.g. 2026-12-01")
    breach = _breach(subject, sets, policy)
    from breachcalc.analysis.results import Briefing

    result = assess(breach, history=history)
    sim = simulate(breach, trials=REPORT_TRIALS, seed=seed, history=history)
    return Briefing(result, sim, date or day.today().isoformat(), paper.strip().lower())


def compare(sources: Sequence[str], *, variants: Sequence[str] = (), sets: Sets = ()) -> Comparison:
    """Scenarios side by side, with differences against the first: every scenario of each
    source, then one for each ``variants`` entry (``NAME=PATH=VALUE[,PATH=VALUE...]``) of
    the single source."""
    from breachcalc.analysis.key_figures import compare_sources

    return compare_sources(sources, variants, _overrides(sets))


def sweep(
    source: str, vary: Sequence[str], *, sets: Sets = (), progress: Progress | None = None
) -> Sweep:
    """Every combination of the varied inputs (``PATH=V1,V2,...`` or ``PATH=START:STOP:STEP``,
    the first varying slowest), each assessed as it is read."""
    from breachcalc.analysis.sweep import sweep_file

    return sweep_file(source, vary, _overrides(sets), progress)


def sensitivity(source: str, *, ranges: Sequence[str] = (), sets: Sets = ()) -> Sensitivity:
    """The swing in the whole exposure as each numeric input moves between a low and a high
    value (``PATH=LOW:HIGH``; default ±25%), everything else as in the file."""
    from breachcalc.analysis.sensitivity import sensitivity_of

    return sensitivity_of(source, ranges, _overrides(sets))


def portfolio(
    sources: Sequence[str],
    *,
    trials: int = 100_000,
    seed: int = 0,
    policy: PolicySource = None,
    tell: Callable[[str], None] | None = None,
) -> PortfolioResult:
    """A simulated year of many scenarios (each file with its ``probability``): the annual
    loss gross and net of the policies, and each file's share of the tail. A file given twice
    (or through a link) is counted once, and ``tell`` is told so."""
    from breachcalc.analysis.portfolio import simulate_portfolio
    from breachcalc.errors import one_line
    from breachcalc.input.options import distinct_files

    kept, left_out = distinct_files(sources)
    for name, same in left_out:
        if tell is not None:
            tell(f"{one_line(name)} is the same file as {one_line(same)}; counted once")
    cover = load_policy(policy)
    scenarios = []
    for name in kept:
        breach = insured(load_breach(name, policy=None), cover)
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
    from breachcalc.input.options import parse_categories, parse_history_currency, parse_people
    from breachcalc.reference.history import history_compiled, rates_note

    code = parse_history_currency(currency)
    filters = Filters(
        jurisdictions=tuple(j.strip().upper() for j in jurisdictions),
        people=parse_people(people) if isinstance(people, str) else people,
        categories=parse_categories(categories),
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
    from breachcalc.input.options import parse_day

    if isinstance(on, str):
        on = parse_day(on, "--on", "give a date as YYYY-MM-DD")
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


def new_breach(
    *, ask: Ask | None = None, tell: Tell | None = None, file: str = "breach.yaml"
) -> BreachFile:
    """A commented breach file to write (``render.write(found, "yaml", out)``): without ``ask``,
    the skeleton (a small illustrative breach that assesses as it stands); with it, the file
    the answers to the questions a privacy lead can answer make (``ask`` is ``typer.prompt``
    on a terminal; ``tell`` shows why an answer was refused). ``file`` is the name its first
    comment tells the user to assess. Each answer is checked as it is given, and the file the
    answers make is checked to load and assess before it is written.
    """
    from breachcalc.input.questions import BreachFile, interview

    if ask is None:
        return BreachFile(None, file)
    return BreachFile(interview(ask, tell or (lambda _note: None)), file)


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
    "BreachFile",
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
    "new_breach",
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
    "BreachFile": "breachcalc.input.questions",
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
