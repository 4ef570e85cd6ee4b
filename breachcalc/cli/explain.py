"""``breachcalc explain FILE``: how every figure of the assessment was made."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from breachcalc.cli.common import (
    Format,
    NoHistoryOption,
    OutputOption,
    PolicyOption,
    SetOption,
    TableJsonLinesOption,
    color,
    errors_to_exit_codes,
    parse_sets,
    require,
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
    fmt: TableJsonLinesOption = Format.table,
    sets: SetOption = None,
    no_history: NoHistoryOption = False,
    policy: PolicyOption = None,
    output: OutputOption = None,
) -> None:
    """Explain an assessment as a tree: inputs, arithmetic, factors, reasons and sources."""
    from breachcalc.analysis.explain import explain as explain_assessment
    from breachcalc.domain.assessment import assess
    from breachcalc.input.loader import load_breach
    from breachcalc.render.files import output_stream

    require(fmt, (Format.table, Format.json, Format.jsonl), "explain")
    from breachcalc.cli.common import insured
    from breachcalc.input.loader import load_policy

    cover = load_policy(str(policy)) if policy is not None else None
    result = assess(insured(load_breach(file, sets=parse_sets(sets)), cover))
    if not no_history:
        from breachcalc.analysis.history import with_history

        result = with_history(result)
    root = explain_assessment(result)
    with output_stream(output, [file]) as out:
        _write(out, fmt, root, result)


def _write(out: Any, fmt: Format, root: Any, result: Any) -> None:
    if fmt is Format.table:
        from functools import partial

        from breachcalc.render.explain import draw_explanation
        from breachcalc.render.tables import write_tables

        write_tables(out, partial(draw_explanation, root), color=color())
    else:
        from breachcalc.render.explain import explanation_document
        from breachcalc.render.json import dumps

        indent = 2 if fmt is Format.json else None
        out.write(dumps(explanation_document(root, result.severity.vector), indent=indent) + "\n")
