"""Fuzzing: hostile YAML trees, random bytes and random option combinations never crash.

Every run must end in exit 0, or exit 1 or 2 with a message on stderr: never a traceback, never
exit 70 (internal error). In-process, an unexpected exception shows as ``result.exception`` that
is not a ``SystemExit``. The library layer (decode → parse → validate) may raise only
:class:`~breachcalc.errors.InputError`.

Example counts are small for the normal run; ``HYPOTHESIS_PROFILE=thorough`` runs thousands
(profiles are registered in ``tests/conftest.py``).
"""

from __future__ import annotations

import copy
import json
import string
from decimal import Decimal
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from breachcalc.errors import InputError
from breachcalc.input import yaml_reader as yamlsafe
from breachcalc.input.breach import Breach
from breachcalc.input.loader import validate
from breachcalc.input.paths import _unwrap
from tests.conftest import PROFILE, Run

FUZZ_EXAMPLES = 40 if PROFILE == "default" else settings.default.max_examples
"""A few dozen examples per property in the normal run (seconds); the profile's count otherwise."""
fuzz = settings(max_examples=FUZZ_EXAMPLES, deadline=None)

# --- vocabulary --------------------------------------------------------------------------------


def _schema_keys() -> list[str]:
    """Every field name of every model reachable from :class:`Breach`."""
    seen: set[type] = set()
    keys: set[str] = set()
    todo: list[Any] = [Breach]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            keys.add(name)
            inner = _unwrap(info.annotation)
            for candidate in (inner, *getattr(inner, "__args__", ())):
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    todo.append(candidate)
    return sorted(keys)


SCHEMA_KEYS = _schema_keys()


def test_the_vocabulary_reaches_nested_models():
    assert {"vouchers", "redemption", "per_notice", "share_of_cap", "unrelated_turnover"} <= set(
        SCHEMA_KEYS
    )


RANGE_KEYS = ["low", "likely", "high", "distribution"]
WORDS = [
    "KR", "EU", "UK", "US-CA", "US-HIPAA", "JP", "TW", "KRW", "USD", "JPY", "EUR", "names",
    "email", "order history", "passwords", "pert", "lognormal", "uniform", "standard", "higher",
    "people", "accounts", "1 USD = 1,440 KRW", "38 USD = 55000 KRW", "0 USD = 1 KRW",
]  # fmt: skip
# Plain (unquoted) YAML 1.1/1.2 tokens that are safe inside flow collections.
PLAIN_TOKENS = [
    "yes", "no", "on", "off", "y", "n", "NO", "true", "False", "null", "~", "010", "0o17",
    "0x1F", "0xFFFFFFFFFFFFFFFFFFFFFFFF", "1_000_000_000_000_000_000", ".inf", "-.inf", ".nan",
    ".NaN", "-0", "-0.0", "+0", "1e18", "1e19", "1e-18", "1e-19", "1E+400", "9" * 40, "9" * 41,
    "1" + "0" * 39, "0.1e1", "1.", ".5", "2025-11-18", "2025-02-30", "2025-11-18T09:30:00Z",
    "2001-12-14 21:59:43.10 -5", "12:30:00", "1:30", "0b101", "=", "<<", "!", "&", "*x", "2e",
    "33_700_000", "1,440", "100%", "NaN", "Infinity", "0.000000000000000001", "1e18.5",
]  # fmt: skip

plain_numbers = st.one_of(
    st.integers(min_value=-(10**45), max_value=10**45).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(repr),
    st.integers(min_value=-30, max_value=30).map(lambda e: f"1e{e}"),
)
text = st.text(max_size=30)
quoted = text.map(json.dumps)  # a JSON string is a valid YAML double-quoted scalar (\ud800 too)
single_quoted = text.filter(lambda s: "\n" not in s).map(lambda s: "'" + s.replace("'", "''") + "'")
tokens = st.one_of(
    st.sampled_from(PLAIN_TOKENS),
    plain_numbers,
    quoted,
    single_quoted,
    st.sampled_from(WORDS).map(json.dumps),
    st.sampled_from(SCHEMA_KEYS + RANGE_KEYS),
)
keys = st.one_of(
    st.sampled_from(SCHEMA_KEYS + RANGE_KEYS + ["KR", "EU", "US-CA", "<<"]),
    tokens,
    st.just("[a, b]"),
    st.just("{a: 1}"),
)


def _flow(tree: Any) -> str:
    if isinstance(tree, dict):
        return "{" + ", ".join(f"? {k} : {_flow(v)}" for k, v in tree.items()) + "}"
    if isinstance(tree, list):
        return "[" + ", ".join(_flow(v) for v in tree) + "]"
    return str(tree)


flow_trees = st.recursive(
    tokens,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=5)
    ),
    max_leaves=25,
).map(_flow)

