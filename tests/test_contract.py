"""The one serializer and schema generator (breachcalc.render.json and breachcalc.render.schemas), and the declarations
the result types make with breachcalc.contract."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import jsonschema
import pytest

from breachcalc.contract import computed, hidden, out, result
from breachcalc.domain.assessment import Assessment
from breachcalc.domain.money import Money
from breachcalc.render.json import ContractError, document, entries
from breachcalc.render.schemas import schema


def _halve(value: Decimal) -> Decimal:
    return value / 2


@result
class Sample:
    """A sample result type.

    More text that the schema leaves out.
    """

    JSON_GROUPS = {"inner": "A nested group."}  # noqa: RUF012

    name: str = out("Its name.", key="title")
    scratch: int = hidden()
    low: int = out("Low.", key="inner.low")
    high: int = out("High.", key="inner.high")
    amount: Decimal = out("An amount in `currency`.", money_in="currency")
    half: Decimal = out("Half of it.", encode=_halve)
    when: date | None = out("A day, or null.")
    currency: str = out("The currency.", default="USD", after="name")

    @property
    @computed("The width of the range.", after="high")
    def width(self) -> int:
        return self.high - self.low


def sample() -> Sample:
    return Sample("s", 9, 2, 5, Decimal("1.005"), Decimal(3), date(2025, 11, 18), "USD")


def test_a_document_follows_the_declarations_in_order():
    # worked by hand: the key order is the declaration order, with `currency` moved after
    # `name` (written as `title`) and the computed width after `high`
    assert document(sample()) == {
        "title": "s",
        "currency": "USD",
        "inner": {"low": 2, "high": 5},
        "amount": {"amount": Decimal("1.01"), "currency": "USD"},  # half away from zero
        "half": Decimal("1.5"),
        "when": "2025-11-18",
        "width": 3,
    }
    assert list(document(sample())) == [
        "title",
        "currency",
        "inner",
        "width",
        "amount",
        "half",
        "when",
    ]


def test_money_is_rounded_by_the_currency_minor_unit_only_when_written():
    assert document(Money(Decimal("166.5"), "JPY")) == {"amount": Decimal(167), "currency": "JPY"}
    assert document(Money(Decimal("0.0005"), "BHD")) == {
        "amount": Decimal("0.001"),
        "currency": "BHD",
    }


def test_the_schema_describes_every_key_and_validates_the_document():
    found = schema(Sample, "sample")
    assert found["description"] == "A sample result type."
    assert found["required"] == list(document(sample()))
    assert found["properties"]["inner"]["description"] == "A nested group."
    assert found["properties"]["amount"]["$ref"] == "#/$defs/Money"
    assert found["properties"]["half"]["type"] == "number"
    jsonschema.validate(_plain(document(sample())), found)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**_plain(document(sample())), "width": "3"}, found)


def test_an_undeclared_field_is_refused():
    @dataclass(frozen=True)
    class Loose:
        name: str

    with pytest.raises(ContractError, match=r"Loose\.name says neither"):
        document(Loose("x"))


def test_a_float_never_reaches_the_json():
    @result
    class Inexact:
        """Has a float."""

        share: float = out("A share.")

    with pytest.raises(ContractError, match="float"):
        document(Inexact(0.1))


def test_every_key_of_the_assess_schema_has_a_description():
    found = schema(Assessment, "assess")
    missing = [path for path, node in _properties(found) if not node.get("description")]
    assert missing == []
    # every result type reachable from the assessment declares every field
    for name in found["$defs"]:
        assert found["$defs"][name]["description"], name


def test_the_assess_document_has_the_keys_its_type_declares():
    from breachcalc.api import assess, load_breach
    from breachcalc.render.json import assessment_document

    # the versions come first, as in every command's document, then the type's own keys
    keys = list(assessment_document(assess(load_breach("examples/clinic-small.yaml"))))
    assert keys[2:] == [entry.path[0] for entry in entries(Assessment)]
    assert keys == [
        "schema_version",
        "breachcalc_version",
        "breach",
        "law_of_the_day",
        "compensation",
        "exposure",
        "severity",
        "notifications",
        "history",
        "insurance",
    ]


def _properties(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for key, child in node.get("properties", {}).items():
            found.append((f"{path}.{key}", child))
            found.extend(_properties(child, f"{path}.{key}"))
        for key, child in node.get("$defs", {}).items():
            found.extend(_properties(child, f"$defs.{key}"))
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    return value


@result
class Inner:
    """Inner facts."""

    label: str = out("A label.")
    amount: Decimal = out("An amount.", money_in="currency")
    currency: str = hidden()


@result
class Outer:
    """Inner facts, flattened, and one more key."""

    inner: Inner = out("The inner facts.", key="*")
    extra: int = out("One more key.")


def test_a_flattened_field_writes_its_own_keys_in_its_place():
    # money_in reads the currency from the flattened object, not from Outer
    written = document(Outer(Inner("x", Decimal("2.5"), "KRW"), 7))
    assert written == {
        "label": "x",
        "amount": {"amount": Decimal(3), "currency": "KRW"},  # KRW has no minor unit
        "extra": 7,
    }
    assert list(schema(Outer, "outer")["properties"]) == ["label", "amount", "extra"]


def test_records_are_written_with_named_keys_and_typed_in_the_schema():
    from breachcalc.contract import as_records
    from breachcalc.domain.distribution import CurvePoint

    @result
    class Curve:
        """A curve kept as pairs."""

        points: tuple[tuple[Money, Decimal], ...] = out(
            "Its points.", encode=as_records(CurvePoint)
        )

    curve = Curve(((Money(Decimal("1.004"), "USD"), Decimal("0.5")),))
    assert document(curve) == {
        "points": [
            {
                "amount": {"amount": Decimal("1.00"), "currency": "USD"},
                "probability": Decimal("0.5"),
            }
        ]
    }
    found = schema(Curve, "curve")
    assert found["properties"]["points"]["items"] == {"$ref": "#/$defs/CurvePoint"}
