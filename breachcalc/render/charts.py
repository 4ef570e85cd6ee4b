"""Charts for the terminal (plain text, no colour needed) and image files (matplotlib, lazily)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from breachcalc.domain.money import Money, format_money
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


def loss_exceedance_text(
    sim: Simulation, width: int = 50, rows: tuple[int, ...] = (90, 75, 50, 25, 10, 5, 1)
) -> str:
    """The loss-exceedance curve as text: for each probability, the loss exceeded that often."""
    lines = [
        f"Loss exceedance ({sim.trials:,} trials, seed {sim.seed}): "
        "the total is above AMOUNT with probability P"
    ]
    curve = sim.curve
    top = curve[-1][0] if curve else Decimal(0)
    bottom = curve[0][0] if curve else Decimal(0)
    span = top - bottom
    lines[0] += (
        f"\n  (bars run from the smallest trial, {_short(bottom, sim.currency)}, to the largest)"
    )
    for percent in rows:
        target = Decimal(percent) / 100
        amount = next((x for x, p in curve if p <= target), top)
        fraction = float((amount - bottom) / span) if span else 1.0
        lines.append(
            f"  P {percent:>3}%  {_bar(fraction, width):<{width}}  {_short(amount, sim.currency)}"
        )
    return "\n".join(lines) + "\n"


def histogram_text(sim: Simulation, width: int = 50) -> str:
    """The distribution of the total as a text histogram, one row per bin."""
    edges, counts = sim.bins
    most = max(counts) if counts else 0
    lines = [f"Distribution of the total ({sim.currency})"]
    for index, count in enumerate(counts):
        low = edges[index]
        share = count / sim.trials if sim.trials else 0.0
        lines.append(
            f"  {_short(low, sim.currency):>12}  "
            f"{_bar(count / most if most else 0, width):<{width}}"
            f"  {share:6.2%}"
        )
    return "\n".join(lines) + "\n"


def write_plot(sim: Simulation, target: Path, title: str) -> None:
    """Draw the loss-exceedance curve and histogram into ``target`` (.png or .svg), atomically.

    Raises:
        OSError: the file cannot be written (the caller reports it).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scale = Decimal(10) ** 9
    amounts = [float(x / scale) for x, _p in sim.curve]
    probabilities = [float(p) for _x, p in sim.curve]
    figure, (lec, hist) = plt.subplots(1, 2, figsize=(11, 4.2))
    lec.plot(amounts, probabilities, color="#b3261e")
    lec.set_xlabel(f"total exposure, billion {sim.currency}")
    lec.set_ylabel("probability the total is exceeded")
    lec.set_ylim(0, 1)
    lec.grid(alpha=0.3)
    lec.set_title("Loss-exceedance curve")
    for summary_p, money in sim.total.percentiles:
        lec.axvline(float(money.amount / scale), color="grey", linestyle=":", linewidth=1)
        lec.annotate(f"P{summary_p}", (float(money.amount / scale), 0.95), fontsize=8, color="grey")
    edges, counts = sim.bins
    lefts = [float(e / scale) for e in edges[:-1]]
    widths = [float((edges[i + 1] - edges[i]) / scale) for i in range(len(counts))]
    hist.bar(lefts, counts, width=widths, align="edge", color="#4a6fa5", edgecolor="white")
    hist.set_xlabel(f"total exposure, billion {sim.currency}")
    hist.set_ylabel("trials")
    hist.set_title("Distribution of the total")
    figure.suptitle(
        f"{title}: {sim.trials:,} trials, seed {sim.seed}; mean "
        f"{format_money(Money(sim.total.mean.amount, sim.currency))}"
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
