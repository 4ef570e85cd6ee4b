"""``breachcalc explain FILE``: how every figure of the assessment was made."""

from __future__ import annotations

from typing import Annotated

import typer

from breachcalc.cli.common import (
    NoHistoryOption,
    OutputOption,
    PolicyOption,
    SetOption,
    errors_to_exit_codes,
    format_option,
    parse_sets,
    write,
)

EPILOG = """\b
Examples:
  breachcalc explain examples/coupang.yaml
  breachcalc explain examples/coupang.yaml --format json | jq '.steps[] | .label'
  cat breach.yaml | breachcalc explain -
  breachcalc explain examples/coupang-scenarios.yaml#pipc-count --set compensation.redemption=0.4
"""


@errors_to_exit_codes
def explain(
    file: Annotated[
        str,
        typer.Argument(
            help="A breach description file (YAML); - reads standard input.", metavar="FILE"
        ),
    ],
    fmt: Annotated[str, format_option("Explanation", "explain")] = "table",
    sets: SetOption = None,
    no_history: NoHistoryOption = False,
    policy: PolicyOption = None,
    output: OutputOption = None,
) -> None:
    """Explain an assessment as a tree: inputs, arithmetic, factors, reasons and sources."""
    from breachcalc import api

    found = api.explain(file, sets=parse_sets(sets), policy=policy, history=not no_history)
    write(found, fmt, output, [file])
