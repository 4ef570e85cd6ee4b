"""Key figures of an assessment as labelled values: the rows of ``compare``, the columns of
``sweep`` and of ``assess --format csv``. Pure functions over exact figures; only the computed
values a :class:`Comparison` writes are rounded (money, to its currency's minor unit)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from breachcalc.contract import computed, hidden, out, result
from breachcalc.domain.assessment import Assessment
from breachcalc.domain.money import MONEY_CONTEXT, Money, convert, round_money
from breachcalc.input.values import Rate

if TYPE_CHECKING:
    from breachcalc.input.loader import Scenario
    from breachcalc.input.overrides import Override


@dataclass(frozen=True)
class Figure:
    """One figure.

    Attributes:
        key: stable key (``compensation.total``, ``line.fine.KR``, ``severity.tier``).
        label: human label.
        value: a count, an exact amount, a score, or text.
        unit: a currency code, ``people``/``accounts``, or "" for scores and text.
    """

    key: str
    label: str
    value: int | Decimal | str
    unit: str


def key_figures(result: Assessment) -> list[Figure]:
    """Every figure worth comparing, in a stable order: counts, compensation, each cost line,
    the whole exposure, the fine rules and maxima, severity."""
    breach = result.input
    return [
        Figure("affected", "Affected", breach.affected, breach.affected_unit),
        *_compensation_figures(result),
        *(
            Figure(
                _line_key(line.key, line.group, line.label),
                line.label,
                line.amount.amount,
                line.amount.currency,
            )
            for line in result.exposure.lines
        ),
        *_exposure_figures(result),
        *_fine_figures(result),
        *_severity_figures(result),
    ]


def _compensation_figures(result: Assessment) -> list[Figure]:
    exp = result.compensation
    converted = exp.reporting_currency != exp.currency
    found = [
        Figure(
            "compensation.per_person",
            "Compensation per person",
            exp.per_person.amount,
            exp.per_person.currency,
        )
    ]
    if converted:
        found.append(
            Figure(
                "compensation.per_person_reporting",
                "Compensation per person",
                exp.per_person_reporting.amount,
                exp.reporting_currency,
            )
        )
    found.append(
        Figure("compensation.total", "Compensation total", exp.total.amount, exp.total.currency)
    )
    if converted:
        found.append(
            Figure(
                "compensation.total_reporting",
                "Compensation total",
                exp.total_reporting.amount,
                exp.reporting_currency,
            )
        )
    return found


def _exposure_figures(result: Assessment) -> list[Figure]:
    costs = result.exposure
    found = [Figure("exposure.total", "Whole exposure", costs.total.amount, costs.total.currency)]
    if costs.total_reporting.currency != costs.total.currency:
        found.append(
            Figure(
                "exposure.total_reporting",
                "Whole exposure",
                costs.total_reporting.amount,
                costs.total_reporting.currency,
            )
        )
    return found


def _fine_figures(result: Assessment) -> list[Figure]:
    found = []
    for cap in result.exposure.fines:
        found.append(
            Figure(f"fine_rule.{cap.jurisdiction}", f"Fine rule, {cap.jurisdiction}", cap.rule, "")
        )
        if cap.maximum is not None:
            found.append(
                Figure(
                    f"fine_cap.{cap.jurisdiction}",
                    f"Fine maximum, {cap.jurisdiction}",
                    cap.maximum.amount,
                    cap.maximum.currency,
                )
            )
    return found


def _severity_figures(result: Assessment) -> list[Figure]:
    sev = result.severity
    found = []
    se = getattr(sev, "se", None)
    if isinstance(se, Decimal):
        found.append(Figure("severity.se", "ENISA score (SE)", se, ""))
    level = getattr(sev, "level", None)
    if isinstance(level, str):
        found.append(Figure("severity.level", "ENISA level", level, ""))
    found.append(Figure("severity.tier", "Severity tier", sev.tier, ""))
    return found


def _line_key(key: str, group: str, label: str) -> str:
    """Compensation parts are matched across scenarios by label (their order may differ);
    other lines by their key."""
    return f"line.{group}.{label}" if group == "compensation" else f"line.{key}"


@dataclass(frozen=True)
class Difference:
    """A figure against the first scenario's: absolute, and percent (None where undefined)."""

    absolute: int | Decimal | None
    percent: Decimal | None
    changed: bool


