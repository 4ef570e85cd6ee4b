"""``breachcalc report``: one self-contained page a board can read, in HTML or Markdown.

The page is rendered from Jinja2 templates (``render/templates/``) with charts drawn by
matplotlib as SVG and embedded as data URIs: no network request, no external file, fonts from
the system. Same input and seed give the same bytes (fixed SVG ids, no timestamps unless
``--date`` is given). Colours are the Okabe-Ito palette, readable with colour-blindness.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from breachcalc import __version__
from breachcalc.domain.assessment import Assessment
from breachcalc.domain.money import Money, format_money
from breachcalc.domain.simulation import Simulation

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
"""The Okabe-Ito palette: distinguishable with the common colour-vision deficiencies."""


@dataclass(frozen=True)
class Chart:
    """One chart: its title, alt text and SVG as a data URI."""

    key: str
    title: str
    alt: str
    uri: str


PAPERS = {"a4": "A4", "letter": "Letter"}
"""Paper sizes the page is laid out for (``--paper``), as CSS ``@page`` names them."""

SEVERITY_COLOURS = ("#009E73", "#F0E442", "#E69F00", "#D55E00")
"""Low, medium, high, very high: Okabe-Ito green, yellow, orange, vermillion (calm → alarming)."""

TERMS: dict[str, str] = {
    "P5, P50, P95": "the amounts the total stays below in 5%, 50% and 95% of simulated cases; "
    "P50 is the median, P5–P95 the range that holds 90% of them",
    "ENISA": "the EU Agency for Cybersecurity, whose method scores a breach's severity",
    "SE": "severity estimate, ENISA's score: DPC × EI + CB",
    "DPC": "data processing context: how sensitive the exposed data is (1 to 4)",
    "EI": "ease of identification: how easily the data names a person (0.25 to 1)",
    "CB": "circumstances of the breach: loss of confidentiality, integrity or availability, "
    "and malicious intent, added to the score",
    "Scale band": "breachcalc's band for how many people a breach concerns (1 to 5)",
}
"""Every term the page uses, glossed once (the history model's name is added when it appears)."""


@dataclass(frozen=True)
class Headline:
    """The page's one figure: the whole exposure's P50 and P5–P95, in the reporting currency first
    (with the breach currency beside it), and what it includes."""

    p5: Money
    p50: Money
    p95: Money
    to_reporting: Decimal
    reporting_currency: str
    history: bool
    """Whether the public outcomes estimated from history are in the figure."""
    uncertain: bool

    def _there(self, money: Money) -> Money:
        return Money(money.amount * self.to_reporting, self.reporting_currency)

    def _pair(self, money: Money) -> str:
        from breachcalc.render.words import in_words

        there = self._there(money)
        if there.currency == money.currency:
            return in_words(money)
        return f"{in_words(there)} (≈ {in_words(money)})"

    @property
    def figure(self) -> str:
        """``$1.30 billion (≈ ₩1.87 trillion)``: the P50 in words, both currencies."""
        return self._pair(self.p50)

    @property
    def interval(self) -> str:
        """``$1.29 billion to $1.61 billion (≈ ₩1.85 trillion to ₩2.32 trillion)``."""
        from breachcalc.render.words import in_words

        low, high = self._there(self.p5), self._there(self.p95)
        text = f"{in_words(low)} to {in_words(high)}"
        if low.currency != self.p5.currency:
            text += f" (≈ {in_words(self.p5)} to {in_words(self.p95)})"
        return text

    @property
    def scope(self) -> str:
        """What the figure includes, named."""
        if self.history:
            return (
                "your file's cost lines plus the public outcomes (fines, settlements, "
                "enforcement) estimated from past breaches"
            )
        return (
            "your file's cost lines only: the public outcomes estimated from history are left "
            "out (--no-history)"
        )


@dataclass
class Report:
    """Everything the templates show, already in words and exact figures."""

    title: str
    headline: Headline
    facts: str
    first_deadline: str
    key_figures: list[tuple[str, str, str]]
    severity: list[tuple[str, str]]
    severity_sources: str
    notices: list[dict[str, str]]
    lines: list[dict[str, str]]
    history_label: str
    comparables: list[dict[str, str]]
    terms: list[tuple[str, str]]
    unconfirmed: list[str]
    sources: list[str]
    file_sources: list[str]
    charts: dict[str, Chart] = field(default_factory=dict)
    version: str = __version__
    date: str = ""
    paper: str = "A4"


def _pct_interval(sim: Simulation, key: str) -> tuple[Money, Money] | None:
    found = next((s for s in (*sim.lines, sim.total) if s.key == key), None)
    if found is None or not found.uncertain:
        return None
    values = dict(found.percentiles)
    return values[Decimal(5)], values[Decimal(95)]


def headline(sim: Simulation, history: bool, result: Assessment | None = None) -> Headline:
    """The whole exposure's P5, P50 and P95 from the simulation (with the history lines when
    ``history``): one distribution, so the P50 always lies inside P5–P95. Where the file's own
    lines are exact, the simulation's only spread is the history's: the figures are then
    ``assess``'s, the file's total plus the history estimate's (the same deterministic draws)."""
    values = dict(sim.total.percentiles)
    own = [line for line in sim.lines if not line.key.startswith("history.")]
    if (
        result is not None
        and result.history is not None
        and not any(line.uncertain for line in own)
    ):
        fixed = result.exposure.total
        p5, p50, p95 = (
            Money(fixed.amount + m.amount, fixed.currency) for m in result.history.total
        )
        values = {Decimal(5): p5, Decimal(50): p50, Decimal(95): p95}
    return Headline(
        p5=values[Decimal(5)],
        p50=values[Decimal(50)],
        p95=values[Decimal(95)],
        to_reporting=sim.to_reporting,
        reporting_currency=sim.reporting_currency,
        history=history,
        uncertain=sim.total.uncertain,
    )


def build(result: Assessment, sim: Simulation, when: str = "", paper: str = "a4") -> Report:
    """The report's content from an assessment (with its history, unless left out) and a
    simulation of the same file (with the history lines), with P5, P50 and P95."""
    breach, sev = result.input, result.severity
    top = headline(sim, result.history is not None, result)
    people = f"{breach.affected:,} {breach.affected_unit} affected"
    terms = dict(TERMS)
    if result.history is not None:
        terms[result.history.model] = _model_gloss(result)
    report = Report(
        title=breach.name,
        headline=top,
        facts=f"{people}; severity tier {sev.tier.upper()} (of {', '.join(_tiers())}).",
        first_deadline=_first_deadline(result),
        key_figures=_key_figures(result, top),
        severity=_severity(result),
        severity_sources=_severity_sources(),
        notices=_notices(result),
        lines=_lines(result, sim),
        history_label=result.history.source if result.history else "",
        comparables=[
            {
                "breach": f"{c.organisation} ({c.year})",
                "people": f"{c.people:,}",
                "outcomes": _usd_words(c.public_outcomes_usd),
                "why": c.why,
            }
            for c in _comparables(result)
        ],
        terms=list(terms.items()),
        unconfirmed=_unconfirmed(result),
        sources=_reference_sources(result),
        file_sources=list(breach.sources),
        date=when,
        paper=PAPERS.get(paper, "A4"),
    )
    report.charts = _charts(result, sim)
    return report


def _tiers() -> list[str]:
    """The severity tiers from calm to alarming: the matrix grows with level and scale band, so
    a tier's cells lie, on average, further from the calm corner the more alarming it is."""
    from breachcalc.domain.severity import tier_matrix

    cells: dict[str, list[int]] = {}
    for level, row in enumerate(tier_matrix().values()):
        for band, tier in enumerate(row):
            cells.setdefault(tier, []).append(level + band)
    return sorted(cells, key=lambda tier: sum(cells[tier]) / len(cells[tier]))


def _usd_words(amount: Decimal) -> str:
    from breachcalc.render.words import in_words

    return in_words(Money(amount, "USD"))


def _model_gloss(result: Assessment) -> str:
    found = result.history
    assert found is not None
    return (
        f"breachcalc's model of public outcomes, fitted on {found.cases} past breaches: a chance "
        "that each kind happens (and that none does), and a bounded log-normal amount if it does "
        "(docs/history-model.md)"
    )


def _comparables(result: Assessment) -> list[Any]:
    """The history's comparable breaches, less the assessed breach itself (a breach in the
    history is never its own comparable)."""
    if result.history is None:
        return []
    return [c for c in result.history.comparables if not _is_itself(c, result)]


def _is_itself(comparable: Any, result: Assessment) -> bool:
    """Whether a comparable is the breach being assessed: the same year and either the same
    number of people or the organisation named in the breach's name."""
    import re

    from breachcalc.domain.regime import rule_day

    breach = result.input
    day = rule_day(breach).date
    years = {d.year for d in (breach.occurred, breach.discovered, day) if d is not None}
    if comparable.year not in years:
        return False
    if comparable.people == breach.affected:
        return True
    first = re.split(r"[^\w]+", comparable.organisation.strip())[0].lower()
    words = set(re.split(r"[^\w]+", breach.name.lower()))
    return len(first) > 2 and first in words


def _first_deadline(result: Assessment) -> str:
    from breachcalc.domain.notices import outcome_text

    dated = [
        (o.due, o)
        for j in result.notifications
        for o in j.obligations
        if o.status == "required" and o.due is not None
    ]
    if not dated:
        return "No dated notification deadline in breachcalc's rules for this file."
    due, first = min(dated, key=lambda pair: _as_datetime(pair[0]))
    verdict = outcome_text(first) or "not judged (no notice date in the file)"
    return f"First deadline: {first.code} {first.to}, due {due.isoformat()}: {verdict}."


def _as_datetime(moment: date | datetime) -> datetime:
    if isinstance(moment, datetime):
        return moment.replace(tzinfo=None)
    return datetime(moment.year, moment.month, moment.day)


def _both_words(money: Money, factor: Decimal, currency: str) -> str:
    """The reporting currency first, the breach currency beside it, in words."""
    from breachcalc.render.words import both, in_words

    if currency == money.currency:
        return in_words(money)
    return both(Money(money.amount * factor, currency), money)


def _words_range(low: Money, high: Money, factor: Decimal, currency: str) -> str:
    """``$455,521 to $320 million``: a range in words, in the reporting currency."""
    from breachcalc.render.words import in_words

    def there(money: Money) -> Money:
        return Money(money.amount * factor, currency)

    return f"{in_words(there(low))} to {in_words(there(high))}"


def _key_figures(result: Assessment, top: Headline) -> list[tuple[str, str, str]]:
    """(label, in words, the exact figure) rows."""
    from breachcalc.domain.cost_lines import conversion_factor

    breach, exp, costs = result.input, result.compensation, result.exposure
    factor = conversion_factor(costs.currency, costs.reporting_currency, breach)
    there = costs.reporting_currency
    rows = [
        ("Affected", f"{breach.affected:,} {breach.affected_unit}", ""),
        ("Data exposed", _categories(result), ""),
        ("Law applied", _law_of_the_day(result), ""),
    ]
    if exp.parts:
        rows.append(
            (
                "Compensation offered, per person",
                _both_words(exp.per_person, factor, there),
                format_money(exp.per_person),
            )
        )
    rows.append(
        (
            "Your file's cost lines" + (" (likely values)" if costs.uncertain else ""),
            _both_words(costs.total, factor, there),
            format_money(costs.total),
        )
    )
    if result.history is not None:
        p5, p50, p95 = result.history.total
        rows.append(
            (
                "Public outcomes estimated from history, P50 (P5–P95)",
                f"{_both_words(p50, factor, there)}; P5–P95 {_words_range(p5, p95, factor, there)}",
                format_money(p50),
            )
        )
    whole = "Whole exposure" + (", P50 (P5–P95)" if top.uncertain else "")
    value = top.figure
    if top.uncertain:
        value += f"; P5–P95 {_words_range(top.p5, top.p95, factor, there)}"
    rows.append((whole, value, format_money(_rounded(top.p50))))
    if exp.exchange_rates:
        rows.append(("Exchange rate", "; ".join(str(r) for r in exp.exchange_rates), ""))
    return rows


def _rounded(money: Money) -> Money:
    """A simulated amount at the currency's precision (for the exact column)."""
    from breachcalc.domain.money import round_money

    return Money(round_money(money), money.currency)


def _categories(result: Assessment) -> str:
    from breachcalc.reference.tables import catalogue

    breach = result.input
    cats = catalogue().categories
    return ", ".join(
        cats[k].label.lower()
        + (f" ({breach.category_counts[k]:,} people)" if k in breach.category_counts else "")
        for k in breach.category_keys
    )


def _law_of_the_day(result: Assessment) -> str:
    from breachcalc.domain.regime import rule_day

    return rule_day(result.input).text


def _severity(result: Assessment) -> list[tuple[str, str]]:
    from breachcalc.domain.severity import band_count, number_text, se_text
    from breachcalc.reference.tables import catalogue

    sev, breach = result.severity, result.input
    cats = catalogue().categories

    def label(key: str | None) -> str:
        return cats[key].label.lower() if key and key in cats else (key or "an override")

    parts = ", ".join(
        f"{name} {se_text(part.value)}"
        for name, part in zip(
            ("confidentiality", "integrity", "availability", "malicious"),
            sev.cb_parts,
            strict=True,
        )
    )
    band = f"{sev.scale_band} of {band_count()} ({sev.scale_name})"
    if sev.affected != breach.affected:
        band += (
            f": from the {sev.affected:,} people whose {label(sev.dpc_set_by)} was exposed, "
            "the category that sets the severity"
        )
    rows = [
        (
            "Severity estimate (SE)",
            f"{se_text(sev.se)} = DPC × EI + CB: ENISA level {sev.level}; with scale band "
            f"{sev.scale_band}, tier {sev.tier.upper()}",
        ),
        ("Data processing context (DPC)", f"{sev.dpc}, set by {label(sev.dpc_set_by)}"),
        (
            "Ease of identification (EI)",
            f"{number_text(sev.ei)} ({sev.ei_level.replace('_', ' ')})",
        ),
        ("Circumstances (CB)", f"{se_text(sev.cb)} ({parts})"),
        ("Scale band", band),
    ]
    rows += [("Note", warning) for warning in sev.warnings]
    return rows


def _severity_sources() -> str:
    from breachcalc.reference.tables import severity_provenance

    return severity_provenance()[2]


def _notices(result: Assessment) -> list[dict[str, str]]:
    from breachcalc.domain.notices import due_text, outcome_text

    rows = []
    for found in result.notifications:
        if found.message:
            rows.append(
                {
                    "where": found.jurisdiction,
                    "to": "",
                    "law": found.message,
                    "status": "",
                    "due": "",
                }
            )
            continue
        for item in found.obligations:
            outcome = outcome_text(item)
            rows.append(
                {
                    "where": item.code,
                    "to": item.to,
                    "law": f"{item.law} ({item.window_text})",
                    "status": item.status + (f": {outcome}" if outcome else ""),
                    "due": due_text(item) if item.status == "required" else "",
                }
            )
    return rows


def _lines(result: Assessment, sim: Simulation) -> list[dict[str, str]]:
    from breachcalc.render.words import in_words

    rows = []
    for line in result.exposure.lines:
        band = _pct_interval(sim, line.key)
        rows.append(
            {
                "label": line.label[:1].upper() + line.label[1:],
                "likely": in_words(line.amount),
                "exact": format_money(line.amount),
                "interval": f"{in_words(band[0])} to {in_words(band[1])}" if band else "exact",
                "origin": "your file",
            }
        )
    if result.history is not None:
        for prior in result.history.priors:
            p5, p50, p95, chance = result.history.figures[prior.key]
            rows.append(
                {
                    "label": prior.label.removesuffix(" (from history)"),
                    "likely": f"{in_words(p50)} (P50)",
                    "exact": f"{chance:.0%} chance of any",
                    "interval": f"{in_words(p5)} to {in_words(p95)}",
                    "origin": "history",
                }
            )
    return rows


def _unconfirmed(result: Assessment) -> list[str]:
    found = []
    for cap in result.exposure.fines:
        if cap.unconfirmed:
            found.append(f"Fine maximum, {cap.jurisdiction}: {cap.rule} — {cap.note}")
    for notices in result.notifications:
        for item in notices.obligations:
            if item.unconfirmed:
                found.append(
                    f"Notification rule, {item.code} {item.law}: {item.note or item.words}"
                )
    return found


def _reference_sources(result: Assessment) -> list[str]:
    from breachcalc.reference.tables import enisa_data

    found = [f"Severity: {enisa_data()['meta']['source']}"]
    found += [
        f"Fine rule, {c.jurisdiction}: {c.source} (in force {c.window_text})"
        for c in result.exposure.fines
        if c.source
    ]
    for notices in result.notifications:
        for item in notices.obligations:
            found.append(f"Notification rule, {item.code} {item.law}: {item.source}")
    if result.history is not None:
        found.append(f"Public outcomes: {result.history.source} (docs/history-model.md)")
    return list(dict.fromkeys(found))


# --- charts ----------------------------------------------------------------------------------


def _svg(figure: Any) -> str:
    import matplotlib
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "breachcalc-report"
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _charts(result: Assessment, sim: Simulation) -> dict[str, Chart]:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update({"font.size": 9, "font.family": "sans-serif"})
    from breachcalc.render.fonts import use_chart_fonts

    # Hangul drawn where a font has it; never a glyph warning on stderr
    use_chart_fonts([result.input.name, *(line.label for line in result.exposure.lines)])
    charts = {
        "severity": _severity_chart(result),
        "timeline": _timeline_chart(result),
        "lines": _lines_chart(result, sim),
        "lec": _lec_chart(sim),
    }
    if result.history is not None:
        charts["comparables"] = _comparables_chart(result)
    return {key: chart for key, chart in charts.items() if chart is not None}


def _severity_chart(result: Assessment) -> Chart:
    import matplotlib.pyplot as plt

    from breachcalc.domain.severity import se_text

    sev = result.severity
    figure, axes = plt.subplots(figsize=(6.5, 1.05))
    bands = ((0, 2, "low"), (2, 3, "medium"), (3, 4, "high"), (4, 5, "very high"))
    for (low, high, name), colour in zip(bands, SEVERITY_COLOURS, strict=True):
        axes.barh(0, high - low, left=low, color=colour, alpha=0.75, edgecolor="white")
        axes.text((low + high) / 2, 0, name, ha="center", va="center", fontsize=8)
    axes.plot([float(sev.se)], [0.42], marker="v", markersize=12, color="#1b1b1b")
    axes.set_xlim(0, 5)
    axes.set_ylim(-0.45, 0.6)
    axes.set_yticks([])
    for side in ("left", "right", "top"):
        axes.spines[side].set_visible(False)
    axes.set_xlabel("ENISA severity estimate SE = DPC × EI + CB (0 to 5)")
    axes.set_title(
        f"SE {se_text(sev.se)}: {sev.level}; with scale band {sev.scale_band}, "
        f"tier {sev.tier.upper()}",
        fontsize=9,
    )
    figure.tight_layout()
    alt = (
        f"ENISA severity scale from 0 to 5, coloured from calm to alarming: low, medium, high, "
        f"very high; this breach scores {se_text(sev.se)} ({sev.level}) and its tier is "
        f"{sev.tier}."
    )
    return Chart("severity", "Severity", alt, _svg(figure))


def _timeline_chart(result: Assessment) -> Chart | None:
    import matplotlib.pyplot as plt

    breach = result.input
    rows = [
        (j.jurisdiction, o)
        for j in result.notifications
        for o in j.obligations
        if o.status == "required" and o.due is not None
    ]
    if breach.discovered is None or not rows:
        return None
    start = _as_datetime(breach.discovered)

    def days(moment: date | datetime) -> float:
        return (_as_datetime(moment) - start).total_seconds() / 86400

    figure, axes = plt.subplots(figsize=(7.5, 0.7 + 0.3 * len(rows)))
    labels, ends = [], []
    for index, (code, item) in enumerate(rows):
        assert item.due is not None
        due = days(item.due)
        ends.append(due)
        day = _as_datetime(item.due).date().isoformat()
        labels.append(f"{_short_label(f'{code}: {item.to}', 32)}, due {day}")
        axes.plot([0, due], [index, index], color=OKABE_ITO[0], linewidth=3)
        axes.plot([due], [index], marker="|", markersize=10, color=OKABE_ITO[0])
        if item.evidence is not None:
            given = days(item.evidence)
            ends.append(given)
            late = item.outcome == "missed"
            axes.plot(
                [given],
                [index],
                marker="X" if late else "o",
                markersize=8,
                color=OKABE_ITO[3] if late else OKABE_ITO[2],
            )
    axes.axvline(0, color="grey", linestyle=":", linewidth=1)
    axes.set_yticks(range(len(rows)), labels)
    axes.set_ylim(len(rows) - 0.4, -0.6)
    axes.set_xlim(-0.5, max(ends) * 1.1 + 1)
    axes.set_xlabel(f"days after discovery ({breach.discovered.isoformat()})")
    axes.set_title(
        "Notification deadlines: bar to the due date; notice given ● in time, ✕ late",
        fontsize=9,
    )
    figure.tight_layout()
    missed = len([o for _c, o in rows if o.outcome == "missed"])
    alt = (
        f"Timeline of {len(rows)} notification deadlines from discovery on "
        f"{breach.discovered.isoformat()}; {missed} missed."
    )
    return Chart("timeline", "Notification timeline", alt, _svg(figure))


def _short_label(text: str, width: int) -> str:
    """A label cut at a word to ``width`` characters, with an ellipsis (charts only)."""
    if len(text) <= width:
        return text
    return text[: text.rfind(" ", 0, width - 1)].rstrip(",;: ") + "…"


def _lines_chart(result: Assessment, sim: Simulation) -> Chart | None:
    """Each cost line's likely value (history: P50) as a bar on a linear axis, its P5–P95 as a
    line, and the value written beside the bar."""
    import matplotlib.pyplot as plt

    from breachcalc.render.charts import money_axis
    from breachcalc.render.words import in_words

    shown = [s for s in sim.lines if s.mean.amount > 0]
    if not shown:
        return None
    currency = sim.currency
    figure, axes = plt.subplots(figsize=(7.5, max(1.4, 0.62 + 0.23 * len(shown))))
    likely_of = {line.key: line.amount for line in result.exposure.lines}
    top = 0.0
    for index, summary in enumerate(shown):
        values = dict(summary.percentiles)
        likely = likely_of.get(summary.key, values[Decimal(50)])
        history = summary.key.startswith("history.")
        axes.barh(index, float(likely.amount), color=OKABE_ITO[1] if history else OKABE_ITO[0])
        high = float(values[Decimal(95)].amount)
        if summary.uncertain:
            low = float(values[Decimal(5)].amount)
            axes.plot([low, high], [index, index], color="black", linewidth=1.2)
            axes.plot([low, high], [index, index], "|", color="black", markersize=8)
        end = max(float(likely.amount), high if summary.uncertain else 0.0)
        top = max(top, end)
        axes.annotate(
            in_words(likely) + (" (P50)" if history else ""),
            (end, index),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    axes.set_yticks(
        range(len(shown)),
        [
            _short_label(
                s.label[:1].upper() + s.label[1:].replace(" (from history)", " (history)"), 46
            )
            for s in shown
        ],
    )
    axes.invert_yaxis()
    axes.set_xlim(0, top * 1.3 if top > 0 else 1)
    money_axis(axes.xaxis, currency, log=False)
    axes.set_xlabel(f"{currency}; bar: likely value (history: P50); line: P5–P95")
    axes.set_title("Cost lines: blue from your file, orange estimated from history", fontsize=9)
    figure.tight_layout()
    alt = (
        f"Horizontal bars of {len(shown)} cost lines in {currency} on a linear scale, each "
        "labelled with its value and drawn with its P5 to P95 range; lines from history in "
        "orange."
    )
    return Chart("lines", "Cost lines", alt, _svg(figure))


def _lec_chart(sim: Simulation) -> Chart:
    import matplotlib.pyplot as plt

    from breachcalc.render.charts import draw_exceedance

    figure, axes = plt.subplots(figsize=(3.7, 2.5))
    log = draw_exceedance(
        axes,
        sim,
        sim.reporting_currency,
        f"Chance the whole exposure exceeds\neach amount ({sim.trials:,} trials, seed {sim.seed})",
        sim.to_reporting,
    )
    figure.tight_layout()
    alt = (
        f"Loss-exceedance curve of the whole exposure in {sim.reporting_currency} over "
        f"{sim.trials:,} trials, from P99.9 to P0.1" + (", on a log amount axis." if log else ".")
    )
    return Chart("lec", "Loss-exceedance curve", alt, _svg(figure))


def _comparables_chart(result: Assessment) -> Chart:
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    from breachcalc.analysis.history import training_set
    from breachcalc.render.charts import money_axis
    from breachcalc.render.words import tick

    found = result.history
    assert found is not None
    cases = training_set()
    figure, axes = plt.subplots(figsize=(3.7, 2.5))
    axes.scatter(
        [o.facts.people for o in cases],
        [o.total for o in cases],
        s=14,
        color=OKABE_ITO[5],
        alpha=0.8,
        label="past breaches",
    )
    near = {c.id for c in _comparables(result)}
    axes.scatter(
        [o.facts.people for o in cases if o.case.id in near],
        [o.total for o in cases if o.case.id in near],
        s=30,
        color=OKABE_ITO[0],
        label="the most comparable",
    )
    p5, p50, p95 = (float(m.amount) for m in found.total)
    factor = 1.0 / found.usd_factor if found.usd_factor else 1.0
    people = result.input.affected
    if p50 > 0:
        axes.errorbar(
            [people],
            [p50 * factor],
            yerr=[[(p50 - p5) * factor], [(p95 - p50) * factor]],
            fmt="D",
            color=OKABE_ITO[3],
            capsize=4,
            label="this breach (history P5–P95)",
        )
    elif p95 > 0:
        axes.scatter(
            [people],
            [p95 * factor],
            marker="v",
            s=60,
            color=OKABE_ITO[3],
            label="this breach (history P95; its P50 is 0)",
        )
    axes.set_xscale("log")
    axes.set_yscale("log")
    money_axis(axes.yaxis, "USD", log=True)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: tick(value, "").strip()))
    axes.set_xlabel("people or accounts affected")
    axes.set_ylabel("public outcomes, USD")
    axes.legend(fontsize=7, loc="best", framealpha=0.85)
    axes.grid(alpha=0.3, which="major")
    axes.set_title(f"Comparable breaches\n({found.cases} in the history)", fontsize=9)
    figure.tight_layout()
    alt = (
        f"Scatter of {len(cases)} past breaches, people against public outcomes on log scales, "
        f"with this breach marked at {people:,} people."
    )
    return Chart("comparables", "Comparable breaches", alt, _svg(figure))


