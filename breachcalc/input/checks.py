"""Checks that involve more than one field of a breach (run after the model validated each).

Each problem is reported at the field to change, with its line and column: a rate for every
currency the figures pass through, a jurisdiction split that adds up, fines with a known rule, the
inputs it needs and an expected amount under the legal maximum, dates in order, and the severity
inputs' own rules.
"""

from __future__ import annotations

import difflib
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from breachcalc.errors import Problem
from breachcalc.input.breach import Breach, CategoryPart, Fine
from breachcalc.input.file_checks import as_date, date_checks
from breachcalc.input.yaml_reader import Document, Path

if TYPE_CHECKING:
    from collections.abc import Callable


def cross_checks(doc: Document, breach: Breach) -> list[Problem]:
    """Rules that involve more than one field, each reported at the field to change."""
    problems: list[Problem] = []
    for group in _BEFORE_COSTS:
        problems += group(doc, breach)
    if not problems:
        problems += _cost_checks(doc, breach)
    problems += date_checks(doc, breach)
    return problems


def _compensation_checks(doc: Document, breach: Breach) -> list[Problem]:
    problems: list[Problem] = []
    comp = breach.compensation
    if comp is not None:
        if comp.amount is None and not comp.vouchers:
            problems.append(
                doc.problem(
                    ("compensation",),
                    (
                        "give either `amount` (one per-person amount) "
                        "or `vouchers` (a list of parts)"
                    ),
                )
            )
        if comp.amount is not None and comp.vouchers is not None:
            problems.append(
                doc.problem(
                    ("compensation", "vouchers"), ("give either `amount` or `vouchers`, not both")
                )
            )
        if comp.redemption is not None and comp.amount is None:
            problems.append(
                doc.problem(
                    ("compensation", "redemption"),
                    (
                        "`redemption` here goes with `amount`; "
                        "with `vouchers`, give each part its own"
                    ),
                )
            )
    return problems


def _minor_unit_checks(doc: Document, breach: Breach) -> list[Problem]:
    """Money offered to a person is at least the currency's smallest unit (1 won, 1 cent):
    0.0000001 KRW per person would round every total to 0 without a word."""
    from breachcalc.input.values import Range
    from breachcalc.reference.tables import currency_minor_units

    comp = breach.compensation
    if comp is None:
        return []
    parts: list[tuple[Path, Any, str]] = [(("compensation", "amount"), comp.amount, comp.currency)]
    for index, voucher in enumerate(comp.vouchers or ()):
        where: Path = ("compensation", "vouchers", index, "amount")
        parts.append((where, voucher.amount, voucher.currency or comp.currency))
    problems = []
    for where, amount, currency in parts:
        if amount is None:
            continue
        digits = currency_minor_units().get(currency, 2)
        smallest = Decimal(1).scaleb(-digits)
        values = (amount.low, amount.high) if isinstance(amount, Range) else (amount,)
        if any(0 < v < smallest for v in values):
            problems.append(
                doc.problem(
                    where,
                    f"is below the smallest unit of {currency} ({smallest:f}); a per-person "
                    "amount is money paid to a person",
                )
            )
    return problems


def _rate_checks(doc: Document, breach: Breach) -> list[Problem]:
    problems: list[Problem] = []
    rates = breach.reporting.rates if breach.reporting else []
    seen: dict[frozenset[str], int] = {}
    for i, rate in enumerate(rates):
        if rate.pair() in seen:
            problems.append(
                doc.problem(
                    ("reporting", "rates", i),
                    (
                        f"a second rate between {' and '.join(sorted(rate.pair()))} "
                        f"(the first is item {seen[rate.pair()]}); give one rate per pair"
                    ),
                )
            )
        seen.setdefault(rate.pair(), i)
    needed = _conversions_needed(breach)
    for have, want, path in needed:
        if frozenset((have, want)) not in seen:
            problems.append(
                doc.problem(
                    path if rates else ("reporting",),
                    (
                        f"no exchange rate between {have} and {want}; add one under "
                        f"`reporting.rates`, e.g. `1 {want} = ... {have}`"
                    ),
                )
            )
    return problems


