"""Charts for the terminal (plain text, no colour needed) and image files (matplotlib, lazily)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from breachcalc.domain.money import Money
from breachcalc.domain.simulation import Simulation
from breachcalc.render.table import compact_money as _short

if TYPE_CHECKING:
    from breachcalc.analysis.backtest import Backtest

BLOCKS = " ▏▎▍▌▋▊▉█"


def _bar(fraction: float, width: int) -> str:
    """A horizontal bar of ``fraction`` × ``width`` cells, in eighths."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + (BLOCKS[rest] if rest else "")


def exceedance_rows(sim: Simulation) -> list[tuple[Decimal, Decimal]]:
    """The text table's rows: for each probability of ``LEC_ROWS`` that the trials can tell
    (at least one trial in it), the amount exceeded with it and the share of trials above that
    amount, read from the curve (which holds those probabilities' amounts). An amount that
    several rows reach (a value many trials share) is listed once, with its own share."""
    from breachcalc.domain.simulation import LEC_ROWS

    rows: dict[Decimal, Decimal] = {}
    for probability in LEC_ROWS:
        if probability * sim.trials < 1:
            continue
        target = Decimal(repr(probability))
        found = next(((x, p) for x, p in sim.curve if p <= target), None)
        if found is not None:
            rows.setdefault(found[0], found[1])
    return sorted(rows.items())


def _log_span(amounts: list[Decimal]) -> bool:
    """Whether positive amounts span more than two decades (a log axis reads them better)."""
    positive = [a for a in amounts if a > 0]
    return bool(positive) and max(positive) > 100 * min(positive)


def wide(sim: Simulation) -> bool:
    """Whether the trials span more than two decades, from the least positive trial to the
    greatest (the histogram's outer edges hold both): the charts then use a log amount axis."""
    return _log_span(list(sim.bins[0]))


def loss_exceedance_text(sim: Simulation, width: int = 50) -> str:
    """The loss-exceedance curve as text: for each probability, the amount exceeded that often
    (the share printed is the trials' own), with bars on a log scale when the amounts span more
    than two decades."""
    import math

    if not sim.total.uncertain:
        only = sim.total.mean.amount
        return (
            f"Loss exceedance ({sim.trials:,} trials, seed {sim.seed}): the total is "
            f"{_short(only, sim.currency)} in every trial (no input is a range)\n"
        )
    rows = exceedance_rows(sim)
    amounts = [amount for amount, _p in rows]
    top = max(amounts, default=Decimal(0))
    log = _log_span(amounts)
    base = min((a for a in amounts if a > 0), default=Decimal(1)) / 10
    if log:
        scale = f"bars: log scale from {_short(base, sim.currency)} to {_short(top, sim.currency)}"
    else:
        scale = f"bars: from 0 to {_short(top, sim.currency)}"
    lines = [
        f"Loss exceedance ({sim.trials:,} trials, seed {sim.seed}): P of trials exceed AMOUNT"
        f"\n  ({scale})"
    ]
    for amount, share in rows:
        if amount <= 0 or top <= 0:
            fraction = 0.0
        elif log:
            fraction = math.log(amount / base) / math.log(top / base)
        else:
            fraction = float(amount / top)
        lines.append(
            f"  P {_share(share):>6}  {_bar(fraction, width):<{width}}  "
            f"{_short(amount, sim.currency)}"
        )
    return "\n".join(lines) + "\n"


def _share(share: Decimal) -> str:
    """A share of trials as a percentage: one decimal, two below 1%."""
    return f"{share:.2%}" if 0 < share < Decimal("0.01") else f"{share:.1%}"


