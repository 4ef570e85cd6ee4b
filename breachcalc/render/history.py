"""The breach history for people and programs: the assess section "expected public outcomes,
from history", the ``history`` listing and the back-test."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from breachcalc.domain.money import Money, format_money
from breachcalc.domain.priors import HistoryEstimate
from breachcalc.render.table import compact_money, new_table, rendered_width

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from breachcalc.analysis.backtest import Backtest
    from breachcalc.analysis.history import Listed


def history_tables(found: HistoryEstimate | None, out: Console) -> None:
    """The assess section: each history line's chance and P5/P50/P95, the total, comparables."""
    if found is None:
        return
    table = new_table("Expected public outcomes, from history (a statistical estimate)")
    table.caption = (
        f"{found.source}; "
        + ("given some public outcome; " if found.given_any else "")
        + f"chance of no public outcome at all: {found.zero_chance:.1%}; "
        + f"{found.conversion}; "
        f"{found.trials:,} deterministic draws, seed {found.seed}"
    )
    table.caption_justify = "left"
    table.add_column("Line")
    table.add_column("Chance", justify="right", no_wrap=True)
    for name in ("P5", "P50", "P95"):
        table.add_column(name, justify="right", no_wrap=True)
    for prior in found.priors:
        p5, p50, p95, chance = found.figures[prior.key]
        table.add_row(
            prior.label.removesuffix(" (from history)"),
            f"{chance:.0%}",
            *(compact_money(m.amount, "").strip() for m in (p5, p50, p95)),
        )
    table.add_section()
    table.add_row(
        f"Total ({found.currency})",
        "",
        *(compact_money(m.amount, "").strip() for m in found.total),
    )
    out.print()
    out.print(table)
    if found.actual is not None:
        _happened(found, out)
    if found.comparables:
        near = new_table("Comparable breaches in the history")
        near.add_column("Breach")
        near.add_column("People", justify="right", no_wrap=True)
        near.add_column("Public outcomes", justify="right", no_wrap=True)
        near.add_column("Why")
        for c in found.comparables:
            near.add_row(
                f"{c.organisation} ({c.year})",
                f"{c.people:,}",
                format_money(Money(c.public_outcomes_usd.quantize(Decimal(1)), "USD")),
                c.why,
            )
        out.print()
        out.print(near)


def _happened(found: HistoryEstimate, out: Console) -> None:
    """What the matched history record actually paid, beside the forecast: a fact."""
    actual = found.actual
    assert actual is not None
    total = (
        "pending"
        if actual.public_outcomes_usd is None
        else format_money(Money(actual.public_outcomes_usd.quantize(Decimal(1)), "USD"))
    )
    table = new_table(
        f"What happened: {actual.organisation} ({actual.year}), {total} in public "
        f"(a fact; the forecast above was fitted without it)"
    )
    table.add_column("Outcome")
    table.add_column("Authority")
    table.add_column("Amount", justify="right", no_wrap=True)
    table.add_column("Year", justify="right")
    table.add_column("Status")
    for o in actual.outcomes:
        amount = "—" if o.amount is None else format_money(Money(o.amount, o.currency))
        table.add_row(o.kind.replace("_", " "), o.authority, amount, str(o.year), o.status)
    if actual.no_public_outcome:
        table.add_row("none", actual.no_public_outcome, "0", "", "")
    table.caption = f"matched by {actual.matched_by}; sources: --format json"
    table.caption_justify = "left"
    out.print()
    out.print(table)


# --- breachcalc history ----------------------------------------------------------------------


def listing_document(rows: list[Listed], currency: str) -> dict[str, Any]:
    """The JSON of ``breachcalc history``."""
    from breachcalc.analysis.history import HistoryListing
    from breachcalc.analysis.history.listing import HISTORY_CONVERSION
    from breachcalc.reference.history import history_compiled, rates_note
    from breachcalc.render.contract import enveloped
    from breachcalc.render.schemas import HISTORY_VERSION

    note = rates_note()
    conversion = HISTORY_CONVERSION + (f"; {note}" if note else "")
    listing = HistoryListing(history_compiled(), currency, tuple(rows), conversion)
    return enveloped(HISTORY_VERSION, listing)


def listing_rows(rows: list[Listed], currency: str) -> tuple[list[str], list[list[object]]]:
    """Header and rows for the table, CSV and Markdown."""
    header = [
        "id",
        "organisation",
        "year",
        "people",
        "jurisdictions",
        "public outcomes (USD)",
        f"per person ({currency})",
        "outcomes",
    ]
    if any(r.why for r in rows):
        header.append("why")
    body = []
    for row in rows:
        case = row.case
        line: list[object] = [
            case.id,
            case.organisation,
            case.year,
            case.people,
            " ".join(case.jurisdictions),
            None
            if row.public_outcomes_usd is None
            else row.public_outcomes_usd.quantize(Decimal(1)),
            None
            if row.per_person_exact is None
            else row.per_person_exact.quantize(Decimal("0.01")),
            len(case.outcomes),
        ]
        if len(header) == 9:
            line.append(row.why)
        body.append(line)
    return header, body


def listing_table(rows: list[Listed], currency: str, out: Console) -> None:
    """The history as a table, one row per breach by its id (names and sources in JSON);
    with ``--like``, why each is comparable follows in a column, or below where it would not
    fit."""
    import textwrap

    show_why = any(r.why for r in rows)
    wide = _listing(rows, currency, why=show_why)
    if not show_why or rendered_width(wide) <= out.width:
        _never_narrower(out, wide)
        return
    _never_narrower(out, _listing(rows, currency, why=False))
    out.print("Why they are comparable:")
    for row in rows:
        for line in textwrap.wrap(
            f"{row.case.id}: {row.why}", width=max(out.width - 2, 20), subsequent_indent="    "
        ):
            out.print("  " + line)


