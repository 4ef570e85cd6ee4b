"""``breachcalc compare``: scenarios side by side, with differences against the first."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import typer

from breachcalc.cli.common import (
    Format,
    FormatOption,
    OutputOption,
    SetOption,
    emit_document,
    emit_rows,
    errors_to_exit_codes,
    parse_sets,
)
from breachcalc.errors import UsageError

if TYPE_CHECKING:
    from breachcalc.analysis.key_figures import Comparison

EPILOG = """\b
Examples:
  breachcalc compare examples/coupang.yaml examples/coupang-notice.yaml
  breachcalc compare examples/coupang-scenarios.yaml                 (base and every variant)
  breachcalc compare examples/coupang-scenarios.yaml#pipc-count examples/coupang-notice.yaml
  breachcalc compare examples/coupang.yaml --variant cheap=compensation.amount=30000 \\
      --variant more=affected=37600000,compensation.amount=50000
  breachcalc compare examples/coupang.yaml examples/coupang-notice.yaml --format csv -o diff.csv
"""

_SPLIT = re.compile(r",(?=\s*[A-Za-z_][A-Za-z0-9_.-]*=)")


def parse_variant(text: str) -> tuple[str, list[str]]:
    """``cheap=compensation.amount=30000,affected=1000`` → (``cheap``, [overrides])."""
    name, sep, rest = text.partition("=")
    if not sep or not name.strip() or "=" not in rest:
        raise UsageError(
            f"--variant {text!r}: write NAME=PATH=VALUE[,PATH=VALUE...], e.g. "
            "cheap=compensation.amount=30000"
        )
    return name.strip(), [part.strip() for part in _SPLIT.split(rest)]


@errors_to_exit_codes
def compare(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, FILE#variant, or one file with --variant.", metavar="INPUT"),
    ],
    variant: Annotated[
        list[str] | None,
        typer.Option(
            "--variant",
            help="Another scenario of the (single) input: "
            "NAME=PATH=VALUE[,PATH=VALUE...] (repeatable).",
            metavar="NAME=PATH=VALUE",
        ),
    ] = None,
    fmt: FormatOption = Format.table,
    sets: SetOption = None,
    output: OutputOption = None,
) -> None:
    """Compare scenarios: every figure side by side, with differences against the first."""
    from breachcalc.analysis.key_figures import comparison, key_figures
    from breachcalc.domain.assessment import assess
    from breachcalc.input.loader import Scenario, load_scenarios
    from breachcalc.input.overrides import parse_override
    from breachcalc.input.paths import PathError
    from breachcalc.render.files import output_stream

    overrides = parse_sets(sets)
    scenarios: list[Scenario] = []
    for name in inputs:
        scenarios += load_scenarios(name, overrides)
    for text in variant or ():
        if len(inputs) != 1:
            raise UsageError("--variant goes with exactly one input file")
        label, changes = parse_variant(text)
        try:
            extra = tuple(parse_override(c, f"--variant {label}:") for c in changes)
        except PathError as exc:
            raise UsageError(str(exc)) from None
        base = load_scenarios(
            inputs[0].partition("#")[0] if "#" in inputs[0] else inputs[0],
            (*extra, *overrides),
            every_variant=False,
        )[0]
        scenarios.append(Scenario(label, base.breach))
    if len(scenarios) < 2:
        raise UsageError(
            "compare needs at least two scenarios: two inputs, a file with variants, or --variant"
        )
    labels = short_labels([s.label for s in scenarios])
    figures = [key_figures(assess(s.breach, intervals=False)) for s in scenarios]
    figures = _one_currency(labels, figures, scenarios)
    found = comparison(labels, figures)
    with output_stream(output, inputs) as out:
        if fmt in (Format.json, Format.jsonl):
            from breachcalc.render.comparison import comparison_document

            emit_document(out, fmt, comparison_document(found), "rows")
        else:
            header, rows = comparison_rows(found)
            right = [False, False] + [True] * (len(header) - 2)
            shown = rows if fmt is Format.csv else [_readable(row) for row in rows]
            emit_rows(out, fmt, header, shown, right=right, title=f"Comparison against {labels[0]}")


def _one_currency(labels: list[str], figures: list[Any], scenarios: list[Any]) -> list[Any]:
    """Scenarios whose money is in more than one currency, converted to the first scenario's
    reporting currency before any difference is taken (or refused without a joining rate)."""
    from breachcalc.analysis.key_figures import NoCommonCurrency, currencies_of, in_one_currency
    from breachcalc.domain.cost_lines import rates, reporting_currency

    plain = [[f for f in scenario if not f.key.endswith("_reporting")] for scenario in figures]
    if len(currencies_of(plain)) <= 1:
        return figures
    common = reporting_currency(scenarios[0].breach)
    try:
        return in_one_currency(
            [
                (label, f, rates(s.breach))
                for label, f, s in zip(labels, figures, scenarios, strict=True)
            ],
            common,
        )
    except NoCommonCurrency as exc:
        raise UsageError(f"compare: {exc}") from None


def comparison_rows(found: Comparison) -> tuple[list[str], list[list[Any]]]:
    """Rows: one per figure (in first-seen order); columns: figure, unit, each scenario and,
    after every scenario but the first, its difference and percent difference from the first,
    as the comparison writes them."""
    labels = found.scenarios
    header = ["figure", "unit", labels[0]]
    for label in labels[1:]:
        header += [label, f"Δ {label}", f"Δ% {label}"]
    rows = []
    for row in found.rows:
        values = row.values
        line: list[Any] = [row.figure, row.unit, values[0]]
        for value, diff in zip(values[1:], row.differences, strict=True):
            line += [value, diff.absolute, diff.percent]
        rows.append(line)
    return header, rows


def short_labels(labels: list[str]) -> list[str]:
    """Column names: a file's base name, and ``#variant`` for its variants when every scenario
    comes from one file."""
    from pathlib import PurePath

    files = {label.partition("#")[0] for label in labels}
    if len(files) == 1:
        return [
            f"#{label.partition('#')[2]}" if "#" in label else PurePath(label).name
            for label in labels
        ]
    return [
        PurePath(label).name
        if "#" not in label
        else f"{PurePath(label.partition('#')[0]).name}#{label.partition('#')[2]}"
        for label in labels
    ]


def _readable(row: list[Any]) -> list[Any]:
    """Thousands separators and signs for the table and Markdown; CSV and JSON keep digits."""
    out: list[Any] = row[:2]
    for index, cell in enumerate(row[2:]):
        position = index % 3  # 0: value, 1: Δ, 2: Δ%  (the first scenario has only a value)
        if index == 0:
            out.append(_grouped(cell))
            continue
        position = (index - 1) % 3
        if cell is None:
            out.append("" if position == 0 else "n/a" if position else "")
        elif position == 0:
            out.append(_grouped(cell))
        elif position == 1:
            out.append(_signed(cell))
        else:
            out.append(f"{'+' if cell > 0 else ''}{cell}%")
    return out


def _grouped(cell: Any) -> Any:
    if isinstance(cell, int | Decimal) and not isinstance(cell, bool):
        return f"{cell:,}"
    return cell if cell is not None else "—"


def _signed(cell: Any) -> Any:
    if isinstance(cell, int | Decimal) and not isinstance(cell, bool):
        return f"{'+' if cell > 0 else ''}{cell:,}"
    return cell
