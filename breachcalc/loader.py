"""The one place input is read: a file or stdin → YAML → a validated breach model.

Every refusal is an :class:`~breachcalc.errors.InputError` whose problems carry the file, line,
column and dotted field path.
"""

from __future__ import annotations

import difflib
import sys
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path as FsPath
from typing import Any, BinaryIO

from pydantic import BaseModel, ValidationError

from breachcalc import limits
from breachcalc.errors import InputError, Problem, shown
from breachcalc.model import Breach
from breachcalc.scenarios import Override, PathError, apply, split_variants, variant_names
from breachcalc.yamlsafe import Document, Path, decode, parse

STDIN = "-"
"""The file name that means standard input."""


def read_bytes(name: str, stdin: BinaryIO | None = None) -> tuple[str, bytes]:
    """Read a file (or stdin for ``-``) up to the size limit; returns (display name, bytes)."""
    if name == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        return "<stdin>", read_limited(stream)
    try:
        with open(name, "rb") as handle:
            return name, read_limited(handle)
    except FileNotFoundError:
        raise InputError(name, [Problem("no such file")]) from None
    except IsADirectoryError:
        raise InputError(name, [Problem("is a directory, not a breach file")]) from None
    except PermissionError:
        raise InputError(name, [Problem("permission denied")]) from None
    except OSError as exc:
        raise InputError(name, [Problem(f"cannot read: {exc.strerror or exc}")]) from None


READ_CHUNK = 65_536


