"""The field types of an input file: validators, refusal messages and JSON Schema builders.

Field types are strict on purpose: a person who writes ``affected: yes`` or ``amount: "5,000"``
gets told so rather than having the value coerced. Every refusal message says what would be
valid. The models that use them are in :mod:`breachcalc.input.breach` and
:mod:`breachcalc.input.policy`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainValidator,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from breachcalc import limits
from breachcalc.errors import InputError, Problem, cut, did_you_mean, shown
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
        from breachcalc.reference.history import yearly_rates

        common = {"USD", *(c for c, _year in yearly_rates())}  # the currencies of the history
        hint = did_you_mean(code, known, first=common)
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
        rate = Rate.parse(value)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    known = currency_minor_units()
    for code in (rate.left_currency, rate.right_currency):
        if code not in known:
            near = difflib.get_close_matches(code, known, n=1, cutoff=0.6)
            hint = f"; did you mean `{near[0]}`?" if near else ""
            raise _fail(
                f"exchange rate {cut(value)!r}: unknown ISO 4217 currency code {code!r}{hint}"
            )
    return rate


def _when(value: Any) -> date | datetime:
    if isinstance(value, datetime):  # from Python code (the API); a file gives text
        if value.tzinfo is None:
            raise _fail(f"{value.isoformat()} has a time but no UTC offset; give it a tzinfo")
        _in_range(value.date(), value.isoformat())
        return value
    if isinstance(value, date):
        return _in_range(value, value.isoformat())
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
    code = _canonical(value)
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


def _canonical(code: str) -> str:
    """``gb`` → ``UK``: upper case, and the code breachcalc uses for another code of the same
    jurisdiction (data/jurisdictions.toml ``[alias]``)."""
    from breachcalc.reference.tables import jurisdiction_aliases

    upper = code.strip().upper()
    return jurisdiction_aliases().get(upper, upper)


def _jurisdictions(value: Any) -> Any:
    if isinstance(value, dict) and any(isinstance(v, dict) for v in value.values()):
        value = _flatten(value)
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


def country_of(code: str) -> str:
    """The country or union ``code`` sits inside (``US`` for ``US-CA``, ``EU`` for ``DE``), or
    "" for a code at the top."""
    from breachcalc.reference.tables import jurisdiction_tree

    place = jurisdiction_tree().get(code)
    if place is not None:
        return place.parent
    return code.split("-", maxsplit=1)[0] if "-" in code else ""


def _flatten(value: dict[Any, Any]) -> dict[Any, Any]:
    """``{US: {affected: 18_000_000, US-CA: 2_000_000}}`` → ``{US: 18_000_000, US-CA:
    2_000_000}``: a country with its sub-jurisdictions nested inside it, read as one list in
    which each sub-jurisdiction's people are part of its country's (checked later)."""
    flat: dict[Any, Any] = {}
    every: list[Any] = []
    for code, entry in value.items():
        if not isinstance(entry, dict):
            flat[code] = entry
            every.append(code)
            continue
        flat[code] = entry.get("affected")
        every.append(code)
        for child, count in entry.items():
            if child == "affected":
                continue
            if not isinstance(child, str) or country_of(_canonical(child)) != _canonical(str(code)):
                raise _fail(
                    f"`{shown(str(child))}` inside `{shown(str(code))}`: give `affected` and the "
                    f"sub-jurisdictions of {shown(str(code))} (US-CA inside US, DE inside EU), "
                    "each with its count"
                )
            flat[child] = count
            every.append(child)
    _no_two_alike(every)
    return flat


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
        same = _canonical(code)
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
        elif char in _SYNTAX_CHARACTERS:
            out.append("\\" + char)
        else:  # a literal in every dialect; escaping `-` or a space is an error in ECMA-262
            out.append(char)
    return "".join(out)


_SYNTAX_CHARACTERS = frozenset("^$\\.*+?()[]{}|/")
"""The characters a JSON Schema pattern (ECMA-262, read by ajv with the `u` flag) escapes; an
escape of any other character is a syntax error there, though Python accepts it."""


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


def new_list() -> list[Any]:
    """A new empty list: a field's ``default_factory`` (pydantic reads a factory's signature,
    and a builtin's, ``list``'s, only by tokenizing its text: ~3 ms of every start-up)."""
    return []


def new_dict() -> dict[Any, Any]:
    """A new empty mapping: a field's ``default_factory`` (see :func:`new_list`)."""
    return {}


class _Strict(BaseModel):
    """An input model: unknown keys refused, frozen. Its validator is built on first use
    (``defer_build``): validating a Breach builds its nested models' schemas once, inside
    its own, instead of each model building its own at import as well."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, arbitrary_types_allowed=True, defer_build=True
    )


RAW_ERRORS = {"raw_errors": True}
"""``model_validate(..., context=RAW_ERRORS)``: pydantic's own ValidationError, for the loader,
which locates each problem in the file."""


def located(
    cls: type[BaseModel], data: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
) -> Any:
    """Validate with ``handler``; a refusal is an :class:`~breachcalc.errors.InputError` whose
    problems name their field paths (``compensation.vouchers.0.amount``), as from a file, for
    models built in Python (``Breach(...)``)."""
    try:
        return handler(data)
    except ValidationError as error:
        if info.context and info.context.get("raw_errors"):
            raise
        problems = [
            Problem(
                str(e["msg"]),
                field=".".join(str(p) for p in e["loc"] if p != "[key]"),
            )
            for e in error.errors(include_url=False)
        ]
        raise InputError(cls.__name__, problems) from None


class _Located(_Strict):
    """An input model a program may build itself (``Breach(...)``, ``Policy(...)``): a refusal
    is an :class:`~breachcalc.errors.InputError` naming field paths (:func:`located`)."""

    @model_validator(mode="wrap")
    @classmethod
    def refusals_located(
        cls, data: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
    ) -> Any:
        """``Breach(...)`` or ``Policy(...)`` in Python refuses with an InputError naming field
        paths."""
        return located(cls, data, handler, info)
