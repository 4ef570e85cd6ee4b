"""Reference data shipped inside the package, read once per process on first use.

Each file under ``reference/data/`` carries its source and effective date next to the figures,
so a reviewer can diff a changed figure without reading Python. TOML because it takes comments,
diffs line by line and is parsed by the standard library (exact decimals via ``parse_float``).
The tool loads each table from its compiled JSON twin (``scripts/build_reference.py``), which
reads in a fraction of the time; a test keeps the twins equal to the TOML.
"""

from __future__ import annotations

import itertools
import json
import sys
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from breachcalc.contract import record

TABLES = (
    "categories",
    "currencies",
    "fines",
    "insurability",
    "jurisdictions",
    "notifications",
    "regions",
    "severity",
    "us_states",
)
"""The tables read through :func:`_load`, each compiled from its TOML file to JSON."""


def _load(name: str) -> dict[str, Any]:
    """``data/NAME.toml``, the reviewed source, as compiled into ``data/NAME.json`` by
    ``scripts/build_reference.py``: JSON loads in a twentieth of the time TOML parses in
    (about 10 ms of every start-up), and ``tests/reference/test_tables.py`` keeps the two equal. The
    TOML file itself where the compiled one is missing."""
    try:
        text = data_text(name.removesuffix(".toml") + ".json")
    except FileNotFoundError:
        return read_toml(name)
    return dict(json.loads(text, object_hook=_decimal))


DATA = Path(__file__).parent / "data"
"""The data folder, where the package is installed as files (the usual case)."""


def data_text(name: str) -> str:
    """The text of ``data/NAME``: read from the package's folder, or through
    :mod:`importlib.resources` where the package is not plain files (a zip). The folder is read
    directly because importing importlib.resources and building its reader costs 3 to 5 ms of
    every start-up."""
    try:
        return (DATA / name).read_text(encoding="utf-8")
    except FileNotFoundError:
        if DATA.is_dir():
            raise
    from importlib.resources import files

    return files("breachcalc.reference").joinpath("data", name).read_text(encoding="utf-8")


def data_file(name: str) -> Any:
    """``data/NAME`` as a path to open (a :class:`Path` in a plain install; a resource of
    :mod:`importlib.resources` only where the package is not plain files)."""
    if DATA.is_dir():
        return DATA / name
    from importlib.resources import files

    return files("breachcalc.reference").joinpath("data", name)


def read_toml(name: str) -> dict[str, Any]:
    """``data/NAME`` parsed from its TOML, every fraction an exact Decimal."""
    import tomllib

    return tomllib.loads(data_text(name), parse_float=Decimal)


DECIMAL = "$decimal"
"""The key of a compiled Decimal: ``{"$decimal": "0.04"}`` (JSON numbers would be floats)."""


def _decimal(mapping: dict[str, Any]) -> Any:
    if len(mapping) == 1 and DECIMAL in mapping:
        return Decimal(mapping[DECIMAL])
    return mapping


def compiled(name: str) -> str:
    """The JSON text ``data/NAME.json`` holds for ``data/NAME.toml``."""

    def encode(value: Any) -> Any:
        if isinstance(value, Decimal):
            return {DECIMAL: str(value)}
        raise TypeError(f"{name}: cannot compile {type(value).__name__} {value!r}")

    data = read_toml(f"{name}.toml")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=encode) + "\n"


@cache
def currency_minor_units() -> dict[str, int]:
    """ISO 4217 code → minor units, from ``data/currencies.toml``."""
    return dict(_load("currencies.toml")["minor_units"])


@record
class Category:
    """One entry of the data-category catalogue (``data/categories.toml``).

    Attributes:
        key: canonical name used in output (``contact_details``).
        label: human name for tables.
        enisa_class: ENISA 2013 Annex 1 class: simple, behavioural, financial or sensitive.
        identifies: ``direct`` where the data names a person on its own (names, ID numbers),
            ``indirect`` where it leads to one with some effort (email, phone), else ``none``.
        aliases: other names accepted in input files.
        note: why the entry is classed as it is, and the source.
    """

    key: str
    label: str
    enisa_class: str
    identifies: str
    aliases: tuple[str, ...]
    note: str


@record
class CategoryTable:
    """The data-category catalogue with its provenance and an alias index."""

    source: str
    effective: str
    categories: dict[str, Category]
    index: dict[str, str]

    def lookup(self, name: str) -> Category | None:
        """The category a name or alias refers to (case, spaces and hyphens ignored)."""
        key = self.index.get(normalise_name(name))
        return self.categories[key] if key else None

    def names(self) -> list[str]:
        """Every accepted name, canonical keys first (for suggestions)."""
        return list(self.categories) + [a for a in self.index if a not in self.categories]


def normalise_name(name: str) -> str:
    """``"Phone Number"`` and ``phone-number`` → ``phone_number``."""
    return "_".join(name.strip().lower().replace("-", " ").split())