def _conversions_needed(breach: Breach) -> list[tuple[str, str, Path]]:
    """Every (from, to, field) conversion the figures need, so each has a rate."""
    from breachcalc.domain.cost_lines import base_currency, fine_rule_currency
    from breachcalc.domain.regime import rule_day

    base = base_currency(breach)
    needed: list[tuple[str, str, Path]] = []
    comp = breach.compensation
    for i, part in enumerate(comp.vouchers or [] if comp else []):
        if part.currency and part.currency != base:
            needed.append((part.currency, base, ("compensation", "vouchers", i, "currency")))
    if breach.costs is not None and breach.costs.currency and breach.costs.currency != base:
        needed.append((breach.costs.currency, base, ("costs", "currency")))
    if breach.revenue is not None and breach.revenue.currency and breach.revenue.currency != base:
        needed.append((breach.revenue.currency, base, ("revenue", "currency")))
    for code, fine in breach.fines.items():
        if code not in _fine_codes():
            continue
        if _fine_kind(code, breach) == "none":
            continue
        rule = fine_rule_currency(code, rule_day(breach).date)
        given = fine.currency or rule
        if given != rule:
            needed.append((given, rule, ("fines", code, "currency")))
        # the fine's line is in the currency its amount is given in (a share of the maximum:
        # the rule's), converted straight to the breach currency
        line_currency = given if fine.expected is not None else rule
        if line_currency != base and (fine.expected is not None or fine.share_of_cap is not None):
            needed.append((line_currency, base, ("fines", code)))
    lines_currency = (breach.costs.currency if breach.costs else None) or base
    for index, own in enumerate(breach.costs.lines if breach.costs else ()):
        if own.currency and own.currency != lines_currency:
            needed.append((own.currency, lines_currency, ("costs", "lines", index, "currency")))
    if breach.reporting and breach.reporting.currency != base:
        needed.append((base, breach.reporting.currency, ("reporting", "currency")))
    return needed


def _fine_kind(code: str, breach: Breach) -> str:
    """The kind of the rule in force on the breach's day ("none" outside every window)."""
    from breachcalc.domain.regime import rule_day
    from breachcalc.reference.tables import fine_rule_on

    rule = fine_rule_on(code, rule_day(breach).date)
    return "none" if rule is None else str(rule["kind"])


def _fine_codes() -> list[str]:
    from breachcalc.domain.fines import known_jurisdictions

    return known_jurisdictions()


def _fine_inputs_problem(doc: Document, where: Path, fine: Fine) -> Problem | None:
    """One expected fine, not two; related and unrelated sales each no more than the turnover
    they are part of (more unrelated sales would make the legal maximum negative)."""
    if fine.expected is not None and fine.share_of_cap is not None:
        return doc.problem(where, "give `expected` or `share_of_cap`, not both")
    related = fine.related_turnover
    if fine.turnover is not None and related is not None and related > fine.turnover:
        return doc.problem(
            (*where, "related_turnover"),
            (
                f"is more than `turnover` ({fine.turnover}); the revenue related to the "
                "violation is part of the turnover"
            ),
        )
    if fine.turnover is None or fine.unrelated_turnover is None:
        return None
    if fine.unrelated_turnover <= fine.turnover:
        return None
    return doc.problem(
        (*where, "unrelated_turnover"),
        (
            f"is more than `turnover` ({fine.turnover}); unrelated sales are part "
            "of the turnover, so the legal maximum would be negative"
        ),
    )


