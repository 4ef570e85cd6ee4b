"""Whether administrative fines are insurable, per jurisdiction, from ``data/insurability.toml``.

Each row says ``yes``, ``no`` or ``unsettled`` with its source; an ``unsettled`` row, or a code
the table does not hold, is UNCONFIRMED. A region falls back to its country (``US-CA`` has its own
row; ``US-NY`` falls back to ``US``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from breachcalc.reference.tables import ROW_PROVENANCE, ReferenceDataError, _load

STATUSES = ("yes", "no", "unsettled")
"""The statuses a row may have."""


@dataclass(frozen=True)
class Insurability:
    """One jurisdiction's answer to "may an administrative fine be insured?".

    Attributes:
        code: the jurisdiction code (``UK``, ``EU``, ``US-CA``).
        name: human name.
        status: ``yes``, ``no`` or ``unsettled``.
        source: where the status comes from.
        effective: the date of the source's assessment (``unknown`` without a source).
        secondary: the source is a law-firm, broker, news or blog page.
        unconfirmed: the status could not be checked, or the sources say it is open.
        note: caveats.
    """

    code: str
    name: str
    status: str
    source: str
    effective: str
    secondary: bool
    unconfirmed: bool
    note: str


@cache
def insurability_table() -> dict[str, Insurability]:
    """Jurisdiction code → its row, in file order.

    Raises:
        ReferenceDataError: a row without its provenance, with an unknown status, or a code
            given twice.
    """
    table: dict[str, Insurability] = {}
    for index, row in enumerate(_load("insurability.toml")["jurisdiction"]):
        where = f"insurability.toml row {index + 1} ({row.get('code')})"
        for key, kind in {"code": str, "name": str, "status": str, **ROW_PROVENANCE}.items():
            if not isinstance(row.get(key), kind):
                raise ReferenceDataError(f"{where}: `{key}` must be a {kind.__name__}")
        if row["status"] not in STATUSES:
            raise ReferenceDataError(f"{where}: `status` must be one of {', '.join(STATUSES)}")
        if row["status"] == "unsettled" and not row["unconfirmed"]:
            raise ReferenceDataError(f"{where}: an unsettled row must be unconfirmed")
        if row["code"] in table:
            raise ReferenceDataError(f"{where}: code given twice")
        table[row["code"]] = Insurability(**{k: row[k] for k in Insurability.__dataclass_fields__})
    return table


def insurability_of(code: str) -> Insurability | None:
    """The row for ``code``, else its country's row (``US-NY`` → ``US``), else None."""
    table = insurability_table()
    found = table.get(code.upper())
    if found is None and "-" in code:
        found = table.get(code.split("-", maxsplit=1)[0].upper())
    return found
