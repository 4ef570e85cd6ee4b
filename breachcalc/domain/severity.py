"""Severity: the ENISA 2013 method, weighed by scale into an overall tier.

**SE = DPC × EI + CB** (ENISA, *Recommendations for a methodology of the assessment of severity
of personal data breaches*, v1.0, 2013). Every figure of the method is read from
``data/severity.toml``, where each row carries its source and the note that it comes from a
secondary source (none was checked against the ENISA PDF).

* **DPC**, data processing context: each exposed category's basic score from its Annex 1 class
  (simple 1, behavioural 2, financial 3, sensitive 4), moved by a contextual factor the file
  gives with a reason (``dpc_factors``); the breach's DPC is the highest, and the category that
  set it is recorded.
* **EI**, ease of identification: from what the categories allow (a category that names a person
  on its own, such as names or government IDs → maximum 1; one that leads to a person with a
  look-up, such as email or phone → significant 0.75; otherwise limited 0.5), or the file's
  ``ease_of_identification`` override with its reason. Negligible (0.25) is only ever set by an
  override.
* **CB**, circumstances: confidentiality, integrity, availability (0 / 0.25 / 0.5 each) and
  malicious intent (+0.5), from the file's ``circumstances``. Without that section CB is 0 and
  the assessment says so in :attr:`Severity.warnings`; so it does for credentials, which ENISA
  scores by the data in the systems they open, not as a class of their own.
* **Level**: below 2 low, 2 to below 3 medium, 3 to below 4 high, 4 and above very high.

ENISA leaves the number of people out of the score. breachcalc weighs it afterwards: the
**scale band** (:func:`scale_bands`) and the ENISA level give the overall **tier** through
:func:`tier_matrix`. Both are rows of ``data/severity.toml`` marked as breachcalc's own
judgement, not ENISA's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

from breachcalc.contract import computed, out, record, result
from breachcalc.errors import ARGUMENT_CHARS, BreachcalcError, cut
from breachcalc.reference.tables import catalogue, enisa_data, severity_provenance

if TYPE_CHECKING:
    from breachcalc.input.breach import Breach, Circumstances, DpcFactor, Identification

METHOD = "ENISA:1.0"
"""The method and version, also the first part of every vector."""

LEVELS = ("low", "medium", "high", "very high")
"""ENISA's four levels, lowest first."""

TIERS = ("low", "moderate", "high", "critical")
"""The overall tier, lowest first: the words ``severity.tier`` may hold."""

CB_ELEMENTS = ("confidentiality", "integrity", "availability", "malicious")

IDENTIFIES_EI = {"direct": "maximum", "indirect": "significant", "none": "limited"}
"""EI level a category allows on its own, from the catalogue's ``identifies``."""

_IDENTIFIES_WHY = {
    "direct": "identifies a person directly, with no special research needed",
    "indirect": "leads to a person with a look-up or cross-matching",
    "none": "does not point to a person by itself; identifying needs other data",
}


class VectorError(BreachcalcError):
    """A severity vector that cannot be read; the message names the wrong part."""


@result
class DpcItem:
    """One exposed category's DPC score."""

    category: str = out("Catalogue key of the category.")
    enisa_class: str = out("ENISA class: simple, behavioural, financial or sensitive.")
    basic: int = out("The class's basic DPC score.")
    score: int = out("The score after the contextual factor (`basic` without one).")
    factor: str | None = out("The contextual factor's key, or null.")
    reason: str | None = out("The file's reason for the factor, or null.")


@result
class CbPart:
    """One element of the circumstances: the choice made, its value and ENISA's wording."""

    element: str = out("confidentiality, integrity, availability or malicious.")
    choice: str = out("The choice the file made for the element.")
    value: Decimal = out("The element's value in CB.")
    wording: str = out("ENISA's wording of the choice.")


@result
class Provenance:
    """Where the severity figures come from."""

    secondary: bool = out("Some ENISA figure comes from a secondary source.")
    unconfirmed: bool = out("Some ENISA figure is UNCONFIRMED against the ENISA PDF.")
    text: str = out("The sentence the table shows.")


def _se_number(value: Decimal) -> Decimal:
    """An encoder: SE with at least one decimal (``3.0``)."""
    return Decimal(se_text(value))


def _normalized(value: Decimal) -> Decimal:
    """An encoder: a factor without trailing zeros (``0.5``, ``1``)."""
    return value.normalize()