def histogram_text(sim: Simulation, width: int = 50) -> str:
    """The distribution of the total as a text histogram, one row per bin (the bins widen by
    ratio when the total spans more than two decades, so each row names its range)."""
    edges, counts = sim.bins
    if len(counts) == 1:
        return ""  # one amount in every trial: the exceedance line says it
    most = max(counts) if counts else 0
    lines = [f"Distribution of the total ({sim.currency}): trials in each range"]
    spans = [
        f"{_short(edges[i], '').strip()} to {_short(edges[i + 1], '').strip()}"
        for i in range(len(counts))
    ]
    room = max((len(span) for span in spans), default=0)
    for span, count in zip(spans, counts, strict=True):
        share = Decimal(count) / sim.trials if sim.trials else Decimal(0)
        lines.append(
            f"  {span:>{room}}  {_bar(count / most if most else 0, width):<{width}}  {share:6.2%}"
        )
    return "\n".join(lines) + "\n"


def _amounts_in(values: list[Decimal], factor: Decimal) -> list[float]:
    """Amounts converted exactly, then as floats: axis positions only."""
    return [float(v * factor) for v in values]


def money_axis(axis: Any, currency: str, log: bool, marks: int = 6) -> None:
    """An amount axis with readable marks (``$1M``, ``₩1.5T``): at most ``marks`` of them; on a
    log scale by decades, or at round amounts when the view spans less than a decade and a
    half (where decades would leave one mark or none)."""
    from matplotlib.ticker import (
        FuncFormatter,
        LogLocator,
        MaxNLocator,
        NullFormatter,
        NullLocator,
    )

    from breachcalc.render.words import tick

    if log:
        decades, rounds = LogLocator(base=10, numticks=8), MaxNLocator(nbins=marks)

        class Marks(LogLocator):
            def __call__(self) -> Any:
                low, high = sorted(axis.get_view_interval())
                if low > 0 and high < 30 * low:
                    return rounds.tick_values(low, high)
                return decades.tick_values(low, high)

        marker = Marks()
        decades.set_axis(axis)
        rounds.set_axis(axis)
        axis.set_major_locator(marker)
        axis.set_minor_locator(NullLocator())
        axis.set_minor_formatter(NullFormatter())
    else:
        axis.set_major_locator(MaxNLocator(nbins=marks))
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: tick(value, currency)))


def _spread_labels(spans: list[tuple[float, float]]) -> list[int]:
    """A row for each label spanning ``spans`` (start and end, as axis fractions, by start) so
    that no two labels in a row overlap: the labels never overprint."""
    rows: list[int] = []
    ends: dict[int, float] = {}
    for start, end in spans:
        row = 0
        while row in ends and start < ends[row]:
            row += 1
        ends[row] = end
        rows.append(row)
    return rows


def _axes_inches(axes: Any) -> float:
    """The width of ``axes`` in inches (for the number of marks and the labels' room)."""
    return float(axes.get_position().width * axes.figure.get_figwidth())