def _never_narrower(out: Console, table: Table) -> None:
    out.print(table)


def listing_fit(rows: list[Listed], currency: str) -> Table:
    """The narrowest listing (without the why column): the console is widened to it so that
    no figure is ever cut (see :func:`~breachcalc.render.table.write_tables`)."""
    return _listing(rows, currency, why=False)


def _listing(rows: list[Listed], currency: str, *, why: bool) -> Table:
    table = new_table(
        f"Breach history: {len(rows)} breaches (public outcomes in USD, per person in {currency})"
    )
    table.add_column("Breach", no_wrap=True)
    table.add_column("Year", justify="right", no_wrap=True)
    table.add_column("People", justify="right", no_wrap=True)
    table.add_column("Where", no_wrap=True)
    table.add_column("Outcomes", justify="right", no_wrap=True)
    table.add_column("Per person", justify="right", no_wrap=True)
    if why:
        table.add_column("Why", no_wrap=True)
    for row in rows:
        case = row.case
        cells = [
            case.id,
            str(case.year),
            compact_money(Decimal(case.people), "").strip() if case.people is not None else "?",
            " ".join(case.jurisdictions),
            "—"
            if row.public_outcomes_usd is None
            else compact_money(row.public_outcomes_usd, "").strip(),
            "—" if row.per_person_exact is None else f"{row.per_person_exact:,.2f}",
        ]
        table.add_row(*cells, *([row.why] if why else []))
    table.caption = "k, M, B: thousand, million, billion; sources: --format json"
    table.caption_justify = "left"
    return table


# --- breachcalc backtest ---------------------------------------------------------------------


def backtest_document(found: Backtest) -> dict[str, Any]:
    """The JSON of ``breachcalc backtest`` (also committed as docs/backtest.json)."""
    from breachcalc.render.contract import enveloped
    from breachcalc.render.schemas import BACKTEST_VERSION

    return enveloped(BACKTEST_VERSION, found, with_version=False)


def backtest_tables(found: Backtest, out: Console) -> None:
    """The figures, then the five worst misses."""
    summary = new_table(
        f"Back-test: leave-one-out over {found.cases} breaches ({found.model}, data of "
        f"{found.fitted_on})",
        show_header=False,
    )
    summary.add_column("figure")
    summary.add_column("value", justify="right")
    summary.add_column("target")
    summary.add_row("P5–P95 coverage", f"{found.coverage_p5_p95:.1%}", "85% to 95%")
    summary.add_row("P25–P75 coverage", f"{found.coverage_p25_p75:.1%}", "about 50%")
    width = "—" if found.median_p95_over_p5 is None else f"{found.median_p95_over_p5:,}×"
    summary.add_row("Median P95/P5 (P5 > 0)", width, "at most 100×")
    summary.add_row("CRPS of log10(1 + total)", f"{found.crps_log10}", "lower is better")
    summary.add_row("  DBIR 2015 log-log", f"{found.crps_log10_dbir_2015}", "baseline")
    summary.add_row("  one cost per person", f"{found.crps_log10_per_person}", "baseline")
    summary.add_row("  hurdle-lognormal/1", f"{found.crps_log10_previous}", "previous model")
    if found.zero_share_predicted is not None:
        summary.add_row(
            "No public outcome (by the rule)",
            f"{found.zero_share_predicted:.1%} / {found.zero_share_observed:.1%}",
            "predicted / observed",
        )
    out.print(summary)
    groups = new_table("By group")
    groups.caption = (
        "CRPS of log10(1 + total): the model, DBIR 2015, one cost per person, "
        "hurdle-lognormal/1; P5=0: cases whose chance of zero is above 5%"
    )
    groups.caption_justify = "left"
    for name in ("Group", "n", "P5–P95", "P95/P5", "P5=0", "CRPS", "DBIR", "/person", "v1"):
        groups.add_column(name, justify="left" if name == "Group" else "right", no_wrap=True)
    for g in found.groups:
        groups.add_row(
            g.group,
            str(g.cases),
            f"{g.coverage_p5_p95:.1%}",
            "—" if g.median_p95_over_p5 is None else f"{g.median_p95_over_p5:,}×",
            str(g.zero_p5),
            str(g.crps_log10),
            str(g.crps_log10_dbir_2015),
            str(g.crps_log10_per_person),
            str(g.crps_log10_previous),
        )
    out.print()
    out.print(groups)
    bins = new_table("Chance of no public outcome, breaches chosen by the rule (calibration)")
    for name in ("Predicted", "Cases", "Mean predicted", "Observed"):
        bins.add_column(name, justify="right", no_wrap=True)
    for b in found.zero_bins:
        bins.add_row(
            f"{b.low:.0%}–{b.high:.0%}",
            str(b.cases),
            "—" if b.predicted is None else f"{b.predicted:.1%}",
            "—" if b.observed is None else f"{b.observed:.1%}",
        )
    out.print()
    out.print(bins)
    worst = new_table("Worst misses (outside P5–P95, in powers of ten)")
    for name in ("Breach", "Actual", "P5", "P95", "Miss"):
        worst.add_column(name, justify="left" if name == "Breach" else "right", no_wrap=True)
    for p in found.worst_predictions():
        worst.add_row(
            p.id,
            *(compact_money(Decimal(round(v)), "USD") for v in (p.actual, p.p5, p.p95)),
            f"{p.miss:.2f}",
        )
    out.print()
    out.print(worst)
