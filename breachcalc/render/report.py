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


@dataclass
class Report:
    """Everything the templates show, already in words and exact figures."""

    title: str
    headline: str
    key_figures: list[tuple[str, str]]
    severity: list[tuple[str, str]]
    severity_sources: str
    notices: list[dict[str, str]]
    lines: list[dict[str, str]]
    history_label: str
    comparables: list[dict[str, str]]
    unconfirmed: list[str]
    sources: list[str]
    file_sources: list[str]
    charts: dict[str, Chart] = field(default_factory=dict)
    version: str = __version__
    date: str = ""


def _pct_interval(sim: Simulation, key: str) -> tuple[Money, Money] | None:
    found = next((s for s in (*sim.lines, sim.total) if s.key == key), None)
    if found is None or not found.uncertain:
        return None
    values = dict(found.percentiles)
    return values[Decimal(5)], values[Decimal(95)]


def build(result: Assessment, sim: Simulation, when: str = "") -> Report:
    """The report's content from an assessment (with its history) and a simulation of the same
    file (with the history lines), with P5, P50 and P95."""
    breach, costs, sev = result.input, result.exposure, result.severity
    total_band = _pct_interval(sim, "total")
    first = _first_deadline(result)
    interval = (
        f" (P5–P95 {format_money(total_band[0])} to {format_money(total_band[1])})"
        if total_band
        else ""
    )
    headline = (
        f"{breach.affected:,} {breach.affected_unit} affected; {sev.tier.upper()} severity tier; "
        f"likely total exposure {format_money(costs.total)}{interval}. {first}"
    )
    report = Report(
        title=breach.name,
        headline=headline,
        key_figures=_key_figures(result),
        severity=_severity(result),
        severity_sources=_severity_sources(),
        notices=_notices(result),
        lines=_lines(result, sim),
        history_label=result.history.source if result.history else "",
        comparables=[
            {
                "breach": f"{c.organisation} ({c.year})",
                "people": f"{c.people:,}",
                "outcomes": format_money(Money(c.public_outcomes_usd.quantize(Decimal(1)), "USD")),
                "why": c.why,
            }
            for c in (result.history.comparables if result.history else ())
        ],
        unconfirmed=_unconfirmed(result),
        sources=_reference_sources(result),
        file_sources=list(breach.sources),
        date=when,
    )
    report.charts = _charts(result, sim)
    return report


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


def _key_figures(result: Assessment) -> list[tuple[str, str]]:
    breach, exp, costs = result.input, result.compensation, result.exposure
    rows = [
        ("Affected", f"{breach.affected:,} {breach.affected_unit}"),
        ("Data exposed", ", ".join(breach.category_keys)),
        ("Law of the day", _law_of_the_day(result)),
    ]
    if exp.parts:
        rows.append(("Compensation per person", format_money(exp.per_person)))
        rows.append(("Compensation total", format_money(exp.total)))
        if exp.reporting_currency != exp.currency:
            rows.append(("", format_money(exp.total_reporting)))
    rows.append(("Whole exposure (likely)", format_money(costs.total)))
    if costs.total_reporting.currency != costs.total.currency:
        rows.append(("", format_money(costs.total_reporting)))
    if exp.exchange_rates:
        rows.append(("Exchange rate", "; ".join(str(r) for r in exp.exchange_rates)))
    return rows


def _law_of_the_day(result: Assessment) -> str:
    from breachcalc.domain.regime import rule_day

    return rule_day(result.input).text


def _severity(result: Assessment) -> list[tuple[str, str]]:
    from breachcalc.domain.severity import band_count, number_text, se_text

    sev = result.severity
    return [
        ("Tier", sev.tier.upper()),
        ("ENISA level", f"{sev.level} (SE {se_text(sev.se)})"),
        ("DPC", f"{sev.dpc} (set by {sev.dpc_set_by})"),
        ("EI", f"{number_text(sev.ei)} ({sev.ei_level})"),
        ("CB", se_text(sev.cb)),
        ("Scale band", f"{sev.scale_band} of {band_count()} ({sev.scale_name})"),
        ("Vector", sev.vector),
    ]


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
            rows.append(
                {
                    "where": item.code,
                    "to": item.to,
                    "law": f"{item.law} ({item.window_text})",
                    "status": item.status
                    + (f": {outcome_text(item)}" if outcome_text(item) else ""),
                    "due": due_text(item) if item.status == "required" else "",
                }
            )
    return rows


