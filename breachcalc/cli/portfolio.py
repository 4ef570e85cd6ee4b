"""``breachcalc portfolio``: the aggregate annual loss of many breach scenarios."""

from __future__ import annotations

from typing import Annotated

import typer

from breachcalc.cli.common import (
    Format,
    OutputOption,
    PolicyOption,
    TableJsonOption,
    color,
    errors_to_exit_codes,
    require,
)

EPILOG = """\b
Examples:
  breachcalc portfolio examples/portfolio/*.yaml --trials 100000 --seed 7
  breachcalc portfolio examples/portfolio/*.yaml --policy examples/policy.yaml --format json
"""


@errors_to_exit_codes
def portfolio(
    files: Annotated[
        list[str],
        typer.Argument(help="Breach scenario files, each with its `probability:`.", metavar="FILE"),
    ],
    trials: Annotated[
        int,
        typer.Option("--trials", "-n", min=1, max=10_000_000, metavar="N", help="Simulated years."),
    ] = 100_000,
    seed: Annotated[int, typer.Option("--seed", "-s", min=0, metavar="N", help="Random seed.")] = 0,
    policy: PolicyOption = None,
    fmt: TableJsonOption = Format.table,
    output: OutputOption = None,
) -> None:
    """Simulate a year of many scenarios: average annual loss, P50 to P99.5, the exceedance
    curve and each file's share of the tail, gross and net of the policies."""
    from breachcalc.analysis.portfolio import simulate_portfolio
    from breachcalc.cli.common import insured
    from breachcalc.input.loader import load_breach, load_policy
    from breachcalc.render.files import output_stream

    require(fmt, (Format.table, Format.json), "portfolio")
    cover = load_policy(str(policy)) if policy is not None else None
    scenarios = []
    for name in distinct(files):
        breach = insured(load_breach(name), cover)
        scenarios.append((name, breach, breach.probability, breach.insurance))
    result = simulate_portfolio(scenarios, trials, seed)
    with output_stream(output, [*files, policy]) as out:
        if fmt is Format.json:
            from breachcalc.render.jsontext import dumps
            from breachcalc.render.portfolio import portfolio_document

            out.write(dumps(portfolio_document(result)) + "\n")
        else:
            from functools import partial

            from breachcalc.render.portfolio import portfolio_tables
            from breachcalc.render.table import write_tables

            write_tables(out, partial(portfolio_tables, result), color=color())


def distinct(files: list[str]) -> list[str]:
    """``files`` with each file once: a scenario given twice (``portfolio F F``, a link to F,
    overlapping globs) would double its chance. A note on stderr names each one left out."""
    import os
    import sys

    from breachcalc.errors import one_line

    seen: dict[object, str] = {}
    kept = []
    for name in files:
        try:
            status = os.stat(name)
            identity: object = (status.st_dev, status.st_ino)
        except (OSError, ValueError):
            identity = os.path.normpath(name)  # the loader says what is wrong with it
        if identity in seen:
            sys.stderr.write(
                f"note: {one_line(name)} is the same file as {one_line(seen[identity])}; "
                "counted once\n"
            )
            continue
        seen[identity] = name
        kept.append(name)
    return kept
