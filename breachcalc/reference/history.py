"""The breach history and the yearly exchange rates, typed and checked when they load.

``data/history.toml`` holds one record per past breach: the facts a person knows soon after
(date, people, data categories, jurisdictions) and every public money outcome, each with its
source. ``data/fx_yearly.toml`` holds yearly average rates (units per US dollar), so outcomes in
any currency are compared in nominal US dollars of the outcome's year (no inflation
adjustment).
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from breachcalc.contract import cents, computed, hidden, out, result
from breachcalc.reference.tables import ReferenceDataError, data_file, data_text


def _load(name: str) -> dict[str, Any]:
    """A compiled data file (``data/NAME.json``, built from ``data/NAME.toml`` by
    ``scripts/build_history.py``; ``tests/reference/test_history.py`` keeps the two equal)."""
    import json

    return dict(json.loads(data_text(name.removesuffix(".toml") + ".json")))


KINDS = (
    "regulator_fine",
    "enforcement",
    "consumer_settlement",
    "court_award",
    "card_brand_payments",
    "compensation_offered",
)
"""Outcome kinds; every kind but ``compensation_offered`` is a public outcome the model learns."""

STATUSES = ("final", "appealed", "proposed", "pending", "unconfirmed")
"""``pending``: a claim filed or a fine proposed, not decided (no amount; never a zero)."""

SELECTIONS = ("curated", "tracker")
"""How a breach came into the history: ``curated`` (the first 84, chosen because something was
paid) or ``tracker`` (by a selection rule that does not look at the outcome)."""

PUBLIC = frozenset(KINDS[:-1])
"""The kinds that count toward a breach's public-outcome total."""


@result
class Outcome:
    """One public money outcome of a past breach, with its source."""

    kind: str = out("One of " + ", ".join(KINDS) + ".")
    jurisdiction: str = out("Where it was decided (a breachcalc code, or an ISO country code).")
    authority: str = out("Who decided or paid.")
    amount: Decimal | None = out(
        "The amount, in its own currency (null while pending).", money_in="currency"
    )
    currency: str = hidden()
    year: int = out("Year of the decision or settlement.")
    status: str = out(
        "`final`, `appealed`, `proposed` (a settlement awaiting final approval), `pending` (not "
        "decided: unknown, never zero) or `unconfirmed`."
    )
    superseded: str = out("Why a later decision replaced it (empty when it stands).")
    source: str = out("Where the figure comes from.")
    note: str = out("Caveats.")

    @property
    @computed("Whether it counts toward the public-outcome total.", after="status")
    def counted(self) -> bool:
        """Whether it counts toward the public-outcome total: a public kind that stands and
        rests on a confirmed figure (UNCONFIRMED figures are shown, never learned from)."""
        return (
            self.kind in PUBLIC
            and not self.superseded
            and self.status not in ("unconfirmed", "pending")
            and self.amount is not None
        )

    @property
    @computed(
        "The amount in US dollars of its year (yearly average rate), or null without a rate.",
        after="amount",
    )
    def amount_usd(self) -> Decimal | None:
        """``amount`` in nominal US dollars of ``year``, to the cent."""
        if self.amount is None:
            return None
        return cents(in_usd(self.amount, self.currency, self.year))


@result
class NoOutcome:
    """What was found where a past breach had no public money outcome (a zero)."""

    reason: str = out("What was found (a case closed, claims dismissed, nothing at all).")
    source: str = out("Where it was found, or where and when it was searched.")
    kinds: tuple[str, ...] = out("The outcome kinds the statement covers.")


