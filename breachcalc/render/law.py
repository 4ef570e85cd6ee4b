"""``breachcalc law``: the rules of one jurisdiction on one day, as tables or JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from breachcalc.domain.regime import window_text

if TYPE_CHECKING:
    from rich.console import Console

    from breachcalc.domain.law import LawOfTheDay


def law_document(found: LawOfTheDay) -> dict[str, Any]:
    """The JSON document of ``breachcalc law``."""
    from breachcalc.render.json import LAW_VERSION, enveloped

    return enveloped(LAW_VERSION, found)


def _flags(secondary: bool, unconfirmed: bool) -> str:
    return "".join(
        (
            " (secondary)" if secondary else "",
            " (UNCONFIRMED: never decided)" if unconfirmed else "",
        )
    )


def law_tables(found: LawOfTheDay, out: Console) -> None:
    """The notices and the fine maximum of the day, each with its law, window and source."""

    def say(text: str = "") -> None:
        out.print(text, markup=False, highlight=False)

    where = f" (inside {found.parent})" if found.parent else ""
    say(f"{found.jurisdiction} {found.name}{where}: rules in force on {found.date.isoformat()}")
    if found.applies:
        say(f"Applies to a file with `controller: {{{found.applies}: true}}`.")
    say()
    if found.notices:
        _notices(found, out, say)
    else:
        say(f"Notices: {found.message}")
    say()
    if found.fine is not None:
        _fine(found, out, say)
    else:
        say(f"Fine maximum: {found.fine_message}")
    if found.contains:
        say()
        say(f"Inside {found.jurisdiction}: {', '.join(found.contains)}")


def _notices(found: LawOfTheDay, out: Console, say: Callable[[str], None]) -> None:
    from breachcalc.render.tables import new_table

    table = new_table("Notices (not legal advice)")
    for column in ("Notice to", "When", "Deadline", "Law"):
        table.add_column(column, overflow="fold")
    sources: list[str] = []
    for notice in found.notices:
        deadline = notice.words + (f" [{notice.period}]" if notice.period else "")
        if notice.source not in sources:
            sources.append(notice.source)
        number = sources.index(notice.source) + 1
        table.add_row(
            notice.to,
            notice.test,
            deadline,
            f"{notice.law}, in force {window_text(notice.in_force_from, notice.in_force_until)}"
            f"{_flags(notice.secondary, notice.unconfirmed)} [{number}]",
        )
    out.print(table)
    for number, source in enumerate(sources, 1):
        say(f"[{number}] {source}")


def _fine(found: LawOfTheDay, out: Console, say: Callable[[str], None]) -> None:
    from breachcalc.domain.money import format_money
    from breachcalc.render.tables import new_table

    fine = found.fine
    assert fine is not None
    table = new_table("Fine maximum")
    for column in ("Rule", "Maximum", "Source"):
        table.add_column(column, overflow="fold")
    maximum = format_money(fine.maximum) if fine.maximum is not None else fine.formula
    if fine.maximum is not None and fine.formula != maximum:
        maximum = f"{maximum}: {fine.formula}"
    table.add_row(
        fine.rule,
        maximum,
        f"{fine.source}; in force {window_text(fine.in_force_from, fine.in_force_until)}"
        f"{_flags(fine.secondary, fine.unconfirmed)}",
    )
    out.print(table)
    if fine.note:
        say(f"Note: {fine.note}")
