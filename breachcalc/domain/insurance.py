"""Net of insurance: a cyber policy applied to a breach's cost lines, exactly and on draws.

A :class:`Policy` has a retention (the insured's first loss), an aggregate limit (the most the
insurer pays for the breach), a coinsurance share (the insured's share of the loss above the
retention), per-coverage sublimits, a waiting period for lost business and the insurability of
fines. Every cost-line group maps to a coverage (:data:`GROUP_COVERAGE`); compensation offered to
customers and the file's ``other`` lines map to none (voluntary payments, not covered).

The order of application, for one breach (one claim):

1. **Eligibility.** A line with no coverage, a fine that is not insurable (see
   :func:`eligibility`) or the lost business inside the waiting period is not covered at all:
   its eligible amount ``e_i = gross_i × s_i`` with ``s_i`` 0, 1 or the share of the outage
   beyond the waiting period. Amounts that are not covered do not erode the retention.
2. **Retention.** ``R' = min(R, E)`` with ``E = Σ e_i``; every eligible line bears it pro rata:
   ``a_i = e_i × (E − R') / E``.
3. **Coinsurance.** ``b_i = a_i × (1 − c)``.
4. **Sublimits.** For each coverage ``k`` with a sublimit ``S_k``: ``B_k = Σ_{i∈k} b_i``, the
   insurer pays ``P_k = min(B_k, S_k)``, each line ``p_i = b_i × P_k / B_k``. A coverage
   without a sublimit is covered up to the limit (``P_k = B_k``).
5. **Limit.** ``P = Σ p_i``; the insurer pays ``min(P, L)``, each line
   ``r_i = p_i × min(P, L) / P``.

Recovered ``r_i``; retained ``gross_i − r_i``. Sublimits and the limit are caps on what the
insurer pays ("part of, not in addition to, the limit"), so they apply after the retention and
the coinsurance. :func:`apply_policy` does this in Decimal (the exact path of ``assess``);
:func:`apply_policy_arrays` does the same on numpy arrays of draws (``simulate``,
``portfolio``). The two agree on the same numbers (``tests/domain/test_insurance.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Any

from breachcalc.contract import computed, hidden, out, result
from breachcalc.domain.cost_lines import (
    LineSpec,
    base_currency,
    conversion_factor,
    evaluate_point,
    line_specs,
)
from breachcalc.domain.money import MONEY_CONTEXT
from breachcalc.errors import InputError, Problem
from breachcalc.input.breach import Breach
from breachcalc.input.policy import COVERAGES, Policy
from breachcalc.reference.insurability import insurability_of

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

GROUP_COVERAGE: dict[str, str | None] = {
    "incident_response": "incident_response",
    "notification": "notification",
    "monitoring": "monitoring",
    "litigation": "litigation",
    "settlement": "litigation",
    "enforcement": "regulatory",
    "fines": "regulatory",
    "card_brand_payments": "card_brand",
    "lost_business": "lost_business",
    "compensation": None,
    "other": None,
}
"""Cost-line group (:data:`breachcalc.domain.cost_lines.GROUPS`) → coverage; None: not
covered (compensation a company chooses to offer is a voluntary payment; ``other`` is unknown)."""


FINE_GROUPS = frozenset({"fines"})
"""Groups whose lines are covered only where a fine is insurable by law. Enforcement lines
(settlements with regulators, consumer redress) are covered as regulatory loss without the test:
breachcalc cannot tell their penalty part from their redress part."""


@dataclass(frozen=True)
class PolicyLine:
    """A cost line as a policy sees it.

    Attributes:
        key: the line key (``notification``, ``fine.UK``, ``history.settlement``).
        group: the cost-line group.
        jurisdiction: the jurisdiction of a fine or an own line, else None.
        gross: the amount, in the policy's currency (or the currency ``to_values`` converts to).
    """

    key: str
    group: str
    jurisdiction: str | None
    gross: Decimal


@dataclass(frozen=True)
class Eligibility:
    """How much of a line the policy covers before retention, and why.

    Attributes:
        coverage: the coverage, or None.
        share: the covered share of the gross amount (0, 1, or the outage beyond the waiting).
        reason: the reason in words.
        unconfirmed: the decision rests on an UNCONFIRMED insurability row (or none).
    """

    coverage: str | None
    share: Decimal
    reason: str
    unconfirmed: bool = False


def eligibility(policy: Policy, group: str, jurisdiction: str | None) -> Eligibility:
    """The covered share of a line of ``group`` in ``jurisdiction``.

    Fines: the policy's ``fines_insurable`` (the code, else its country) first, then the
    shipped table (:func:`~breachcalc.reference.insurability.insurability_of`); ``unsettled``
    or unknown follows ``unsettled_fines``. Lost business: ``max(0, outage − waiting) / outage``
    when the policy gives ``outage_hours``, else all of it (breachcalc knows no outage).
    """
    coverage = GROUP_COVERAGE.get(group)
    if coverage is None:
        return Eligibility(None, Decimal(0), "not a covered loss (voluntary or unknown)")
    if group in FINE_GROUPS:
        return _fine_eligibility(policy, coverage, jurisdiction)
    if coverage == "lost_business":
        return _waiting(policy)
    return Eligibility(coverage, Decimal(1), "covered")


def _fine_eligibility(policy: Policy, coverage: str, code: str | None) -> Eligibility:
    if code is not None:
        for candidate in (code, code.split("-")[0]):
            if candidate in policy.fines_insurable:
                yes = policy.fines_insurable[candidate]
                why = f"fine insurable in {candidate}: {'yes' if yes else 'no'} (policy)"
                return Eligibility(coverage, Decimal(1 if yes else 0), why)
    row = insurability_of(code) if code is not None else None
    if row is not None and row.status in ("yes", "no"):
        yes = row.status == "yes"
        flag = " (UNCONFIRMED)" if row.unconfirmed else ""
        why = f"fine insurable in {row.code}: {row.status}{flag} (insurability table)"
        return Eligibility(coverage, Decimal(1 if yes else 0), why, row.unconfirmed)
    where = row.code if row is not None else (code or "an unnamed jurisdiction")
    covered = policy.unsettled_fines == "covered"
    why = (
        f"fine insurable in {where}: unsettled (UNCONFIRMED); "
        + ("covered" if covered else "excluded")
        + " by the policy's unsettled_fines"
    )
    return Eligibility(coverage, Decimal(1 if covered else 0), why, True)


def _waiting(policy: Policy) -> Eligibility:
    wait, outage = policy.waiting_period_hours, policy.outage_hours
    if outage is None:
        why = "covered" + (
            f"; waiting period of {wait} h not applied (no outage_hours)" if wait else ""
        )
        return Eligibility("lost_business", Decimal(1), why)
    if outage == 0:
        return Eligibility("lost_business", Decimal(0), "no outage: nothing beyond the waiting")
    with localcontext(MONEY_CONTEXT):
        share = max(Decimal(0), outage - wait) / outage
    return Eligibility(
        "lost_business", share, f"(outage {outage} h − waiting {wait} h) / outage {outage} h"
    )


@dataclass(frozen=True)
class PolicyStep:
    """One step of the policy's application, for ``explain``.

    Attributes:
        order: 1-based position.
        name: ``eligibility``, ``retention``, ``coinsurance``, ``sublimit <coverage>``, ``limit``.
        rule: the formula in words.
        before: what the insurer would pay before the step (for eligibility: the gross total).
        after: what it would pay after.
        exhausted: for a sublimit or the limit, whether it was used up.
    """

    order: int
    name: str
    rule: str
    before: Decimal
    after: Decimal
    exhausted: bool = False


def _step_texts(steps: tuple[PolicyStep, ...]) -> tuple[str, ...]:
    """An encoder: each step as ``2. retention: …; 134,800,000,000.00 → 127,600,000,000.00``."""
    return tuple(
        f"{s.order}. {s.name}: {s.rule}; {s.before:,.2f} → {s.after:,.2f}"
        + (" (exhausted)" if s.exhausted else "")
        for s in steps
    )


def _used_up(sublimits: tuple[tuple[str, bool], ...]) -> tuple[str, ...]:
    """An encoder: the coverages whose sublimit is used up."""
    return tuple(name for name, used in sublimits if used)


@result
class LineNet:
    """One cost line gross, recovered and retained."""

    key: str = out("The cost line's key.")
    group: str = hidden()
    jurisdiction: str | None = hidden()
    coverage: str | None = out("The coverage that answers for the line, or null.")
    gross: Decimal = out("The line's amount.", money_in="currency")
    eligible: Decimal = hidden()
    recovered: Decimal = out("What the insurer pays for the line.", money_in="currency")
    retained: Decimal = out("`gross − recovered`.", money_in="currency")
    reason: str = out("Why the line is (not) eligible.")
    unconfirmed: bool = out("The reason rests on UNCONFIRMED insurability.")
    currency: str = hidden(default="")


@result
class NetLoss:
    """A cyber policy applied to one breach's lines (:func:`apply_policy`), unrounded; for
    ``assess``, at the likely values in the breach currency."""

    lines: tuple[LineNet, ...] = out("Per line, in the order of the cost lines.")
    gross: Decimal = out("Sum of the lines.", money_in="currency")
    eligible: Decimal = hidden()
    recovered: Decimal = out("What the insurer pays in all.", money_in="currency")
    retained: Decimal = out("`gross − recovered`.", money_in="currency")
    steps: tuple[PolicyStep, ...] = out(
        "The order of application, with the running amount the insurer would pay.",
        encode=_step_texts,
        after="sublimits_exhausted",
    )
    limit_exhausted: bool = out("The insurer pays the whole limit.")
    sublimits_exhausted: tuple[tuple[str, bool], ...] = out(
        "The coverages whose sublimit is used up.", encode=_used_up
    )
    policy: str = out("The policy's name.", after="", default="")
    currency: str = out("The currency of every amount.", after="policy", default="")

    @property
    @computed("Some line's cover rests on UNCONFIRMED insurability.")
    def unconfirmed(self) -> bool:
        """Whether any line's cover rests on UNCONFIRMED insurability."""
        return any(line.unconfirmed for line in self.lines)