def _cost_checks(doc: Document, breach: Breach) -> list[Problem]:
    """Litigation needs one of its two forms; every fine needs a known rule, the inputs that
    rule needs, and an expected amount no larger than the legal maximum."""
    problems: list[Problem] = []
    lit = breach.costs.litigation if breach.costs else None
    if lit is not None:
        lump = lit.lump_sum is not None
        halves = (lit.per_person is not None, lit.claim_share is not None)
        if not ((lump and not any(halves)) or (not lump and all(halves))):
            problems.append(
                doc.problem(
                    ("costs", "litigation"),
                    "give either `per_person` and `claim_share`, or `lump_sum`",
                )
            )
    for index, own in enumerate(breach.costs.lines if breach.costs else ()):
        where: Path = ("costs", "lines", index)
        if (own.amount is None) == (own.per_person is None):
            problems.append(doc.problem(where, "give either `per_person` or `amount`, not both"))
        elif own.amount is not None and own.category is not None:
            problems.append(doc.problem((*where, "category"), "goes with `per_person` only"))
        if own.category is not None and own.category not in breach.category_keys:
            problems.append(
                doc.problem(
                    (*where, "category"),
                    f"{own.category} is not among `data_categories`; add it there or drop this",
                )
            )
        if own.jurisdiction is not None and own.jurisdiction not in breach.jurisdictions:
            problems.append(
                doc.problem(
                    (*where, "jurisdiction"),
                    f"{own.jurisdiction} is not among `jurisdictions`; add it there",
                )
            )
    monitoring = breach.costs.monitoring if breach.costs else None
    offered_to = monitoring.category if monitoring is not None else None
    if offered_to is not None and offered_to not in breach.category_keys:
        problems.append(
            doc.problem(
                ("costs", "monitoring", "category"),
                f"{offered_to} is not among `data_categories`: monitoring is offered to the "
                "people whose data of it leaked; add it there or drop this",
            )
        )
    known = _fine_codes()
    for code, fine in breach.fines.items():
        found = _fine_check(doc, breach, code, fine, known)
        if found is not None:
            problems.append(found)
    return problems


def _fine_check(
    doc: Document, breach: Breach, code: str, fine: Fine, known: list[str]
) -> Problem | None:
    """The first problem with one jurisdiction's fine entry, or None."""
    from breachcalc.domain.cost_lines import people_in
    from breachcalc.domain.fines import MissingInput, fine_cap
    from breachcalc.domain.money import Money, convert
    from breachcalc.domain.regime import rule_day
    from breachcalc.input.values import Range

    where: Path = ("fines", code)
    if code not in known:
        near = difflib.get_close_matches(code, known, n=1, cutoff=0.5)
        hint = f"; did you mean `{near[0]}`?" if near else ""
        from breachcalc.reference.tables import jurisdiction_tree

        tree = jurisdiction_tree()
        own = [c for c in known if not (c in tree and tree[c].inherits)]
        return doc.problem(
            where,
            f"no fine rule for {code}{hint} (rules: {', '.join(own)}, and the EU and EEA "
            "member states under EU)",
            key=True,
        )
    wrong = _fine_inputs_problem(doc, where, fine)
    if wrong is not None:
        return wrong
    rates = tuple(breach.reporting.rates if breach.reporting else ())
    try:
        cap = fine_cap(code, fine, people_in(breach, code)[0], rates, rule_day(breach).date)
    except MissingInput as exc:
        return doc.problem(where, str(exc))
    except LookupError:
        return None  # the missing rate is reported by the rate checks
    if fine.expected is None:
        return None
    top = fine.expected.high if isinstance(fine.expected, Range) else fine.expected
    if cap.maximum is None:
        if top:
            return doc.problem(
                (*where, "expected"),
                f"{code} has no administrative fine ({cap.note}); remove `expected`",
            )
        return None
    try:
        top_money = convert(
            Money(top, fine.currency or cap.maximum.currency), cap.maximum.currency, rates
        )
    except LookupError:
        return None
    if top_money.amount <= cap.maximum.amount:
        return None
    what = "the range's `high`" if isinstance(fine.expected, Range) else "it"
    return doc.problem(
        (*where, "expected"),
        (
            f"expected fine above the legal maximum: {what} is {top_money.amount:,} "
            f"{cap.maximum.currency}, the maximum is {cap.maximum.amount:,} {cap.maximum.currency} "
            f"({cap.basis})"
        ),
    )


