"""Tables for people: rich is imported here and only here, when a table is drawn."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from breachcalc.domain.assessment import Assessment
from breachcalc.domain.money import Money, format_money, round_places
from breachcalc.reference.tables import catalogue

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
    out = _safe_console()(
        file=file,
        width=width,
        no_color=(color is False) or None,
        force_terminal=True if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    if width is None and out.width < MIN_WIDTH:  # COLUMNS=0 (or 1 to 5) must not hide figures
        out.width = MIN_WIDTH
    return out


MIN_WIDTH = 40
"""Narrowest console a table is drawn on, whatever ``COLUMNS`` says."""


_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters but the line feed and the tab, which a table lays out as text."""


def visible(text: str) -> str:
    """Text safe on a terminal: control characters other than line feeds and tabs (an escape
    sequence, a bell, a carriage return) written as escapes such as ``\\x1b``."""
    return _CONTROLS.sub(lambda m: repr(m[0])[1:-1], text)


@functools.cache
def _safe_console() -> type[Console]:
    """rich's console, drawing every string through :func:`visible`: rich drops a few control
    characters but passes ESC, so a name could clear the screen or retitle the terminal."""
    from rich.console import Console

    class SafeConsole(Console):
        def render_str(self, text: str, **kwargs: Any) -> Any:
            return super().render_str(visible(text), **kwargs)

    return SafeConsole


def write_tables(
    file: IO[str],
    draw: Callable[[Console], None],
    *,
    color: bool | None = None,
    fit: Any = None,
) -> None:
    """Draw with ``draw`` on a console for ``file``, then write the text without trailing spaces.

    rich pads every line to the console width; stripping the padding keeps piped output and
    copied tables clean. With ``fit`` (a renderable), the console is widened to the renderable's
    natural width when the terminal is narrower, so figures are never cut.
    """
    out = console(file, color=color)
    if fit is not None:
        natural = natural_width(out, fit)
        if natural > out.width:
            out = console(file, color=color, width=natural)
    with out.capture() as captured:
        draw(out)
    file.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def compact_money(amount: Decimal, currency: str) -> str:
    """``1.07T KRW``: three significant figures with a scale letter, for chart axes
    and for tables too narrow for the exact figure (which JSON and wide tables keep)."""
    scales = (
        (Decimal(10) ** 12, "T"),
        (Decimal(10) ** 9, "B"),
        (Decimal(10) ** 6, "M"),
        (Decimal(10) ** 3, "k"),
        (Decimal(1), ""),
    )
    if amount == 0:
        return f"0 {currency}"
    if abs(amount) >= Decimal("999.5e12"):  # beyond trillions: 1.23e+15
        return f"{amount:.2e} {currency}"
    for scale, letter in scales:
        if abs(amount) >= scale * Decimal("0.9995"):
            scaled = amount / scale
            digits = 2 if abs(scaled) < 10 else 1 if abs(scaled) < 100 else 0
            return f"{scaled:.{digits}f}{letter} {currency}"
    return f"{amount:.3g} {currency}"


def new_table(title: str = "", *, show_header: bool = True) -> Table:
    """The house table style: a rule under the header, no outer box, the title on the left."""
    from rich import box
    from rich.table import Table

    table = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        title=title or None,
        title_justify="left",
        show_header=show_header,
    )
    _never_cut(table)
    return table


