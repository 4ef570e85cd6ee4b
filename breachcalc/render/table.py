"""Tables for people: rich is imported here and only here, when a table is drawn."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import IO, TYPE_CHECKING

from breachcalc.assessment import Assessment
from breachcalc.money import format_money
from breachcalc.refdata import catalogue

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def console(file: IO[str], *, width: int | None = None, color: bool | None = None) -> Console:
    """A rich console on ``file``: colour only on a terminal and never with NO_COLOR.

    Args:
        file: the stream to draw on.
        width: fixed width (tests), else the terminal's.
        color: force colour off (False) or on (True); None decides from the stream and NO_COLOR.
    """
    from rich.console import Console

    return Console(
        file=file,
        width=width,
        no_color=(color is False) or None,
        force_terminal=True if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def write_tables(
    file: IO[str], draw: Callable[[Console], None], *, color: bool | None = None
) -> None:
    """Draw with ``draw`` on a console for ``file``, then write the text without trailing spaces.

    rich pads every line to the console width; stripping the padding keeps piped output and
    copied tables clean.
    """
    out = console(file, color=color)
    with out.capture() as captured:
        draw(out)
    file.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def _pct(share: Decimal) -> str:
    """``Decimal("0.4")`` → ``40%``."""
    return f"{(share * 100).normalize():f}%"


def assessment_tables(result: Assessment, out: Console) -> None:
    """Draw the summary and, where there are several, the voucher parts."""
    from rich import box
    from rich.table import Table

    breach, exp, sev = result.breach, result.exposure, result.severity
    cats = catalogue().categories
    converted = exp.reporting_currency != exp.currency

    summary = Table(
        title=breach.name,
        box=box.SIMPLE_HEAD,
        show_header=False,
        title_justify="left",
        pad_edge=False,
    )
    summary.add_column("figure", style="bold")
    summary.add_column("value", overflow="fold")
    summary.add_row("Affected", f"{breach.affected:,} {breach.affected_unit}")
    summary.add_row(
        "Data exposed", ", ".join(cats[k].label.lower() for k in breach.data_categories)
    )
    if breach.discovered or breach.disclosed:
        dates = [
            f"discovered {breach.discovered}" if breach.discovered else "",
            f"disclosed {breach.disclosed}" if breach.disclosed else "",
        ]
        summary.add_row("Dates", ", ".join(d for d in dates if d))
    if breach.jurisdictions:
        summary.add_row(
            "Jurisdictions",
            ", ".join(
                f"{code} {n:,}" if n is not None else code
                for code, n in breach.jurisdictions.items()
            ),
        )
    _compensation_rows(summary, result)
    summary.add_row(
        "Severity tier",
        (
            f"{sev.tier.upper()}  (sensitivity {sev.sensitivity}, {sev.sensitivity_class}, from "
            f"{cats[sev.driven_by].label.lower()}; scale band {sev.scale_band} of 4)"
        ),
    )
    out.print(summary)

    if len(exp.parts) > 1:
        parts = Table(
            box=box.SIMPLE_HEAD, pad_edge=False, title="Compensation by part", title_justify="left"
        )
        parts.add_column("Part")
        parts.add_column("Face value", justify="right")
        parts.add_column("Redeemed", justify="right")
        parts.add_column(f"Total {exp.currency}", justify="right")
        if converted:
            parts.add_column(f"Total {exp.reporting_currency}", justify="right")
        for part in exp.parts:
            row = [
                part.label,
                format_money(part.face_value),
                _pct(part.redemption),
                format_money(part.total, code=False),
            ]
            if converted:
                row.append(format_money(part.total_reporting, code=False))
            parts.add_row(*row)
        out.print(parts)


def _compensation_rows(summary: Table, result: Assessment) -> None:
    exp = result.exposure
    converted = exp.reporting_currency != exp.currency
    if not exp.parts:
        summary.add_row("Compensation", "none offered")
        return
    per_person = format_money(exp.per_person)
    if exp.face_value_per_person != exp.per_person:
        per_person += f" (face value {format_money(exp.face_value_per_person)})"
    summary.add_row("Per person", per_person)
    if converted:
        summary.add_row("", format_money(exp.per_person_reporting))
    summary.add_row("Total exposure", format_money(exp.total))
    if converted:
        summary.add_row("", format_money(exp.total_reporting))
    if exp.total_face_value != exp.total:
        summary.add_row("If fully redeemed", format_money(exp.total_face_value))
    if exp.rates:
        summary.add_row("Exchange rate", "; ".join(str(r) for r in exp.rates))