def _category_count_checks(doc: Document, breach: Breach) -> list[Problem]:
    """A category's own count is part of the people affected: no larger than the total, nor
    than the only jurisdiction's count where the file names one; each category once."""
    problems: list[Problem] = []
    if not any(isinstance(entry, CategoryPart) for entry in breach.data_categories):
        return problems  # both rules are about categories with their own count
    counted = [n for n in breach.jurisdictions.values() if n is not None]
    ceiling, what = breach.affected, "`affected` ({:,})"
    if len(breach.jurisdictions) == 1 and counted:
        ceiling, what = counted[0], "the only jurisdiction's count ({:,})"
    seen: set[str] = set()
    for index, entry in enumerate(breach.data_categories):
        key = entry.category if isinstance(entry, CategoryPart) else entry
        if isinstance(entry, CategoryPart) and key in seen:
            problems.append(
                doc.problem(("data_categories", index), f"{key} is listed twice; give it once")
            )
        seen.add(key)
        if isinstance(entry, CategoryPart) and entry.affected > ceiling:
            problems.append(
                doc.problem(
                    ("data_categories", index, "affected"),
                    f"{entry.affected:,} is more than {what.format(ceiling)}; a category's "
                    "count is part of them",
                )
            )
    return problems


def parent_in_file(breach: Breach, code: str) -> str | None:
    """The country of ``code`` where the file names it too (``US`` for ``US-CA``, ``EU`` for
    ``DE``), else None: then ``code``'s people are part of the country's."""
    from breachcalc.input.fields import country_of

    country = country_of(code)
    return country if country and country in breach.jurisdictions else None


def _where(doc: Document, breach: Breach, code: str) -> Path:
    """The path of ``code`` in the file: nested inside its country, or at the top."""
    parent = parent_in_file(breach, code)
    if parent is not None and ("jurisdictions", parent, code) in doc.places:
        return ("jurisdictions", parent, code)
    return ("jurisdictions", code)


def _unknown_code(doc: Document, breach: Breach, code: str) -> Problem | None:
    """A sub-jurisdiction code breachcalc does not know (``US-TZ``), with the nearest codes."""
    from breachcalc.reference.tables import jurisdiction_tree

    known = jurisdiction_tree()
    if "-" not in code or code in known:
        return None
    near = difflib.get_close_matches(code, list(known), n=3, cutoff=0.5)
    same_country = sorted(k for k in known if k.startswith(code.split("-", maxsplit=1)[0] + "-"))
    hint = f"did you mean {' or '.join(f'`{n}`' for n in near)}? " if near else ""
    listed = (
        f"codes of {code.split('-', maxsplit=1)[0]}: {', '.join(same_country)}"
        if same_country
        else ("use an ISO 3166 country code (KR, TW), a US state (US-CA) or a regime (US-HIPAA)")
    )
    return doc.problem(
        _where(doc, breach, code), f"unknown jurisdiction {code}; {hint}({listed})", key=True
    )


def _split_checks(doc: Document, breach: Breach) -> list[Problem]:
    """Known sub-jurisdiction codes; a sub-jurisdiction's count no larger than its country's,
    and the countries' counts together no larger than `affected`."""
    problems = [
        found
        for code in breach.jurisdictions
        if (found := _unknown_code(doc, breach, code)) is not None
    ]
    inside: dict[str, list[tuple[str, int]]] = {}
    for code, count in breach.jurisdictions.items():
        parent = parent_in_file(breach, code)
        if parent is not None and count is not None:
            inside.setdefault(parent, []).append((code, count))
    for parent, children in inside.items():
        own = breach.jurisdictions[parent]
        if own is None:
            continue
        for code, count in children:
            if count > own:
                problems.append(
                    doc.problem(
                        _where(doc, breach, code),
                        f"{count:,} people in {code} is more than its country's count "
                        f"({parent}: {own:,}); {code}'s people are part of {parent}'s",
                    )
                )
        total_inside = sum(count for _, count in children)
        if total_inside > own and len(children) > 1:
            parts = " + ".join(f"{n:,} {c}" for c, n in children)
            problems.append(
                doc.problem(
                    ("jurisdictions", parent),
                    f"its sub-jurisdictions ({parts} = {total_inside:,}) exceed {parent}'s "
                    f"count ({own:,})",
                )
            )
    counted = {
        code: n
        for code, n in breach.jurisdictions.items()
        if n is not None and parent_in_file(breach, code) is None
    }
    total = sum(counted.values())
    if total > breach.affected:
        parts = " + ".join(f"{n:,} {code}" for code, n in counted.items())
        problems.append(
            doc.problem(
                ("jurisdictions",),
                (f"the split ({parts} = {total:,}) exceeds `affected` ({breach.affected:,})"),
            )
        )
    return problems


