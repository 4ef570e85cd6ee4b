"""How every figure of an assessment was made, as a tree of steps (``breachcalc explain``).

:func:`explain` turns an :class:`~breachcalc.domain.assessment.Assessment` into :class:`Step` nodes:
the inputs, the compensation arithmetic, each cost line with its formula and inputs, the fine
maxima with their basis and source, each ENISA factor with the input that caused it and the
reference row it came from, the SE formula with numbers, the scale band, the tier, and each
notification rule with its test, deadline and source. Pure: renderers draw the tree or write
it as JSON.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from breachcalc.contract import computed, hidden, out, result
from breachcalc.domain.assessment import Assessment
from breachcalc.domain.money import Money, format_money
from breachcalc.domain.notices import CLOCK, due_text, outcome_text
from breachcalc.domain.severity import (
    CREDENTIALS,
    LEVELS,
    NO_CIRCUMSTANCES,
    Severity,
    band_count,
    cb_table,
    number_text,
    scale_bands,
    se_text,
    tier_matrix,
)
from breachcalc.reference.tables import catalogue, enisa_data


@result
class Step:
    """One node of an explanation, with the steps behind it."""

    label: str = out("What the node is (`DPC`, `KR regulator`).")
    value: str = out("The figure or outcome, as text.", default="")
    why: str = out(
        "How it was made: the arithmetic, the input that caused it, the reason given.",
        default="",
    )
    source: str = out(
        "Where a reference figure comes from, with its effective date and any"
        " secondary-source or UNCONFIRMED note.",
        default="",
    )
    children: tuple[Step, ...] = out("The steps behind this one.", default_factory=tuple)


@result
class Explanation:
    """``breachcalc explain``: how every figure was made, as a tree."""

    root: Step = hidden()
    vector: str = out("The breach's severity vector.")

    @property
    @computed("The breach's name.", after="")
    def breach(self) -> str:
        """The root's label."""
        return self.root.label

    @property
    @computed("The steps, from the inputs to the notices.")
    def steps(self) -> tuple[Step, ...]:
        """The root's children."""
        return self.root.children


def explain(result: Assessment) -> Step:
    """The whole explanation, rooted at the breach's name."""
    children = [_inputs(result), _compensation(result)]
    if result.exposure.lines or result.exposure.fines:
        children.append(_costs(result))
    children.append(_severity(result.severity))
    if result.input.jurisdictions:
        children.append(_notifications(result))
    if result.history is not None:
        children.append(_history(result))
    if result.insurance is not None:
        children.append(_insurance(result))
    return Step(result.input.name, children=tuple(children))


def _insurance(result: Assessment) -> Step:
    """The policy's steps in the order they apply, each with the running payment."""
    net = result.insurance
    assert net is not None
    currency = result.exposure.total.currency
    steps = tuple(
        Step(
            f"{s.order}. {s.name}",
            format_money(Money(s.after, currency)),
            why=f"{s.rule}; before: {format_money(Money(s.before, currency))}"
            + (" (exhausted)" if s.exhausted else ""),
        )
        for s in net.steps
    )
    return Step(
        "net of insurance",
        f"recovered {format_money(Money(net.recovered, currency))}, retained "
        f"{format_money(Money(net.retained, currency))}",
        why="eligibility, then retention, coinsurance, sublimits and the limit (docs/insurance.md)",
        children=steps,
    )