def _never_cut(table: Table) -> None:
    """Columns added to ``table`` fold a cell that does not fit onto the next line instead of
    cutting it with an ellipsis: a figure must never lose digits silently."""
    add = table.add_column

    def add_column(*args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("overflow", "fold")
        add(*args, **kwargs)

    table.add_column = add_column  # type: ignore[method-assign]


def natural_width(out: Console, renderable: Any) -> int:
    """The width ``renderable`` takes when nothing constrains it."""
    from rich.measure import Measurement

    return Measurement.get(out, out.options.update_width(100_000), renderable).maximum


def rendered_width(renderable: Any) -> int:
    """The widest line ``renderable`` draws when nothing constrains it (in terminal cells)."""
    import io

    from rich.cells import cell_len

    probe = console(io.StringIO(), width=100_000, color=False)
    with probe.capture() as captured:
        probe.print(renderable)
    return max((cell_len(line.rstrip()) for line in captured.get().splitlines()), default=0)


def fitted(out: Console, build: Callable[[bool], Table]) -> Table:
    """``build(False)`` (exact figures) if it fits the console, else ``build(True)`` (compact
    figures such as ``1.21T KRW``); columns fold rather than cut either way."""
    table = build(False)
    if rendered_width(table) > out.width:
        table = build(True)
    return table


def _pct(share: Decimal) -> str:
    """``Decimal("0.4")`` → ``40%``."""
    return f"{(share * 100).normalize():f}%"


def assessment_tables(result: Assessment, out: Console) -> None:
    """Draw the summary and, where there are several, the voucher parts."""

    breach, exp = result.input, result.compensation
    cats = catalogue().categories

    summary = new_table(breach.name, show_header=False)
    summary.add_column("figure", style="bold")
    summary.add_column("value", overflow="fold")
    summary.add_row("Affected", f"{breach.affected:,} {breach.affected_unit}")
    summary.add_row(
        "Data exposed",
        ", ".join(
            cats[k].label.lower()
            + (f" ({breach.category_counts[k]:,})" if k in breach.category_counts else "")
            for k in breach.category_keys
        ),
    )
    if breach.occurred or breach.discovered or breach.disclosed:
        dates = [
            f"occurred {breach.occurred}" if breach.occurred else "",
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
    if breach.jurisdictions or breach.fines:
        from breachcalc.domain.regime import rule_day

        summary.add_row("Law of the day", rule_day(breach).text)
    _compensation_rows(summary, result)
    _severity_rows(summary, result)
    out.print(summary)

    if len(exp.parts) > 1:
        out.print(_parts_table(result))
    if result.notifications:
        out.print(notifications_table(result))


def _parts_table(result: Assessment) -> Table:
    """The voucher parts: face value, share redeemed, totals in both currencies."""
    exp = result.compensation
    converted = exp.reporting_currency != exp.currency
    parts = new_table("Compensation by part")
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
    return parts


def _severity_rows(summary: Table, result: Assessment) -> None:
    from breachcalc.domain.severity import band_count, number_text, se_text
    from breachcalc.reference.tables import severity_provenance

    sev = result.severity
    cats = catalogue().categories
    summary.add_row(
        "Severity",
        f"{sev.tier.upper()} tier: ENISA {sev.level} × scale band {sev.scale_band} of "
        f"{band_count()} "
        f"({sev.scale_name})",
    )
    cb = " + ".join(f"{p.element[0].upper()} {number_text(p.value)}" for p in sev.cb_parts)
    ei_from = cats[sev.ei_set_by].label.lower() if sev.ei_set_by else "set in the file"
    summary.add_row(
        "ENISA score",
        f"SE {se_text(sev.se)} = DPC {sev.dpc} ({cats[sev.dpc_set_by].label.lower()}) × "
        f"EI {number_text(sev.ei)} ({ei_from}) + CB {se_text(sev.cb)} ({cb})",
    )
    summary.add_row("Vector", sev.vector)
    summary.add_row("Sources", severity_provenance()[2])
    for warning in sev.warnings:
        summary.add_row("Note", warning)


def notifications_table(result: Assessment) -> Table:
    """One row per notice in each of the file's jurisdictions: test, deadline, met or missed."""

    from breachcalc.domain.notices import due_text, outcome_text

    table = new_table("Notifications (deadlines from `discovered`; not legal advice)")
    for column in ("Where", "Notice to", "Status", "Test", "Due"):
        table.add_column(column, overflow="fold")
    for found in result.notifications:
        if found.message:
            table.add_row(found.jurisdiction, "", found.message, "", "")
            continue
        for item in found.obligations:
            status = item.status.upper() if item.status == "required" else item.status
            outcome = outcome_text(item)
            if outcome:
                status += f": {outcome}"
            test = item.test + (" (indicative)" if item.indicative else "")
            due = due_text(item) if item.status == "required" else ""
            to = f"{item.to}\n({item.law}, {item.window_text})"
            table.add_row(item.code, to, status, test, due)
    return table


def _compensation_rows(summary: Table, result: Assessment) -> None:
    exp = result.compensation
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
    more = any(line.group != "compensation" for line in result.exposure.lines)
    summary.add_row("Compensation total" if more else "Total exposure", format_money(exp.total))
    if converted:
        summary.add_row("", format_money(exp.total_reporting))
    if exp.total_face_value != exp.total:
        summary.add_row("If fully redeemed", format_money(exp.total_face_value))
    if more:
        whole = format_money(result.exposure.total)
        if "total" in result.intervals:
            whole += f"  (P5–P95 {_interval_text(result.intervals['total'])})"
        summary.add_row("Whole exposure", whole)
        if converted:
            summary.add_row("", format_money(result.exposure.total_reporting))
    if exp.exchange_rates:
        summary.add_row("Exchange rate", "; ".join(str(r) for r in exp.exchange_rates))


def _interval_text(pair: tuple[Money, Money] | None) -> str:
    if pair is None:
        return ""
    return f"{format_money(pair[0], code=False)} – {format_money(pair[1], code=False)}"


def _interval_cells(pair: tuple[Money, Money] | None) -> list[str]:
    if pair is None:
        return ["", ""]
    return [format_money(pair[0], code=False), format_money(pair[1], code=False)]


def exposure_tables(result: Assessment, out: Console) -> None:
    """The whole exposure: every cost line with its formula, the total, and the fine maxima.

    Drawn only when the file has more than compensation or has ranges (otherwise the summary
    already says it all).
    """

    costs, intervals = result.exposure, result.intervals
    if not (
        costs.uncertain or costs.fines or any(line.group != "compensation" for line in costs.lines)
    ):
        return
    currency, reporting = costs.total.currency, costs.total_reporting.currency
    table = new_table(
        "Whole exposure (likely values"
        + (", with the P5–P95 interval of 20,000 simulated trials)" if intervals else ")")
    )
    table.add_column("Line")
    table.add_column(f"Likely {currency}", justify="right")
    if intervals:
        table.add_column(f"P5 {currency}", justify="right", no_wrap=True)
        table.add_column(f"P95 {currency}", justify="right", no_wrap=True)
    if reporting != currency:
        table.add_column(f"Likely {reporting}", justify="right")
    for line in costs.lines:
        row = [line.label, format_money(line.amount, code=False)]
        if intervals:
            row.extend(_interval_cells(intervals.get(line.key)))
        if reporting != currency:
            row.append(format_money(line.amount_reporting, code=False))
        table.add_row(*row)
    table.add_section()
    total = ["Total", format_money(costs.total, code=False)]
    if intervals:
        total.extend(_interval_cells(intervals.get("total")))
    if reporting != currency:
        total.append(format_money(costs.total_reporting, code=False))
    table.add_row(*total)
    if costs.share_of_revenue is not None and costs.revenue is not None:
        share = f"{round_places(costs.share_of_revenue * 100, 2)}%"
        table.add_row("Share of revenue", share)
    out.print(table)
    if costs.fines:
        out.print(_fines_table(result))


def _fines_table(result: Assessment) -> Table:

    fines = new_table("Fines: legal maximum per jurisdiction")
    for column in ("Jurisdiction", "Maximum", "Basis", "Source"):
        fines.add_column(column, overflow="fold")
    for cap in result.exposure.fines:
        maximum = format_money(cap.maximum) if cap.maximum is not None else cap.maximum_text
        if cap.unconfirmed:
            maximum += " (UNCONFIRMED)"
        source = cap.source or "breachcalc's data"
        if cap.window_text:
            source += f"; in force {cap.window_text}"
        if cap.secondary:
            source += " (secondary)"
        fines.add_row(
            cap.jurisdiction, maximum, f"{cap.rule}: {cap.basis}" if cap.basis else cap.rule, source
        )
    return fines