@result
class Factors:
    """The factors of a severity vector."""

    dpc: int = out("DPC, 1 to 4.")
    ei: Decimal = out("EI, 0.25 to 1.", encode=_normalized)
    c: Decimal = out("Loss of confidentiality: 0, 0.25 or 0.5.", encode=_normalized)
    i: Decimal = out("Loss of integrity: 0, 0.25 or 0.5.", encode=_normalized)
    a: Decimal = out("Loss of availability: 0, 0.25 or 0.5.", encode=_normalized)
    m: Decimal = out("Malicious intent: 0 or 0.5.", encode=_normalized)
    scale_band: int | None = out(
        "The scale band, or null when the vector leaves scale out.", default=None
    )

    @property
    def cb(self) -> Decimal:
        return self.c + self.i + self.a + self.m

    @property
    def se(self) -> Decimal:
        return self.dpc * self.ei + self.cb


@result
class VectorScore:
    """``breachcalc severity VECTOR``: SE, level and (with /S:) the tier."""

    vector: str = out("The vector as read.")
    factors: Factors = out("Its factors.", after="tier")
    se: Decimal = out("SE = DPC × EI + CB.", encode=_se_number)
    level: str = out("The ENISA level.")
    tier: str | None = out("The overall tier, or null without a scale band.")


@result
class Severity:
    """ENISA SE = DPC × EI + CB, its level, and the overall tier with the scale band."""

    JSON_GROUPS: ClassVar[dict[str, str]] = {
        "dpc": "Data processing context: the highest category score, and every category's.",
        "ei": "Ease of identification.",
        "cb": "Circumstances of the breach: the sum of its four elements.",
    }

    tier: str = out("The overall tier (the level with the scale band).")
    method: str = out("The method the score follows.")
    se: Decimal = out("SE = DPC × EI + CB.", encode=_se_number)
    level: str = out("The ENISA level: low, medium, high or very high.")
    vector: str = out("The severity vector, readable by `breachcalc severity`.")
    dpc: int = out("The breach's DPC: the highest item score.", key="dpc.value")
    dpc_set_by: str = out("The category whose score set the DPC.", key="dpc.set_by")
    dpc_items: tuple[DpcItem, ...] = out("Every exposed category's score.", key="dpc.items")
    ei: Decimal = out("The EI value.", key="ei.value")
    ei_level: str = out("The EI level's name.", key="ei.level")
    ei_set_by: str | None = out(
        "The category that set EI, or null for an override.", key="ei.set_by"
    )
    ei_reason: str = out("Why EI took its value.", key="ei.reason")
    cb: Decimal = out("CB: the sum of its parts.", key="cb.value")
    cb_given: bool = out(
        "False where the file has no `circumstances` (CB is then 0).", key="cb.given"
    )
    cb_parts: tuple[CbPart, ...] = out(
        "Confidentiality, integrity, availability, malicious.", key="cb.parts"
    )
    affected: int = out("The number of people the scale band is taken from.")
    scale_band: int = out("The scale band, from 1.")
    scale_name: str = out("The scale band's words.")
    warnings: tuple[str, ...] = out("What the reader must know (e.g. CB assumed 0).")

    @property
    @computed("Where the severity figures come from.", after="")
    def provenance(self) -> Provenance:
        """The ENISA data's provenance flags and the sentence that says them."""
        return Provenance(*severity_provenance())

    @property
    def factors(self) -> Factors:
        c, i, a, m = (part.value for part in self.cb_parts)
        return Factors(self.dpc, self.ei, c, i, a, m, self.scale_band)


def class_scores() -> dict[str, int]:
    """ENISA Annex 1 class → basic DPC score."""
    return {row["key"]: int(row["score"]) for row in enisa_data()["dpc_class"]}


def ei_values() -> dict[str, Decimal]:
    """EI level name → value."""
    return {row["key"]: row["value"] for row in enisa_data()["ei_level"]}


def cb_table() -> dict[tuple[str, str], dict[str, Any]]:
    """(element, choice) → the CB row (value, wording, source, note)."""
    return {(row["element"], row["key"]): row for row in enisa_data()["cb"]}


def factor_raises() -> dict[str, bool]:
    """DPC contextual factor → True if it raises the score, False if it lowers it."""
    return {row["key"]: bool(row["raises"]) for row in enisa_data()["dpc_factor"]}


def level_of(se: Decimal) -> str:
    """ENISA level for an SE score (thresholds from ``data/severity.toml``)."""
    rows = sorted(enisa_data()["level"], key=lambda row: row["from"], reverse=True)
    return next(str(row["key"]) for row in rows if se >= row["from"])