def _history(result: Assessment) -> Step:
    """Each history line: what it is, its chance and percentiles, how it was fitted, and which
    facts of the file moved it and by how much; then what happened, where the file is a
    breach of the history."""
    found = result.history
    assert found is not None
    steps = []
    for prior in found.priors:
        p5, p50, p95, _chance = found.figures[prior.key]
        cap = f"; at most {prior.cap:,.0f} USD ({prior.cap_note})" if prior.cap is not None else ""
        moved = tuple(
            Step(
                effect.fact,
                f"{effect.chance_points:+} points of chance, × {effect.median_factor} on the "
                "median if it happens",
            )
            for effect in prior.effects
        )
        steps.append(
            Step(
                prior.label,
                f"P5 {format_money(p5)}, P50 {format_money(p50)}, P95 {format_money(p95)}",
                why=(
                    f"happens with probability {prior.probability:.1%} (none: "
                    f"{1 - prior.probability:.1%}); then ln(USD) ~ "
                    f"Normal({prior.mu:.2f}, {prior.sigma:.2f}){cap}; conditioned on "
                    f"{prior.basis}; {prior.cases} past breaches with this line, "
                    f"{prior.effective:.0f} effective cases with the pooled fit's pseudo-cases; "
                    "each fact below moves it against the reference breach (442,000 people in "
                    "2015, no financial, sensitive or malicious fact, no legal maximum known)"
                ),
                source=found.source,
                children=moved,
            )
        )
    if found.actual is not None:
        actual = found.actual
        total = (
            "pending"
            if actual.public_outcomes_usd is None
            else f"{actual.public_outcomes_usd:,.0f} USD in public"
        )
        steps.append(
            Step(
                f"what happened: {actual.organisation} ({actual.year})",
                total,
                why=f"a fact, not a forecast; matched by {actual.matched_by}; the estimate "
                "above was fitted without this record",
                source="; ".join(o.source for o in actual.outcomes) or actual.no_public_outcome,
            )
        )
    p5, p50, p95 = found.total
    return Step(
        "expected public outcomes, from history",
        f"P5 {format_money(p5)}, P50 {format_money(p50)}, P95 {format_money(p95)}; "
        f"chance of no public outcome {found.zero_chance:.1%}",
        why=f"{found.note}; {found.conversion}; {found.trials:,} deterministic draws, "
        f"seed {found.seed}",
        source=f"{found.source}; comparables: "
        + ", ".join(f"{c.organisation} ({c.year})" for c in found.comparables),
        children=tuple(steps),
    )


def _inputs(result: Assessment) -> Step:
    breach = result.input
    cats = catalogue().categories
    steps = [
        Step("affected", f"{breach.affected:,} {breach.affected_unit}"),
        Step(
            "data categories",
            ", ".join(breach.category_keys),
            children=tuple(
                Step(
                    key,
                    f"{cats[key].enisa_class}, identifies: {cats[key].identifies}",
                    cats[key].note,
                )
                for key in breach.category_keys
            ),
        ),
    ]
    if breach.discovered:
        steps.append(Step("discovered", breach.discovered.isoformat()))
    if breach.disclosed:
        steps.append(Step("disclosed", breach.disclosed.isoformat()))
    for code, when in breach.notified.items():
        steps.append(Step(f"notified.{code}", when.isoformat()))
    if breach.jurisdictions:
        steps.append(
            Step(
                "jurisdictions",
                ", ".join(
                    f"{code} {n:,}" if n is not None else code
                    for code, n in breach.jurisdictions.items()
                ),
            )
        )
    circ = breach.circumstances
    if circ is None:
        steps.append(Step("circumstances", "not given"))
    else:
        outside = "" if circ.from_outside is None else f", from_outside {circ.from_outside}"
        steps.append(
            Step(
                "circumstances",
                f"confidentiality {circ.confidentiality}, integrity {circ.integrity}, "
                f"availability {circ.availability}, malicious {str(circ.malicious).lower()}"
                + outside.lower(),
            )
        )
    return Step("Inputs", children=tuple(steps))


def _compensation(result: Assessment) -> Step:
    exp, affected = result.compensation, result.input.affected
    if not exp.parts:
        return Step("Compensation", "none offered")
    steps = [
        Step(
            part.label,
            format_money(part.total),
            f"{format_money(part.face_value)} face value × {number_text(part.redemption)} "
            f"redeemed = {format_money(part.expected_per_person)} a person; × {affected:,} "
            f"= {format_money(part.total)}",
        )
        for part in exp.parts
    ]
    steps.append(
        Step(
            "per person",
            format_money(exp.per_person),
            " + ".join(format_money(p.expected_per_person) for p in exp.parts)
            + f" (face value {format_money(exp.face_value_per_person)})",
        )
    )
    total_why = f"{format_money(exp.per_person)} × {affected:,}"
    if exp.reporting_currency != exp.currency:
        rates = "; ".join(str(rate) for rate in exp.exchange_rates)
        total_why += f"; at {rates}: {format_money(exp.total_reporting)}"
    steps.append(Step("total", format_money(exp.total), total_why))
    return Step("Compensation", format_money(exp.total), children=tuple(steps))