def _prorate(values: list[Decimal], before: Decimal, after: Decimal) -> list[Decimal]:
    """Each value × after / before (all 0 when before is 0)."""
    if before == 0:
        return [Decimal(0)] * len(values)
    return [value * after / before for value in values]


def sublimited(policy: Policy) -> list[str]:
    """The coverages with a sublimit, in :data:`COVERAGES` order."""
    return [c for c in COVERAGES if c in policy.sublimits]


def apply_policy(
    policy: Policy, lines: Sequence[PolicyLine], to_values: Decimal = Decimal(1)
) -> NetLoss:
    """Apply ``policy`` to one breach's ``lines`` exactly (module docstring: the five steps).

    Args:
        policy: the policy.
        lines: the lines, their ``gross`` in the policy's currency × ``to_values``.
        to_values: the factor from the policy's currency to the lines' currency; retention,
            limit and sublimits are multiplied by it (1: the lines are in the policy currency).
    """
    with localcontext(MONEY_CONTEXT):
        return _apply_exact(policy, list(lines), to_values)


def _apply_exact(policy: Policy, lines: list[PolicyLine], k: Decimal) -> NetLoss:
    elig = [eligibility(policy, line.group, line.jurisdiction) for line in lines]
    gross = [line.gross for line in lines]
    eligible = [g * e.share for g, e in zip(gross, elig, strict=True)]
    total_gross, total_e = sum(gross, Decimal(0)), sum(eligible, Decimal(0))
    steps = [PolicyStep(1, "eligibility", "e_i = gross_i × covered share_i", total_gross, total_e)]
    kept = max(Decimal(0), total_e - policy.retention * k)
    paid = _prorate(eligible, total_e, kept)
    steps.append(PolicyStep(2, "retention", "a_i = e_i × (E − min(R, E)) / E", total_e, kept))
    paid = [p * (1 - policy.coinsurance) for p in paid]
    running = kept * (1 - policy.coinsurance)
    steps.append(PolicyStep(3, "coinsurance", "b_i = a_i × (1 − c)", kept, running))
    exhausted: list[tuple[str, bool]] = []
    for coverage in sublimited(policy):
        members = [i for i, e in enumerate(elig) if e.coverage == coverage]
        before = sum((paid[i] for i in members), Decimal(0))
        cap = policy.sublimits[coverage] * k  # type: ignore[index]
        after = min(before, cap)
        shares = _prorate([paid[i] for i in members], before, after)
        for i, value in zip(members, shares, strict=True):
            paid[i] = value
        used = before >= cap and before > 0
        exhausted.append((coverage, used))
        rule = f"P_k = min(Σ b_i in {coverage}, S_k = {cap})"
        now = running - before + after
        steps.append(PolicyStep(len(steps) + 1, f"sublimit {coverage}", rule, running, now, used))
        running = now
    total_p = sum(paid, Decimal(0))
    limit = policy.limit * k
    recovered_total = min(total_p, limit)
    limit_used = total_p >= limit and total_p > 0
    recovered = _prorate(paid, total_p, recovered_total)
    rule = f"r_i = p_i × min(P, L = {limit}) / P"
    steps.append(PolicyStep(len(steps) + 1, "limit", rule, total_p, recovered_total, limit_used))
    out = tuple(
        LineNet(
            key=line.key,
            group=line.group,
            jurisdiction=line.jurisdiction,
            coverage=e.coverage,
            gross=line.gross,
            eligible=eligible[i],
            recovered=recovered[i],
            retained=line.gross - recovered[i],
            reason=e.reason,
            unconfirmed=e.unconfirmed,
        )
        for i, (line, e) in enumerate(zip(lines, elig, strict=True))
    )
    return NetLoss(
        lines=out,
        gross=total_gross,
        eligible=total_e,
        recovered=recovered_total,
        retained=total_gross - recovered_total,
        steps=tuple(steps),
        limit_exhausted=limit_used,
        sublimits_exhausted=tuple(exhausted),
    )