def _lines(result: Assessment, sim: Simulation) -> list[dict[str, str]]:
    rows = []
    for line in result.exposure.lines:
        band = _pct_interval(sim, line.key)
        rows.append(
            {
                "label": line.label,
                "likely": format_money(line.amount),
                "interval": f"{format_money(band[0])} to {format_money(band[1])}"
                if band
                else "exact",
                "origin": "your file",
            }
        )
    if result.history is not None:
        for prior in result.history.priors:
            p5, p50, p95, chance = result.history.figures[prior.key]
            rows.append(
                {
                    "label": prior.label.removesuffix(" (from history)"),
                    "likely": f"{format_money(p50)} (P50; {chance:.0%} chance of any)",
                    "interval": f"{format_money(p5)} to {format_money(p95)}",
                    "origin": "from history",
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
    figure, axes = plt.subplots(figsize=(6.5, 1.6))
    bands = ((0, 2, "low"), (2, 3, "medium"), (3, 4, "high"), (4, 5, "very high"))
    for (low, high, name), colour in zip(bands, OKABE_ITO[5::-1][:4], strict=False):
        axes.barh(0, high - low, left=low, color=colour, alpha=0.35, edgecolor="white")
        axes.text((low + high) / 2, 0.32, name, ha="center", va="bottom", fontsize=8)
    axes.plot([float(sev.se)], [0], marker="v", markersize=14, color=OKABE_ITO[3])
    axes.set_xlim(0, 5)
    axes.set_ylim(-0.5, 0.7)
    axes.set_yticks([])
    axes.set_xlabel("ENISA severity score SE = DPC × EI + CB")
    axes.set_title(
        f"SE {se_text(sev.se)}: {sev.level}; scale band {sev.scale_band}; tier {sev.tier}"
    )
    figure.tight_layout()
    alt = (
        f"ENISA severity scale from 0 to 5 with bands low, medium, high and very high; this "
        f"breach scores {se_text(sev.se)} ({sev.level}) and its tier is {sev.tier}."
    )
    return Chart("severity", "Severity", alt, _svg(figure))


def _timeline_chart(result: Assessment) -> Chart | None:
    import matplotlib.dates as mdates
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
    figure, axes = plt.subplots(figsize=(7.5, 0.6 + 0.45 * len(rows)))
    start = float(mdates.date2num(_as_datetime(breach.discovered)))  # type: ignore[no-untyped-call]
    labels = []
    for index, (code, item) in enumerate(rows):
        assert item.due is not None
        due = float(mdates.date2num(_as_datetime(item.due)))  # type: ignore[no-untyped-call]
        labels.append(f"{code}: {item.to}")
        axes.plot([start, due], [index, index], color=OKABE_ITO[0], linewidth=2)
        axes.plot([due], [index], marker="|", markersize=14, color=OKABE_ITO[0])
        if item.evidence is not None:
            given = float(mdates.date2num(_as_datetime(item.evidence)))  # type: ignore[no-untyped-call]
            late = item.outcome == "missed"
            axes.plot(
                [given],
                [index],
                marker="X" if late else "o",
                markersize=8,
                color=OKABE_ITO[3] if late else OKABE_ITO[2],
            )
    axes.axvline(start, color="grey", linestyle=":", linewidth=1)
    axes.set_yticks(range(len(rows)), labels)
    axes.invert_yaxis()
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))  # type: ignore[no-untyped-call]
    axes.set_title("Notification deadlines from discovery (bar end); notice given: ● met, ✕ missed")
    figure.autofmt_xdate()
    figure.tight_layout()
    missed = len([o for _c, o in rows if o.outcome == "missed"])
    alt = (
        f"Timeline of {len(rows)} notification deadlines from discovery on "
        f"{breach.discovered.isoformat()}; {missed} missed."
    )
    return Chart("timeline", "Notification timeline", alt, _svg(figure))


