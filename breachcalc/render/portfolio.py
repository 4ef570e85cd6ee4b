"""A portfolio's aggregate annual loss, for people and programs."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from breachcalc.analysis.portfolio import PortfolioResult
from breachcalc.render.table import compact_money, new_table

if TYPE_CHECKING:
    from rich.console import Console


def portfolio_document(result: PortfolioResult) -> dict[str, Any]:
    """The JSON of ``breachcalc portfolio``."""
    from breachcalc.render.contract import enveloped
    from breachcalc.render.schemas import PORTFOLIO_VERSION

    return enveloped(PORTFOLIO_VERSION, result, with_version=False)


def portfolio_tables(result: PortfolioResult, out: Console) -> None:
    """The annual loss gross and net, then each file's part of it."""
    currency = result.currency

    def c(value: Decimal) -> str:
        return compact_money(value, "").strip()

    summary = new_table(
        f"Portfolio: {len(result.scenarios)} scenarios, {result.trials:,} years, seed "
        f"{result.seed} ({currency})"
    )
    summary.add_column("")
    summary.add_column("Gross", justify="right", no_wrap=True)
    summary.add_column("Net", justify="right", no_wrap=True)
    summary.add_row("Average annual loss", c(result.gross.aal), c(result.net.aal))
    for (q, gross), (_q, net) in zip(result.gross.quantiles, result.net.quantiles, strict=True):
        summary.add_row(f"P{q.normalize():f}", c(gross), c(net))
    out.print(summary)
    parts = new_table("Each file's part (tail: its share of the losses in years above P99)")
    for name in ("File", "Probability", "AAL", "Tail share"):
        parts.add_column(name, justify="left" if name == "File" else "right")
    for s in result.scenarios:
        parts.add_row(
            s.file.rsplit("/", 1)[-1],
            f"{s.probability:.1%}",
            c(s.aal_gross),
            f"{s.tail_share_gross:.1%}",
        )
    out.print()
    out.print(parts)
