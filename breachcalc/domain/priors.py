"""Cost lines from history: public outcomes a file does not state, drawn in the same simulation
as the user's own ranges.

A history line is a *hurdle lognormal*: with probability ``p`` the outcome happens, and then its
amount is lognormal, ``exp(N(mu, sigma))`` US dollars, never above ``cap`` (the fine maximum of
the day, where breachcalc can compute it). The breach history holds only breaches that had a
public money outcome, so the lines are drawn *given that at least one of them happens*: the
occurrences are drawn line by line from their exact conditional probabilities
(:func:`draw_priors`). :mod:`breachcalc.analysis.history` fits ``p``, ``mu`` and ``sigma``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from breachcalc.contract import computed, four_places, hidden, out, result, whole
from breachcalc.domain.distribution import Percentiles

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from breachcalc.domain.money import Money


@dataclass(frozen=True)
class HistoryPrior:
    """One public-outcome line the file does not state, learned from the history.

    Attributes:
        key: ``history.fine.UK``, ``history.settlement``, ``history.enforcement`` or
            ``history.card_brand_payments``.
        kind: the line's kind (``fine``, ``settlement``, ``enforcement``,
            ``card_brand_payments``).
        label: e.g. ``Regulator fine, UK (from history)``.
        probability: chance the outcome happens at all (before conditioning on any outcome).
        mu, sigma: the lognormal of the amount, natural log of US dollars.
        cap: the most the line can be, in US dollars (a fine's maximum of the day), or None.
        cap_note: how the cap was found, or why there is none.
        basis: the features the line was conditioned on, in words.
    """

    key: str
    kind: str
    label: str
    probability: float
    mu: float
    sigma: float
    cap: float | None
    cap_note: str
    basis: str

    @property
    def median_if_any(self) -> float:
        """The median amount when the outcome happens (US dollars), capped."""
        median = math.exp(self.mu)
        return min(median, self.cap) if self.cap is not None else median


@result
class Comparable:
    """A past breach like this one."""

    id: str = out("The breach's id in the history.")
    organisation: str = out("Who was breached.")
    year: int = out("The year it was discovered.")
    people: int = out("How many people it concerned.")
    public_outcomes_usd: Decimal = out(
        "Its public money outcomes, in whole US dollars.", encode=whole
    )
    why: str = out("Why it is like this breach.")


@result
class HistoryLine:
    """One public-outcome line from history (the file does not state it)."""

    key: str = out("The line's key (`history.fine.UK`, `history.settlement` …).")
    kind: str = out("`fine`, `settlement`, `enforcement` or `card_brand_payments`.")
    label: str = out("Human label.")
    source: str = out("The model and its case count.")
    probability: Decimal = out("Chance the outcome happens at all, to four decimals.")
    probability_given_any: Decimal = out(
        "Chance it happens given some public outcome, to four decimals."
    )
    percentiles: Percentiles = out("P5, P50 and P95 of the line, in the breach currency.")
    median_if_any_usd: Decimal = out("Median amount when it happens, whole US dollars, capped.")
    cap_usd: Decimal | None = out("The most it can be (whole US dollars), or null.")
    cap_note: str = out("How the cap was found, or why there is none.")
    basis: str = out("The features the line was conditioned on, in words.")


def _three(values: tuple[Money, Money, Money]) -> Percentiles:
    """An encoder: (P5, P50, P95) as an object."""
    return Percentiles(*values)


@result
class HistoryEstimate:
    """Expected public outcomes from history: a statistical estimate, labelled as such.

    ``figures`` maps each prior's key to (P5, P50, P95, probability of any amount) in
    ``currency``; ``usd_factor`` is the units of ``currency`` per US dollar used.
    """

    model: str = out("The model's name and version.")
    cases: int = out("How many past breaches it was fitted on.")
    fitted_on: str = out("The date of the data it was fitted on.")
    currency: str = out("The currency of the figures (the file's breach currency).")
    conversion: str = out("How US dollars were converted (rate and source).")
    trials: int = out("Trials of the simulation behind the percentiles.")
    seed: int = out("Seed of that simulation.")
    priors: tuple[HistoryPrior, ...] = hidden()
    figures: dict[str, tuple[Money, Money, Money, float]] = hidden()
    total: tuple[Money, Money, Money] = out(
        "P5, P50 and P95 of the history lines together.", encode=_three
    )
    given_any: bool = hidden(default=True)
    usd_factor: float = hidden(default=1.0)
    comparables: tuple[Comparable, ...] = out(
        "The most similar past breaches.", default_factory=tuple
    )
    note: str = out("What the estimate is and is not.", default="", after="seed")

    @property
    @computed("The model and its case count, in words.", after="")
    def source(self) -> str:
        """``from history: model M, n cases, fitted on data of DATE``."""
        return (
            f"from history: model {self.model}, {self.cases} cases, "
            f"fitted on data of {self.fitted_on}"
        )

    @property
    @computed("Each history line, with its chance and percentiles.", after="note")
    def lines(self) -> tuple[HistoryLine, ...]:
        """The priors with their simulated figures, in order."""
        return tuple(
            HistoryLine(
                key=prior.key,
                kind=prior.kind,
                label=prior.label,
                source=self.source,
                probability=four_places(prior.probability),
                probability_given_any=four_places(self.figures[prior.key][3]),
                percentiles=Percentiles(*self.figures[prior.key][:3]),
                median_if_any_usd=Decimal(round(prior.median_if_any)),
                cap_usd=None if prior.cap is None else Decimal(round(prior.cap)),
                cap_note=prior.cap_note,
                basis=prior.basis,
            )
            for prior in self.priors
        )


def chances(priors: tuple[HistoryPrior, ...], given_any: bool) -> list[tuple[float, float]]:
    """Per line, the chance it happens (where no earlier line has, where one has).

    With ``given_any`` the lines are drawn given that at least one happens: line k happens with
    p_k where an earlier line already happened, and with p_k / (1 − Π_{j≥k} (1 − p_j)) where
    none has yet, the exact conditional. Without it, each line happens with its own p_k.
    """
    tails = [1.0] * (len(priors) + 1)
    for k in range(len(priors) - 1, -1, -1):
        tails[k] = tails[k + 1] * (1.0 - priors[k].probability)
    found = []
    for k, prior in enumerate(priors):
        rest = 1.0 - tails[k]
        first = prior.probability / rest if rest > 0 else 0.0
        found.append((min(first, 1.0) if given_any else prior.probability, prior.probability))
    return found


def draw_priors(
    priors: tuple[HistoryPrior, ...],
    rng: np.random.Generator,
    trials: int,
    factor: float = 1.0,
    given_any: bool = True,
) -> list[npt.NDArray[np.float64]]:
    """``trials`` draws of every line (US dollars × ``factor``), each happening with its
    :func:`chances`: given that at least one happens with ``given_any`` (a file that states no
    public outcome of its own), each by its own p_k without it (the file states a fine, a
    settlement or enforcement itself, so there is a public outcome already)."""
    import numpy as np

    seen = np.zeros(trials, dtype=bool)
    out = []
    for prior, (before, after) in zip(priors, chances(priors, given_any), strict=True):
        chance = np.where(seen, after, before)
        happens = rng.random(trials) < chance
        amounts = rng.lognormal(prior.mu, prior.sigma, trials)
        if prior.cap is not None:
            amounts = np.minimum(amounts, prior.cap)
        out.append(np.where(happens, amounts, 0.0) * factor)
        seen |= happens
    return out


def draw_priors_stored(
    priors: tuple[HistoryPrior, ...],
    streams: Sequence[tuple[Sequence[float], Sequence[float]]],
    factor: float = 1.0,
    given_any: bool = True,
) -> list[list[float]]:
    """:func:`draw_priors` without numpy, over stored draws: line k's uniforms and standard
    normals are ``streams[k]``, the very numbers ``draw_priors`` takes from its generator, and
    every step is the same floating-point operation, so the result is the same to the bit (a
    test holds the two equal)."""
    if len(streams) < len(priors):
        raise ValueError(f"{len(priors)} lines need {len(priors)} streams, not {len(streams)}")
    trials = len(streams[0][0]) if streams else 0
    seen = [False] * trials
    zero = 0.0 * factor
    exp = math.exp
    out = []
    for k, (prior, (before, after)) in enumerate(
        zip(priors, chances(priors, given_any), strict=True)
    ):
        mu, sigma, cap = prior.mu, prior.sigma, prior.cap
        uniforms, normals = streams[k]
        values = [zero] * trials
        for i, (u, z) in enumerate(zip(uniforms, normals, strict=True)):
            if u < (after if seen[i] else before):
                amount = exp(mu + sigma * z)
                if cap is not None and amount > cap:  # np.minimum (a NaN stays NaN)
                    amount = cap
                values[i] = amount * factor
                seen[i] = True
        out.append(values)
    return out


def percentiles(values: Sequence[float], qs: Sequence[float]) -> list[float]:
    """``numpy.percentile(values, qs)`` (its default, linear interpolation) without numpy."""
    ordered = sorted(values)
    if math.isnan(sum(ordered)) and any(math.isnan(v) for v in ordered):  # numpy gives NaN
        return [math.nan] * len(qs)
    return sorted_percentiles(ordered, qs)


def sorted_percentiles(
    ordered: Sequence[float] | npt.NDArray[np.float64], qs: Sequence[float]
) -> list[float]:
    """``numpy.percentile`` of values already sorted, with no NaN among them: numpy's own index
    arithmetic and interpolation (``_quantile`` and ``_lerp``), step by step, so the same floats.
    ``ordered`` may be a list or a sorted numpy array; the simulation and the history estimate
    share this one definition."""
    last = len(ordered) - 1
    found = []
    for q in qs:
        virtual = last * (q / 100)
        below = min(max(math.floor(virtual), 0), last)
        above = min(below + 1, last)
        gamma = virtual - below
        a, b = float(ordered[below]), float(ordered[above])
        diff = b - a
        found.append(b - diff * (1 - gamma) if gamma >= 0.5 else a + diff * gamma)
    return found


def decimal_of(value: float) -> Decimal:
    """A simulated float as a Decimal for presentation."""
    return Decimal(repr(float(value)))