@cache
def catalogue() -> CategoryTable:
    """The data-category catalogue, from ``data/categories.toml``."""
    raw = _load("categories.toml")
    categories: dict[str, Category] = {}
    index: dict[str, str] = {}
    for entry in raw["category"]:
        cat = Category(
            key=entry["key"],
            label=entry["label"],
            enisa_class=entry["enisa_class"],
            identifies=entry["identifies"],
            aliases=tuple(entry.get("aliases", ())),
            note=entry["note"],
        )
        categories[cat.key] = cat
        for name in (cat.key, *cat.aliases):
            index[normalise_name(name)] = cat.key
    return CategoryTable(raw["meta"]["source"], raw["meta"]["effective"], categories, index)


class ReferenceDataError(ValueError):
    """A shipped data file breaks its own schema (a bug in breachcalc's data, not the user's)."""


PROVENANCE: dict[str, type] = {
    "source": str,
    "in_force_from": str,
    "window_source": str,
    "secondary": bool,
    "unconfirmed": bool,
    "note": str,
}
"""The provenance every rule of law carries, with its type (checked when the data loads)."""


def window(rule: dict[str, Any]) -> tuple[date, date | None]:
    """A rule's in-force window: first and last day (None: still in force)."""
    return _window(rule["in_force_from"], rule.get("in_force_until"))


@cache
def _window(start: str, until: str | None) -> tuple[date, date | None]:
    """The dates of a window, parsed once per process (every assessment asks for dozens)."""
    return date.fromisoformat(start), (date.fromisoformat(until) if until else None)


def in_force(rule: dict[str, Any], day: date) -> bool:
    """Whether ``rule`` was in force on ``day`` (both ends of the window included)."""
    start, end = window(rule)
    return start <= day and (end is None or day <= end)


def check_provenance(rule: dict[str, Any], where: str) -> None:
    """Every provenance key present with its type, and a window that parses and runs forward.

    Raises:
        ReferenceDataError: naming the file, the rule and the key.
    """
    for key, kind in PROVENANCE.items():
        if not isinstance(rule.get(key), kind):
            raise ReferenceDataError(f"{where}: `{key}` must be a {kind.__name__}")
    until = rule.get("in_force_until")
    if until is not None and not isinstance(until, str):
        raise ReferenceDataError(f"{where}: `in_force_until` must be a date text")
    try:
        start, end = window(rule)
    except ValueError as exc:
        raise ReferenceDataError(f"{where}: in-force window: {exc}") from None
    if end is not None and end < start:
        raise ReferenceDataError(f"{where}: in_force_until is before in_force_from")


@cache
def fine_rules() -> dict[str, tuple[dict[str, Any], ...]]:
    """Jurisdiction code → its fine rules, oldest first, from ``data/fines.toml``.

    Within a code the windows may not overlap, so one day picks at most one rule.
    """
    grouped: dict[str, list[dict[str, Any]]] = {}
    for index, rule in enumerate(_load("fines.toml")["rule"]):
        check_provenance(rule, f"fines.toml rule {index + 1} ({rule.get('code')})")
        grouped.setdefault(rule["code"], []).append(rule)
    for code, rules in grouped.items():
        rules.sort(key=lambda r: window(r)[0])
        for older, newer in itertools.pairwise(rules):
            end = window(older)[1]
            if end is None or end >= window(newer)[0]:
                raise ReferenceDataError(f"fines.toml: {code} windows overlap or leave one open")
    found = {code: tuple(rules) for code, rules in grouped.items()}
    for code, place in jurisdiction_tree().items():
        if place.inherits and code not in found:
            found[code] = found[place.inherits]
    return found


def fine_rule_on(code: str, day: date | None) -> dict[str, Any] | None:
    """The fine rule of ``code`` in force on ``day``; the newest one when ``day`` is None;
    None when the day falls outside every window (before the first rule, or in a gap)."""
    rules = fine_rules()[code]
    if day is None:
        return rules[-1]
    return next((rule for rule in rules if in_force(rule, day)), None)


@cache
def enisa_data() -> dict[str, Any]:
    """The ENISA method's figures, from ``data/severity.toml`` (figures as Decimals).

    Raises:
        ReferenceDataError: a row without its provenance (source, effective, secondary,
            unconfirmed, note).
    """
    data = dict(_load("severity.toml"))
    for section in ROW_SECTIONS:
        rows = data[section] if isinstance(data[section], list) else [data[section]]
        for index, row in enumerate(rows):
            for key, kind in ROW_PROVENANCE.items():
                if not isinstance(row.get(key), kind):
                    raise ReferenceDataError(
                        f"severity.toml {section} {index + 1}: `{key}` must be a {kind.__name__}"
                    )
    return data


ROW_SECTIONS = ("dpc_class", "dpc_factor", "ei_level", "cb", "level", "scale_band", "tier_matrix")
ROW_PROVENANCE: dict[str, type] = {
    "source": str,
    "effective": str,
    "secondary": bool,
    "unconfirmed": bool,
    "note": str,
}
"""The provenance every row of the severity data carries."""


def severity_provenance() -> tuple[bool, bool, str]:
    """(any ENISA figure secondary, any UNCONFIRMED, the sentence the assess output shows)."""
    data = enisa_data()
    rows = [
        row
        for section in ROW_SECTIONS[:5]
        for row in (data[section] if isinstance(data[section], list) else [data[section]])
    ]
    secondary = any(row["secondary"] for row in rows)
    unconfirmed = any(row["unconfirmed"] for row in rows)
    text = (
        "ENISA figures from secondary sources"
        + (" (UNCONFIRMED against the ENISA PDF)" if unconfirmed else "")
        if secondary
        else "ENISA figures from the ENISA PDF"
    )
    return secondary, unconfirmed, text + "; scale bands and tier matrix: breachcalc's judgement"


@cache
def notification_rules() -> tuple[dict[str, Any], ...]:
    """Every notification rule: ``data/notifications.toml`` in file order, then the US states'
    laws of ``data/us_states.toml``, each window expanded into its notices."""
    rules = tuple(_load("notifications.toml")["rule"])
    for index, rule in enumerate(rules):
        check_provenance(rule, f"notifications.toml rule {index + 1} ({rule.get('code')})")
    states = _state_rules()
    for index, rule in enumerate(states[0]):
        check_provenance(rule, f"us_states.toml rule {index + 1} ({rule.get('code')})")
    return rules + states[0]


@cache
def notification_regimes() -> tuple[dict[str, Any], ...]:
    """Periods with no statutory breach-notification duty, from ``data/notifications.toml``
    (``[[no_duty]]``) and the states' windows without a law: what a breach of those days is
    told instead of a rule."""
    rows = tuple(_load("notifications.toml").get("no_duty", ())) + _state_rules()[1]
    for index, row in enumerate(rows):
        check_provenance(row, f"notifications.toml no_duty {index + 1} ({row.get('code')})")
    return rows


def notification_rules_of(code: str) -> list[dict[str, Any]]:
    """The notification rules of ``code``: its own, else those of the code it inherits from
    (an EU member state: the GDPR's, its own supervisory authority named in the regulator
    notice)."""
    return list(_notification_rules_of(code))


@cache
def _notification_rules_of(code: str) -> tuple[dict[str, Any], ...]:
    """:func:`notification_rules_of`, worked out once per code and process."""
    own = tuple(rule for rule in notification_rules() if rule["code"] == code)
    place = jurisdiction_tree().get(code)
    if own or place is None or not place.inherits:
        return own
    inherited = []
    for rule in notification_rules():
        if rule["code"] != place.inherits:
            continue
        copy = {**rule, "code": code}
        if rule["duty"] == "regulator" and place.authority:
            copy["to"] = place.authority
        inherited.append(copy)
    return tuple(inherited)


def no_duty_rows_of(code: str) -> list[dict[str, Any]]:
    """The ``[[no_duty]]`` rows of ``code``, or of the code it inherits from."""
    place = jurisdiction_tree().get(code)
    target = place.inherits if place is not None and place.inherits else code
    own = [row for row in notification_regimes() if row["code"] == code]
    return own or [row for row in notification_regimes() if row["code"] == target]


PI_SETS: dict[str, tuple[str, ...]] = {
    "base": ("government_ids", "bank_accounts", "payment_cards"),
    "online": ("government_ids", "bank_accounts", "payment_cards", "credentials"),
    "health": ("government_ids", "bank_accounts", "payment_cards", "health"),
    "wide": (
        "government_ids",
        "bank_accounts",
        "payment_cards",
        "credentials",
        "health",
        "biometrics",
    ),
}
"""What a US state's law counts as personal information, as data categories (us_states.toml)."""


def _period_words(period: str) -> str:
    if not period:
        return "without unreasonable delay"
    number, unit = period.rstrip("dbh"), period[len(period.rstrip("dbh")) :]
    return {"d": f"within {number} days", "bd": f"within {number} business days"}.get(
        unit, f"within {number} hours"
    )