def _costs(result: Assessment) -> Step:
    costs = result.exposure
    lines = tuple(
        Step(
            line.label,
            format_money(line.amount),
            line.formula,
            children=tuple(Step(name, value) for name, value in line.inputs),
        )
        for line in costs.lines
    )
    caps = tuple(
        Step(
            f"{cap.jurisdiction} maximum fine",
            (format_money(cap.maximum) if cap.maximum is not None else cap.maximum_text)
            + (" (UNCONFIRMED)" if cap.unconfirmed else ""),
            cap.basis or cap.rule,
            f"{cap.rule}; {cap.source}; in force {cap.window_text or 'no rule'}"
            + (f"; {cap.note}" if cap.note else ""),
        )
        for cap in costs.fines
    )
    children = [*lines, *caps]
    children.append(
        Step(
            "total",
            format_money(costs.total),
            " + ".join(format_money(line.amount, code=False) for line in costs.lines),
        )
    )
    return Step("Cost lines and fines", format_money(costs.total), children=tuple(children))


def _row_source(row: dict[str, object]) -> str:
    return f"{row['source']}; effective {row['effective']}; {row['note']}"


def _severity(sev: Severity) -> Step:
    """SE = DPC × EI + CB, its level, the scale band and the tier, each with its source."""
    data = enisa_data()
    children = (
        _dpc_step(sev, data),
        _ei_step(sev, data),
        _cb_step(sev),
        *_level_steps(sev, data),
        *_scale_steps(sev, data),
        Step("vector", sev.vector, "every factor in one string; `breachcalc severity` scores it"),
    )
    return Step(
        "Severity",
        f"{sev.tier} (ENISA {sev.level}, SE {se_text(sev.se)})",
        str(data["meta"]["formula"]),
        children=children,
    )


def _dpc_step(sev: Severity, data: dict[str, Any]) -> Step:
    cats = catalogue().categories
    classes = {row["key"]: row for row in data["dpc_class"]}
    factors = {row["key"]: row for row in data["dpc_factor"]}
    items = []
    top_class = next(i.enisa_class for i in sev.dpc_items if i.category == sev.dpc_set_by)
    for item in sev.dpc_items:
        label = cats[item.category].label.lower()
        why = f"{label} is {item.enisa_class}: basic {item.basic}"
        source = ""
        if item.factor is not None:
            factor = factors[item.factor]
            why += f"; {item.factor} ({factor['label']}) moves it to {item.score}: {item.reason}"
            source = _row_source(factor)
        if item.category == "credentials":
            why += f"; {CREDENTIALS}"
        items.append(Step(item.category, str(item.score), why, source))
    return Step(
        "DPC",
        str(sev.dpc),
        f"the highest category score, set by {sev.dpc_set_by}",
        _row_source(classes[top_class]),
        children=tuple(items),
    )


def _ei_step(sev: Severity, data: dict[str, Any]) -> Step:
    ei_row = next(row for row in data["ei_level"] if row["key"] == sev.ei_level)
    derived = (
        ""
        if sev.ei_set_by is None
        else " (derived from the categories; `ease_of_identification` overrides it)"
    )
    return Step(
        "EI",
        f"{number_text(sev.ei)} ({sev.ei_level})",
        sev.ei_reason + derived,
        _row_source(ei_row),
    )


