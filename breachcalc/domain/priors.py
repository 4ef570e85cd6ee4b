"""Cost lines from history: public outcomes a file does not state, drawn in the same simulation
as the user's own ranges.

A history line is a *hurdle lognormal*: with probability ``p`` the outcome happens, and then its
amount is lognormal, ``exp(N(mu, sigma))`` US dollars, never above ``cap`` (the fine maximum of
the day, or the history's ceiling for the line). Each line happens with its own chance, so the
chance of no public outcome at all is ``Π(1 − p)``; drawn *given that at least one happens*
(``given_any``: the previous model, and the back-test of a breach chosen because something was
paid), the occurrences come line by line from their exact conditional probabilities
(:func:`chances`). :func:`draw_priors` draws with numpy for ``simulate``;
:func:`lattice_draws` draws the estimate's 2,003 deterministic points in pure Python.
:mod:`breachcalc.analysis.history` fits ``p``, ``mu`` and ``sigma``.
"""

from __future__ import annotations

import math
import operator
import sys
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import compress
from statistics import NormalDist
from typing import TYPE_CHECKING, cast

from breachcalc.contract import computed, four_places, hidden, out, result, whole
from breachcalc.domain.distribution import Percentiles
from breachcalc.reference.history import Outcome

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
    effective: float = 0.0
    cases: int = 0
    effects: tuple[Effect, ...] = ()
    logit: float = 0.0
    """The line's log-odds given a shared effect of zero (with ``tau`` > 0)."""
    tau: float = 0.0
    """The spread of the breach's effect shared by its lines (0: independent lines)."""

    def chance_given(self, shared: float) -> float:
        """The chance the line happens given the breach's shared effect ``shared`` (a
        standard normal draw); its own ``probability`` without one."""
        if self.tau == 0:
            return self.probability
        z = self.logit + self.tau * shared
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    @property
    def median_if_any(self) -> float:
        """The median amount when the outcome happens (US dollars), capped."""
        median = math.exp(self.mu)
        return min(median, self.cap) if self.cap is not None else median


@result
class Effect:
    """How one fact of the file moved a history line, against the reference breach (442,000
    people in 2015, no financial, sensitive or malicious fact, no legal maximum known)."""

    fact: str = out("The fact, in words.")
    chance_points: Decimal = out(
        "How it moves the chance the line happens, in percentage points, to one decimal."
    )
    median_factor: Decimal = out(
        "By what factor it moves the median amount if it happens, to two decimals."
    )