@result
class Case:
    """One past breach: the facts known soon after, and every public money outcome."""

    id: str = out("The breach's id in the history.")
    organisation: str = out("Who was breached.")
    year: int = out("The year it was discovered.")
    discovered: str = out("When it was discovered.")
    disclosed: str = out("When it was made public.")
    country: str = out("The organisation's country.")
    jurisdictions: tuple[str, ...] = out("Where it was decided or notified.")
    people: int | None = out("How many it concerned, or null where no count is public.")
    people_unit: str = out("What `people` counts.")
    people_source: str = out("Where the count comes from.")
    categories: tuple[str, ...] = out("Catalogue keys of the data exposed.")
    category_counts: dict[str, int] = out("Categories exposed for part of the people only.")
    sector: str = out("The organisation's sector.")
    malicious: bool | None = hidden()
    from_outside: bool | None = hidden()
    revenue: tuple[Decimal, str, int, str] | None = hidden()
    note: str = hidden()
    selection: str = out("How it came into the history: `curated` or `tracker`.", default="curated")
    by_rule: bool = out(
        "Whether the selection rule (which does not look at the outcome) chooses it: every "
        "tracker record, and the curated records the rule also selects.",
        default=False,
    )
    tracker: str = out("The public tracker entry it was selected from (tracker only).", default="")
    outcomes_checked: str = out("When its outcomes were last looked up.", default="")
    no_public_outcome: NoOutcome | None = out(
        "What was found where nothing was paid in public, or null.", default=None
    )
    outcomes: tuple[Outcome, ...] = hidden(default=())  # listed last, after the listing's own

    def known_zero(self, kind: str) -> bool:
        """Whether the history says ``kind`` was zero for this breach (its statement of no
        public outcome covers the kind, and no outcome of the kind stands or is pending)."""
        if self.no_public_outcome is None or kind not in self.no_public_outcome.kinds:
            return False
        return not any(
            o.kind == kind and (o.counted or o.status == "pending") for o in self.outcomes
        )

    def pending(self, kind: str) -> bool:
        """Whether an outcome of ``kind`` is pending (unknown, never zero)."""
        return any(o.kind == kind and o.status == "pending" for o in self.outcomes)


def _outcome(raw: dict[str, object], where: str) -> Outcome:
    kind, status = raw.get("kind"), raw.get("status")
    if kind not in KINDS or status not in STATUSES:
        raise ReferenceDataError(f"{where}: kind {kind!r} or status {status!r} is not known")
    if not raw.get("source"):
        raise ReferenceDataError(f"{where}: an outcome without a source")
    amount = None
    if "amount" in raw or status != "pending":
        try:
            amount = Decimal(str(raw["amount"]))
        except (KeyError, ArithmeticError) as exc:
            raise ReferenceDataError(f"{where}: amount: {exc}") from None
    return Outcome(
        kind=str(kind),
        jurisdiction=str(raw.get("jurisdiction", "")),
        authority=str(raw.get("authority", "")),
        amount=amount,
        currency=str(raw["currency"]),
        year=int(str(raw["year"])),
        status=str(status),
        superseded=str(raw.get("superseded", "")),
        source=str(raw["source"]),
        note=str(raw.get("note", "")),
    )


def _case(raw: dict[str, object]) -> Case:
    where = f"history.toml {raw.get('id')}"
    revenue = raw.get("revenue")
    rev = None
    if isinstance(revenue, dict):
        rev = (
            Decimal(str(revenue["amount"])),
            str(revenue["currency"]),
            int(revenue.get("year", raw["year"])),
            str(revenue.get("source", "")),
        )
    outcomes = raw.get("outcome", [])
    assert isinstance(outcomes, list)
    people = raw.get("people")
    selection = str(raw.get("selection", "curated"))
    if selection not in SELECTIONS:
        raise ReferenceDataError(f"{where}: selection {selection!r} is not known")
    nothing = raw.get("no_public_outcome")
    none_found = None
    if isinstance(nothing, dict):
        if not nothing.get("reason") or not nothing.get("source"):
            raise ReferenceDataError(f"{where}: no_public_outcome needs a reason and a source")
        kinds = tuple(nothing.get("kinds", sorted(PUBLIC, key=KINDS.index)))
        if not set(kinds) <= set(KINDS):
            raise ReferenceDataError(f"{where}: no_public_outcome kinds {kinds!r}")
        none_found = NoOutcome(str(nothing["reason"]), str(nothing["source"]), kinds)
    elif not outcomes:
        raise ReferenceDataError(
            f"{where}: a breach without outcomes and without no_public_outcome"
        )
    return Case(
        id=str(raw["id"]),
        organisation=str(raw["organisation"]),
        year=int(str(raw["year"])),
        discovered=str(raw.get("discovered", "")),
        disclosed=str(raw.get("disclosed", "")),
        country=str(raw.get("country", "")),
        jurisdictions=tuple(raw.get("jurisdictions", ())),  # type: ignore[arg-type]
        people=int(str(people)) if people is not None else None,
        people_unit=str(raw.get("people_unit", "people")),
        people_source=str(raw.get("people_source", "")),
        categories=tuple(raw.get("categories", ())),  # type: ignore[arg-type]
        category_counts=dict(raw.get("category_counts", {})),  # type: ignore[call-overload]
        sector=str(raw.get("sector", "other")),
        malicious=raw.get("malicious"),  # type: ignore[arg-type]
        from_outside=raw.get("from_outside"),  # type: ignore[arg-type]
        revenue=rev,
        note=str(raw.get("note", "")),
        selection=selection,
        by_rule=selection == "tracker" or bool(raw.get("by_rule", False)),
        tracker=str(raw.get("tracker", "")),
        outcomes_checked=str(raw.get("outcomes_checked", "")),
        no_public_outcome=none_found,
        outcomes=tuple(_outcome(o, f"{where} outcome {i + 1}") for i, o in enumerate(outcomes)),
    )