def difference(first: Figure | None, other: Figure | None) -> Difference:
    """``other − first`` and ``(other − first) / first × 100``, exact.

    Text figures report only whether they changed; figures in different units have no
    difference; a missing cost line counts as zero in the unit of the one that exists.
    """
    if first is None and other is None:
        return Difference(None, None, False)
    if first is None or other is None:
        present = first or other
        assert present is not None
        if isinstance(present.value, str):
            return Difference(None, None, True)
        zero = Figure(present.key, present.label, Decimal(0), present.unit)
        first, other = (first or zero), (other or zero)
    if isinstance(first.value, str) or isinstance(other.value, str):
        return Difference(None, None, first.value != other.value)
    if first.unit != other.unit:
        return Difference(None, None, True)
    absolute = other.value - first.value
    percent = None
    if first.value:
        percent = MONEY_CONTEXT.divide(Decimal(absolute) * 100, Decimal(first.value))
    return Difference(absolute, percent, bool(absolute))


class NoCommonCurrency(ValueError):
    """Scenarios in different currencies with no rate joining one of them to the common one."""


def is_money(figure: Figure) -> bool:
    """Whether a figure is an amount of money (its unit is a currency code)."""
    return len(figure.unit) == 3 and figure.unit.isupper() and not isinstance(figure.value, str)


def in_one_currency(
    scenarios: list[tuple[str, list[Figure], tuple[Rate, ...]]], currency: str
) -> list[list[Figure]]:
    """Every scenario's money figures in ``currency``, converted by that scenario's own rates,
    so differences are taken between like amounts; the ``…_reporting`` duplicates go.

    Args:
        scenarios: (label, figures, the scenario's exchange rates) for each scenario.
        currency: the common currency (the first scenario's reporting currency).

    Raises:
        NoCommonCurrency: a scenario has an amount in a currency no rate of its joins to
            ``currency`` (the message names the scenario and both currencies).
    """
    out = []
    for label, figures, rates in scenarios:
        mine = []
        for figure in figures:
            if not is_money(figure):
                mine.append(figure)
                continue
            if figure.key.endswith("_reporting"):
                continue
            try:
                value = convert(Money(Decimal(figure.value), figure.unit), currency, rates).amount
            except LookupError:
                raise NoCommonCurrency(
                    f"{label} is in {figure.unit} and gives no rate to {currency}, the first "
                    f"scenario's reporting currency; add `reporting: {{currency: {currency}, "
                    f"rates: ['1 {currency} = ... {figure.unit}']}}` to it"
                ) from None
            mine.append(Figure(figure.key, figure.label, value, currency))
        out.append(mine)
    return out


def currencies_of(figures: list[list[Figure]]) -> set[str]:
    """The currencies the scenarios' money figures are in."""
    return {f.unit for scenario in figures for f in scenario if is_money(f)}


def written_value(figure: Figure | None) -> int | Decimal | str | None:
    """A figure as written: money rounded to its currency's minor unit."""
    if figure is None:
        return None
    if is_money(figure) and isinstance(figure.value, Decimal):
        return round_money(Money(figure.value, figure.unit))
    return figure.value


@result
class ScenarioDifference:
    """A scenario's figure against the reference (the first scenario)."""

    scenario: str = out("The scenario's label.")
    found: Difference = hidden()
    reference: Figure | None = hidden()
    sample: Figure = hidden()

    @property
    @computed(
        "Its value minus the reference's, in the figure's unit (money rounded to the currency's"
        " minor unit); for text, `changed` or `same`; null where undefined."
    )
    def absolute(self) -> int | Decimal | str | None:
        """The absolute difference as written."""
        absolute = self.found.absolute
        if isinstance(absolute, Decimal) and is_money(self.sample):
            return round_money(Money(absolute, self.sample.unit))
        if (
            absolute is None
            and self.reference is not None
            and isinstance(self.reference.value, str)
        ):
            return "changed" if self.found.changed else "same"
        return absolute

    @property
    @computed("The difference as a percent of the reference, to two decimals, or null.")
    def percent(self) -> Decimal | None:
        """The percent difference to two places."""
        percent = self.found.percent
        return None if percent is None else percent.quantize(Decimal("0.01"))


@result
class ComparisonRow:
    """One figure across every scenario."""

    key: str = out("The figure's stable key.")
    figure: str = out("Its label.")
    unit: str = out("A currency code, `people`/`accounts`, or empty for scores and text.")
    cells: tuple[Figure | None, ...] = hidden()
    differences: tuple[ScenarioDifference, ...] = out(
        "One per scenario after the first, against the first."
    )

    @property
    @computed(
        "Each scenario's value, aligned with `scenarios` (null where a scenario has no such"
        " figure; money rounded to the currency's minor unit).",
        after="unit",
    )
    def values(self) -> tuple[int | Decimal | str | None, ...]:
        """The cells as written."""
        return tuple(written_value(cell) for cell in self.cells)


