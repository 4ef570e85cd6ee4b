"""Net of insurance for people and programs: the assess section and its JSON."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from breachcalc.domain.money import Money, format_money
from breachcalc.render.table import new_table

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from breachcalc.domain.assessment import Assessment


def net_tables(result: Assessment, out: Console) -> None:
    """Gross, recovered and retained per line and in total, at likely values: exact where the
    console is wide enough, compact (``1.07T``) where not; reasons below the table."""
    from functools import partial

    from breachcalc.render.table import fitted

    net = result.insurance
    if net is None:
        return
    out.print()
    out.print(fitted(out, partial(_net_table, result)))
    for line in net.lines:
        flag = " (UNCONFIRMED)" if line.unconfirmed else ""
        out.print(f"  {line.key}: {line.reason}{flag}")


def _net_table(result: Assessment, compact: bool) -> Table:
    from breachcalc.render.table import compact_money

    net = result.insurance
    assert net is not None
    currency = result.exposure.total.currency
    labels = {line.key: line.label for line in result.exposure.lines}

    def cell(value: Decimal) -> str:
        if compact:
            return compact_money(value, "").strip()
        return format_money(Money(value, currency), code=False)

    policy = result.input.insurance
    assert policy is not None  # a result with a net has a policy
    name = policy.name or "the policy"
    table = new_table(f"Net of insurance, {currency} ({name})")
    table.add_column("Line")
    for column in ("Gross", "Recovered", "Retained"):
        table.add_column(column, justify="right", no_wrap=True)
    for line in net.lines:
        table.add_row(
            labels.get(line.key, line.key),
            cell(line.gross),
            cell(line.recovered),
            cell(line.retained),
        )
    table.add_section()
    table.add_row("Total", cell(net.gross), cell(net.recovered), cell(net.retained))
    if net.limit_exhausted:
        table.caption = "the limit is exhausted"
    return table
