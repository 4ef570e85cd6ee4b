"""The past breaches most like a file: size, data classes, jurisdictions and year."""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from functools import cache
from typing import TYPE_CHECKING, Any

from breachcalc.analysis.history.features import Observed, training_set
from breachcalc.contract import FieldTuple
from breachcalc.domain.priors import Comparable, decimal_of

if TYPE_CHECKING:
    from typing import Protocol

    class Likeness(Protocol):
        """What :func:`distance` reads of a breach (a :class:`Facts` or a :class:`Profile`)."""

        @property
        def people(self) -> int: ...
        @property
        def ln_people(self) -> float: ...
        @property
        def classes(self) -> frozenset[str]: ...
        @property
        def units(self) -> frozenset[str]: ...
        @property
        def year(self) -> int: ...


def distance(facts: Likeness, other: Likeness) -> float:
    """How far ``other`` is from ``facts`` (0 is identical): size on a log scale (a decade is
    1), data classes (0.5 × one minus their Jaccard share), jurisdictions (0.5 where they share
    none) and year (a twentieth a year)."""
    size = abs(facts.ln_people - other.ln_people) / math.log(10)
    union = facts.classes | other.classes
    classes = 1.0 - (len(facts.classes & other.classes) / len(union) if union else 1.0)
    places = 0.0 if facts.units & other.units else 1.0
    return size + 0.5 * classes + 0.5 * places + abs(facts.year - other.year) / 20


def similarity(facts: Likeness, other: Likeness) -> tuple[float, str]:
    """:func:`distance`, and why, in words."""
    shared = facts.classes & other.classes
    ratio = other.people / max(facts.people, 1)
    common = facts.units & other.units
    why = [
        f"{_times(ratio)} the people" if ratio >= 1 else f"{_times(1 / ratio)} fewer people",
        (
            "same data classes"
            if facts.classes == other.classes
            else f"shares {', '.join(sorted(shared)) or 'no'} data"
        ),
        (f"shares {', '.join(sorted(common))}" if common else "other jurisdictions"),
        str(other.year),
    ]
    return distance(facts, other), "; ".join(why)


def _times(ratio: float) -> str:
    """``1.5×``, ``41×``, ``3,000×``: two significant figures, never an exponent."""
    return f"{ratio:.2g}×" if ratio < 10 else f"{round(ratio):,}×"


class Profile(FieldTuple):
    """What the likeness of two breaches reads: people, data classes, fine units and year (a
    :class:`Facts` has the same attributes). The shipped index holds one per past breach."""

    __slots__ = ()

    id: str
    organisation: str
    year: int
    people: int
    classes: frozenset[str]
    units: frozenset[str]
    total_usd: float

    @property
    def ln_people(self) -> float:
        return math.log(max(self.people, 1))


def profile_of(obs: Observed) -> Profile:
    """A past breach's profile (its total must be known)."""
    return Profile(
        obs.case.id,
        obs.case.organisation,
        obs.case.year,
        obs.facts.people,
        obs.facts.classes,
        obs.facts.units,
        obs.total,
    )


def index_to_json(profiles: list[Profile]) -> list[list[Any]]:
    """The profiles as compact JSON rows (stored in ``history_model.json``)."""
    return [
        [
            p.id,
            p.organisation,
            p.year,
            p.people,
            sorted(p.classes),
            sorted(p.units),
            p.total_usd,
            plain(p.organisation.split("(")[0]),
        ]
        for p in profiles
    ]


def plain(text: str) -> str:
    """Lower-case letters and digits only: ``Coupang (Coupang Corp)`` → ``coupangcoupangcorp``."""
    return "".join(ch for ch in text.lower() if ch.isascii() and ch.isalnum())


@cache
def plain_names() -> dict[int, list[tuple[str, str, str]]]:
    """Year → the past breaches of that year as (id, organisation, its name in plain letters:
    what comes before a parenthesis; at least three letters), read from the stored index."""
    found: dict[int, list[tuple[str, str, str]]] = {}
    for row in _stored_rows():
        name = row[7] if len(row) > 7 else plain(str(row[1]).split("(")[0])
        if len(name) >= 3:
            found.setdefault(int(row[2]), []).append((str(row[0]), str(row[1]), name))
    return found


@cache
def _stored_rows() -> tuple[list[Any], ...]:
    """The index of past breaches as stored in ``history_model.json`` (rows of
    :func:`index_to_json`), or made from the history where that file is missing."""
    from breachcalc.analysis.history.fit import stored_json

    stored = stored_json()
    if stored is None or "index" not in stored:
        profiles = [profile_of(o) for o in training_set() if o.total_known]
        return tuple(index_to_json(profiles))
    return tuple(stored["index"])


