"""``breachcalc assess``: compensation exposure and severity for one or more breach files."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from breachcalc.cli.common import (
    Format,
    FormatOption,
    NoHistoryOption,
    OutputOption,
    PolicyOption,
    SetOption,
    color,
    errors_to_exit_codes,
    parse_sets,
    report,
)
from breachcalc.errors import InputError, Problem

if TYPE_CHECKING:
    from breachcalc.domain.assessment import Assessment

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
  breachcalc assess a.yaml b.yaml --format jsonl                (one document per line)
  breachcalc assess examples/*.yaml --format csv -o figures.csv
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
    fmt: FormatOption = Format.table,
    sets: SetOption = None,
    no_history: NoHistoryOption = False,
    policy: PolicyOption = None,
    output: OutputOption = None,
) -> None:
    """Assess one or more breaches: compensation exposure, severity, notifications, and the
    public outcomes breaches like it have had."""
    from breachcalc.cli.common import insured
    from breachcalc.domain.assessment import assess as assess_breach
    from breachcalc.input.loader import load_policy, load_scenarios
    from breachcalc.render.files import output_stream

    if sum(1 for f in files if f == "-" or f.startswith("-#")) > 1:
        raise InputError(
            "<stdin>", [Problem("standard input can be read only once; give `-` once")]
        )
    overrides = parse_sets(sets)
    finish = _no_history if no_history else _with_history
    cover = load_policy(str(policy)) if policy is not None else None
    failed = False

    def assessed(name: str) -> list[tuple[str, bool, Assessment]]:
        """One file's assessments; none (and the error reported) when the file is refused."""
        nonlocal failed
        try:
            scenarios = load_scenarios(name, overrides)
            several = len(scenarios) > 1 or "#" in scenarios[0].label
            return [
                (s.label, several, finish(assess_breach(insured(s.breach, cover))))
                for s in scenarios
            ]
        except InputError as error:
            report(error)
            failed = True
            return []

    # One file is assessed before anything is written (its JSON is one document when it holds
    # one scenario); several are streamed, one file at a time, so memory does not grow with them.
    first = assessed(files[0]) if len(files) == 1 else None
    single = first is not None and len(first) == 1
    results = iter(first) if first is not None else (r for name in files for r in assessed(name))
    with output_stream(output, [*files, policy]) as out:
        write_results(out, fmt, results, single=single)
        if failed:
            raise typer.Exit(code=1)


def _with_history(result: Assessment) -> Assessment:
    from breachcalc.analysis.history import with_history

    return with_history(result)


def _no_history(result: Assessment) -> Assessment:
    return result


def write_results(
    out: TextIO, fmt: Format, results: Iterable[tuple[str, bool, Assessment]], *, single: bool
) -> None:
    """Every assessment in ``fmt``: tables one after the other, one JSON document (or JSON Lines
    for several), or one CSV/Markdown row per scenario."""
    if fmt is Format.table:
        from breachcalc.errors import one_line
        from breachcalc.render.table import (
            assessment_tables,
            exposure_tables,
            write_tables,
        )

        for index, (label, named, result) in enumerate(results):
            if index:
                out.write("\n")
            if named:
                out.write(f"Scenario {one_line(label)}\n")
            write_tables(out, partial(assessment_tables, result), color=color())
            write_tables(out, partial(exposure_tables, result), color=color())
            from breachcalc.render.history import history_tables

            write_tables(out, partial(history_tables, result.history), color=color())
            from breachcalc.render.insurance import net_tables

            write_tables(out, partial(net_tables, result), color=color())
    elif fmt in (Format.json, Format.jsonl):
        from breachcalc.render.document import assessment_document
        from breachcalc.render.jsontext import dumps

        indent = 2 if fmt is Format.json and single else None
        for label, named, result in results:
            document: dict[str, Any] = dict(assessment_document(result))
            if named:
                document = {"scenario": label, **document}
            out.write(dumps(document, indent=indent) + "\n")
    else:
        from breachcalc.cli.common import emit_rows

        header, rows = figure_rows(results)
        if rows:
            emit_rows(out, fmt, header, rows, right=[False] + [True] * (len(header) - 1))


def figure_rows(
    results: Iterable[tuple[str, bool, Assessment]],
) -> tuple[list[str], list[list[Any]]]:
    """One row per scenario, one column per key figure (the union, in first-seen order); only
    the figures are kept, not the assessments."""
    from breachcalc.analysis.key_figures import key_figures, written_value

    columns: dict[str, str] = {}
    values: list[tuple[str, dict[str, Any]]] = []
    for label, _named, result in results:
        row: dict[str, Any] = {}
        for figure in key_figures(result):
            column = f"{figure.label} ({figure.unit})" if figure.unit else figure.label
            column_key = f"{figure.key}|{figure.unit}"
            columns.setdefault(column_key, column)
            row[column_key] = written_value(figure)
        values.append((label, row))
    header = ["scenario", *columns.values()]
    rows = [[label, *(row.get(key) for key in columns)] for label, row in values]
    return header, rows
