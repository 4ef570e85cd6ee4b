"""The breach description: what an input file may say, as pydantic models.

Field types are strict on purpose: a person who writes ``affected: yes`` or ``amount: "5,000"``
gets told so rather than having the value coerced. Every refusal message says what would be
valid. Checks that involve several fields (a rate for every currency, a split that does not
exceed the total) live in :func:`breachcalc.input.checks.cross_checks`, which can name the exact
field that is wrong.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from breachcalc import limits
from breachcalc.errors import cut, shown
from breachcalc.input.values import Range, Rate
from breachcalc.reference.tables import catalogue, currency_minor_units

_ERR = "breachcalc"


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError(_ERR, message)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, str):
        return f"text ({shown(value)!r})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, Decimal):
        return str(value)  # as a number, not Python's Decimal('1.5')
    return repr(value)


def _number(value: Any, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        hint = ""
        if isinstance(value, str) and any(ch.isdigit() for ch in value):
            stripped = value.strip().replace(",", "").replace(" ", "")
            if stripped.endswith("%"):
                hint = "; write a share as a decimal, e.g. 0.4 for 40%"
            else:
                hint = "; write digits without quotes or commas, e.g. 33700000 or 33_700_000"
        raise _fail(f"must be {what}, not {_describe(value)}{hint}")
    number = Decimal(value)
    if not number.is_finite():
        raise _fail(f"must be {what}, not {value}")
    if number.is_zero():
        number = number.copy_abs()  # -0 and -0.0 are zero, not a negative amount to print
    return number


def _count(value: Any) -> int:
    number = _number(value, "a whole number")
    if number != number.to_integral_value():
        raise _fail(f"must be a whole number, not {value} (people and accounts are counted whole)")
    if number < 0:
        raise _fail(f"must be 0 or more, not {value}")
    if number > limits.MAX_AFFECTED:
        raise _fail(f"must be at most {limits.MAX_AFFECTED:,} (limit MAX_AFFECTED), not {value}")
    return int(number)


def _amount(value: Any) -> Decimal:
    number = _number(value, "an amount of money")
    if number < 0:
        raise _fail(f"must be 0 or more, not {value}")
    if number > limits.MAX_AMOUNT:
        raise _fail(f"must be at most {limits.MAX_AMOUNT:,} (limit MAX_AMOUNT), not {value}")
    return number


def _share(value: Any) -> Decimal:
    number = _number(value, "a share from 0 to 1")
    if not 0 <= number <= 1:
        hint = f" (for {value}% write {number / 100})" if 1 < number <= 100 else ""
        raise _fail(f"must be a share from 0 to 1, not {value}{hint}")
    return number


def _currency(value: Any) -> str:
    if not isinstance(value, str):
        raise _fail(f"must be an ISO 4217 currency code such as KRW or USD, not {_describe(value)}")
    code = value.strip().upper()
    known = currency_minor_units()
    if code not in known:
        near = difflib.get_close_matches(code, known, n=1, cutoff=0.6)
        hint = f"; did you mean `{near[0]}`?" if near else ""
        raise _fail(f"unknown ISO 4217 currency code {cut(value)!r}{hint}")
    return code


def _category(value: Any) -> str:
    if not isinstance(value, str):
        raise _fail(
            f"must be a data category name such as `names` or `email`, not {_describe(value)}"
        )
    cat = catalogue().lookup(value)
    if cat is None:
        near = difflib.get_close_matches(
            value.strip().lower(), catalogue().names(), n=1, cutoff=0.6
        )
        hint = f"; did you mean `{near[0]}`?" if near else ""
        raise _fail(
            f"unknown data category {cut(value)!r}{hint} (`breachcalc categories` lists them)"
        )
    return cat.key


def _rate(value: Any) -> Rate:
    if isinstance(value, Rate):
        return value
    if not isinstance(value, str):
        hint = ""
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            hint = (
                "; inside [ ] a comma separates items, so `[1,440 KRW = 1 USD]` is split in "
                "two: quote the rate or put it on its own `- ` line"
            )
        raise _fail(
            f"must be an exchange rate written as an equation such as "
            f"`1 USD = 1,440 KRW`, not {_describe(value)}{hint}"
        )
    try:
        return Rate.parse(value)
    except ValueError as exc:
        raise _fail(str(exc)) from None


def _when(value: Any) -> date | datetime:
    if not isinstance(value, str):
        raise _fail(
            f"must be a date such as 2025-11-18 (or 2025-11-18T09:30+09:00), not {_describe(value)}"
        )
    text = value.strip()
    try:
        day = date.fromisoformat(text) if len(text) == 10 else None
        moment = datetime.fromisoformat(text) if day is None else None
    except ValueError:
        raise _fail(
            f"{cut(value)!r} is not a date; write YYYY-MM-DD, e.g. 2025-11-18, or a date "
            "and time with its UTC offset, e.g. 2025-11-18T09:30+09:00"
        ) from None
    if day is not None:
        return _in_range(day, value)
    assert moment is not None
    if moment.tzinfo is None:
        raise _fail(f"{cut(value)!r} has a time but no UTC offset; add one, e.g. +09:00 or Z")
    _in_range(moment.date(), value)
    return moment


FIRST_YEAR, LAST_YEAR = 1900, 2999
"""Dates breachcalc accepts: deadlines counted from a date near 9999 would leave the calendar."""


def _in_range(day: date, value: str) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise _fail(
            f"{cut(value)!r} is outside the years {FIRST_YEAR} to {LAST_YEAR} that breachcalc "
            "accepts"
        )
    return day


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _fail(f"must be text, not {_describe(value)}; quote it if it looks like a number")
    if not value.strip():
        raise _fail("must not be empty")
    return value


def _jurisdiction(value: Any) -> str:
    if not isinstance(value, str):
        raise _fail(f"must be a jurisdiction code such as KR, EU or US-CA, not {_describe(value)}")
    code = value.strip().upper()
    parts = code.split("-")
    if not (
        len(parts[0]) == 2
        and parts[0].isalpha()
        and len(parts) <= 2
        and all(p.isalnum() and 1 <= len(p) <= 6 for p in parts)
    ):
        raise _fail(
            f"{cut(value)!r} is not a jurisdiction code; use an ISO 3166 country code (KR, "
            "TW), a region (US-CA) or a regime (EU, US-HIPAA)"
        )
    return code


def _jurisdictions(value: Any) -> Any:
    if isinstance(value, list):
        for number, item in enumerate(value, 1):
            if not isinstance(item, str):
                raise _fail(
                    f"item {number} must be a jurisdiction code such as KR, EU or US-CA, "
                    f"not {_describe(item)}"
                )
        _no_two_alike(value)
        return dict.fromkeys(value)
    if not isinstance(value, dict):
        raise _fail(
            "must be a list of codes ([KR, TW]) or a mapping of code to affected "
            f"count ({{KR: 33500000}}), not {_describe(value)}"
        )
    _no_two_alike(list(value))
    return value


def _fine_codes_once(value: Any) -> Any:
    if isinstance(value, dict):
        _no_two_alike(list(value))
    return value


def _no_two_alike(codes: list[Any]) -> None:
    """Refuse two codes that name the same jurisdiction (``KR`` and ``kr``, or ``KR`` twice):
    one would silently replace the other."""
    seen: dict[str, Any] = {}
    for code in codes:
        if not isinstance(code, str):
            continue
        same = code.strip().upper()
        if same in seen:
            first = seen[same]
            twice = (
                f"`{shown(code)}` twice"
                if first == code
                else f"`{shown(first)}` and `{shown(code)}`"
            )
            raise _fail(f"{twice}: the same jurisdiction, {same}; give it once")
        seen[same] = code


_RANGE_KEYS = ("low", "likely", "high", "distribution")


def _uncertain(number: Callable[[Any], Decimal], what: str) -> Callable[[Any], Decimal | Range]:
    """Validator for a number that may also be a range (see :mod:`~breachcalc.domain.ranges`)."""

    def validate(value: Any) -> Decimal | Range:
        if isinstance(value, Range):
            return value
        if not isinstance(value, dict):
            return number(value)
        unknown = [k for k in value if k not in _RANGE_KEYS]
        if unknown:
            near = difflib.get_close_matches(str(unknown[0]), _RANGE_KEYS, n=1, cutoff=0.6)
            hint = f"; did you mean `{near[0]}`?" if near else ""
            raise _fail(
                f"unknown key `{shown(str(unknown[0]))}` in a range{hint} (a range has low, "
                "likely, high and, with only low and high, distribution: lognormal or uniform)"
            )
        return _range_from_mapping(value, number)

    validate.__name__ = f"uncertain_{what}"
    return validate


def _range_from_mapping(value: dict[str, Any], number: Callable[[Any], Decimal]) -> Range:
    """A validated :class:`Range` from ``{low, likely, high}`` or ``{low, high, distribution}``."""
    for key in ("low", "high"):
        if key not in value:
            raise _fail(f"a range needs `{key}` (write {{low: …, likely: …, high: …}})")
    bounds: dict[str, Decimal] = {}
    for key in ("low", "likely", "high"):
        if key in value:
            try:
                bounds[key] = number(value[key])
            except PydanticCustomError as exc:
                raise _fail(f"range `{key}` {exc.message()}") from None
    low, high = bounds["low"], bounds["high"]
    if high <= low:
        raise _fail(
            f"range `high` ({high}) must be above `low` ({low}); for an exact "
            "value write the number alone"
        )
    distribution = value.get("distribution")
    likely = bounds.get("likely")
    if likely is not None:
        if distribution not in (None, "pert"):
            raise _fail(
                f"a range with `likely` is PERT; drop `distribution: {distribution}` "
                "or drop `likely`"
            )
        if not low <= likely <= high:
            raise _fail(
                f"range `likely` ({likely}) must lie between `low` ({low}) and `high` ({high})"
            )
        return Range(low, likely, high, "pert")
    if distribution not in ("lognormal", "uniform"):
        raise _fail(
            "a range with only `low` and `high` must say how to read them: "
            "`distribution: lognormal` (low and high are the 5th and 95th percentiles) or "
            "`distribution: uniform` (every value between equally likely); or add `likely` "
            "for PERT"
        )
    if distribution == "lognormal" and low <= 0:
        raise _fail(f"a lognormal range needs `low` above 0 (got {low})")
    return Range(low, None, high, distribution)


def _range_schema(number: dict[str, Any]) -> WithJsonSchema:
    return WithJsonSchema(
        {
            "anyOf": [
                number,
                {
                    "type": "object",
                    "properties": {
                        "low": number,
                        "likely": number,
                        "high": number,
                        "distribution": {"enum": ["pert", "lognormal", "uniform"]},
                    },
                    "required": ["low", "high"],
                    "additionalProperties": False,
                },
            ]
        }
    )


def _schema(json_type: str, **extra: Any) -> WithJsonSchema:
    return WithJsonSchema({"type": json_type, **extra})


def _any_case(word: str) -> str:
    """A regular expression for ``word`` in any case, its underscores as any run of spaces,
    hyphens or underscores (as the tool reads names; JSON Schema patterns have no flags)."""
    out = []
    for char in word:
        if char.isalpha():
            out.append(f"[{char.lower()}{char.upper()}]")
        elif char == "_":
            out.append("[ _-]+")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _one_of_names(names: list[str]) -> str:
    """``^\\s*(?:a|b|...)\\s*$`` over the names, longest first, any case."""
    alternatives = "|".join(_any_case(n) for n in sorted(set(names), key=lambda n: (-len(n), n)))
    return rf"^\s*(?:{alternatives})\s*$"


class _Deferred:
    """A JSON Schema built only when a schema is asked for (``breachcalc schema input``): the
    name patterns below cost milliseconds that every run would otherwise pay at start-up."""

    __slots__ = ("build",)

    def __init__(self, build: Callable[[], dict[str, Any]]) -> None:
        self.build = build

    def __get_pydantic_json_schema__(self, _core: Any, _handler: Any) -> dict[str, Any]:
        return self.build()


@cache
def _category_json() -> dict[str, Any]:
    return {
        "type": "string",
        "pattern": _one_of_names(catalogue().names()),
        "description": "a name from `breachcalc categories` (a key or an alias, any case)",
    }


@cache
def _currency_json() -> dict[str, Any]:
    return {
        "type": "string",
        "pattern": _one_of_names(list(currency_minor_units())),
        "description": "an ISO 4217 currency code (any case)",
    }


def _category_entry_json() -> dict[str, Any]:
    return {
        "anyOf": [
            _category_json(),
            {
                "type": "object",
                "properties": {
                    "category": _category_json(),
                    "affected": {"type": "integer", "minimum": 0},
                },
                "required": ["category", "affected"],
                "additionalProperties": False,
            },
        ]
    }


def _fine_codes_json(schema: dict[str, Any]) -> None:
    from breachcalc.reference.tables import fine_rules

    schema["propertyNames"] = {"type": "string", "pattern": _one_of_names(list(fine_rules()))}


JURISDICTION_PATTERN = r"^\s*[A-Za-z]{2}(?:-[A-Za-z0-9]{1,6})?\s*$"
"""A jurisdiction code as the tool reads it: ISO 3166 (KR), a region (US-CA), a regime."""


Count = Annotated[int, BeforeValidator(_count), _schema("integer", minimum=0)]
Amount = Annotated[Decimal, BeforeValidator(_amount), _schema("number", minimum=0)]
UAmount = Annotated[
    Decimal | Range,
    PlainValidator(_uncertain(_amount, "amount")),
    _range_schema({"type": "number", "minimum": 0}),
]
"""An amount of money, exact or a range."""
UShare = Annotated[
    Decimal | Range,
    PlainValidator(_uncertain(_share, "share")),
    _range_schema({"type": "number", "minimum": 0, "maximum": 1}),
]
"""A share from 0 to 1, exact or a range."""
Currency = Annotated[str, BeforeValidator(_currency), _Deferred(_currency_json)]
CategoryName = Annotated[str, BeforeValidator(_category), _Deferred(_category_json)]
ExchangeRate = Annotated[
    Rate,
    BeforeValidator(_rate),
    _schema(
        "string",
        pattern=r"^\s*[0-9][0-9,_.]*\s*[A-Za-z]{3}\s*=\s*[0-9][0-9,_.]*\s*[A-Za-z]{3}\s*$",
        examples=["1 USD = 1,440 KRW"],
    ),
]
When = Annotated[
    date | datetime,
    BeforeValidator(_when),
    _schema("string", description="YYYY-MM-DD, or ISO 8601 with offset"),
]
Text = Annotated[str, BeforeValidator(_text), _schema("string", minLength=1)]


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _fail(f"must be true or false, not {_describe(value)}")


StrictBool = Annotated[bool, PlainValidator(_boolean), _schema("boolean")]
"""``true`` or ``false`` only: ``yes``, ``on``, ``"true"`` and ``1`` are refused."""
JurisdictionCode = Annotated[
    str,
    BeforeValidator(_jurisdiction),
    _schema("string", pattern=JURISDICTION_PATTERN, examples=["KR", "EU", "US-CA"]),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Voucher(_Strict):
    """One part of the compensation each person is offered (a voucher, a credit, cash)."""

    label: Text | None = Field(default=None, description="what the part is, e.g. `Coupang Eats`")
    amount: UAmount = Field(description="face value per person")
    currency: Currency | None = Field(default=None, description="defaults to compensation.currency")
    redemption: UShare = Field(
        default=Decimal(1), description="share of the face value expected to be used, 0 to 1"
    )


class Compensation(_Strict):
    """What each affected person is offered: one ``amount``, or several ``vouchers``."""

    currency: Currency = Field(description="the currency the offer is made in")
    amount: UAmount | None = Field(default=None, description="a single amount per person")
    redemption: UShare | None = Field(
        default=None, description="with `amount`: share expected to be used (default 1)"
    )
    vouchers: list[Voucher] | None = Field(
        default=None, description="several parts per person, each with its own amount"
    )
    note: Text | None = None


class Monitoring(_Strict):
    """Credit or identity monitoring: people × enrolment share × price per month × months."""

    category: CategoryName | None = Field(
        default=None,
        description="offered only to the people whose data of this category was exposed (its "
        "own `affected` count in data_categories); default: everyone affected",
    )
    enrolment: UShare = Field(description="share of the affected who enrol, 0 to 1")
    price_per_month: UAmount = Field(description="price per enrolled person per month")
    months: Count = Field(description="months of monitoring offered")


class Notification(_Strict):
    """Notices sent: notices × cost per notice (notices default to the number affected)."""

    per_notice: UAmount = Field(description="cost of one notice")
    notices: Count | None = Field(default=None, description="default: `affected`")


class IncidentResponse(_Strict):
    """Forensics, legal advice, call centre: one amount."""

    amount: UAmount


class Litigation(_Strict):
    """Litigation or settlement: people × claim share × amount per claimant, or a lump sum."""

    per_person: UAmount | None = Field(default=None, description="amount per claimant")
    claim_share: UShare | None = Field(default=None, description="share of the affected who claim")
    lump_sum: UAmount | None = Field(default=None, description="instead of the two above")


class LostBusiness(_Strict):
    """Customers lost: customers × churned share × margin per customer."""

    customers: Count = Field(description="customers at risk (e.g. active customers)")
    churn: UShare = Field(description="share of them lost because of the breach")
    margin_per_customer: UAmount = Field(description="margin lost per lost customer")


class CostLine(_Strict):
    """A cost line of the user's own: money that is not a statutory cap (US federal or state
    enforcement, payments to banks and card brands, a settlement), per person or a lump sum."""

    label: Text = Field(description="what the money is, e.g. `FTC and state attorneys general`")
    kind: Literal["enforcement", "card_brand_payments", "settlement", "other"] = Field(
        description="regulatory enforcement, payments to banks and card brands, a settlement, "
        "or other"
    )
    jurisdiction: JurisdictionCode | None = Field(
        default=None, description="where it applies; per-person lines then count its people"
    )
    per_person: UAmount | None = Field(default=None, description="an amount per person")
    amount: UAmount | None = Field(default=None, description="a lump sum, instead of per person")
    category: CategoryName | None = Field(
        default=None,
        description="per person only for the people whose data of this category leaked",
    )
    currency: Currency | None = Field(default=None, description="default: the costs' currency")
    source: Text | None = Field(default=None, description="where the figure comes from")


class Costs(_Strict):
    """Cost lines beyond compensation, each optional, all in one currency."""

    currency: Currency | None = Field(
        default=None, description="default: the compensation currency"
    )
    monitoring: Monitoring | None = None
    notification: Notification | None = None
    incident_response: IncidentResponse | None = None
    litigation: Litigation | None = None
    lost_business: LostBusiness | None = None
    lines: list[CostLine] = Field(
        default_factory=list, description="your own lines: enforcement, card brands, settlements"
    )


class Fine(_Strict):
    """A regulatory fine (or statutory damages) in one jurisdiction: the inputs its legal maximum
    needs, and the expected amount as an amount or a share of that maximum."""

    currency: Currency | None = Field(
        default=None, description="currency of the amounts below; default: the rule's own"
    )
    turnover: Amount | None = Field(
        default=None, description="the turnover or sales figure the rule is based on"
    )
    unrelated_turnover: Amount | None = Field(
        default=None, description="KR: sales unrelated to the violation, deducted"
    )
    related_turnover: Amount | None = Field(
        default=None,
        description="KR before 15 Sep 2023: revenue related to the violation (else turnover less "
        "unrelated turnover)",
    )
    benefit: Amount | None = Field(default=None, description="AU: benefit obtained")
    tier: Literal["standard", "higher"] | None = Field(
        default=None, description="EU/UK: standard (Art. 83(4)) or higher (Art. 83(5))"
    )
    expected: UAmount | None = Field(default=None, description="expected fine, an amount")
    share_of_cap: UShare | None = Field(
        default=None, description="expected fine as a share of the legal maximum"
    )


class Revenue(_Strict):
    """Annual revenue, to show the exposure as a share of it."""

    annual: Amount
    currency: Currency | None = Field(default=None, description="default: the breach currency")
    note: Text | None = None


class Reporting(_Strict):
    """The currency the user reports in, and the rates that get there."""

    currency: Currency
    rates: list[ExchangeRate] = Field(
        default_factory=list, description="exchange rates as equations, e.g. `38 USD = 55000 KRW`"
    )


class Circumstances(_Strict):
    """ENISA's circumstances of the breach (CB): each element by name, and malicious intent."""

    confidentiality: Literal["none", "known_recipients", "unknown_recipients"] = Field(
        description=(
            "none: exposed, no evidence of access; known_recipients: a known or limited number "
            "of recipients; unknown_recipients: an unknown number"
        )
    )
    integrity: Literal["none", "recoverable", "not_recoverable"] = Field(
        description="none: not altered or recovered; recoverable / not_recoverable: altered"
    )
    availability: Literal["none", "temporary", "permanent"] = Field(
        description="none: recoverable without difficulty; temporary; permanent"
    )
    malicious: StrictBool = Field(description="true for theft, hacking, sale; false for an error")
    from_outside: StrictBool | None = Field(
        default=None, description="optional: unauthorised access from outside (KR test)"
    )


