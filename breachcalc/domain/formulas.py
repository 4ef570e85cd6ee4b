"""The cost formulas, written once for exact values and for simulated arrays alike.

Each function is plain arithmetic on its arguments, so it works on :class:`~decimal.Decimal`
(``assess``, in a 50-digit context) and on numpy arrays of draws (``simulate``). Both paths call
these functions through :mod:`breachcalc.domain.cost_lines`; there is no second copy of any formula.
"""

from __future__ import annotations

from typing import Any

T = Any
"""A Decimal or a numpy array: the formulas need only ``*`` and ``+``."""


def voucher_cost(face_value: T, redemption: T, people: T) -> T:
    """Compensation: face value × share redeemed × people."""
    return face_value * redemption * people


def monitoring_cost(people: T, enrolment: T, price_per_month: T, months: T) -> T:
    """Credit or identity monitoring: people × enrolment share × price per month × months."""
    return people * enrolment * price_per_month * months


def notification_cost(notices: T, per_notice: T) -> T:
    """Notification: notices × cost per notice."""
    return notices * per_notice


def fixed_cost(amount: T) -> T:
    """Incident response, or a lump-sum settlement: the amount itself."""
    return amount


def claims_cost(people: T, claim_share: T, per_person: T) -> T:
    """Litigation or settlement: people × share who claim × amount per claimant."""
    return people * claim_share * per_person


def lost_business_cost(customers: T, churn: T, margin_per_customer: T) -> T:
    """Lost business: customers × share lost × margin per lost customer."""
    return customers * churn * margin_per_customer


def share_of_cap(share: T, cap: T) -> T:
    """An expected fine given as a share of its legal maximum."""
    return share * cap


def per_person_cost(people: T, per_person: T) -> T:
    """A line of the file's own, per person: people × amount per person."""
    return people * per_person