@result
class Happened:
    """What a past breach in the history actually paid in public: a fact, not a forecast."""

    id: str = out("The record's id in the history.")
    organisation: str = out("Who was breached.")
    year: int = out("The year of the breach.")
    matched_by: str = out("How the file was matched to the record.")
    public_outcomes_usd: Decimal | None = out(
        "Its counted public outcomes, whole US dollars (null while every line is pending).",
        encode=whole,
    )
    pending: bool = out("Whether some outcome is still pending (the total may grow).")
    outcomes: tuple[Outcome, ...] = out("Every outcome, with its source.")
    no_public_outcome: str = out("What was found where nothing was paid in public (or empty).")


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
    cases: int = out("Past breaches in which this line happened (its own cases).", default=0)
    effective_cases: Decimal = out(
        "Its own cases plus the pseudo-cases it borrows from the pooled fit.", default=Decimal(0)
    )
    moved_by: tuple[Effect, ...] = out(
        "Which facts moved the line, and by how much.", default_factory=tuple
    )

    @property
    @computed("Chance of no public outcome on this line, to four decimals.", after="probability")
    def chance_of_none(self) -> Decimal:
        """1 − probability."""
        return Decimal(1) - self.probability


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
    zero_chance: float = hidden(default=0.0)
    out_of_sample: bool = out(
        "Fitted without the history record the file matches (no breach forecasts itself).",
        default=False,
        after="fitted_on",
    )
    actual: Happened | None = out(
        "What actually happened, where the file matches a history record (a fact).",
        default=None,
    )

    @property
    @computed(
        "Chance of no public outcome at all (every line zero), to four decimals.",
        after="conversion",
    )
    def chance_of_no_public_outcome(self) -> Decimal:
        """Π(1 − p) over the lines, to four decimals."""
        return four_places(self.zero_chance)

    @property
    @computed("The model and its case count, in words.", after="")
    def source(self) -> str:
        """``from history: model M, n cases, fitted on data of DATE``."""
        return (
            f"from history: model {self.model}, {self.cases} cases, "
            f"fitted on data of {self.fitted_on}"
            + (", without the matching record" if self.out_of_sample else "")
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
                median_if_any_usd=three_figures(prior.median_if_any),
                cap_usd=None if prior.cap is None else Decimal(round(prior.cap)),
                cap_note=prior.cap_note,
                basis=prior.basis,
                cases=prior.cases,
                effective_cases=Decimal(repr(prior.effective)).quantize(Decimal("0.1")),
                moved_by=prior.effects,
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
    shared = None
    if any(p.tau > 0 for p in priors):  # the breach's effect, shared by its lines
        shared = rng.standard_normal(trials)
    for prior, (before, after) in zip(priors, chances(priors, given_any), strict=True):
        if shared is not None and prior.tau > 0:
            z = np.clip(prior.logit + prior.tau * shared, -30.0, 30.0)
            chance = 1.0 / (1.0 + np.exp(-z))
        else:
            chance = np.where(seen, after, before)
        happens = rng.random(trials) < chance
        amounts = rng.lognormal(prior.mu, prior.sigma, trials)
        if prior.cap is not None:
            amounts = np.minimum(amounts, prior.cap)
        out.append(np.where(happens, amounts, 0.0) * factor)
        seen |= happens
    return out


POINTS = 2003
"""Points of the estimate's deterministic draws (a prime, so every lattice column is a
permutation of the strata)."""
KOROBOV = 331
"""The lattice's generator: column d of point i is stratum ``i·331^(d+1) mod 2003`` (chosen
among small primes for the smallest correlation between the first 14 columns, 0.025)."""


LATTICE_TABLE = "history_lattice.bin"
"""The reference data file of :func:`lattice_table`: the strata's normal quantiles and
log-odds of :data:`POINTS` points and the columns of :data:`SHIPPED_LINES`, as the build
computed them."""
SHIPPED_LINES = 8
"""The table holds, for seed 0, the breach effect's column of 1 to 8 lines and the occurrence
column of lines 0 to 7 (a breach with more lines gathers the others itself)."""


def strata_of(points: int) -> tuple[float, ...]:
    """The standard normal quantiles of the strata midpoints, ``Φ⁻¹((j + ½) / points)``."""
    inverse = NormalDist().inv_cdf
    return tuple(inverse((j + 0.5) / points) for j in range(points))


def log_odds_of(points: int) -> tuple[float, ...]:
    """``ln(u / (1 − u))`` of the strata midpoints ``u = (j + ½) / points``."""
    # (j + ½) / (points − j − ½) with C-level maps: 0.5 + j and −0.5 + (points − j), the
    # same floats as j + 0.5 and points − j − 0.5
    above = map((0.5).__add__, range(points))
    below = map((-0.5).__add__, map(points.__sub__, range(points)))
    return tuple(map(math.log, map(operator.truediv, above, below)))


def gathered(values: Sequence[float], generator: int, shift: int) -> tuple[float, ...]:
    """Lattice column ``(i·generator + shift) mod len(values)`` of ``values``, point by point
    (with C-level maps: the indices ``shift + i·generator`` reduced mod the count)."""
    points = len(values)
    indices = map(points.__rmod__, range(shift, shift + generator * points, generator))
    return tuple(map(values.__getitem__, indices))


def shipped_columns(points: int = POINTS) -> tuple[tuple[int, int, str], ...]:
    """(generator, shift, of) of the columns :data:`LATTICE_TABLE` holds after the strata and
    log-odds, in order: the breach effect's normal of 1 to :data:`SHIPPED_LINES` lines, then
    the occurrence log-odds of lines 0 to :data:`SHIPPED_LINES` − 1, at seed 0 (the keys
    :func:`_shared_column` and :func:`_thresholds` ask :func:`_column` for)."""
    shared = tuple(
        (pow(KOROBOV, 2 * lines + 1, points), (2 * lines) % points, "normal")
        for lines in range(1, SHIPPED_LINES + 1)
    )
    odds = tuple(
        (pow(KOROBOV, 2 * k + 2, points), (3 * k + 1) % points, "odds")
        for k in range(SHIPPED_LINES)
    )
    return shared + odds


def lattice_table(points: int = POINTS) -> bytes:
    """:func:`strata_of`, :func:`log_odds_of` and the :func:`shipped_columns` gathered from
    them, as little-endian doubles: what ``scripts/build_history.py`` writes to
    :data:`LATTICE_TABLE` (the 2 × 2,003 quantiles and logarithms and the columns cost about
    1.3 ms of a single file's estimate; read, some microseconds)."""
    from array import array

    strata, odds = strata_of(points), log_odds_of(points)
    values = array("d", (*strata, *odds))
    for generator, shift, of in shipped_columns(points):
        values.extend(gathered(strata if of == "normal" else odds, generator, shift))
    if sys.byteorder != "little":
        values.byteswap()
    return values.tobytes()


@cache
def _stored_lattice(points: int) -> memoryview[float] | None:
    """:data:`LATTICE_TABLE` as shipped, not yet made into floats (None for another count of
    points, or where the file is missing or of another size)."""
    from breachcalc.reference.tables import float_table

    stored = float_table(LATTICE_TABLE) if points == POINTS else None
    if stored is None or len(stored) != (2 + len(shipped_columns(points))) * points:
        return None
    return stored


def _stored_part(points: int, part: int) -> tuple[float, ...] | None:
    """Part ``part`` (``points`` floats) of the shipped table: 0 the strata, 1 the log-odds,
    2 + n the n-th of :func:`shipped_columns`."""
    stored = _stored_lattice(points)
    if stored is None:
        return None
    found = stored[part * points : (part + 1) * points].tolist()  # a view of doubles: floats
    return tuple(cast("list[float]", found))


@cache
def _strata(points: int) -> tuple[float, ...]:
    """:func:`strata_of`, from the shipped table where it has these points."""
    return _stored_part(points, 0) or strata_of(points)


def lattice_draws(
    priors: tuple[HistoryPrior, ...],
    factor: float = 1.0,
    given_any: bool = False,
    seed: int = 0,
    points: int = POINTS,
) -> list[list[float]]:
    """:func:`draw_priors` without a random generator: ``points`` deterministic draws of every
    line from a rank-1 (Korobov) lattice, pure Python, the same on any machine up to the last
    bit of ``exp``. Line k takes lattice columns 2k (its normal, stratified) and 2k + 1 (its
    occurrence uniform); ``seed`` shifts every column. Where the lines share a breach effect
    (``tau`` > 0), column 2K is its normal and each line's chance is taken given it; given
    some outcome, the points with none are then left out (an exact conditional on the
    lattice). Without a shared effect the occurrences follow :func:`chances`."""
    strata = _strata(points)
    odds = _log_odds(points)
    exp = math.exp
    shared = any(p.tau > 0 for p in priors)
    us: list[float] = []
    if shared:
        gs = pow(KOROBOV, 2 * len(priors) + 1, points)
        shift = (seed * 7919 + 2 * len(priors)) % points
        us = [strata[(i * gs + shift) % points] for i in range(points)]
    seen = [False] * points
    out = []
    for k, (prior, (before, after)) in enumerate(
        zip(priors, chances(priors, given_any and not shared), strict=True)
    ):
        gz = pow(KOROBOV, 2 * k + 1, points)
        gu = pow(KOROBOV, 2 * k + 2, points)
        shift_z = (seed * 7919 + k) % points
        shift_u = (seed * 104729 + 3 * k + 1) % points
        mu, sigma, cap = prior.mu, prior.sigma, prior.cap
        if shared:  # u < σ(logit + τ s)  ⇔  ln(u / (1 − u)) − τ s < logit
            logit, tau = prior.logit, prior.tau
            if tau == 0:
                logit = math.log(prior.probability / (1 - prior.probability))
            happens = [
                odds[(i * gu + shift_u) % points] - tau * s < logit for i, s in enumerate(us)
            ]
        else:
            happens = [
                (((i * gu + shift_u) % points) + 0.5) / points < (after if seen[i] else before)
                for i in range(points)
            ]
        values = [0.0] * points
        for i in (i for i, yes in enumerate(happens) if yes):
            amount = exp(mu + sigma * strata[(i * gz + shift_z) % points])
            if cap is not None and amount > cap:
                amount = cap
            values[i] = amount * factor
            seen[i] = True
        out.append(values)
    if shared and given_any:
        keep = [i for i in range(points) if seen[i]]
        out = [[values[i] for i in keep] for values in out]
    return out


@cache
def _column(points: int, generator: int, shift: int, of: str) -> tuple[float, ...]:
    """Lattice column ``(i·generator + shift) mod points`` of the strata's normal quantiles
    (``of`` = ``normal``) or log-odds (``odds``), point by point: the same floats
    :func:`lattice_draws` reads, once per process: from the shipped table where it holds the
    column (:func:`shipped_columns`), else :func:`gathered`."""
    if points == POINTS:
        try:
            part = _shipped_index()[generator, shift, of]
        except KeyError:
            pass
        else:
            stored = _stored_part(points, part)
            if stored is not None:
                return stored
    return gathered(_strata(points) if of == "normal" else _log_odds(points), generator, shift)


@cache
def _shipped_index() -> dict[tuple[int, int, str], int]:
    """(generator, shift, of) → its part of the shipped table."""
    return {key: 2 + n for n, key in enumerate(shipped_columns())}


def _shared_column(points: int, seed: int, lines: int) -> tuple[float, ...]:
    """The breach effect's normal at each point (column 2K of K lines)."""
    return _column(
        points, pow(KOROBOV, 2 * lines + 1, points), (seed * 7919 + 2 * lines) % points, "normal"
    )


def _normal_column(points: int, seed: int, k: int) -> tuple[float, ...]:
    """Line ``k``'s normal at each point (column 2k)."""
    return _column(points, pow(KOROBOV, 2 * k + 1, points), (seed * 7919 + k) % points, "normal")


@cache
def _thresholds(points: int, seed: int, lines: int, k: int, tau: float) -> tuple[float, ...]:
    """Line ``k`` of ``lines`` happens at point i where ``ln(u_i / (1 − u_i)) − τ s_i`` is
    below its log-odds: those values (the very floats :func:`lattice_draws` compares)."""
    odds = _column(
        points, pow(KOROBOV, 2 * k + 2, points), (seed * 104729 + 3 * k + 1) % points, "odds"
    )
    if tau == 0:
        return odds
    return tuple(map(operator.sub, odds, _spread_column(points, seed, lines, tau)))


@cache
def _spread_column(points: int, seed: int, lines: int, tau: float) -> tuple[float, ...]:
    """τ times the breach effect's normal at each point: the same for every line of a breach
    (each line's thresholds subtract it), so made once."""
    return tuple(map(float(tau).__mul__, _shared_column(points, seed, lines)))


_ASCENDING: dict[tuple[int, int, int, int, float], tuple[list[float], tuple[int, ...]]] = {}
""":func:`_thresholds` sorted, with the points in that order, for a column asked for before
(a batch): its points below a log-odds are then the first ``bisect_left``."""


def _happening(
    points: int, seed: int, lines: int, k: int, tau: float, logit: float
) -> tuple[Sequence[int], bool]:
    """The points where line ``k`` happens (threshold below ``logit``), and whether the
    process has asked for a lattice column before (a batch: its columns are kept). The first
    time a column is asked for, a scan; from the second time on, a bisection of the sorted
    column."""
    key = (points, seed, lines, k, tau)
    ordered = _ASCENDING.get(key)
    if ordered is not None:
        ascending, order = ordered
        return order[: bisect_left(ascending, logit)], True
    values = _thresholds(*key)
    again = _thresholds.cache_info().hits > 0
    if again:  # some column is asked for again: sort this one
        order = tuple(sorted(range(points), key=values.__getitem__))
        _ASCENDING[key] = ([values[i] for i in order], order)
    return list(compress(range(points), map(float(logit).__gt__, values))), again


def _line_at(
    prior: HistoryPrior, k: int, lines: int, factor: float, seed: int, points: int
) -> dict[int, float]:
    """Line ``k`` of ``lines`` (sharing the breach's effect) at the lattice points where it
    happens: point → amount × ``factor``, the floats :func:`lattice_draws` gives there."""
    logit = prior.logit
    if prior.tau == 0:
        logit = math.log(prior.probability / (1 - prior.probability))
    where, again = _happening(points, seed, lines, k, prior.tau, logit)
    if not where:
        return {}
    exp = math.exp
    mu, sigma, cap = prior.mu, prior.sigma, prior.cap
    if again:  # a batch: the whole column, kept
        normal = _normal_column(points, seed, k)
        amounts = [exp(mu + sigma * normal[i]) for i in where]
    else:  # once: the strata at the points where the line happens only
        strata = _strata(points)
        g, shift = pow(KOROBOV, 2 * k + 1, points), (seed * 7919 + k) % points
        amounts = [exp(mu + sigma * strata[(i * g + shift) % points]) for i in where]
    if cap is not None:
        amounts = [cap if a > cap else a for a in amounts]
    if factor != 1.0:
        amounts = [a * factor for a in amounts]
    return dict(zip(where, amounts, strict=True))


def lattice_total(
    priors: tuple[HistoryPrior, ...],
    factor: float = 1.0,
    given_any: bool = False,
    seed: int = 0,
    points: int = POINTS,
) -> list[float]:
    """The total of :func:`lattice_draws` at each point, sorted: exactly
    ``sorted(map(math.fsum, zip(*lattice_draws(...))))`` (``[0.0]`` without lines), computed
    only where a line happens. The columns are gathered once per process (:func:`_column`);
    a line's happening points are those whose threshold is below its log-odds, its amounts
    are taken at those points only, and a point's total is its one amount, or the exactly
    rounded sum (``math.fsum``) of its amounts where several lines happen there."""
    if not priors:
        return [0.0]
    if not any(p.tau > 0 for p in priors):  # independent lines: the sequential draws
        draws = lattice_draws(priors, factor, given_any, seed, points)
        return sorted(map(math.fsum, zip(*draws, strict=True)))
    lines = len(priors)
    total: dict[int, float] = {}
    several: dict[int, list[float]] = {}
    for k, prior in enumerate(priors):
        mine = _line_at(prior, k, lines, factor, seed, points)
        for i in mine.keys() & total.keys():  # points where an earlier line happened too
            parts = several.get(i)
            if parts is None:
                several[i] = [total[i], mine[i]]
            else:
                parts.append(mine[i])
        total.update(mine)
    for i, parts in several.items():
        total[i] = math.fsum(parts)
    found = sorted(total.values())
    if given_any:
        return found
    return [0.0] * (points - len(found)) + found


@cache
def _log_odds(points: int) -> tuple[float, ...]:
    """:func:`log_odds_of`, from the shipped table where it has these points."""
    return _stored_part(points, 1) or log_odds_of(points)


def line_quantile(prior: HistoryPrior, q: float) -> float:
    """The ``q`` quantile (0 < q < 1) of one line on its own, exactly: zero with chance
    1 − p, else the capped lognormal."""
    none = 1.0 - prior.probability
    if q <= none:
        return 0.0
    z = NormalDist().inv_cdf(min((q - none) / prior.probability, 1 - 1e-12))
    amount = math.exp(prior.mu + prior.sigma * z)
    return min(amount, prior.cap) if prior.cap is not None else amount


def percentiles(values: Sequence[float], qs: Sequence[float]) -> list[float]:
    """``numpy.percentile(values, qs)`` (its default, linear interpolation) without numpy."""
    return sorted_percentiles(sorted(values), qs)


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
        if last == 0:  # one value: numpy returns it as it is (-0.0 stays -0.0)
            found.append(a)
            continue
        diff = b - a
        found.append(b - diff * (1 - gamma) if gamma >= 0.5 else a + diff * gamma)
    return found


def decimal_of(value: float) -> Decimal:
    """A simulated float as a Decimal for presentation."""
    return Decimal(repr(float(value)))


def three_figures(value: float) -> Decimal:
    """A statistical figure to three significant figures (``713,541,636.2`` → ``714000000``):
    what an estimate can say, and the same printed bytes on any CPU (the last bits of ``exp``
    and ``log`` may differ between C libraries; a rounding to three figures hides them)."""
    if not math.isfinite(value):
        return Decimal(repr(float(value)))
    rounded = Decimal(f"{float(value):.2e}")
    if abs(rounded) < 100 or rounded.adjusted() >= 27:  # beyond 27 digits: left as it is
        return rounded
    return rounded.quantize(Decimal(1))
