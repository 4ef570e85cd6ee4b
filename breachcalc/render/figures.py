"""The board page's figures, drawn by matplotlib as inline SVG: severity, the timeline, the
cost lines, the loss-exceedance curve and the comparable breaches (:func:`charts`)."""

from __future__ import annotations

import base64
import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from breachcalc.domain.assessment import Assessment
from breachcalc.domain.simulation import Simulation
from breachcalc.render.report import (
    OKABE_ITO,
    SEVERITY_COLOURS,
    Chart,
    _as_datetime,
    _comparables,
)


def _svg(figure: Any) -> str:
    import matplotlib
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "breachcalc-report"
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def charts(result: Assessment, sim: Simulation) -> dict[str, Chart]:
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