def _lines_chart(result: Assessment, sim: Simulation) -> Chart | None:
    import matplotlib.pyplot as plt

    shown = [s for s in sim.lines if s.mean.amount > 0]
    if not shown:
        return None
    currency = sim.currency
    figure, axes = plt.subplots(figsize=(7.5, 0.7 + 0.42 * len(shown)))
    for index, summary in enumerate(shown):
        values = dict(summary.percentiles)
        likely = next(
            (
                float(line.amount.amount)
                for line in result.exposure.lines
                if line.key == summary.key
            ),
            float(values[Decimal(50)].amount),
        )
        history = summary.key.startswith("history.")
        colour = OKABE_ITO[1] if history else OKABE_ITO[0]
        axes.barh(index, max(likely, 1.0), color=colour, alpha=0.8)
        if summary.uncertain:
            low, high = float(values[Decimal(5)].amount), float(values[Decimal(95)].amount)
            axes.plot([max(low, 1.0), max(high, 1.0)], [index, index], color="black", linewidth=1.5)
    axes.set_yticks(
        range(len(shown)),
        [s.label.replace(" (from history)", " (history)") for s in shown],
    )
    axes.invert_yaxis()
    axes.set_xscale("log")
    axes.set_xlabel(f"{currency} (log scale); bar: likely value (history: P50); line: P5–P95")
    axes.set_title("Cost lines: blue from your file, orange from history")
    figure.tight_layout()
    alt = (
        f"Horizontal bars of {len(shown)} cost lines in {currency} on a log scale, each with its "
        "P5 to P95 range; lines from the history in orange."
    )
    return Chart("lines", "Cost lines", alt, _svg(figure))


def _lec_chart(sim: Simulation) -> Chart:
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7.5, 3.2))
    xs = [float(x) for x, _p in sim.curve]
    ps = [float(p) for _x, p in sim.curve]
    axes.plot(xs, ps, color=OKABE_ITO[0])
    for p, money in sim.total.percentiles:
        axes.axvline(float(money.amount), color="grey", linestyle=":", linewidth=1)
        axes.annotate(f"P{p.normalize():f}", (float(money.amount), 0.92), fontsize=8, color="grey")
    axes.set_ylim(0, 1)
    top = max((float(m.amount) for _p, m in sim.total.percentiles), default=0.0)
    if top > 0 and xs and xs[-1] > 2 * top:
        axes.set_xlim(xs[0], 2 * top)  # the far tail would squash the curve into one line
    axes.set_xlabel(f"total exposure, {sim.currency}")
    axes.set_ylabel("probability the total is exceeded")
    axes.set_title(f"Loss-exceedance curve ({sim.trials:,} trials, seed {sim.seed})")
    axes.grid(alpha=0.3)
    figure.tight_layout()
    alt = (
        f"Loss-exceedance curve of the total exposure in {sim.currency} over {sim.trials:,} trials."
    )
    return Chart("lec", "Loss-exceedance curve", alt, _svg(figure))


def _comparables_chart(result: Assessment) -> Chart:
    import matplotlib.pyplot as plt

    from breachcalc.analysis.history import training_set

    found = result.history
    assert found is not None
    cases = training_set()
    figure, axes = plt.subplots(figsize=(7.5, 3.6))
    axes.scatter(
        [o.facts.people for o in cases],
        [o.total for o in cases],
        s=14,
        color=OKABE_ITO[5],
        alpha=0.8,
        label="past breaches (public outcomes, USD)",
    )
    near = {c.id for c in found.comparables}
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
            label="this breach (history P5–P50–P95)",
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
    axes.set_xlabel("people or accounts affected")
    axes.set_ylabel("public outcomes, USD")
    axes.legend(fontsize=8, loc="upper left")
    axes.grid(alpha=0.3, which="major")
    axes.set_title(f"Comparable breaches ({found.cases} in the history)")
    figure.tight_layout()
    alt = (
        f"Scatter of {len(cases)} past breaches, people against public outcomes on log scales, "
        f"with this breach marked at {people:,} people."
    )
    return Chart("comparables", "Comparable breaches", alt, _svg(figure))


# --- output ----------------------------------------------------------------------------------


def render(report: Report, fmt: str) -> str:
    """The page as HTML (``html``) or Markdown (``markdown``), from the Jinja2 templates."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(
        loader=PackageLoader("breachcalc.render", "templates"),
        autoescape=select_autoescape(("html", "j2")) if fmt == "html" else False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    name = "report.html.j2" if fmt == "html" else "report.md.j2"
    return environment.get_template(name).render(r=report)