# Python values dumped by PyYAML in block style: plain scalars where PyYAML thinks they are safe.
py_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**42), max_value=10**42),
    st.floats(),
    text,
    st.sampled_from(WORDS + PLAIN_TOKENS),
)
py_trees = st.recursive(
    py_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.sampled_from(SCHEMA_KEYS + RANGE_KEYS) | text, children, max_size=5),
    ),
    max_leaves=25,
)
block_yaml = py_trees.map(lambda tree: yaml.safe_dump(tree, allow_unicode=True))

# A valid breach with one value somewhere replaced by something hostile: reaches the model's
# validators, the cross checks, fines and ranges rather than stopping at the top level.
BASE: dict[str, Any] = {
    "name": "fuzz",
    "affected": 33_700_000,
    "data_categories": ["names", "email"],
    "discovered": "2025-11-18",
    "disclosed": "2025-11-29",
    "jurisdictions": {"KR": 33_500_000, "US-CA": 200_000},
    "compensation": {
        "currency": "KRW",
        "vouchers": [
            {"label": "a", "amount": 5000, "redemption": {"low": 0.2, "likely": 0.5, "high": 0.9}},
            {"amount": 20000, "currency": "KRW", "redemption": 0.3},
        ],
    },
    "costs": {
        "currency": "KRW",
        "monitoring": {"enrolment": 0.1, "price_per_month": 9000, "months": 12},
        "notification": {"per_notice": 100, "notices": 1000},
        "incident_response": {"amount": {"low": 1e6, "high": 1e8, "distribution": "lognormal"}},
        "litigation": {"per_person": 100000, "claim_share": 0.04},
        "lost_business": {
            "customers": 1000,
            "churn": {"low": 0.01, "high": 0.03, "distribution": "uniform"},
            "margin_per_customer": 100,
        },
    },
    "fines": {
        "KR": {"turnover": 41_000_000_000_000, "unrelated_turnover": 0, "share_of_cap": 0.3},
        "EU": {"turnover": 1_000_000_000, "tier": "standard", "expected": 1000},
        "US-CA": {"share_of_cap": 0.1},
        "JP": {},
    },
    "revenue": {"annual": 41_000_000_000_000, "currency": "KRW"},
    "reporting": {"currency": "USD", "rates": ["1 USD = 1,440 KRW", "1 EUR = 1,500 KRW"]},
    "sources": ["a", "b"],
}


def _paths(tree: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(tree, dict):
        for k, v in tree.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            found += _paths(v, (*prefix, i))
    return found


MINIMAL: dict[str, Any] = {"name": "fuzz", "affected": 1000, "data_categories": ["names"]}
BASES = [
    BASE,
    {**MINIMAL, "fines": BASE["fines"]},  # the breach currency then comes from the fines
    {**MINIMAL, "costs": BASE["costs"], "revenue": BASE["revenue"]},
    {**MINIMAL, "reporting": BASE["reporting"], "jurisdictions": BASE["jurisdictions"]},
]
hostile_values = st.one_of(
    py_scalars,
    st.decimals(allow_nan=False),
    st.sampled_from([[], {}, [1], {"low": 1}, {"low": 1, "high": 0}, [[["x"]]], {"a": {"b": 1}}]),
    st.sampled_from(RANGE_KEYS).map(lambda k: {k: 1}),
    st.fixed_dictionaries(
        {"low": plain_numbers, "high": plain_numbers},
        optional={"likely": plain_numbers, "distribution": st.sampled_from(WORDS)},
    ),
    st.builds(lambda d: "1 USD = " + d + " KRW", st.from_regex(r"\A[0-9]{1,60}(\.[0-9]{1,60})?\Z")),
)


DELETE = object()
"""An edit that removes the key (or item) instead of replacing its value."""


class Rename(str):
    """An edit that renames the key, keeping its value."""


def _edit(base: dict[str, Any], edits: list[tuple[tuple[Any, ...], Any]]) -> dict[str, Any]:
    """BASE with each (path, value) applied in turn; a path an earlier edit removed is skipped."""
    tree = copy.deepcopy(base)
    for path, value in edits:
        node: Any = tree
        for part in path[:-1]:
            inside = isinstance(node, dict) and part in node
            inside = inside or (
                isinstance(node, list) and isinstance(part, int) and part < len(node)
            )
            if not inside:
                break
            node = node[part]
        else:
            last = path[-1]
            if isinstance(value, Rename):
                if isinstance(node, dict) and last in node and str(value) not in node:
                    items = [(str(value) if k == last else k, v) for k, v in node.items()]
                    node.clear()
                    node.update(items)  # in place, keeping the order
                continue
            if (isinstance(node, dict) and (last in node or value is not DELETE)) or (
                isinstance(node, list) and isinstance(last, int) and last < len(node)
            ):
                if value is DELETE:
                    del node[last]
                else:
                    node[last] = value
    return tree


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    Decimal, lambda dumper, d: dumper.represent_scalar("tag:yaml.org,2002:float", str(d))
)