def draw_exceedance(
    axes: Any, sim: Simulation, currency: str, title: str, factor: Decimal = Decimal(1)
) -> bool:
    """The loss-exceedance curve on ``axes``: the amounts exceeded with each probability from
    99.9% to 0.1%, in ``currency`` (the simulation's amounts × ``factor``), with the total's
    percentiles marked. A log amount axis when the curve spans more than two decades (returned).
    """
    import math

    from matplotlib.ticker import PercentFormatter

    from breachcalc.render.words import tick

    points = [(x, p) for x, p in sim.curve]
    log = wide(sim) and any(x > 0 for x, _p in points)
    if log:
        points = [(x, p) for x, p in points if x > 0]
    xs = _amounts_in([x for x, _p in points], factor)
    ys = [float(p) for _x, p in points]
    if len(xs) == 1:  # one amount in every trial: exceeded for certain below it, never above
        one = xs[0]
        xs, ys = [one - abs(one) * 0.05 - 1, one, one, one + abs(one) * 0.05 + 1], [1, 1, 0, 0]
    axes.step(xs, ys, where="post", color="#0072B2", linewidth=1.6)
    if log:
        axes.set_xscale("log")
    inches = _axes_inches(axes)
    money_axis(axes.xaxis, currency, log, marks=max(3, int(inches * 1.1)))
    axes.set_ylim(0, 1.02)  # a curve at 100% stays in sight above the frame's edge
    axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    axes.set_ylabel("chance the total is exceeded")
    axes.set_xlabel(f"total exposure, {currency}" + (" (log scale)" if log else ""))
    axes.grid(alpha=0.3, which="major")
    low, high = (xs[0], xs[-1]) if xs else (0.0, 1.0)
    rare = next((x for x, p in zip(xs, ys, strict=True) if p <= 0.01), high)
    if not log and high - rare > 2 * (rare - low) > 0:
        # The last 1% would take two thirds of a linear axis: stop at P99, say where P99.9 is.
        axes.annotate(
            f"P99.9 {tick(high, currency)} →",
            (1, 0.5),
            xycoords="axes fraction",
            ha="right",
            fontsize=8,
            color="#3a3a3a",
        )
        high = rare + (rare - low) * 0.05
    if high > low:
        axes.set_xlim(low, high)
    at: dict[float, list[str]] = {}
    for p, m in sim.total.percentiles:
        amount = float(m.amount * factor)
        if (not log or m.amount > 0) and amount <= high:
            at.setdefault(amount, []).append(f"P{p.normalize():f}")
    # percentiles at one amount share one label: "P5 = P50 = P95 ₩1.85T"
    marks = sorted((x, 0, f"{' = '.join(names)} {tick(x, currency)}") for x, names in at.items())

    def fraction(value: float) -> float:
        if high <= low:
            return 0.5
        if log:
            return (math.log10(value) - math.log10(low)) / (math.log10(high) - math.log10(low))
        return (value - low) / (high - low)

    # Above the plot, where no curve runs: a new row wherever two labels would overlap.
    room = 8 * 0.62 / 72 / inches  # one character of an 8-point label, as an axis fraction
    rows = _spread_labels(
        [(fraction(x), fraction(x) + (len(text) + 1) * room) for x, _p, text in marks]
    )
    for (x, _p, text), row in zip(marks, rows, strict=True):
        axes.axvline(x, color="#5a5a5a", linestyle=":", linewidth=1)
        axes.annotate(
            text,
            (x, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 2 + 10 * row),
            textcoords="offset points",
            fontsize=8,
            color="#3a3a3a",
            ha="left",
            va="bottom",
            annotation_clip=False,
        )
    stacked = max(rows, default=-1) + 1
    axes.set_title(title, fontsize=9, pad=6 + 10 * stacked)
    width, height = axes.figure.get_size_inches()
    axes.figure.set_size_inches(width, height + 0.14 * stacked)  # the rows take room, not the plot
    return log


def draw_histogram(axes: Any, sim: Simulation, currency: str, factor: Decimal = Decimal(1)) -> bool:
    """The distribution of the total on ``axes``: the share of trials in each bin (by ratio when
    the total spans more than two decades), shown from P0.1 to P99.9; the trials beyond, in
    the outer bins, are counted in the label. Returns whether the axis is a log one."""
    from matplotlib.ticker import PercentFormatter

    edges, counts = sim.bins
    total = sum(counts) or 1
    shares = [count / total for count in counts]
    inner = list(edges[1:-1]) if len(counts) > 2 else list(edges)
    log = wide(sim) and min(inner) > 0
    xs = _amounts_in(list(edges), factor)
    if len(counts) == 1:  # one amount in every trial: one bar, in a window around it
        middle = (xs[0] + xs[1]) / 2
        xs = [middle - abs(middle) * 0.01 - 0.5, middle + abs(middle) * 0.01 + 0.5]
        axes.set_xlim(middle - abs(middle) * 0.1 - 1, middle + abs(middle) * 0.1 + 1)
    axes.stairs(shares, xs, fill=True, color="#56B4E9", edgecolor="#0072B2", linewidth=0.6)
    if log:
        axes.set_xscale("log")
    money_axis(axes.xaxis, currency, log, marks=max(3, int(_axes_inches(axes) * 1.1)))
    if len(counts) > 2:
        axes.set_xlim(xs[1], xs[-2])
    outside = (counts[0] + counts[-1]) / total if len(counts) > 2 else 0.0
    axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    axes.set_ylabel("share of trials")
    axes.set_xlabel(f"total exposure, {currency}" + (" (log scale, bins by ratio)" if log else ""))
    if outside:
        axes.set_title(f"{outside:.1%} of trials lie beyond both ends", fontsize=8, loc="right")
    axes.grid(alpha=0.3, axis="y")
    return log


