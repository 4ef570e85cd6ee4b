"""The speed tricks of docs/architecture.md ("Performance"), each held to what it replaces:
records behave as frozen dataclasses, JSON Lines written in one walk are the documents'
bytes, the input models build on first use, the command line runs without cyclic garbage
collection and makes no cycles, the portfolio's random stream is pinned."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from decimal import Decimal
from typing import Any, ClassVar, NamedTuple

import pytest

from breachcalc import api
from breachcalc.contract import (
    COMPILE_AFTER,
    FieldTuple,
    _compile_init,
    _plain_init,
    out,
    record,
    result,
)
from breachcalc.render.json import Line, compact_text, document, dumps
from tests.conftest import EXAMPLES

# --- contract.record --------------------------------------------------------------------------


def _twins() -> tuple[type, type]:
    """The same class made by :func:`record` and by ``dataclasses.dataclass(frozen=True)``."""
    made = []
    for decorate in (record, dataclasses.dataclass(frozen=True)):

        class Sample:
            """A sample."""

            LIMIT: ClassVar[int] = 3
            name: str
            amount: Decimal = Decimal("1.50")
            tags: tuple[str, ...] = dataclasses.field(default=())
            notes: list[str] = dataclasses.field(default_factory=list)
            seen: int = dataclasses.field(default=0, init=False, compare=False, repr=False)

            def __post_init__(self) -> None:
                object.__setattr__(self, "seen", len(self.name))

        made.append(decorate(Sample))
    return made[0], made[1]


def test_a_record_behaves_as_a_frozen_dataclass():
    fast, slow = _twins()
    for args, kwargs in (
        (("a",), {}),
        (("bb", Decimal(2)), {"notes": ["x"]}),
        ((), {"name": "c", "tags": ("t",)}),
    ):
        one, two = fast(*args, **kwargs), slow(*args, **kwargs)
        assert repr(one).replace("_twins.<locals>.", "") == repr(two).replace(
            "_twins.<locals>.", ""
        )
        assert one == fast(*args, **kwargs) and one != fast("other")
        assert dataclasses.asdict(one) == dataclasses.asdict(two)
        assert one.seen == two.seen == len(one.name)  # __post_init__ ran
        assert dataclasses.replace(one, name="z").name == "z"
        with pytest.raises(dataclasses.FrozenInstanceError):
            one.name = "changed"  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError):
            del one.name  # type: ignore[misc]
    assert fast("a").notes is not fast("a").notes  # a new list each time, as default_factory
    for made in (fast, slow):  # a list field: unhashable, as a frozen dataclass is
        with pytest.raises(TypeError):
            hash(made("a"))
    assert fast("a") != slow("a")  # another class: not equal, as dataclasses says
    assert [f.name for f in dataclasses.fields(fast)] == [f.name for f in dataclasses.fields(slow)]
    assert fast.__match_args__ == slow.__match_args__  # type: ignore[attr-defined]
    assert fast.__doc__ == "A sample."
    for bad in ((), ("a", 1, 2, 3, 4)):
        with pytest.raises(TypeError):
            fast(*bad)
        with pytest.raises(TypeError):
            slow(*bad)
    with pytest.raises(TypeError):
        fast("a", seen=3)  # not an __init__ field


def test_a_records_plain_init_is_its_compiled_init():
    """The first instances' __init__ (arguments bound in a loop) against the compiled one: the
    same attributes, defaults, fresh factories and __post_init__, the same refusals."""
    fast, _slow = _twins()
    plain, compiled = _plain_init(fast), _compile_init(fast)

    def made(init: Any, *args: Any, **kwargs: Any) -> Any:
        instance = object.__new__(fast)
        init(instance, *args, **kwargs)
        return instance

    for args, kwargs in (
        (("a",), {}),
        (("bb", Decimal(2)), {"notes": ["x"]}),
        ((), {"name": "c", "tags": ("t",)}),
        (("d", Decimal(3), ("u",), ["y"]), {}),
        (("e",), {"amount": Decimal(4), "notes": ["z"]}),
    ):
        one, two = made(plain, *args, **kwargs), made(compiled, *args, **kwargs)
        assert vars(one) == vars(two) and one == two
    assert made(plain, "a").notes is not made(plain, "a").notes  # a new list each time
    for args, kwargs in (
        ((), {}),
        (("a", 1, 2, 3, 4), {}),
        (("a",), {"seen": 3}),
        (("a",), {"name": "b"}),
        (("a",), {"other": 1}),
    ):
        for init in (plain, compiled):
            with pytest.raises(TypeError):
                made(init, *args, **kwargs)


def test_a_record_compiles_its_init_after_its_first_instances_and_keeps_methods_it_writes():
    @record
    class Pair:
        left: int
        right: int = 0

        def __repr__(self) -> str:
            return f"<{self.left}|{self.right}>"

    lazy = Pair.__init__
    assert Pair(1) == Pair(1, 0) and repr(Pair(2, 3)) == "<2|3>"
    assert Pair.__init__ is lazy  # the first instances bind their arguments in a loop
    for _ in range(COMPILE_AFTER):
        Pair(0)
    assert Pair.__init__ is not lazy  # then the compiled one takes its place
    assert hash(Pair(4, 5)) == hash(Pair(4, 5)) and len({Pair(1), Pair(1, 0), Pair(2)}) == 2
    assert Pair(4, right=5).right == 5


def test_a_field_tuple_behaves_as_a_typing_named_tuple():
    """contract.FieldTuple against typing.NamedTuple with the same fields: the same tuples,
    attributes, defaults, repr, _fields and _replace, the same refusals."""

    class Lean(FieldTuple):
        __slots__ = ()
        people: int
        places: tuple[str, ...]
        sector: str = "other"
        turnover: float | None = None

    class Named(NamedTuple):
        people: int
        places: tuple[str, ...]
        sector: str = "other"
        turnover: float | None = None

    for args, kwargs in (
        ((1, ("UK",)), {}),
        ((2, ()), {"turnover": 3.5}),
        ((), {"people": 3, "places": ("KR",), "sector": "retail"}),
        ((4, ("US",), "health", None), {}),
    ):
        lean, named = Lean(*args, **kwargs), Named(*args, **kwargs)
        assert tuple(lean) == tuple(named) and lean == named and hash(lean) == hash(named)
        assert (lean.people, lean.places, lean.sector, lean.turnover) == tuple(named)
        assert repr(lean).replace("Lean", "Named") == repr(named)
        assert lean._replace(sector="x") == named._replace(sector="x")
        assert type(lean._replace(sector="x")) is Lean
        people, *_rest = lean
        assert people == named.people and lean[1] == named[1]
    assert Lean._fields == Named._fields
    assert not hasattr(Lean(1, ()), "__dict__")  # slots: no instance dictionary
    for args, kwargs in (
        ((), {}),
        ((1,), {}),
        ((1, (), "a", None, 5), {}),
        ((1, ()), {"people": 2}),
        ((1, ()), {"other": 1}),
    ):
        with pytest.raises(TypeError):
            Lean(*args, **kwargs)
        with pytest.raises(TypeError):
            Named(*args, **kwargs)
    with pytest.raises(AttributeError):
        Lean(1, ()).people = 2  # type: ignore[misc]


def test_a_result_type_is_a_record_with_its_contract():
    @result
    class Tiny:
        amount: Decimal = out("An amount.")

    assert dataclasses.is_dataclass(Tiny)
    assert document(Tiny(Decimal("1.20"))) == {"amount": Decimal("1.20")}


# --- JSON Lines in one walk -------------------------------------------------------------------


def _assessments() -> list[Any]:
    found = []
    for path in sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "portfolio").glob("*.yaml")):
        if path.name == "policy.yaml":
            continue
        for labelled in api.assess_files([str(path)], history=False):
            found.append(labelled)
    return found


def test_json_lines_written_in_one_walk_are_the_documents_bytes():
    labelled = _assessments()
    assert len(labelled) > 15
    for item in labelled:
        head = {"scenario": item.label, "schema_version": "x", "breachcalc_version": "y"}
        line = Line(head, item.result)
        assert dumps(line, indent=None) == dumps(line.document(), indent=None)
        assert dumps(line) == dumps(line.document())  # indented: the document as before
        assert compact_text(item.result) == dumps(document(item.result), indent=None)


def test_json_lines_of_a_batch_are_those_of_each_file_alone(run, tmp_path):
    names = [str(EXAMPLES / n) for n in ("coupang.yaml", "shop-jpy.yaml", "equifax-2017.yaml")]
    together = run("assess", *names, "--format", "jsonl", "--no-history")
    assert together.exit_code == 0
    lines = together.stdout.splitlines()
    for name, line in zip(names, lines, strict=True):
        alone = run("assess", name, "--format", "json", "--no-history")
        assert dumps(json.loads(alone.stdout, parse_float=Decimal), indent=None) == line


# --- input models built on first use ---------------------------------------------------------


def test_the_input_models_build_their_validator_on_first_use():
    code = (
        "from breachcalc.input.breach import Breach\n"
        "print(Breach.__pydantic_complete__)\n"
        "from breachcalc.input.loader import load_breach\n"
        f"load_breach({str(EXAMPLES / 'coupang.yaml')!r})\n"
        "print(Breach.__pydantic_complete__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


# --- no cyclic garbage collection in a command-line run ---------------------------------------

GARBAGE = (
    "import gc, sys\n"
    "from breachcalc.cli.app import main\n"
    "sys.argv = ['breachcalc', *sys.argv[1:]]\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "print(gc.isenabled(), gc.collect(), file=sys.stderr)\n"
)


def _garbage(*args: str) -> tuple[str, int]:
    done = subprocess.run(
        [sys.executable, "-c", GARBAGE, *args], capture_output=True, text=True, check=False
    )
    enabled, found = done.stderr.strip().splitlines()[-1].split()
    return enabled, int(found)


def test_a_command_line_run_collects_no_cycles_and_makes_none(tmp_path):
    refused = tmp_path / "refused.yaml"
    refused.write_text("name: x\naffected: -1\ndata_categories: [nosuch]\n", encoding="utf-8")
    one = [str(EXAMPLES / "coupang.yaml")]
    many = [str(p) for p in sorted(EXAMPLES.glob("*.yaml")) if p.name != "policy.yaml"]
    enabled, few = _garbage("assess", *many, "--format", "jsonl")
    assert enabled == "False"
    _, lots = _garbage("assess", *(many * 4), str(refused), "--format", "jsonl")
    _, short = _garbage("sweep", *one, "--vary", "affected=1:40:1", "--format", "csv")
    _, long = _garbage("sweep", *one, "--vary", "affected=1:800:1", "--format", "csv")
    # what start-up leaves (a few hundred objects), and nothing that grows with the work
    assert few < 5_000 and lots - few < 50 and long - short < 50, (few, lots, short, long)


# --- the portfolio's random stream ------------------------------------------------------------


def test_the_portfolio_stream_is_pinned_chunks_of_100_000():
    """A deliberate change of the stream (chunk size, seeding) shows here: same seed, same
    occurrences (whole numbers) and the same AAL to four figures on any machine."""
    files = [str(p) for p in sorted((EXAMPLES / "portfolio").glob("*.yaml"))]
    found = api.portfolio(files, trials=200_000, seed=7)
    assert found.chunk_trials == 100_000
    assert [s.occurrences for s in found.scenarios] == [
        59772,
        19954,
        29987,
        7817,
        6021,
        4101,
        39825,
        10058,
        15890,
        11892,
        1029,
        79972,
    ]
    assert f"{found.gross.aal:.4g}" == "6.403e+6"  # a Decimal, to four figures
