"""A simulation for people (tables and text charts) and for programs (the JSON document).

The table and chart modules are imported by the functions that draw them: the JSON document,
CSV and Markdown need neither (a million-trial ``simulate --format json`` is mostly start-up).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from breachcalc.domain.money import Money, format_money, round_money
from breachcalc.domain.simulation import Simulation
from breachcalc.render.schemas import SIMULATE_VERSION

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def statistics_rows(sim: Simulation) -> tuple[list[str], list[list[Any]]]:
    """Mean and percentiles per line and for the total (CSV and Markdown)."""
    header = [
        "line",
        f"mean ({sim.currency})",
        *(f"P{p.normalize():f} ({sim.currency})" for p, _m in sim.total.percentiles),
    ]
    rows = [
        [s.label, round_money(s.mean), *(round_money(m) for _p, m in s.percentiles)]
        for s in (*sim.lines, sim.total)
    ]
    return header, rows


def simulation_tables(sim: Simulation, out: Console) -> None:
    """Per-line statistics, exceedance probabilities, the curve and the histogram.

    The statistics table shows exact figures when the console is wide enough, else compact ones
    (``1.21T KRW``; JSON keeps the exact figure); the charts narrow to fit the console.
    """
    from breachcalc.render.charts import histogram_text, loss_exceedance_text
    from breachcalc.render.table import compact_money, fitted

    out.print(fitted(out, partial(statistics_table, sim)))
    if sim.reporting_currency != sim.currency:
        mean = Money(sim.total.mean.amount * sim.to_reporting, sim.reporting_currency)
        out.print(
            f"Total in {sim.reporting_currency}: mean {format_money(mean)}; "
            + ", ".join(
                f"P{p.normalize():f} "
                f"{format_money(Money(m.amount * sim.to_reporting, sim.reporting_currency))}"
                for p, m in sim.total.percentiles
            )
        )
    for threshold, probability in sim.exceedance:
        out.print(f"P(total > {format_money(threshold)}) = {probability:.2%}")
    if sim.net is not None:
        net = sim.net
        for summary in (net.retained, net.recovered):
            shown = ", ".join(
                f"P{p.normalize():f} {compact_money(m.amount, sim.currency)}"
                for p, m in summary.percentiles
            )
            out.print(
                f"{summary.label} (net of insurance): mean "
                f"{compact_money(summary.mean.amount, sim.currency)}; {shown}"
            )
        used = "; ".join(f"{name} sublimit {share:.1%}" for name, share in net.sublimits_exhausted)
        out.print(
            f"Chance the limit is exhausted: {net.limit_exhausted:.1%}"
            + (f"; {used}" if used else "")
        )
    bars = max(10, min(50, out.width - 26))
    out.print()
    out.print(loss_exceedance_text(sim, width=bars), end="")
    histogram = histogram_text(sim, width=bars)
    if histogram:
        out.print()
        out.print(histogram, end="")


def statistics_table(sim: Simulation, compact: bool) -> Table:
    """Mean and percentiles per line and for the total, exact or compact."""
    from breachcalc.render.table import compact_money, new_table

    def cell(money: Money) -> str:
        if compact:
            return compact_money(money.amount, "").strip()
        return format_money(money, code=False)

    table = new_table(
        f"Simulated exposure, {sim.currency} ({sim.trials:,} trials, seed {sim.seed})"
    )
    if compact:
        table.caption = "k, M, B, T: thousand to trillion; exact: --format json"
        table.caption_justify = "left"
    table.add_column("Line")
    table.add_column("Mean", justify="right", no_wrap=True)
    for p, _money in sim.total.percentiles:
        table.add_column(f"P{p.normalize():f}", justify="right", no_wrap=True)
    for summary in (*sim.lines, sim.total):
        if summary is sim.total:
            table.add_section()
        table.add_row(
            summary.label,
            cell(summary.mean),
            *(cell(m) for _p, m in summary.percentiles),
        )
    return table


def simulation_document(sim: Simulation) -> dict[str, Any]:
    """The JSON document for a simulation (amounts rounded by the currency's minor unit)."""
    from breachcalc.render.contract import enveloped

    return enveloped(SIMULATE_VERSION, sim, with_version=False)