def _dump(tree: Any) -> str:
    return yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


edit_values = (
    hostile_values
    | st.just(DELETE)
    | st.sampled_from(["XX", "TW", "kr", "eu", "US-NY", "<<", "", "amount", "name"]).map(Rename)
    | st.sampled_from(SCHEMA_KEYS).map(Rename)
)


def _edits_of(base: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    edits = st.tuples(st.sampled_from(_paths(base)[1:]), edit_values)
    return st.lists(edits, min_size=1, max_size=4).map(lambda e: _edit(base, e))


mutated = st.sampled_from(BASES).flatmap(_edits_of).map(_dump)
# Breaches assembled from optional sections, with fine and jurisdiction codes both known and
# unknown: reaches the currency and fine-rule branches that depend on what is absent.
KNOWN_CODES = ["KR", "EU", "UK", "US-CA", "US-HIPAA", "JP", "AU", "SG", "CN", "BR", "IN", "CA"]
codes = st.sampled_from([*KNOWN_CODES, "XX", "TW", "kr", "US-NY"])
some = st.sampled_from
fine_inputs = st.fixed_dictionaries(
    {},
    optional={
        "currency": some(["KRW", "USD", "EUR", "GBP", "JPY", "XXX"]),
        "turnover": some([0, 1, 10**9, 10**18]),
        "unrelated_turnover": some([0, 1, 10**12]),
        "benefit": some([0, 10**6]),
        "tier": some(["standard", "higher", "lower"]),
        "expected": some([0, 1, 10**12, {"low": 1, "high": 9, "distribution": "uniform"}]),
        "share_of_cap": some([0, Decimal("0.5"), 1, 2, {"low": 0, "likely": 0.1, "high": 1}]),
    },
)
sections = st.fixed_dictionaries(
    {"name": st.just("assembled"), "affected": some([0, 1, 1000, 10**11])},
    optional={
        "data_categories": some([["names"], ["health"], [], ["nonsense"]]),
        "compensation": some([{"currency": "KRW", "amount": 1}, {"currency": "USD"}]),
        "costs": some([{"currency": "EUR", "incident_response": {"amount": 5}}, {}]),
        "reporting": some(
            [
                {"currency": "USD", "rates": ["1 USD = 1,440 KRW", "1 EUR = 1.1 USD"]},
                {"currency": "JPY"},
            ]
        ),
        "jurisdictions": st.dictionaries(codes, some([None, 0, 500, 2000]), max_size=3),
        "fines": st.dictionaries(codes, fine_inputs, max_size=4),
        "revenue": some([{"annual": 10**9}, {"annual": 0, "currency": "GBP"}]),
    },
)
assembled = sections.map(_dump)
any_yaml = st.one_of(flow_trees, block_yaml, mutated, assembled)

# --- the library layer -------------------------------------------------------------------------


def _library(data: bytes) -> None:
    """decode → parse → validate may refuse only with located InputErrors."""
    try:
        validate(yamlsafe.parse("f.yaml", yamlsafe.decode("f.yaml", data)))
    except InputError as error:
        assert error.problems, "an InputError with no problem"
        for problem in error.problems:
            assert problem.message.strip()
            assert "\n" not in problem.message, problem.message


@pytest.fixture(params=["libyaml", "pure"])
def loader(request, monkeypatch):
    """Run the library fuzz with libyaml's parser and with PyYAML's own (they differ)."""
    if request.param == "pure":
        monkeypatch.setattr(yamlsafe, "_LOADER", yaml.SafeLoader)
    return request.param


@settings(fuzz, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(any_yaml.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary()))
def test_library_refuses_only_with_located_input_errors(loader, data):
    _library(data)


@settings(fuzz, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(any_yaml, st.sampled_from(["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]))
def test_library_survives_every_encoding(loader, text, encoding):
    _library(text.encode(encoding, "surrogatepass"))


# --- the command line ---------------------------------------------------------------------------

RUN = Run()


def _check(result: Any) -> None:
    exc = result.exception
    assert exc is None or isinstance(exc, SystemExit), f"unexpected {exc!r}"
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert "internal error" not in result.stderr
    if result.exit_code == 1:
        lines = result.stderr.splitlines()
        assert lines and all(line.startswith("error: ") for line in lines), result.stderr
    elif result.exit_code == 2:
        # click's "Usage: ... Error: ...", its help for no arguments, or our "error: " lines
        assert "rror" in result.stderr or result.stderr.startswith("Usage:"), result.stderr


formats = st.sampled_from(["table", "json", "JSON", "xml", ""])


@fuzz
@given(any_yaml, formats)
def test_assess_never_crashes(source, fmt):
    _check(RUN("assess", "-", "--format", fmt, input=source.encode("utf-8", "surrogatepass")))


@fuzz
@given(st.binary(max_size=200))
def test_assess_survives_random_bytes(data):
    _check(RUN("assess", "-", input=data))


RANGED = _dump(BASE)
option_values = {
    "--trials": st.one_of(st.integers(-3, 50).map(str), st.sampled_from(["0", "1e3", "x", "10000001"])),
    "--seed": st.one_of(st.integers(-(2**70), 2**70).map(str), st.sampled_from(["-1", "x", ""])),
    "-p": st.one_of(st.floats().map(repr), st.sampled_from(["50", "0", "100", "nan", "-0", "1e308"])),
    "--exceed": st.one_of(
        text,
        st.sampled_from(["1.5e12", "1,000 USD", "1e999999", "0", "1 XXX", "1 eur", "1e18 JPY"]),
        st.from_regex(r"\A[0-9][0-9,_]{0,50}(\.[0-9]{1,30})?([eE]\+?[0-9]{1,6})?( [A-Za-z]{3})?\Z"),
    ),
    "--format": formats,
    "--plot": st.sampled_from(["out.txt", "out", ".png", "/nonexistent-dir/x.pdf"]),
}  # fmt: skip
option_lists = st.lists(
    st.sampled_from(sorted(option_values)).flatmap(
        lambda name: option_values[name].map(lambda value: [name, value])
    ),
    max_size=5,
).map(lambda pairs: [part for pair in pairs for part in pair])


@fuzz
@given(option_lists, st.one_of(st.just(RANGED), mutated))
def test_simulate_never_crashes(options, source):
    result = RUN("simulate", "-", "--trials", "20", *options, input=source.encode())
    _check(result)


@fuzz
@given(
    st.sampled_from(["schema", "categories"]),
    st.lists(st.one_of(st.sampled_from(["input", "output", "--format", "json", "-f", "x"]), text), max_size=3),
)  # fmt: skip
def test_other_commands_never_crash(command, args):
    _check(RUN(command, *args))


@fuzz
@given(st.lists(st.one_of(text, st.sampled_from(string.punctuation)), max_size=4))
def test_any_argument_list_never_crashes(args):
    _check(RUN(*args))


def test_the_mutation_fuzzer_finds_no_crash_in_a_short_run():
    """scripts/fuzz.py (100,000 mutants by hand) in a short, seeded run of the normal suite."""

    from tests.conftest import ROOT

    fuzz = load_fuzz_script()
    import contextlib
    import random

    from breachcalc.errors import BreachcalcError

    rng = random.Random(11)
    sources = [p.read_bytes() for p in sorted((ROOT / "examples").rglob("*.yaml"))]
    for _ in range(1_500):
        data = fuzz.mutants(rng, sources)
        with contextlib.suppress(BreachcalcError):
            fuzz.run_case(data)


def load_fuzz_script() -> Any:
    """``scripts/fuzz.py`` as a module (registered, as its dataclasses need)."""
    import importlib.util
    import sys

    from tests.conftest import ROOT

    if "breachcalc_fuzz_script" in sys.modules:
        return sys.modules["breachcalc_fuzz_script"]
    spec = importlib.util.spec_from_file_location(
        "breachcalc_fuzz_script", ROOT / "scripts" / "fuzz.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["breachcalc_fuzz_script"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_command_line_fuzzer_finds_nothing_in_a_short_run(tmp_path):
    """scripts/fuzz.py's command-line and library cases (10,000 for a release) in a short,
    seeded run: options, --set, --vary, --range, policies, faults on -o, and the CSV, Markdown
    and JSON written, each checked."""
    import io

    fuzz = load_fuzz_script()
    problems, summary = fuzz.run(240, seed=23, mode="all", out=io.StringIO())
    assert problems == 0, "\n".join(summary)
    assert "command lines" in summary[0]


def test_the_fuzzer_checks_catch_what_they_are_for():
    """The checks can fail: each unsafe output is caught."""
    fuzz = load_fuzz_script()
    assert "formula" in fuzz.format_problem("csv", "a,b\n=1+2,3\n")
    assert fuzz.format_problem("csv", "a,b\n-5,3\n") == ""  # a negative number is no formula
    assert "widths" in fuzz.format_problem("csv", "a,b\nx\rinjected,3,4\n")
    assert "control" in fuzz.format_problem("csv", "a\n\x1b[2J\n")
    assert "markup" in fuzz.format_problem("markdown", "| a |\n|---|\n| <img src=x onerror=y> |\n")
    assert "markup" in fuzz.format_problem("markdown", "[x](javascript:alert(1))\n")
    assert "not JSON" in fuzz.format_problem("json", '{"a": \\xe9}\n')
    assert "escape" in fuzz.format_problem("table", "name \x1b]0;t\x07\n")