@record
class ScaleBand:
    """One scale band: its number, the lowest count in it, and its words."""

    band: int
    floor: int
    name: str


@cache
def scale_bands() -> tuple[ScaleBand, ...]:
    """The scale bands from ``data/severity.toml``, lowest first (band 1 from 0 people)."""
    rows = sorted(enisa_data()["scale_band"], key=lambda row: row["band"])
    return tuple(ScaleBand(int(row["band"]), int(row["from"]), str(row["name"])) for row in rows)


@cache
def tier_matrix() -> dict[str, tuple[str, ...]]:
    """ENISA level → the tier in each scale band (1 to 5), from ``data/severity.toml``."""
    table = enisa_data()["tier_matrix"]
    return {level: tuple(str(tier) for tier in table[level]) for level in LEVELS}


def scale_band(affected: int) -> int:
    """Scale band 1 to 5 for a number of people (see :func:`scale_bands`)."""
    return next(b.band for b in reversed(scale_bands()) if affected >= b.floor)


def band_count() -> int:
    """How many scale bands the data defines (the "of N" of "scale band 5 of 5")."""
    return len(scale_bands())


def scale_name(band: int) -> str:
    """The words for a scale band."""
    return next(b.name for b in scale_bands() if b.band == band)


def tier_of(level: str, band: int) -> str:
    """The overall tier from :func:`tier_matrix`."""
    return tier_matrix()[level][band - 1]


def number_text(value: Decimal) -> str:
    """A factor as the vector writes it: ``1``, ``0.5``, ``0.25``, ``0``."""
    text = format(value.normalize(), "f")
    return text


def se_text(value: Decimal) -> str:
    """An SE score with at least one decimal: ``3.0``, ``2.5``, ``1.25``."""
    text = number_text(value)
    return text if "." in text else text + ".0"


def vector_text(factors: Factors) -> str:
    """``ENISA:1.0/DPC:2/EI:1/C:0.5/I:0/A:0/M:0.5/S:5`` (``S`` only with a scale band)."""
    parts = [
        METHOD,
        f"DPC:{factors.dpc}",
        f"EI:{number_text(factors.ei)}",
        f"C:{number_text(factors.c)}",
        f"I:{number_text(factors.i)}",
        f"A:{number_text(factors.a)}",
        f"M:{number_text(factors.m)}",
    ]
    if factors.scale_band is not None:
        parts.append(f"S:{factors.scale_band}")
    return "/".join(parts)


_VECTOR_KEYS = ("DPC", "EI", "C", "I", "A", "M", "S")


def _allowed() -> dict[str, tuple[Decimal, ...]]:
    cb = cb_table()
    by_element = {
        key: tuple(sorted({row["value"] for (el, _), row in cb.items() if el == element}))
        for key, element in zip("CIAM", CB_ELEMENTS, strict=True)
    }
    return {
        "DPC": tuple(Decimal(n) for n in sorted(set(class_scores().values()))),
        "EI": tuple(sorted(ei_values().values())),
        **by_element,
        "S": tuple(Decimal(b.band) for b in scale_bands()),
    }


def parse_vector(text: str) -> Factors:
    """Read a vector written by :func:`vector_text`; :class:`VectorError` names the wrong part.

    Parts are ``KEY:VALUE`` separated by ``/``, after the method prefix ``ENISA:1.0``; DPC, EI, C,
    I, A and M are required, in that order, S (scale band) is optional and last.
    """
    allowed = _allowed()
    shape = "ENISA:1.0/DPC:n/EI:n/C:n/I:n/A:n/M:n[/S:n]"
    whole = f"vector {cut(text, ARGUMENT_CHARS)!r}"  # the user's own argument, quoted short
    parts = text.strip().split("/")
    if parts[0].strip().upper() != METHOD:
        raise VectorError(
            f"{whole}: part 1 {cut(parts[0], ARGUMENT_CHARS)!r} must be {METHOD} (the method "
            f"and version); a vector reads {shape}"
        )
    values: dict[str, Decimal] = {}
    for position, part in enumerate(parts[1:], start=2):
        at = f"{whole}: part {position} {cut(part, ARGUMENT_CHARS)!r}"
        key, sep, raw = part.partition(":")
        key = key.strip().upper()
        expected = next((k for k in _VECTOR_KEYS if k not in values), None)
        if not sep or key not in _VECTOR_KEYS:
            raise VectorError(
                f"{at} is not KEY:VALUE with KEY one of {', '.join(_VECTOR_KEYS)}; "
                f"a vector reads {shape}"
            )
        if key in values:
            raise VectorError(f"{at} repeats {key}")
        if key != expected:
            raise VectorError(
                f"{at} is out of order: {expected} comes next; a vector reads {shape}"
            )
        valid = ", ".join(number_text(v) for v in allowed[key])
        try:
            value = Decimal(raw.strip())
        except ArithmeticError:
            value = Decimal("NaN")
        if not value.is_finite() or value not in allowed[key]:
            raise VectorError(f"{at}: {key} must be one of {valid}")
        values[key] = value
    missing = [k for k in _VECTOR_KEYS[:-1] if k not in values]
    if missing:
        raise VectorError(f"{whole}: missing {', '.join(missing)}; a vector reads {shape}")
    band = values.get("S")
    return Factors(
        dpc=int(values["DPC"]),
        ei=values["EI"],
        c=values["C"],
        i=values["I"],
        a=values["A"],
        m=values["M"],
        scale_band=int(band) if band is not None else None,
    )