def read_limited(stream: BinaryIO) -> bytes:
    """Up to ``MAX_INPUT_BYTES + 1`` bytes, in chunks: asking for the whole limit at once would
    allocate a megabyte for every small file (or pipe) read."""
    chunks, size = [], 0
    while size <= limits.MAX_INPUT_BYTES:
        chunk = stream.read(min(READ_CHUNK, limits.MAX_INPUT_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def load_document(name: str, stdin: BinaryIO | None = None) -> Document:
    """Read and parse one input into a located :class:`Document` (not yet validated)."""
    source, data = read_bytes(name, stdin)
    return parse(source, decode(source, data))


def load_breach(name: str, stdin: BinaryIO | None = None, sets: Sequence[Override] = ()) -> Breach:
    """Read, parse and validate one breach description.

    Args:
        name: a file, ``-`` for stdin, or ``FILE#variant`` for a variant of a scenario file.
        stdin: the stream ``-`` reads (default: the process's standard input).
        sets: overrides applied after the variant's own.

    Raises:
        InputError: anything wrong with the input, each problem located.
    """
    return load_scenarios(name, sets, stdin, every_variant=False)[0].breach


@dataclass(frozen=True)
class Scenario:
    """A validated breach and the label that names it (``FILE`` or ``FILE#variant``)."""

    label: str
    breach: Breach


def split_name(name: str) -> tuple[str, str | None]:
    """``file.yaml#cheap`` → (``file.yaml``, ``cheap``); a name that exists as a file is kept."""
    if name == STDIN or "#" not in name or FsPath(name).exists():
        return name, None
    file, _, variant = name.rpartition("#")
    return file, variant


def load_scenarios(
    name: str,
    sets: Sequence[Override] = (),
    stdin: BinaryIO | None = None,
    *,
    every_variant: bool = True,
) -> list[Scenario]:
    """The scenarios of one input: the base breach, then each variant (or the one named).

    Args:
        name: a file, ``-``, or ``FILE#variant``.
        sets: command-line overrides, applied to every scenario after the variant's own.
        stdin: the stream ``-`` reads.
        every_variant: with a plain file name, also return every variant of a scenario file.
    """
    file, chosen = split_name(name)
    document = load_document(file, stdin)
    try:
        return _scenarios(name, file, chosen, document, sets, every_variant)
    except PathError as exc:  # an override that does not fit the file's shape
        raise InputError(document.source, [Problem(str(exc))]) from None


def _scenarios(
    name: str,
    file: str,
    chosen: str | None,
    document: Document,
    sets: Sequence[Override],
    every_variant: bool,
) -> list[Scenario]:
    base, variants, problems = split_variants(document)
    if problems:
        raise InputError(document.source, problems)
    if chosen is not None:
        match = next((v for v in variants if v.name == chosen), None)
        if match is None:
            names = variant_names(variants)
            near = difflib.get_close_matches(chosen, names, n=1, cutoff=0.5)
            hint = f"; did you mean `{near[0]}`?" if near else ""
            listed = f" (variants: {', '.join(names)})" if names else " (the file has none)"
            raise InputError(document.source, [Problem(f"no variant `{chosen}`{hint}{listed}")])
        return [Scenario(name, validate(apply(base, [*match.overrides, *sets])))]
    label = "<stdin>" if file == STDIN else file
    scenarios = [Scenario(label, validate(apply(base, sets)))]
    if every_variant:
        scenarios += [
            Scenario(f"{label}#{v.name}", validate(apply(base, [*v.overrides, *sets])))
            for v in variants
        ]
    return scenarios


def validate(doc: Document) -> Breach:
    """Validate a parsed document as a :class:`Breach`, with located, readable problems."""
    if doc.data is None:
        raise InputError(
            doc.source,
            [
                Problem(
                    "the file is empty; a breach needs at least `name`, `affected` and "
                    "`data_categories` (see examples/coupang.yaml)"
                )
            ],
        )
    if not isinstance(doc.data, dict):
        raise InputError(
            doc.source,
            [
                doc.problem(
                    (),
                    (
                        "the top level must be a mapping of keys such as `name:` and `affected:`, "
                        f"not a {'list' if isinstance(doc.data, list) else 'single value'}"
                    ),
                )
            ],
        )
    try:
        breach = Breach.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(doc.source, _problems(doc, exc)) from None
    problems = cross_checks(doc, breach)
    if problems:
        raise InputError(doc.source, problems)
    return breach


def _problems(doc: Document, exc: ValidationError) -> list[Problem]:
    found: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if p != "[key]")
        kind = err["type"]
        if kind == "extra_forbidden":
            found.append(doc.problem(loc, _unknown_key(loc), key=True))
        elif kind == "missing":
            found.append(doc.problem(loc[:-1], f"`{loc[-1]}` is required" + _where(loc[:-1])))
        elif kind == "model_type":
            found.append(
                doc.problem(
                    loc, "must be a mapping of keys (`key: value`), not a single value or a list"
                )
            )
        elif kind == "list_type":
            found.append(doc.problem(loc, "must be a list (`[a, b]` or `- a` lines)"))
        elif kind == "dict_type":
            found.append(doc.problem(loc, "must be a mapping (`key: value` lines)"))
        elif kind == "too_short":
            found.append(doc.problem(loc, "must list at least one item"))
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            found.append(doc.problem(loc, f"must be one of {expected}"))
        else:
            found.append(doc.problem(loc, err["msg"]))
    found = _merge_misspelt(found)
    found.sort(key=lambda p: (p.line or 0, p.column or 0))
    return found


def _merge_misspelt(found: list[Problem]) -> list[Problem]:
    """Drop "`x` is required" where an unknown key nearby is already suggested as `x`."""
    suggested = {
        (p.field.rpartition(".")[0], p.message.split("did you mean `")[1].split("`")[0])
        for p in found
        if "did you mean `" in p.message
    }
    return [
        p
        for p in found
        if not (
            p.message.endswith(" is required" + _where_text(p.field))
            and (p.field, p.message.split("`")[1]) in suggested
        )
    ]


def _where_text(dotted_path: str) -> str:
    return f" in `{dotted_path}`" if dotted_path else ""


def _where(path: Path) -> str:
    return f" in `{'.'.join(str(p) for p in path)}`" if path else ""


def _unknown_key(loc: Path) -> str:
    name = str(loc[-1])
    allowed = _fields_at(loc[:-1])
    near = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = f"; did you mean `{near[0]}`?" if near else ""
    valid = f" (valid keys: {', '.join(allowed)})" if allowed and not near else ""
    return f"unknown key `{shown(name)}`{hint}{valid}"


def _fields_at(path: Path) -> list[str]:
    """Field names of the model found by following ``path`` from :class:`Breach`."""
    current: Any = Breach
    for part in path:
        if isinstance(part, int):
            current = _unwrap(current, want_item=True)
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _unwrap(field.annotation, want_item=False)
    current = _unwrap(current, want_item=False)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any, *, want_item: bool) -> Any:
    """Strip Optional, Annotated and (when indexing) list[...] from a type annotation."""
    for _ in range(6):
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in args if a is not type(None))
        elif origin is list and want_item:
            annotation, want_item = args[0], False
        else:
            break
    return annotation