def _profile(row: list[Any]) -> Profile:
    return Profile(
        row[0],
        row[1],
        int(row[2]),
        int(row[3]),
        frozenset(row[4]),
        frozenset(row[5]),
        float(row[6]),
    )


@cache
def shipped_index() -> tuple[Profile, ...]:
    """Every past breach whose total is known, as the estimate compares with it: read from
    ``history_model.json`` (so that an estimate need not load the whole history)."""
    return tuple(map(_profile, _stored_rows()))


def comparables(
    facts: Likeness, count: int = 5, exclude: str | None = None
) -> tuple[Comparable, ...]:
    """The ``count`` past breaches closest to ``facts``, with their public totals in USD
    (zero where nothing was paid); never the record ``exclude`` (the file's own)."""
    return tuple(
        Comparable(
            id=p.id,
            organisation=p.organisation,
            year=p.year,
            people=p.people,
            public_outcomes_usd=decimal_of(p.total_usd),
            why=similarity(facts, p)[1],
        )
        for _d, _id, p in _nearest(facts, count, exclude)
    )


@cache
def _index_rows() -> tuple[dict[str, int], dict[str, int], tuple[tuple[Any, ...], ...]]:
    """The stored index as :func:`_nearest` reads it: a bit per data class and per fine unit,
    and per past breach (ln people, its classes' bits, how many, its units' bits, year, id,
    its stored row), in order of ln people (a profile is made only for those shown)."""
    stored = _stored_rows()
    class_bit = {c: 1 << k for k, c in enumerate(sorted({c for r in stored for c in r[4]}))}
    unit_bit = {u: 1 << k for k, u in enumerate(sorted({u for r in stored for u in r[5]}))}
    log, classes, units = math.log, class_bit.__getitem__, unit_bit.__getitem__
    # a stored row's classes and units are sorted sets (index_to_json): each name once
    rows = [
        (
            log(max(int(r[3]), 1)),
            sum(map(classes, r[4])),
            len(r[4]),
            sum(map(units, r[5])),
            int(r[2]),
            str(r[0]),
            r,
        )
        for r in stored
    ]
    rows.sort(key=_size_then_id)
    return class_bit, unit_bit, tuple(rows)


def _size_then_id(row: tuple[Any, ...]) -> tuple[float, str]:
    return row[0], row[5]


def _bits(names: frozenset[str], bit: dict[str, int]) -> int:
    return sum(bit.get(n, 0) for n in names)


def _nearest(facts: Likeness, count: int, exclude: str | None) -> list[tuple[float, str, Profile]]:
    """The ``count`` smallest (:func:`distance`, id) from ``facts`` over the past breaches but
    ``exclude``: the same floats, with the sets of classes and units as bits, searched outward
    from the nearest size and stopped where the size term alone (a lower bound of the
    distance) exceeds the last of those kept."""
    class_bit, unit_bit, rows = _index_rows()
    ln10 = math.log(10)
    mine_ln, year = facts.ln_people, facts.year
    mine_classes = _bits(facts.classes, class_bit)
    mine_count = len(facts.classes)
    mine_units = _bits(facts.units, unit_bit)
    best: list[tuple[float, str, list[Any]]] = []
    right = bisect_left(rows, mine_ln, key=lambda r: r[0])
    left = right - 1
    while left >= 0 or right < len(rows):
        near_left = abs(mine_ln - rows[left][0]) / ln10 if left >= 0 else math.inf
        near_right = abs(mine_ln - rows[right][0]) / ln10 if right < len(rows) else math.inf
        if near_left <= near_right:
            size, row = near_left, rows[left]
            left -= 1
        else:
            size, row = near_right, rows[right]
            right += 1
        if len(best) == count and size > best[-1][0]:
            break
        _ln, classes, number, units, when, case_id, stored = row
        if case_id == exclude:
            continue
        both = (mine_classes & classes).bit_count()
        union = mine_count + number - both
        share = 1.0 - (both / union if union else 1.0)
        places = 0.0 if mine_units & units else 1.0
        score = size + 0.5 * share + 0.5 * places + abs(year - when) / 20
        if len(best) < count or (score, case_id) < best[-1][:2]:
            insort(best, (score, case_id, stored), key=lambda s: (s[0], s[1]))
            del best[count:]
    return [(score, case_id, _profile(row)) for score, case_id, row in best]