class DpcFactor(_Strict):
    """An ENISA contextual factor that moves one category's DPC score, with the reason."""

    category: CategoryName = Field(description="one of the file's data_categories")
    factor: Literal["volume", "controller", "individuals", "invalid", "public", "nature"] = Field(
        description=(
            "volume, controller, individuals raise the score; invalid, public, nature lower it"
        )
    )
    score: Annotated[int, Field(ge=1, le=4, strict=True)] = Field(
        description="the category's DPC score after the factor, 1 to 4"
    )
    reason: Text = Field(description="why the factor applies")


class Identification(_Strict):
    """An override of ENISA's ease of identification (EI), with the reason."""

    level: Literal["negligible", "limited", "significant", "maximum"]
    reason: Text = Field(description="why identification is this easy or hard")


class CategoryPart(_Strict):
    """A data category exposed for part of the people only."""

    category: CategoryName
    affected: Count = Field(description="people (or accounts) whose data of this category leaked")


def _category_entry(value: Any) -> Any:
    """A plain name stays a name; a mapping is a :class:`CategoryPart`."""
    return value if isinstance(value, dict | CategoryPart) else _category(value)


CategoryEntry = Annotated[
    str | CategoryPart,
    BeforeValidator(_category_entry),
    _Deferred(_category_entry_json),
]


