"""One vocabulary: a result type's Python attribute has the name its JSON key has.

A reader who sees ``.compensation.total`` in ``jq`` finds ``result.compensation.total`` in
Python. A key may differ from the attribute that holds it in two ways only:

* nesting: a dotted key groups attributes under one object. The attribute is the key with its
  dots made underscores (``dpc.set_by`` is ``dpc_set_by``), or the key's last part
  (``inner.low`` is ``low``), or, for a group's own ``value``, the group's name (``dpc.value``
  is ``dpc``). A field declared ``key="*"`` writes its own object's keys in its place; those
  keys are held to the rule on their own type.
* a unit suffix: the key says the unit the attribute's type leaves unsaid
  (``actual`` is written ``actual_usd``). The suffixes allowed are :data:`UNIT_SUFFIXES`.

Every other difference fails below, listed as ``Type.attribute -> key``.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil

import breachcalc
from breachcalc.contract import CONTRACT, computed, out, result
from breachcalc.render.contract import entries

UNIT_SUFFIXES = ("_usd", "_days", "_hours", "_percent")
"""Units a key may add to its attribute's name: a currency fixed by the figure (US dollars for
history), and the units of time and share a bare number leaves unsaid."""


def _declares_json(cls: type) -> bool:
    if not dataclasses.is_dataclass(cls):
        return False
    fields = dataclasses.fields(cls)
    return bool(fields) and all(CONTRACT in f.metadata for f in fields)


def result_types() -> dict[str, type]:
    """Every result type the package declares, by qualified name."""
    found: dict[str, type] = {}
    for module in pkgutil.walk_packages(breachcalc.__path__, "breachcalc."):
        if module.name.endswith("__main__"):
            continue
        loaded = importlib.import_module(module.name)
        for _, value in inspect.getmembers(loaded, inspect.isclass):
            if value.__module__ == loaded.__name__ and _declares_json(value):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


def follows_from_name(attribute: str, path: tuple[str, ...]) -> bool:
    """Whether the key ``path`` (split at dots) follows from ``attribute`` by the rules above."""
    key = ".".join(path)
    if len(path) > 1:
        nested = {"_".join(path), path[-1]}
        if path[-1] == "value":
            nested.add("_".join(path[:-1]))
        return attribute in nested
    return key == attribute or any(key == attribute + unit for unit in UNIT_SUFFIXES)


def differences(cls: type) -> list[str]:
    """``Type.attribute -> key`` for each key of ``cls`` that does not follow from its name
    (keys of a flattened field are checked on their own type)."""
    return [
        f"{cls.__name__}.{entry.attribute} -> {'.'.join(entry.path)}"
        for entry in entries(cls)
        if not entry.via and not follows_from_name(entry.attribute, entry.path)
    ]


def test_every_json_key_is_its_attributes_name():
    found = result_types()
    # the walk finds the result types (so the rule below cannot pass on an empty list)
    assert {"Assessment", "FineCap", "TotalExposure", "Simulation", "Backtest"} <= {
        cls.__name__ for cls in found.values()
    }
    assert [line for cls in found.values() for line in differences(cls)] == []


def test_the_rule_allows_nesting_and_units_and_nothing_else():
    assert follows_from_name("total", ("total",))
    assert follows_from_name("actual", ("actual_usd",))
    assert follows_from_name("dpc_set_by", ("dpc", "set_by"))
    assert follows_from_name("low", ("inner", "low"))
    assert follows_from_name("dpc", ("dpc", "value"))
    assert not follows_from_name("costs", ("exposure",))
    assert not follows_from_name("coverage90", ("coverage_p5_p95",))
    assert not follows_from_name("actual", ("actual_eur",))
    assert not follows_from_name("given", ("cb", "set_by"))
    assert not follows_from_name("cb", ("dpc", "value"))


def test_a_renamed_key_is_listed():
    @result
    class Renamed:
        """A field and a property written under other names."""

        code: str = out("A code.", key="jurisdiction")
        amount: int = out("An amount.", key="amount_usd")

        @property
        @computed("A label.", key="source")
        def label(self) -> str:
            return self.code

    assert differences(Renamed) == ["Renamed.code -> jurisdiction", "Renamed.label -> source"]


def test_no_key_repeats_its_attributes_name():
    # `key=` is for nesting and units only; a key equal to the name is noise that hides them
    repeated = [
        f"{cls.__name__}.{entry.attribute}"
        for cls in result_types().values()
        for entry in entries(cls)
        if not entry.via and entry.declared.key == entry.attribute
    ]
    assert repeated == []