def _severity_checks(doc: Document, breach: Breach) -> list[Problem]:
    """DPC factors on exposed categories, in the factor's direction; notified dates in order."""
    from breachcalc.domain.severity import class_scores, factor_raises
    from breachcalc.reference.tables import catalogue

    problems: list[Problem] = []
    cats = catalogue().categories
    seen: set[str] = set()
    for index, item in enumerate(breach.dpc_factors):
        where: Path = ("dpc_factors", index)
        label = cats[item.category].label.lower()
        if item.category not in breach.category_keys:
            problems.append(
                doc.problem(
                    (*where, "category"),
                    f"{item.category} is not among `data_categories`; add it there or drop this",
                )
            )
            continue
        if item.category in seen:
            problems.append(
                doc.problem(
                    (*where, "category"),
                    f"{item.category} already has a factor; give one factor per category",
                )
            )
        seen.add(item.category)
        enisa_class = cats[item.category].enisa_class
        basic = class_scores()[enisa_class]
        raises = factor_raises()[item.factor]
        problem = _factor_problem(
            item.factor, raises, item.score, f"{label} is {enisa_class}", basic
        )
        if problem is not None:
            field, message = problem
            problems.append(doc.problem((*where, field), message))
    from breachcalc.domain.regime import codes_of

    named = codes_of(breach)
    for code, when in breach.notified.items():
        if code not in named:
            problems.append(
                doc.problem(
                    ("notified", code),
                    f"{code} is not among `jurisdictions`; add it there or drop this date",
                )
            )
        elif breach.discovered and as_date(when) < as_date(breach.discovered):
            problems.append(
                doc.problem(
                    ("notified", code),
                    f"is before `discovered` ({breach.discovered}); check the two dates",
                )
            )
        elif breach.occurred and as_date(when) < as_date(breach.occurred):
            problems.append(
                doc.problem(
                    ("notified", code),
                    f"is before `occurred` ({breach.occurred}); check the two dates",
                )
            )
    return problems


def _factor_problem(
    factor: str, raises: bool, score: int, what: str, basic: int
) -> tuple[str, str] | None:
    """(field, message) where a DPC factor moves a score the wrong way, or has no room to move
    it (simple data cannot go below 1, sensitive data above 4); None where it is fine."""
    from breachcalc.domain.severity import class_scores

    lowest, highest = min(class_scores().values()), max(class_scores().values())
    if raises and basic == highest:
        return "factor", (
            f"`{factor}` raises the score, but {what} (basic {basic}), already the highest; "
            "drop this factor"
        )
    if not raises and basic == lowest:
        return "factor", (
            f"`{factor}` lowers the score, but {what} (basic {basic}), already the lowest; "
            "drop this factor"
        )
    if raises and score <= basic:
        return "score", (
            f"`{factor}` raises the score: {what} (basic {basic}), so `score` must be above "
            f"{basic}, at most {highest}"
        )
    if not raises and score >= basic:
        return "score", (
            f"`{factor}` lowers the score: {what} (basic {basic}), so `score` must be below "
            f"{basic}, at least {lowest}"
        )
    return None


_BEFORE_COSTS: tuple[Callable[[Document, Breach], list[Problem]], ...] = (
    _compensation_checks,
    _minor_unit_checks,
    _rate_checks,
    _split_checks,
    _category_count_checks,
    _severity_checks,
)
"""The groups run first; the cost checks need them to pass (a rate, a split that adds up)."""
