"""The breach description: what an input file may say, as pydantic models.

The field types and their refusals are in :mod:`breachcalc.input.fields`. Checks that involve
several fields (a rate for every currency, a split that does not exceed the total) live in
:func:`breachcalc.input.checks.cross_checks`, which can name the exact field that is wrong.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    WithJsonSchema,
)

from breachcalc.input.fields import (
    JURISDICTION_PATTERN,
    Amount,
    CategoryName,
    Count,
    Currency,
    ExchangeRate,
    JurisdictionCode,
    StrictBool,
    Text,
    UAmount,
    UShare,
    When,
    _category,
    _category_entry_json,
    _Deferred,
    _fine_codes_json,
    _fine_codes_once,
    _jurisdictions,
    _Located,
    _schema,
    _share,
    _Strict,
    new_dict,
    new_list,
)
from breachcalc.input.policy import Policy


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
        default_factory=new_list,
        description="your own lines: enforcement, card brands, settlements",
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
    culpability: (
        Literal[
            "did_not_know",
            "reasonable_cause",
            "willful_neglect_corrected",
            "willful_neglect_not_corrected",
        ]
        | None
    ) = Field(
        default=None,
        description="US-HIPAA: the culpability tier (default: the highest, willful neglect not "
        "corrected)",
    )
    aggravated: StrictBool | None = Field(
        default=None,
        description="KR from 11 Sep 2026: true for the punitive surcharge's cases (repeated or "
        "intentional/grossly negligent violations, an ignored corrective order); default: "
        "10 million people or more affected",
    )
    expected: UAmount | None = Field(default=None, description="expected fine, an amount")
    share_of_cap: UShare | None = Field(
        default=None, description="expected fine as a share of the legal maximum"
    )


class Controller(_Strict):
    """What the controller is, where a sector's rules apply only to some (US federal rules)."""

    hipaa_covered_entity: StrictBool = Field(
        default=False,
        description="a HIPAA covered entity or business associate, and health data leaked: "
        "HHS, individuals and media notices (US-HIPAA)",
    )
    sec_registrant: StrictBool = Field(
        default=False,
        description="a company filing reports with the SEC: Form 8-K Item 1.05 (US-SEC)",
    )
    financial_institution: StrictBool = Field(
        default=False,
        description="a financial institution under the FTC Safeguards Rule: the FTC notice "
        "(US-FTC)",
    )
    nydfs_licensee: StrictBool = Field(
        default=False,
        description="licensed by the New York Department of Financial Services: the 72-hour "
        "notice of Part 500 (US-NYDFS)",
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
        default_factory=new_list,
        description="exchange rates as equations, e.g. `38 USD = 55000 KRW`",
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


class Breach(_Located):
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
                            "anyOf": [
                                {"type": "integer", "minimum": 0},
                                {"type": "null"},
                                {
                                    "type": "object",
                                    "description": "a country with its sub-jurisdictions: "
                                    "`{affected: N, US-CA: M}`",
                                    "propertyNames": {
                                        "pattern": r"^(affected|"
                                        + JURISDICTION_PATTERN[1:-1]
                                        + ")$"
                                    },
                                    "additionalProperties": {
                                        "anyOf": [
                                            {"type": "integer", "minimum": 0},
                                            {"type": "null"},
                                        ]
                                    },
                                },
                            ]
                        },
                    },
                ]
            }
        ),
    ] = Field(
        default_factory=new_dict,
        description="codes, or code → affected count where the split is known; a country may "
        "hold its sub-jurisdictions (`US: {affected: 18_000_000, US-CA: 2_000_000}`)",
    )
    costs: Costs | None = None
    fines: Annotated[
        dict[JurisdictionCode, Fine],
        BeforeValidator(_fine_codes_once),
    ] = Field(
        default_factory=new_dict,
        description="jurisdiction code → fine inputs",
        json_schema_extra=_fine_codes_json,
    )
    revenue: Revenue | None = None
    history_id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")] | None = Field(
        default=None,
        description="the id of this breach's own record in the history (`breachcalc history`): "
        "the history estimate is then fitted without it, and what happened is shown beside it",
    )
    sources: list[Text] = Field(default_factory=new_list, description="citations for the figures")
    circumstances: Circumstances | None = Field(
        default=None, description="ENISA circumstances of the breach (CB); without it CB is 0"
    )
    dpc_factors: list[DpcFactor] = Field(
        default_factory=new_list, description="ENISA contextual factors that move a category's DPC"
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
        Policy | None,
        WithJsonSchema({"type": "object", "description": "a cyber policy (docs/insurance.md)"}),
    ] = Field(
        default=None,
        title="Insurance",  # as pydantic titles an untyped field: the schema's bytes stay put
        description="a cyber policy applied to this breach (docs/insurance.md)",
    )
    notified: dict[JurisdictionCode, When] = Field(
        default_factory=new_dict, description="jurisdiction code → date the regulator was notified"
    )
    controller: Controller | None = Field(
        default=None,
        description="what the controller is, for the US federal rules that apply to some only "
        "(HIPAA, SEC, FTC Safeguards, NYDFS)",
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
