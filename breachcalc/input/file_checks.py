"""Cross-field checks that need only the file and the reference data: the breach's dates in
order, and its history record known. (:mod:`breachcalc.input.checks` holds those that apply the
domain's rules, and runs these too.)"""

from __future__ import annotations

from datetime import date, datetime

from breachcalc.errors import Problem
from breachcalc.input.breach import Breach
from breachcalc.input.yaml_reader import Document


def date_checks(doc: Document, breach: Breach) -> list[Problem]:
    problems: list[Problem] = []
    if breach.history_id is not None:
        from breachcalc.reference.history import history

        ids = [c.id for c in history()]
        if breach.history_id not in ids:
            near = [i for i in ids if i.split("-")[0] == breach.history_id.split("-")[0]][:3]
            hint = f" (did you mean {', '.join(near)}?)" if near else ""
            problems.append(
                doc.problem(
                    ("history_id",),
                    f"{breach.history_id!r} is no record of the history{hint}; "
                    "`breachcalc history` lists the ids",
                )
            )
    if breach.occurred and breach.discovered and before(breach.discovered, breach.occurred):
        problems.append(
            doc.problem(
                ("discovered",),
                f"is before `occurred` ({breach.occurred}); check the two dates",
            )
        )
    if breach.discovered and breach.disclosed and before(breach.disclosed, breach.discovered):
        problems.append(
            doc.problem(
                ("disclosed",),
                (f"is before `discovered` ({breach.discovered}); check the two dates"),
            )
        )
    if (
        not breach.discovered
        and breach.occurred
        and breach.disclosed
        and before(breach.disclosed, breach.occurred)
    ):  # with `discovered` the two checks above hold the order
        problems.append(
            doc.problem(
                ("disclosed",),
                f"is before `occurred` ({breach.occurred}); check the two dates",
            )
        )
    return problems


def before(later: date | datetime, earlier: date | datetime) -> bool:
    """Two moments with UTC offsets compare as instants; a plain date compares by calendar day."""
    if isinstance(later, datetime) and isinstance(earlier, datetime):
        return later < earlier
    return as_date(later) < as_date(earlier)


def as_date(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment
