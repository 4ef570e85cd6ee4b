"""``breachcalc sensitivity``: which input moves the whole exposure most (a tornado chart)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from breachcalc.cli.common import (
    Format,
    FormatOption,
    OutputOption,
    SetOption,
    emit_rows,
    errors_to_exit_codes,
    parse_sets,
)
from breachcalc.render.columns import SENSITIVITY_COLUMNS

if TYPE_CHECKING:
    from breachcalc.analysis.sensitivity import Swing
    from breachcalc.domain.money import Money

EPILOG = """\b
Examples:
  breachcalc sensitivity examples/coupang-uncertain.yaml
  breachcalc sensitivity examples/coupang.yaml --range compensation.amount=30000:55000
  breachcalc sensitivity examples/coupang.yaml --format csv -o tornado.csv
"""

HEADER = list(SENSITIVITY_COLUMNS)


@errors_to_exit_codes
def sensitivity(
    file: Annotated[
        str, typer.Argument(help="Breach description (YAML), - or FILE#variant.", metavar="FILE")
    ],
    ranges: Annotated[
        list[str] | None,
        typer.Option(
            "--range",
            help="Low and high for one input: PATH=LOW:HIGH (repeatable; default ±25%).",
            metavar="PATH=LOW:HIGH",
        ),
    ] = None,
    fmt: FormatOption = Format.table,
    sets: SetOption = None,
    output: OutputOption = None,
) -> None:
    """Swing in the whole exposure as each numeric input moves between a low and a high value."""
    from breachcalc.analysis.sensitivity import parse_ranges, swings
    from breachcalc.domain.assessment import assess
    from breachcalc.input.loader import load_document, load_scenarios, split_name
    from breachcalc.input.overrides import apply, split_variants
    from breachcalc.render.files import output_stream

    overrides = parse_sets(sets)
    chosen = parse_ranges(ranges or ())
    breach = load_scenarios(file, overrides, every_variant=False)[0].breach
    name, variant = split_name(file)
    base, variants, _problems = split_variants(load_document(name))
    if variant is not None:
        overrides = (*next(v for v in variants if v.name == variant).overrides, *overrides)
    document = apply(base, overrides)
    found = swings(document, chosen)
    total = assess(breach, intervals=False).exposure.total
    with output_stream(output, [file]) as out:
        if fmt is Format.table:
            write_tornado(out, found, total)
        else:
            rows = [
                [
                    s.path,
                    s.value,
                    s.low,
                    s.high,
                    _amount(s.total_low),
                    _amount(s.total_high),
                    _round(s.swing, total.currency),
                    total.currency,
                    s.skipped or None,
                ]
                for s in found
            ]
            from breachcalc.render.schemas import SENSITIVITY_VERSION

            right = [False] + [True] * 7 + [False]
            emit_rows(out, fmt, HEADER, rows, right=right, schema_version=SENSITIVITY_VERSION)


def _round(amount: Decimal, currency: str) -> Decimal:
    from breachcalc.domain.money import Money, round_money

    return round_money(Money(amount, currency))


def _amount(money: Money | None) -> Decimal | None:
    from breachcalc.domain.money import round_money

    return None if money is None else round_money(money)


def write_tornado(out: TextIO, found: list[Swing], total: Money, width: int = 24) -> None:
    """A text tornado: one bar per input, left of the centre for the lower total, right for the
    higher, scaled to the largest swing."""
    from breachcalc.domain.money import format_money

    varied = [s for s in found if not s.skipped and s.total_low and s.total_high]
    largest = max(
        (
            abs(v.amount - total.amount)
            for s in varied
            for v in (s.total_low, s.total_high)
            if v is not None
        ),
        default=Decimal(0),
    )
    out.write(f"Sensitivity of the whole exposure ({format_money(total)} at the file's values)\n")
    out.write(
        "Each input moves between its low and high value, everything else as in the file.\n\n"
    )
    name_width = max((len(s.path) for s in found), default=5)
    for s in varied:
        assert s.total_low is not None and s.total_high is not None
        down = min(s.total_low.amount, s.total_high.amount) - total.amount
        up = max(s.total_low.amount, s.total_high.amount) - total.amount
        left = _bar(-down, largest, width).rjust(width)
        right = _bar(up, largest, width).ljust(width)
        out.write(
            f"  {s.path:<{name_width}}  {left}│{right}  "
            f"{_short(s.low)} → {_short(s.high)}: swing {format_money(_money(s.swing, total))}\n"
        )
    for s in found:
        if s.skipped:
            out.write(f"  {s.path:<{name_width}}  skipped: {s.skipped}\n")


def _money(amount: Decimal, total: Money) -> Money:
    from breachcalc.domain.money import Money

    return Money(amount, total.currency)


def _bar(amount: Decimal, largest: Decimal, width: int) -> str:
    if largest <= 0 or amount <= 0:
        return ""
    cells = int((amount / largest * width).to_integral_value())
    return "█" * max(cells, 1)


def _short(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():,f}" if value == value.to_integral_value() else f"{value:,}"
    return f"{value:,}" if isinstance(value, int) else str(value)