def score_vector(text: str) -> VectorScore:
    """Score a vector on its own: SE, level and, if it has a scale band, the tier."""
    factors = parse_vector(text)
    level = level_of(factors.se)
    tier = tier_of(level, factors.scale_band) if factors.scale_band is not None else None
    return VectorScore(vector_text(factors), factors, factors.se, level, tier)


NO_CIRCUMSTANCES = (
    "circumstances not given: CB taken as 0 — add a circumstances section "
    "(confidentiality, integrity, availability, malicious)"
)


CREDENTIALS = (
    "credentials exposed: ENISA scores them by the data in the systems they open, not as a "
    "class of their own; list those categories too (on their own, credentials count as simple)"
)


def _dpc_items(keys: tuple[str, ...], factors: tuple[DpcFactor, ...]) -> tuple[DpcItem, ...]:
    cats = catalogue().categories
    scores = class_scores()
    moved = {f.category: f for f in factors}
    items = []
    for key in keys:
        enisa_class = cats[key].enisa_class
        basic = scores[enisa_class]
        factor = moved.get(key)
        items.append(
            DpcItem(
                category=key,
                enisa_class=enisa_class,
                basic=basic,
                score=factor.score if factor else basic,
                factor=factor.factor if factor else None,
                reason=factor.reason if factor else None,
            )
        )
    return tuple(items)


def _ei(keys: tuple[str, ...], override: Identification | None) -> tuple[str, str | None, str]:
    """(level, category that set it or None for an override, reason)."""
    cats = catalogue().categories
    rank = ("none", "indirect", "direct")
    best = max(keys, key=lambda k: rank.index(cats[k].identifies))
    identifies = cats[best].identifies
    derived = IDENTIFIES_EI[identifies]
    if override is not None:
        value = number_text(ei_values()[derived])
        return (
            override.level,
            None,
            f"set in the file: {override.reason} (the categories alone give {derived}, {value}, "
            f"from {cats[best].label.lower()})",
        )
    why = _IDENTIFIES_WHY[identifies]
    return derived, best, f"from {cats[best].label.lower()}: {why}"


def _cb(circ: Circumstances | None) -> tuple[CbPart, ...]:
    table = cb_table()
    choices = (
        ("none", "none", "none", "false")
        if circ is None
        else (
            circ.confidentiality,
            circ.integrity,
            circ.availability,
            str(circ.malicious).lower(),
        )
    )
    parts = []
    for element, choice in zip(CB_ELEMENTS, choices, strict=True):
        row = table[(element, choice)]
        value = row["value"]
        assert isinstance(value, Decimal)
        parts.append(CbPart(element, choice, value, str(row["wording"])))
    return tuple(parts)


BASES = 64
"""Severity bases kept (one per set of categories, factors and circumstances met)."""


@dataclass(frozen=True, eq=False)
class _Basis:
    """The parts of a severity that do not depend on the number of people. Compared by
    identity: each is made once by :func:`_basis`, whose cache keeps it."""

    items: tuple[DpcItem, ...]
    tops: tuple[DpcItem, ...]
    """The items with the highest score, in file order (the scale is taken from one of them)."""
    ei_level: str
    ei_set_by: str | None
    ei_reason: str
    ei: Decimal
    parts: tuple[CbPart, ...]
    se: Decimal
    cb: Decimal
    level: str
    warnings: tuple[str, ...]


