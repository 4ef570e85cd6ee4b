"""``breachcalc sweep``: every combination of varied inputs, one row each, streamed."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from breachcalc.cli.common import (
    OutputOption,
    QuietOption,
    SetOption,
    errors_to_exit_codes,
    format_option,
    parse_sets,
    write,
)

EPILOG = """\b
Examples:
  breachcalc sweep examples/coupang.yaml --vary compensation.amount=30000,50000,55000
  breachcalc sweep examples/coupang.yaml --vary compensation.amount=5000:50000:5000 \\
      --vary compensation.redemption=0.1:1:0.1 --vary affected=1000000:100000000:1000000 \\
      --format csv -o grid.csv                                  (10,000 rows)
  breachcalc sweep examples/coupang.yaml --vary affected=1e6:4e7:1e6 --format jsonl | head
"""


@errors_to_exit_codes
def sweep(
    file: Annotated[
        str, typer.Argument(help="Breach description (YAML), - or FILE#variant.", metavar="FILE")
    ],
    vary: Annotated[
        list[str],
        typer.Option(
            "--vary",
            help="PATH=V1,V2,... or PATH=START:STOP:STEP (repeatable; the first varies slowest).",
            metavar="PATH=VALUES",
        ),
    ],
    fmt: Annotated[str, format_option("Sweep", "sweep")] = "table",
    sets: SetOption = None,
    output: OutputOption = None,
    quiet: QuietOption = False,
) -> None:
    """Sweep a grid of inputs: one row per combination, with the key outputs, streamed."""
    from breachcalc import api
    from breachcalc.render.progress import progress_bar, wanted

    to_file = output is not None or not sys.stdout.isatty()  # rows on the terminal: no bar
    with progress_bar("Sweeping", enabled=to_file and wanted(quiet=quiet)) as progress:
        found = api.sweep(file, vary, sets=parse_sets(sets), progress=progress)
        write(found, fmt, output, [file])
