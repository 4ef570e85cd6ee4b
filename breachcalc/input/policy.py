"""A cyber policy, as a breach file's ``insurance:`` section or a policy file may write it.

:mod:`breachcalc.domain.insurance` applies it to a breach's cost lines.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BeforeValidator,
    Field,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from breachcalc.input.fields import (
    Amount,
    Currency,
    JurisdictionCode,
    StrictBool,
    Text,
    _Located,
    _share,
    new_dict,
)

Coverage = Literal[
    "incident_response",
    "notification",
    "monitoring",
    "litigation",
    "regulatory",
    "card_brand",
    "lost_business",
]
"""A coverage a policy may have, as written in the file."""

COVERAGES: tuple[Coverage, ...] = get_args(Coverage)
"""The coverages a policy may have, in the order they are reported."""


def _hours(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise PydanticCustomError("breachcalc", f"must be a number of hours, not {value!r}")
    hours = Decimal(value)
    if not hours.is_finite() or hours < 0:
        raise PydanticCustomError("breachcalc", f"must be 0 hours or more, not {value}")
    return hours


Share = Annotated[
    Decimal,
    BeforeValidator(_share),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 1}),
]
"""An exact share from 0 to 1."""
Hours = Annotated[
    Decimal, BeforeValidator(_hours), WithJsonSchema({"type": "number", "minimum": 0})
]
"""A number of hours, 0 or more."""


class Policy(_Located):
    """A cyber policy, in its own currency (``insurance:`` in a breach file, or a policy file).

    A coverage missing from ``sublimits`` is covered up to the limit; a sublimit of 0 excludes it.
    """

    name: Text | None = Field(default=None, description="e.g. `Cyber policy 2026`")
    currency: Currency = Field(description="the policy's currency")
    retention: Amount = Field(
        default=Decimal(0), description="the insured's first loss per breach (deductible)"
    )
    limit: Amount = Field(description="the most the insurer pays for the breach (aggregate)")
    coinsurance: Share = Field(
        default=Decimal(0), description="share of the loss above the retention the insured keeps"
    )
    sublimits: dict[Coverage, Amount] = Field(
        default_factory=new_dict, description="coverage → most the insurer pays for it"
    )
    waiting_period_hours: Hours = Field(
        default=Decimal(0), description="lost business in the first hours is not covered"
    )
    outage_hours: Hours | None = Field(
        default=None,
        description="how long the business was interrupted; without it the waiting period is "
        "noted but not applied",
    )
    fines_insurable: dict[JurisdictionCode, StrictBool] = Field(
        default_factory=new_dict, description="overrides the shipped insurability table"
    )
    unsettled_fines: Literal["excluded", "covered"] = Field(
        default="excluded",
        description="fines where insurability is unsettled or unknown: excluded (the default) "
        "or covered",
    )
    note: Text | None = None