@lru_cache(maxsize=BASES)
def _basis(
    keys: tuple[str, ...],
    dpc_factors: tuple[DpcFactor, ...],
    identification: Identification | None,
    circumstances: Circumstances | None,
) -> _Basis:
    """Scores, EI and CB: from the categories, factors, identification and circumstances, not
    the count. Its inputs are exact as well as hashable (text, whole numbers, flags: no Decimal,
    whose equal values may print differently), so a cache can serve a sweep's rows."""
    items = _dpc_items(keys, dpc_factors)
    best = max(item.score for item in items)
    ei_level, ei_set_by, ei_reason = _ei(keys, identification)
    ei = ei_values()[ei_level]
    parts = _cb(circumstances)
    c, i, a, m = (part.value for part in parts)
    factors = Factors(best, ei, c, i, a, m)
    warnings = (() if circumstances is not None else (NO_CIRCUMSTANCES,)) + (
        (CREDENTIALS,) if "credentials" in keys else ()
    )
    return _Basis(
        items=items,
        tops=tuple(item for item in items if item.score == best),
        ei_level=ei_level,
        ei_set_by=ei_set_by,
        ei_reason=ei_reason,
        ei=ei,
        parts=parts,
        se=factors.se,
        cb=factors.cb,
        level=level_of(factors.se),
        warnings=warnings,
    )


@lru_cache(maxsize=BASES * 8)
def _scaled(basis: _Basis, band: int) -> tuple[str, str, str]:
    """The vector, tier and band name of ``basis`` at scale band ``band``."""
    c, i, a, m = (part.value for part in basis.parts)
    vector = vector_text(Factors(basis.tops[0].score, basis.ei, c, i, a, m, band))
    return vector, tier_of(basis.level, band), scale_name(band)


def assess_severity(breach: Breach) -> Severity:
    """The severity of ``breach``: ENISA SE and level, scale band and overall tier."""
    basis = _basis(
        tuple(breach.category_keys),
        tuple(breach.dpc_factors),
        breach.ease_of_identification,
        breach.circumstances,
    )
    # the scale: the people whose data set the DPC (the widest such category where several tie)
    counts, everyone = breach.category_counts, breach.affected
    top = max(basis.tops, key=lambda item: counts.get(item.category, everyone))
    scale_people = counts.get(top.category, everyone)
    band = scale_band(scale_people)
    vector, tier, name = _scaled(basis, band)
    return Severity(
        tier=tier,
        method=METHOD,
        se=basis.se,
        level=basis.level,
        dpc=top.score,
        dpc_set_by=top.category,
        dpc_items=basis.items,
        ei=basis.ei,
        ei_level=basis.ei_level,
        ei_set_by=basis.ei_set_by,
        ei_reason=basis.ei_reason,
        cb=basis.cb,
        cb_parts=basis.parts,
        cb_given=breach.circumstances is not None,
        affected=scale_people,
        scale_band=band,
        scale_name=name,
        vector=vector,
        warnings=basis.warnings,
    )


@result
class CatalogueEntry:
    """One entry of the data-category catalogue."""

    key: str = out("Canonical name used in output (`contact_details`).")
    label: str = out("Human name for tables.")
    enisa_class: str = out("ENISA 2013 Annex 1 class: simple, behavioural, financial or sensitive.")
    basic_dpc: int = out("The class's basic DPC score.")
    identifies: str = out(
        "`direct` where the data names a person on its own, `indirect` where it leads to one"
        " with some effort, else `none`."
    )
    ei_level: str = out("The EI level the category allows on its own.")
    aliases: tuple[str, ...] = out("Other names accepted in input files.")
    note: str = out("Why the entry is classed as it is, and the source.")


@result
class Catalogue:
    """``breachcalc categories``: the catalogue an input file may name."""

    source: str = out("Where the catalogue's classes come from.")
    categories: tuple[CatalogueEntry, ...] = out("Every entry, in catalogue order.")


def catalogue_listing() -> Catalogue:
    """The catalogue with each entry's basic DPC score and the EI level it allows."""
    found = catalogue()
    scores = class_scores()
    return Catalogue(
        source=found.source,
        categories=tuple(
            CatalogueEntry(
                key=c.key,
                label=c.label,
                enisa_class=c.enisa_class,
                basic_dpc=scores[c.enisa_class],
                identifies=c.identifies,
                ei_level=IDENTIFIES_EI[c.identifies],
                aliases=c.aliases,
                note=c.note,
            )
            for c in found.categories.values()
        ),
    )
