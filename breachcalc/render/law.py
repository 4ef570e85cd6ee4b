"""``breachcalc law``: the rules of one jurisdiction on one day, as tables or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from breachcalc.domain.law import LawOfTheDay


def law_document(found: LawOfTheDay) -> dict[str, Any]:
    """The JSON document of ``breachcalc law``."""
    from breachcalc.render.contract import enveloped
    from breachcalc.render.schemas import LAW_VERSION

    return enveloped(LAW_VERSION, found)


def _flags(secondary: bool, unconfirmed: bool) -> str:
    return "".join(
        (" (secondary)" if secondary else "", " (UNCONFIRMED: never decided)" if unconfirmed else "")
    )


def _window(start: str, end: str | None) -> str:
    return f"{start} to {end}" if end else f"from {start}"


def law_tables(found: LawOfTheDay, out: Console) -> None:
    """The notices and the fine maximum of the day, each with its law, window and source."""
    from breachcalc.render.table import new_table
    from breachcalc.domain.money import format_money

    where = f" (inside {found.parent})" if found.parent else ""
    out.print(f"{found.code} {found.name}{where}: rules in force on {found.day.isoformat()}")
    if found.applies:
        out.print(f"Applies to a file with `controller: {{{found.applies}: true}}`.")
    out.print()
    if found.notices:
        table = new_table("Notices (not legal advice)")
        for column in ("Notice to", "When", "Deadline", "Law"):
            table.add_column(column, overflow="fold")
        sources: list[str] = []
        for notice in found.notices:
            deadline = notice.words + (f" [{notice.period}]" if notice.period else "")
            if notice.source not in sources:
                sources.append(notice.source)
            table.add_row(
                notice.to,
                notice.test,
                deadline,
                f"{notice.law}, in force {_window(notice.in_force_from, notice.in_force_until)}"
                f"{_flags(notice.secondary, notice.unconfirmed)} [{sources.index(notice.source) + 1}]",
            )
        out.print(table)
        for number, source in enumerate(sources, 1):
            out.print(f"[{number}] {source}")
    else:
        out.print(f"Notices: {found.message}")
    out.print()
    if found.fine is not None:
        fine = found.fine
        table = new_table("Fine maximum")
        for column in ("Rule", "Maximum", "Source"):
            table.add_column(column, overflow="fold")
        maximum = format_money(fine.maximum) if fine.maximum is not None else fine.formula
        if fine.maximum is not None and fine.formula != maximum:
            maximum = f"{maximum}: {fine.formula}"
        table.add_row(
            fine.rule,
            maximum,
            f"{fine.source}; in force {_window(fine.in_force_from, fine.in_force_until)}"
            f"{_flags(fine.secondary, fine.unconfirmed)}",
        )
        out.print(table)
        if fine.note:
            out.print(f"Note: {fine.note}")
    else:
        out.print(f"Fine maximum: {found.fine_message}")
    if found.contains:
        out.print()
        out.print(f"Inside {found.code}: {', '.join(found.contains)}")