@dataclass(frozen=True)
class NetDraws:
    """A policy applied to one breach's lines on every trial (:func:`apply_policy_arrays`).

    Attributes:
        gross, recovered, retained: totals per trial.
        lines_recovered: per line (rows, in the order given) per trial.
        limit_exhausted: per trial, the insurer paid the whole limit.
        sublimits_exhausted: coverage → per trial, the sublimit was used up.
    """

    gross: npt.NDArray[np.float64]
    recovered: npt.NDArray[np.float64]
    retained: npt.NDArray[np.float64]
    lines_recovered: npt.NDArray[np.float64]
    limit_exhausted: npt.NDArray[np.bool_]
    sublimits_exhausted: dict[str, npt.NDArray[np.bool_]]


def apply_policy_arrays(
    policy: Policy,
    lines: Sequence[tuple[str, str | None]],
    values: npt.NDArray[np.float64],
    to_values: float = 1.0,
) -> NetDraws:
    """:func:`apply_policy` on draws: the same five steps, vectorised over trials (float64).

    Args:
        policy: the policy.
        lines: (group, jurisdiction) of each line, in the order of ``values``' rows.
        values: shape (lines, trials), in the policy's currency × ``to_values``.
        to_values: the factor from the policy's currency to the values' currency.
    """
    import numpy as np

    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 2:  # one line's trials as a flat array (a 0-row array keeps its shape)
        values = values.reshape(len(lines), -1)
    elig = [eligibility(policy, group, code) for group, code in lines]
    shares = np.array([float(e.share) for e in elig], dtype=np.float64).reshape(-1, 1)
    eligible = values * shares
    total_e = eligible.sum(axis=0)
    kept = np.maximum(total_e - float(policy.retention) * to_values, 0.0)
    paid = eligible * _ratio(kept, total_e) * (1.0 - float(policy.coinsurance))
    exhausted: dict[str, npt.NDArray[np.bool_]] = {}
    for coverage in sublimited(policy):
        members = [i for i, e in enumerate(elig) if e.coverage == coverage]
        before = paid[members].sum(axis=0) if members else np.zeros(values.shape[1])
        cap = float(policy.sublimits[coverage]) * to_values  # type: ignore[index]
        after = np.minimum(before, cap)
        if members:
            paid[members] = paid[members] * _ratio(after, before)
        exhausted[coverage] = (before >= cap) & (before > 0)
    total_p = paid.sum(axis=0)
    limit = float(policy.limit) * to_values
    recovered = np.minimum(total_p, limit)
    gross = values.sum(axis=0)
    return NetDraws(
        gross=gross,
        recovered=recovered,
        retained=gross - recovered,
        lines_recovered=paid * _ratio(recovered, total_p),
        limit_exhausted=(total_p >= limit) & (total_p > 0),
        sublimits_exhausted=exhausted,
    )