def _cb_step(sev: Severity) -> Step:
    children = []
    for part in sev.cb_parts:
        field_name = f"circumstances.{part.element}"
        cause = f"{field_name}: {part.choice}" if sev.cb_given else "not given"
        children.append(Step(part.element, number_text(part.value), f"{cause} — {part.wording}"))
    return Step(
        "CB",
        se_text(sev.cb),
        " + ".join(number_text(p.value) for p in sev.cb_parts)
        + ("" if sev.cb_given else f"; {NO_CIRCUMSTANCES}"),
        _row_source(cb_table()[("malicious", "true")]),
        children=tuple(children),
    )


def _level_steps(sev: Severity, data: dict[str, Any]) -> tuple[Step, Step]:
    level_row = next(row for row in data["level"] if row["key"] == sev.level)
    # sorted as numbers, then written: as text "10" would sort before "2"
    bounds = [float_free(b) for b in sorted(Decimal(str(row["from"])) for row in data["level"])]
    index = LEVELS.index(sev.level)
    upper = f" and below {bounds[index + 1]}" if index + 1 < len(bounds) else ""
    se = Step(
        "SE",
        se_text(sev.se),
        f"SE = DPC × EI + CB = {sev.dpc} × {number_text(sev.ei)} + {se_text(sev.cb)} "
        f"= {se_text(sev.se)}",
        str(data["meta"]["source"]),
    )
    level = Step(
        "ENISA level",
        sev.level,
        f"SE {se_text(sev.se)} is {bounds[index]} or more{upper}: {level_row['impact']}",
        _row_source(level_row),
    )
    return se, level


def _scale_steps(sev: Severity, data: dict[str, Any]) -> tuple[Step, Step]:
    floor = next(b.floor for b in scale_bands() if b.band == sev.scale_band)
    band_row = next(row for row in data["scale_band"] if row["band"] == sev.scale_band)
    scale = Step(
        "scale band",
        f"{sev.scale_band} of {band_count()} ({sev.scale_name})",
        f"{sev.affected:,} affected, {floor:,} or more; ENISA leaves the number of people out "
        "of SE and weighs it at the end",
        _row_source(band_row),
    )
    row = tier_matrix()[sev.level]
    tier = Step(
        "tier",
        sev.tier,
        f"matrix row ENISA {sev.level} ({', '.join(row)}), column scale band {sev.scale_band}",
        _row_source(data["tier_matrix"]),
    )
    return scale, tier


def _day(moment: object) -> object:
    from datetime import datetime

    return moment.date() if isinstance(moment, datetime) else moment


def float_free(value: object) -> str:
    """A threshold from the data file as text (``2``, not ``2.0``)."""
    from decimal import Decimal

    return number_text(Decimal(str(value)))


def _notifications(result: Assessment) -> Step:
    from breachcalc.domain.regime import rule_day

    found = [Step("law of the day", rule_day(result.input).text)]
    for notices in result.notifications:
        if notices.message:
            found.append(Step(notices.jurisdiction, notices.message, source=notices.detail))
            continue
        steps = []
        for item in notices.obligations:
            status = item.status
            outcome = outcome_text(item)
            if outcome:
                status += f", {outcome}"
            why = f"test: {item.test}" + (
                " (ENISA level used as an indicative test of the law's risk judgement)"
                if item.indicative
                else ""
            )
            why += f"; count: {item.count:,} from {item.count_basis}"
            if item.status == "required":
                if item.due is not None:
                    start = result.input.discovered
                    assert start is not None
                    days = (
                        " (a date without time: whole days)" if item.due == _day(item.due) else ""
                    )
                    why += (
                        f"; due {due_text(item)} = {start.isoformat()} + {item.period}{days}; "
                        f"the law: {item.words}"
                    )
                else:
                    why += f"; deadline: {due_text(item)}"
            flags = "; secondary source" if item.secondary else ""
            flags += "; UNCONFIRMED" if item.unconfirmed else ""
            note = f"; {item.note}" if item.note else ""
            steps.append(
                Step(
                    f"{item.duty}: {item.to}",
                    status,
                    why,
                    f"{item.law}; {item.source}; in force {item.window_text}{flags}{note}",
                )
            )
        found.append(Step(notices.jurisdiction, children=tuple(steps)))
    return Step("Notifications", "", f"clock: {CLOCK}", children=tuple(found))