@result
class Comparison:
    """Every figure of every scenario, with differences against the first."""

    scenarios: tuple[str, ...] = out("The scenarios' labels, in order.")
    rows: tuple[ComparisonRow, ...] = out("One row per figure, in first-seen order.")

    @property
    @computed("The reference scenario (the first).", after="")
    def reference(self) -> str:
        """The first label."""
        return self.scenarios[0]


def comparison(labels: list[str], figures: list[list[Figure]]) -> Comparison:
    """Rows in first-seen order; values aligned with ``labels``; one difference per scenario
    after the first (exact here; rounded only where written)."""
    order: dict[tuple[str, str], Figure] = {}
    indexed: list[dict[tuple[str, str], Figure]] = []
    for scenario in figures:
        mine = {(f.key, f.unit): f for f in scenario}
        for key, figure in mine.items():
            order.setdefault(key, figure)
        indexed.append(mine)
    rows = []
    for key, sample in order.items():
        first = indexed[0].get(key)
        differences = tuple(
            ScenarioDifference(label, difference(first, other.get(key)), first, sample)
            for label, other in zip(labels[1:], indexed[1:], strict=True)
        )
        cells = tuple(scenario.get(key) for scenario in indexed)
        rows.append(ComparisonRow(sample.key, sample.label, sample.unit, cells, differences))
    return Comparison(tuple(labels), tuple(rows))


def compare_scenarios(scenarios: Sequence[Scenario], results: Sequence[Assessment]) -> Comparison:
    """The comparison of assessed scenarios, labelled by :func:`short_labels`; scenarios whose
    money is in more than one currency are converted to the first scenario's reporting
    currency before any difference is taken (or refused without a joining rate)."""
    from breachcalc.domain.cost_lines import rates, reporting_currency
    from breachcalc.errors import UsageError

    labels = short_labels([s.label for s in scenarios])
    figures = [key_figures(result) for result in results]
    plain = [[f for f in scenario if not f.key.endswith("_reporting")] for scenario in figures]
    if len(currencies_of(plain)) > 1:
        common = reporting_currency(scenarios[0].breach)
        try:
            figures = in_one_currency(
                [
                    (label, f, rates(s.breach))
                    for label, f, s in zip(labels, figures, scenarios, strict=True)
                ],
                common,
            )
        except NoCommonCurrency as exc:
            raise UsageError(f"compare: {exc}") from None
    return comparison(labels, figures)


def compare_sources(
    sources: Sequence[str], variants: Sequence[str] = (), overrides: Sequence[Override] = ()
) -> Comparison:
    """Every scenario of each source, then one for each ``--variant`` of the single source
    (``NAME=PATH=VALUE[,PATH=VALUE...]``), assessed at likely values and compared.

    Raises:
        UsageError: fewer than two scenarios; ``variants`` with more than one source.
    """
    from breachcalc.domain.assessment import assess
    from breachcalc.errors import UsageError
    from breachcalc.input.loader import Scenario, load_scenarios
    from breachcalc.input.options import parse_variant
    from breachcalc.input.overrides import parse_override
    from breachcalc.input.paths import PathError

    scenarios: list[Scenario] = []
    for name in sources:
        scenarios += load_scenarios(name, overrides)
    for text in variants:
        if len(sources) != 1:
            raise UsageError("--variant goes with exactly one input file")
        label, changes = parse_variant(text)
        try:
            extra = tuple(parse_override(c, f"--variant {label}:") for c in changes)
        except PathError as exc:
            raise UsageError(str(exc)) from None
        base = load_scenarios(
            sources[0].partition("#")[0], (*extra, *overrides), every_variant=False
        )
        scenarios.append(Scenario(label, base[0].breach))
    if len(scenarios) < 2:
        raise UsageError(
            "compare needs at least two scenarios: two inputs, a file with variants, or --variant"
        )
    return compare_scenarios(scenarios, [assess(s.breach, intervals=False) for s in scenarios])


def short_labels(labels: list[str]) -> list[str]:
    """Column names: a file's base name, and ``#variant`` for its variants when every scenario
    comes from one file."""
    from pathlib import PurePath

    files = {label.partition("#")[0] for label in labels}
    if len(files) == 1:
        return [
            f"#{label.partition('#')[2]}" if "#" in label else PurePath(label).name
            for label in labels
        ]
    return [
        PurePath(label).name
        if "#" not in label
        else f"{PurePath(label.partition('#')[0]).name}#{label.partition('#')[2]}"
        for label in labels
    ]