def cross_checks(doc: Document, breach: Breach) -> list[Problem]:
    """Rules that involve more than one field, each reported at the field to change."""
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
    problems += _rate_checks(doc, breach)
    problems += _split_checks(doc, breach)
    problems += _severity_checks(doc, breach)
    if not problems:
        problems += _cost_checks(doc, breach)
    if breach.discovered and breach.disclosed and _before(breach.disclosed, breach.discovered):
        problems.append(
            doc.problem(
                ("disclosed",),
                (f"is before `discovered` ({breach.discovered}); check the two dates"),
            )
        )
    return problems


def _before(later: date | datetime, earlier: date | datetime) -> bool:
    """Two moments with UTC offsets compare as instants; a plain date compares by calendar day."""
    if isinstance(later, datetime) and isinstance(earlier, datetime):
        return later < earlier
    return _as_date(later) < _as_date(earlier)


def _as_date(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


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
    from breachcalc.lines import base_currency, fine_rule_currency

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
        if _fine_kind(code) == "none":
            continue
        rule = fine_rule_currency(code)
        given = fine.currency or rule
        if given != rule:
            needed.append((given, rule, ("fines", code, "currency")))
        if rule != base and (fine.expected is not None or fine.share_of_cap is not None):
            needed.append((rule, base, ("fines", code)))
    if breach.reporting and breach.reporting.currency != base:
        needed.append((base, breach.reporting.currency, ("reporting", "currency")))
    return needed


def _fine_kind(code: str) -> str:
    from breachcalc.refdata import fine_rules

    return str(fine_rules()[code]["kind"])


def _fine_codes() -> list[str]:
    from breachcalc.fines import known_jurisdictions

    return known_jurisdictions()


def _fine_inputs_problem(doc: Document, where: Path, fine: Any) -> Problem | None:
    """One expected fine, not two; unrelated sales no more than the turnover they are part of
    (more would make the legal maximum negative)."""
    if fine.expected is not None and fine.share_of_cap is not None:
        return doc.problem(where, "give `expected` or `share_of_cap`, not both")
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
    """Litigation needs one of its two forms; fines need a known rule, its inputs, and an
    expected amount no larger than the legal maximum."""
    from breachcalc.fines import MissingInput, fine_cap
    from breachcalc.lines import people_in
    from breachcalc.money import Money, convert
    from breachcalc.uncertain import Range

    problems: list[Problem] = []
    lit = breach.costs.litigation if breach.costs else None
    if lit is not None:
        pair = lit.per_person is not None and lit.claim_share is not None
        if (lit.lump_sum is not None) == pair or (
            lit.lump_sum is None and (lit.per_person is None) != (lit.claim_share is None)
        ):
            problems.append(
                doc.problem(
                    ("costs", "litigation"),
                    ("give either `per_person` and `claim_share`, or `lump_sum`"),
                )
            )
    known = _fine_codes()
    for code, fine in breach.fines.items():
        where: Path = ("fines", code)
        if code not in known:
            near = difflib.get_close_matches(code, known, n=1, cutoff=0.5)
            hint = f"; did you mean `{near[0]}`?" if near else ""
            problems.append(
                doc.problem(
                    where, (f"no fine rule for {code}{hint} (rules: {', '.join(known)})"), key=True
                )
            )
            continue
        wrong = _fine_inputs_problem(doc, where, fine)
        if wrong is not None:
            problems.append(wrong)
            continue
        try:
            cap = fine_cap(
                code,
                fine,
                people_in(breach, code)[0],
                tuple(breach.reporting.rates if breach.reporting else ()),
            )
        except MissingInput as exc:
            problems.append(doc.problem(where, str(exc)))
            continue
        except LookupError:
            continue  # the missing rate is reported by the rate checks
        if fine.expected is None:
            continue
        if cap.cap is None:
            top = fine.expected.high if isinstance(fine.expected, Range) else fine.expected
            if top:
                problems.append(
                    doc.problem(
                        (*where, "expected"),
                        (f"{code} has no administrative fine ({cap.note}); remove `expected`"),
                    )
                )
            continue
        top = fine.expected.high if isinstance(fine.expected, Range) else fine.expected
        try:
            top_money = convert(
                Money(top, fine.currency or cap.cap.currency),
                cap.cap.currency,
                tuple(breach.reporting.rates if breach.reporting else ()),
            )
        except LookupError:
            continue
        if top_money.amount > cap.cap.amount:
            what = "the range's `high`" if isinstance(fine.expected, Range) else "it"
            problems.append(
                doc.problem(
                    (*where, "expected"),
                    (
                        f"expected fine above the legal maximum: {what} is {top_money.amount:,} "
                        f"{cap.cap.currency}, the maximum is {cap.cap.amount:,} {cap.cap.currency} "
                        f"({cap.basis})"
                    ),
                )
            )
    return problems


def _split_checks(doc: Document, breach: Breach) -> list[Problem]:
    counted = {code: n for code, n in breach.jurisdictions.items() if n is not None}
    total = sum(counted.values())
    if total > breach.affected:
        parts = " + ".join(f"{n:,} {code}" for code, n in counted.items())
        return [
            doc.problem(
                ("jurisdictions",),
                (f"the split ({parts} = {total:,}) exceeds `affected` ({breach.affected:,})"),
            )
        ]
    return []


def _severity_checks(doc: Document, breach: Breach) -> list[Problem]:
    """DPC factors on exposed categories, in the factor's direction; notified dates in order."""
    from breachcalc.refdata import catalogue
    from breachcalc.severity import class_scores, factor_raises

    problems: list[Problem] = []
    cats = catalogue().categories
    seen: set[str] = set()
    for index, item in enumerate(breach.dpc_factors):
        where: Path = ("dpc_factors", index)
        label = cats[item.category].label.lower()
        if item.category not in breach.data_categories:
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
        if raises and item.score <= basic:
            problems.append(
                doc.problem(
                    (*where, "score"),
                    f"`{item.factor}` raises the score: {label} is {enisa_class} (basic "
                    f"{basic}), so `score` must be above {basic}, at most 4",
                )
            )
        if not raises and item.score >= basic:
            problems.append(
                doc.problem(
                    (*where, "score"),
                    f"`{item.factor}` lowers the score: {label} is {enisa_class} (basic "
                    f"{basic}), so `score` must be below {basic}, at least 1",
                )
            )
    for code, when in breach.notified.items():
        if code not in breach.jurisdictions:
            problems.append(
                doc.problem(
                    ("notified", code),
                    f"{code} is not among `jurisdictions`; add it there or drop this date",
                )
            )
        elif breach.discovered and _as_date(when) < _as_date(breach.discovered):
            problems.append(
                doc.problem(
                    ("notified", code),
                    f"is before `discovered` ({breach.discovered}); check the two dates",
                )
            )
    return problems