@cache
def _state_rules() -> tuple[tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]:
    """(notification rules, no-duty rows) expanded from ``data/us_states.toml``."""
    rules: list[dict[str, Any]] = []
    none: list[dict[str, Any]] = []
    names = jurisdiction_tree()
    for state in _load("us_states.toml")["state"]:
        code = state["code"]
        if state["pi"] not in PI_SETS:
            raise ReferenceDataError(f"us_states.toml {code}: unknown pi set {state['pi']!r}")
        common = {
            "code": code,
            "law": state["law"],
            "source": state["source"],
            "window_source": state["window_source"],
            "secondary": state["secondary"],
            "unconfirmed": state["unconfirmed"],
            "note": state["note"],
        }
        covered = [f"pi:{state['pi']}"]
        for number, window in enumerate(state["windows"]):
            dates = {"in_force_from": window["from"]}
            if number and not state["windows"][number - 1].get("none"):
                common["law"] = f"{state['law']}, as amended (from {window['from']})"
            if "until" in window:
                dates["in_force_until"] = window["until"]
            if window.get("none"):
                none.append(
                    {
                        **common,
                        **dates,
                        "law": f"no breach-notification statute in {names[code].name}",
                        "unconfirmed": False,
                        "note": "",
                    }
                )
                continue
            period = window.get("residents", "")
            rules.append(
                {
                    **common,
                    **dates,
                    "duty": "individuals",
                    "to": f"{names[code].name} residents",
                    "all": covered,
                    "any": ["always"],
                    "period": period,
                    "words": window.get("words") or _period_words(period),
                }
            )
            if window.get("regulator"):
                period = window.get("regulator_period", "")
                rules.append(
                    {
                        **common,
                        **dates,
                        "duty": "regulator",
                        "to": state["regulator_to"],
                        "all": covered,
                        "any": [window["regulator"]],
                        "period": period,
                        "words": window.get("regulator_words") or _period_words(period),
                    }
                )
            if window.get("cra"):
                rules.append(
                    {
                        **common,
                        **dates,
                        "duty": "agencies",
                        "to": "the nationwide consumer reporting agencies",
                        "all": covered,
                        "any": [window["cra"]],
                        "period": "",
                        "words": "without unreasonable delay",
                    }
                )
    return tuple(rules), tuple(none)


@record
class Place:
    """A jurisdiction's place in the tree (``data/jurisdictions.toml``).

    Attributes:
        code: the code (``US-TX``, ``DE``, ``US-HIPAA``).
        name: its name in words.
        parent: the country or union it sits inside, or "".
        inherits: the code whose rules apply where it has none of its own, or "".
        authority: who receives its regulator notice where the rule names none, or "".
        applies: for a sector regime, the ``controller`` flag that makes it apply, or "".
    """

    code: str
    name: str
    parent: str = ""
    inherits: str = ""
    authority: str = ""
    applies: str = ""


@cache
def jurisdiction_tree() -> dict[str, Place]:
    """Every jurisdiction breachcalc knows by name, from ``data/jurisdictions.toml``."""
    raw = _load("jurisdictions.toml")
    found: dict[str, Place] = {}
    for entry in raw["jurisdiction"]:
        found[entry["code"]] = Place(
            entry["code"],
            entry["name"],
            entry.get("parent", ""),
            entry.get("inherits", ""),
            entry.get("authority", ""),
            entry.get("applies", ""),
        )
    for group in raw["member"]:
        for row in group["codes"]:
            code, name, *authority = row
            found[code] = Place(
                code,
                name,
                group.get("parent", ""),
                group.get("inherits", ""),
                authority[0] if authority else "",
            )
    return found


@cache
def jurisdiction_aliases() -> dict[str, str]:
    """Another code for the same jurisdiction → the code breachcalc uses (``GB`` → ``UK``)."""
    return dict(_load("jurisdictions.toml")["alias"])


@cache
def eu_eea_members() -> frozenset[str]:
    """EU and EEA states (those ``data/jurisdictions.toml`` has inherit the EU's rules): their
    national fines count as EU fines."""
    return frozenset(code for code, place in jurisdiction_tree().items() if place.inherits == "EU")


@cache
def backtest_groups() -> tuple[tuple[str, frozenset[str]], ...]:
    """The back-test's groups in order (key, region codes); a breach in none is "rest"."""
    return tuple(
        (str(g["key"]), frozenset(g["codes"])) for g in _load("regions.toml")["backtest_group"]
    )


@cache
def withdrawn_minor_units() -> dict[str, int]:
    """Withdrawn ISO 4217 codes (list three) → minor units: amounts of the history only."""
    table = dict(_load("currencies.toml").get("withdrawn_minor_units", {}))
    return {k: int(v) for k, v in table.items() if k != "source"}


def float_table(name: str) -> memoryview[float] | None:
    """``data/NAME``: IEEE 754 doubles, little-endian, one after the other (a table the build
    computes), as a view of doubles read in some microseconds (slice it, then ``tolist``);
    None where the file is missing."""
    try:
        raw = data_file(name).read_bytes()
    except FileNotFoundError:
        return None
    if sys.byteorder == "little":  # the bytes as they are: no module to import
        return memoryview(raw).cast("d")
    from array import array

    values = array("d", raw)
    values.byteswap()
    return memoryview(values)
