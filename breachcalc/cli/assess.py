"""``breachcalc assess``: compensation exposure and severity for one or more breach files."""

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
from breachcalc.render.streams import report

EPILOG = """\b
Examples:
  breachcalc assess examples/coupang.yaml
  breachcalc assess examples/coupang.yaml --format json | jq .compensation.total
  breachcalc assess examples/coupang-facts.yaml --format json | jq .history.total
  breachcalc assess examples/coupang.yaml --no-history
  breachcalc assess examples/coupang.yaml --set affected=1000 --set compensation.amount=30000
  breachcalc assess examples/coupang-scenarios.yaml             (every variant in the file)
  breachcalc assess examples/coupang-scenarios.yaml#offer-30000 --format json
  cat breach.yaml | breachcalc assess -
  breachcalc assess examples/coupang.yaml examples/clinic-small.yaml --format json | jq length
  breachcalc assess examples/coupang*.yaml --format jsonl        (one document per line)
  breachcalc assess examples/coupang*.yaml --format csv -o figures.csv
"""


@errors_to_exit_codes
def assess(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Breach description files (YAML); - reads standard input; FILE#variant picks "
            "one variant of a scenario file.",
            metavar="FILE",
        ),
    ],
    fmt: Annotated[str, format_option("Assessments", "assess")] = "table",
    sets: SetOption = None,
    no_history: NoHistoryOption = False,
    policy: PolicyOption = None,
    output: OutputOption = None,
) -> None:
    """Assess one or more breaches: compensation exposure, severity, notifications, and the
    public outcomes breaches like it have had."""
    from breachcalc import api

    found = api.assess_files(
        files, sets=parse_sets(sets), policy=policy, history=not no_history, on_error=report
    )
    write(found, fmt, output, [*files, policy])  # exit 1 after the others if one was refused