def _ratio(after: npt.NDArray[np.float64], before: npt.NDArray[np.float64]) -> Any:
    """after / before where before > 0, else 0 (no division warning)."""
    import numpy as np

    out = np.zeros_like(before)
    np.divide(after, before, out=out, where=before > 0)
    return out


def policy_factor(breach: Breach, policy: Policy) -> Decimal:
    """The exact factor from the policy's currency to the breach currency.

    Raises:
        InputError: the file has no rate between the two currencies.
    """
    here = base_currency(breach)
    try:
        return conversion_factor(policy.currency, here, breach)
    except LookupError:
        raise InputError(
            "<policy>",
            [
                Problem(
                    f"the policy is in {policy.currency} and the breach in {here}: add a rate "
                    f"such as `1 {policy.currency} = ... {here}` under reporting.rates",
                    field="insurance.currency",
                )
            ],
        ) from None


def line_jurisdiction(breach: Breach, spec: LineSpec) -> str | None:
    """The jurisdiction of a fine (``fine.KR`` → ``KR``) or of an own line, else None."""
    if spec.key.startswith("fine."):
        return spec.key.split(".", 1)[1]
    if spec.key.startswith("line.") and breach.costs is not None:
        return breach.costs.lines[int(spec.key.split(".", 1)[1]) - 1].jurisdiction
    return None


def breach_lines(breach: Breach) -> list[tuple[LineSpec, str | None]]:
    """Every cost line of ``breach`` with its jurisdiction, in line order."""
    return [(spec, line_jurisdiction(breach, spec)) for spec in line_specs(breach)]


def net_of_policy(breach: Breach, policy: Policy) -> NetLoss:
    """``assess``'s net figures: the policy applied to the likely values, in the breach currency.

    The policy's amounts are converted into the breach currency (``to_values``), so no line is
    divided by a rate: the result equals applying the policy in its own currency, converted.
    """
    here = base_currency(breach)
    with localcontext(MONEY_CONTEXT):
        lines = [
            PolicyLine(
                spec.key,
                spec.group,
                code,
                evaluate_point(spec).amount * conversion_factor(spec.currency, here, breach),
            )
            for spec, code in breach_lines(breach)
        ]
    net = apply_policy(policy, lines, policy_factor(breach, policy))
    return replace(
        net,
        lines=tuple(replace(line, currency=here) for line in net.lines),
        policy=str(policy.name or "the file's policy"),
        currency=here,
    )