class Breach(_Strict):
    """A personal-data breach, as described in one input file."""

    name: Text
    description: Text | None = None
    affected: Count = Field(description="number of people (or accounts) affected")
    affected_unit: Literal["people", "accounts"] = Field(
        default="people", description="what `affected` counts"
    )
    data_categories: Annotated[list[CategoryEntry], Field(min_length=1)] = Field(
        description="kinds of personal data exposed (`breachcalc categories`); "
        "`{category: KEY, affected: N}` for a category exposed for part of the people"
    )
    compensation: Compensation | None = None
    reporting: Reporting | None = Field(
        default=None, description="defaults to the compensation currency"
    )
    occurred: When | None = Field(
        default=None,
        description="when the breach happened (or began); it picks the law of the day, else "
        "`discovered` does",
    )
    discovered: When | None = None
    disclosed: When | None = None
    jurisdictions: Annotated[
        dict[JurisdictionCode, Count | None],
        BeforeValidator(_jurisdictions),
        WithJsonSchema(
            {
                "anyOf": [
                    {
                        "type": "array",
                        "items": {"type": "string", "pattern": JURISDICTION_PATTERN},
                    },
                    {
                        "type": "object",
                        "propertyNames": {"pattern": JURISDICTION_PATTERN},
                        "additionalProperties": {
                            "anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]
                        },
                    },
                ]
            }
        ),
    ] = Field(
        default_factory=dict, description="codes, or code → affected count where the split is known"
    )
    costs: Costs | None = None
    fines: Annotated[
        dict[JurisdictionCode, Fine],
        BeforeValidator(_fine_codes_once),
    ] = Field(
        default_factory=dict,
        description="jurisdiction code → fine inputs",
        json_schema_extra=_fine_codes_json,
    )
    revenue: Revenue | None = None
    sources: list[Text] = Field(default_factory=list, description="citations for the figures")
    circumstances: Circumstances | None = Field(
        default=None, description="ENISA circumstances of the breach (CB); without it CB is 0"
    )
    dpc_factors: list[DpcFactor] = Field(
        default_factory=list, description="ENISA contextual factors that move a category's DPC"
    )
    ease_of_identification: Identification | None = Field(
        default=None, description="override the EI derived from the categories, with a reason"
    )
    probability: Annotated[
        Decimal, BeforeValidator(_share), _schema("number", minimum=0, maximum=1)
    ] = Field(
        default=Decimal(1),
        description="chance the scenario happens in a year (portfolio); 1: it happened",
    )
    insurance: Annotated[
        Any,
        WithJsonSchema({"type": "object", "description": "a cyber policy (docs/insurance.md)"}),
    ] = Field(default=None, description="a cyber policy applied to this breach (docs/insurance.md)")
    notified: dict[JurisdictionCode, When] = Field(
        default_factory=dict, description="jurisdiction code → date the regulator was notified"
    )

    @property
    def category_keys(self) -> list[str]:
        """The exposed categories' canonical keys, each once, in the file's order."""
        keys = [e.category if isinstance(e, CategoryPart) else e for e in self.data_categories]
        return list(dict.fromkeys(keys))

    @property
    def category_counts(self) -> dict[str, int]:
        """Category key → its own count, for categories exposed for part of the people."""
        return {e.category: e.affected for e in self.data_categories if isinstance(e, CategoryPart)}

    def people_with(self, key: str) -> int:
        """People whose data of category ``key`` was exposed (its own count, else everyone)."""
        return self.category_counts.get(key, self.affected)