def write_plot(sim: Simulation, target: Path, title: str) -> None:
    """Draw the loss-exceedance curve and histogram into ``target`` (.png or .svg), atomically.

    Amounts are in the simulation's currency, on a log axis when they span more than two
    decades; text stays text in SVG (searchable, readable by a screen reader).

    Raises:
        OSError: the file cannot be written (the caller reports it).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from breachcalc.render.fonts import use_chart_fonts
    from breachcalc.render.words import in_words

    with matplotlib.rc_context({"svg.fonttype": "none", "font.size": 9}):
        use_chart_fonts([title])  # Hangul drawn where a font has it; never a glyph warning
        figure, (lec, hist) = plt.subplots(1, 2, figsize=(11, 4.4))
        draw_exceedance(lec, sim, sim.currency, "Loss-exceedance curve (P99.9 to P0.1)")
        draw_histogram(hist, sim, sim.currency)
        hist.set_title("Distribution of the total", loc="left")
        median = dict(sim.total.percentiles).get(Decimal(50))
        figure.suptitle(
            f"{title}: {sim.trials:,} trials, seed {sim.seed}; "
            + (f"median {in_words(median)}, " if median is not None else "")
            + f"mean {in_words(Money(sim.total.mean.amount, sim.currency))}"
        )
        figure.tight_layout()
        try:
            _save(figure, target)
        finally:
            plt.close(figure)


def write_backtest_plot(found: Backtest, target: Path) -> None:
    """Each left-out case's predicted P5-P95 (and P50) against its actual total, log scale,
    sorted by the predicted median; misses in a second colour. Atomic, deterministic SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "breachcalc"
    cases = sorted(found.predictions, key=lambda p: (p.p50, p.id))
    figure, axes = plt.subplots(figsize=(11, 5))
    for index, p in enumerate(cases):  # a zero is drawn at USD 1, the foot of the log axis
        axes.plot(
            [index, index],
            [max(p.p5, 1.0), max(p.p95, 1.0)],
            color="#4a6fa5",
            linewidth=2,
            alpha=0.6,
        )
        axes.plot(index, max(p.p50, 1.0), marker="_", color="#4a6fa5", markersize=8)
        axes.plot(
            index,
            max(p.actual, 1.0),
            marker="o" if p.in_p5_p95 else "X",
            markersize=5,
            color="#222222" if p.in_p5_p95 else "#d55e00",
        )
    axes.set_yscale("log")
    axes.set_xticks([])
    axes.set_xlabel(f"{found.cases} past breaches, each left out in turn, by predicted median")
    axes.set_ylabel("public outcomes, USD (nothing paid: drawn at 1)")
    axes.grid(alpha=0.3, which="both", axis="y")
    axes.set_title(
        f"Back-test of {found.model}: P5-P95 coverage {found.coverage_p5_p95:.1%}, "
        f"median P95/P5 {found.median_p95_over_p5 or 0:,}x (P5 > 0)\n"
        "bars: predicted P5-P95 and median; dots: actual public outcomes (orange crosses: "
        "outside P5-P95)",
        fontsize=10,
    )
    figure.tight_layout()
    _save(figure, target)
    plt.close(figure)


def _save(figure: Any, target: Path) -> None:
    """Save through the one atomic-write helper; SVG ids fixed and no dates, so the same
    figure gives the same bytes."""
    import matplotlib

    from breachcalc.render.files import atomic_path

    matplotlib.rcParams["svg.hashsalt"] = "breachcalc"
    suffix = target.suffix.lower()
    with atomic_path(target, suffix) as path:
        figure.savefig(
            path,
            format=suffix.lstrip("."),
            metadata={"Software": None} if suffix == ".png" else {"Date": None, "Creator": None},
        )