def raw_records() -> list[dict[str, Any]]:
    """The records of ``data/history.json`` as parsed, before typing."""
    return list(_load("history.toml")["breach"])


def case_of(raw: dict[str, Any]) -> Case:
    """One raw record, typed and checked (see :func:`history`)."""
    return _case(raw)


@cache
def history() -> tuple[Case, ...]:
    """Every past breach in ``data/history.toml``, oldest first.

    Raises:
        ReferenceDataError: a record breaks the schema (unknown kind, an outcome without a
            source, a duplicate id).
    """
    raw = _load("history.toml")
    cases = tuple(_case(b) for b in raw["breach"])
    ids = [c.id for c in cases]
    if len(ids) != len(set(ids)):
        raise ReferenceDataError("history.toml: duplicate breach ids")
    return cases


@cache
def history_compiled() -> str:
    """The date the history was compiled (the data a fit is "of")."""
    return str(_load("history.toml")["meta"]["compiled"])


@cache
def rates_note() -> str:
    """Which outcomes were converted at another year's rate (empty when none was)."""
    return str(_load("history.toml")["meta"].get("rates_note", ""))


@cache
def yearly_rates() -> dict[tuple[str, int], str]:
    """(currency, year) → units of the currency per US dollar (as text), yearly average: from
    ``data/history_rates.json`` (the rates of ``fx_yearly.toml`` without their sources, a
    fiftieth of its size, written by ``scripts/build_history.py``), else the whole table. The
    rates are kept as their exact text and made Decimal when one is used (:func:`per_usd`):
    converting all of them cost a millisecond of every estimate."""
    import json

    stored = data_file("history_rates.json")
    rates = (
        json.loads(stored.read_text("utf-8"))
        if stored.is_file()
        else rates_table(_load("fx_yearly.toml"))
    )
    return {(str(c), int(y)): str(v) for c, y, v in rates}


def rates_table(data: dict[str, Any]) -> list[list[Any]]:
    """The rates of the yearly table ``data`` as [currency, year, units per USD as text]."""
    return [[str(r["currency"]), int(r["year"]), str(r["per_usd"])] for r in data["rate"]]


def per_usd(currency: str, year: int) -> tuple[Decimal, int] | None:
    """Units of ``currency`` per US dollar in ``year``, or in the latest earlier year where that
    year is not yet in the table (the earliest later one where no earlier year is); with the
    year actually used. None: no rate at all."""
    if currency == "USD":
        return Decimal(1), year
    known = _years().get(currency)
    if not known:
        return None
    earlier = [y for y in known if y <= year]
    used = earlier[-1] if earlier else known[0]
    return Decimal(yearly_rates()[(currency, used)]), used


@cache
def _years() -> dict[str, list[int]]:
    """Currency → the years it has a rate for, in order."""
    found: dict[str, list[int]] = {}
    for currency, year in sorted(yearly_rates()):
        found.setdefault(currency, []).append(year)
    return found


def in_usd(amount: Decimal, currency: str, year: int) -> Decimal | None:
    """``amount`` in US dollars at the yearly average rate (None without a rate)."""
    rate = per_usd(currency, year)
    return None if rate is None else amount / rate[0]
