"""A portfolio's aggregate annual loss, for people and programs."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from typing_extensions import TypedDict

from breachcalc.analysis.portfolio import Distribution, PortfolioResult
from breachcalc.domain.money import Money
from breachcalc.render.document import MoneyDoc, Number, money_doc
from breachcalc.render.table import compact_money, new_table

if TYPE_CHECKING:
    from rich.console import Console

PORTFOLIO_VERSION = "breachcalc.portfolio/1"


class LevelDoc(TypedDict):
    """An amount at a percentile of the annual loss."""

    percentile: Number
    amount: MoneyDoc


class CurveDoc(TypedDict):
    """A point of the annual-loss exceedance curve."""

    amount: MoneyDoc
    probability: Number


class DistributionDoc(TypedDict):
    """The aggregate annual loss, gross or net of the policies."""

    aal: MoneyDoc
    percentiles: list[LevelDoc]
    exceedance_curve: list[CurveDoc]
    tail_threshold: MoneyDoc
    tail_years: int


class ScenarioDoc(TypedDict):
    """One file's part in the portfolio."""

    file: str
    probability: Number
    occurrences: int
    mean_if_occurs: MoneyDoc
    aal_gross: MoneyDoc
    aal_net: MoneyDoc
    tail_share_gross: Number
    tail_share_net: Number
    limit_exhausted: Number | None


class PortfolioDoc(TypedDict):
    """``breachcalc portfolio``: the aggregate annual loss of many scenarios."""

    schema_version: str
    trials: int
    seed: int
    currency: str
    gross: DistributionDoc
    net: DistributionDoc
    recovered_aal: MoneyDoc
    scenarios: list[ScenarioDoc]


def _distribution(found: Distribution, currency: str) -> DistributionDoc:
    def m(value: Decimal) -> MoneyDoc:
        return money_doc(Money(value, currency))

    return {
        "aal": m(found.aal),
        "percentiles": [{"percentile": q, "amount": m(a)} for q, a in found.percentiles],
        "exceedance_curve": [{"amount": m(a), "probability": p} for a, p in found.curve],
        "tail_threshold": m(found.tail_threshold),
        "tail_years": found.tail_years,
    }


def portfolio_document(result: PortfolioResult) -> PortfolioDoc:
    """The JSON of ``breachcalc portfolio``."""
    currency = result.currency

    def m(value: Decimal) -> MoneyDoc:
        return money_doc(Money(value, currency))

    return {
        "schema_version": PORTFOLIO_VERSION,
        "trials": result.trials,
        "seed": result.seed,
        "currency": currency,
        "gross": _distribution(result.gross, currency),
        "net": _distribution(result.net, currency),
        "recovered_aal": m(result.recovered_aal),
        "scenarios": [
            {
                "file": s.label,
                "probability": s.probability,
                "occurrences": s.occurrences,
                "mean_if_occurs": m(s.mean_if_occurs),
                "aal_gross": m(s.aal_gross),
                "aal_net": m(s.aal_net),
                "tail_share_gross": s.tail_share_gross,
                "tail_share_net": s.tail_share_net,
                "limit_exhausted": s.limit_exhausted,
            }
            for s in result.scenarios
        ],
    }


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
    for (q, gross), (_q, net) in zip(result.gross.percentiles, result.net.percentiles, strict=True):
        summary.add_row(f"P{q.normalize():f}", c(gross), c(net))
    out.print(summary)
    parts = new_table("Each file's part (tail: its share of the losses in years above P99)")
    for name in ("File", "Probability", "AAL", "Tail share"):
        parts.add_column(name, justify="left" if name == "File" else "right")
    for s in result.scenarios:
        parts.add_row(
            s.label.rsplit("/", 1)[-1],
            f"{s.probability:.1%}",
            c(s.aal_gross),
            f"{s.tail_share_gross:.1%}",
        )
    out.print()
    out.print(parts)