# --- output ----------------------------------------------------------------------------------


def render(report: Report, fmt: str) -> str:
    """The page as HTML (``html``) or Markdown (``markdown``), from the Jinja2 templates (``pdf``
    prints the HTML: :func:`write_pdf`)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    from breachcalc.render.tabular import markdown_text

    environment = Environment(
        loader=PackageLoader("breachcalc.render", "templates"),
        autoescape=select_autoescape(("html", "j2")) if fmt == "html" else False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=None if fmt == "html" else markdown_text,  # text from the file stays text
    )
    environment.filters["money"] = format_money
    name = "report.html.j2" if fmt == "html" else "report.md.j2"
    return environment.get_template(name).render(r=report)


# --- print -----------------------------------------------------------------------------------

CHROMIUM_NAMES = ("chromium", "chromium-browser")
INSTALL_HINT = "sudo apt-get install -y chromium"


def chromium() -> str | None:
    """The Chromium that prints the PDF: ``BREACHCALC_CHROMIUM`` if set, else Debian's
    ``chromium`` on PATH."""
    import os
    import shutil

    chosen = os.environ.get("BREACHCALC_CHROMIUM")
    if chosen:
        return shutil.which(chosen)
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def pdf_bytes(html: str, paper: str = "a4") -> bytes:
    """The page printed to PDF by a headless Chromium (no network, no profile kept), on
    ``paper`` (``a4`` or ``letter``): the page's own ``@page`` rule sets the size, so ``html``
    must come from :func:`build` with the same paper (a ValueError otherwise).

    Raises:
        OutputError: Chromium is missing (the message gives the install command), or it failed.
    """
    import os
    import subprocess
    import tempfile

    from breachcalc.errors import OutputError

    if f"@page {{ size: {PAPERS.get(paper, '?')};" not in html:
        raise ValueError(f"the page is not laid out for {paper} paper (build it with paper=)")
    binary = chromium()
    if binary is None:
        raise OutputError(
            "report --format pdf prints the page with Chromium, which is not installed here; "
            f"install it ({INSTALL_HINT}) or write HTML and print it from a browser"
        )
    with tempfile.TemporaryDirectory(prefix="breachcalc-pdf-") as folder:
        page, printed = Path(folder) / "report.html", Path(folder) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            binary,
            "--headless=new",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--no-pdf-header-footer",
            "--proxy-server=127.0.0.1:9",  # the page is self-contained: no request leaves
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={printed}",
            page.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(2, "--no-sandbox")  # Chromium refuses to run as root with one
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=180,
                check=False,
                env={**os.environ, "TZ": "UTC"},
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OutputError(f"Chromium could not print the report: {exc}") from None
        if not printed.is_file() or printed.stat().st_size == 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
            raise OutputError(
                f"Chromium could not print the report (exit {done.returncode}"
                + (f": {said[0]}" if said else "")
                + ")"
            )
        return _undated(printed.read_bytes())


def _undated(pdf: bytes) -> bytes:
    """The PDF without what changes from run to run, each replaced by text of the same length
    so no offset moves: the creation and modification times (Chromium runs in UTC) and the
    numbers Chromium gives the tagged structure's table headers (DOM node ids, which depend on
    what the browser did before; renumbered in their own order, so the ID tree stays sorted).
    The same page gives the same bytes."""
    import re

    pdf = re.sub(rb"(/(?:CreationDate|ModDate) ?\(D:)[0-9]{14}", rb"\g<1>20000101000000", pdf)
    nodes = sorted({int(n) for n in re.findall(rb"\(node([0-9]{8})\)", pdf)})
    renumbered = {number: index for index, number in enumerate(nodes, start=1)}
    return re.sub(
        rb"\(node([0-9]{8})\)",
        lambda m: b"(node%08d)" % renumbered[int(m[1])],
        pdf,
    )


def write_pdf(html: str, out: Path, paper: str = "a4") -> None:
    """Print the page to ``out`` as PDF, atomically (complete or untouched).

    Raises:
        OutputError: Chromium is missing or failed, or ``out`` cannot be written.
    """
    from breachcalc.errors import OutputError
    from breachcalc.render.files import atomic_path

    data = pdf_bytes(html, paper)
    try:
        with atomic_path(out, ".pdf") as path:
            path.write_bytes(data)
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
