"""The sweep's reuse (validate the base once, each row's changed fields only; caches keyed on the
exact inputs a computation reads) gives exactly what validating and assessing every row from
scratch gives."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breachcalc.analysis.sweep import assessments
from breachcalc.domain.assessment import assess
from breachcalc.errors import InputError, UsageError
from breachcalc.input.grid import parse_axis
from breachcalc.input.loader import load_document, parse_text, validate, validate_changed
from breachcalc.input.overrides import Override, apply, parse_override
from breachcalc.input.paths import PathError
from tests.conftest import EXAMPLES, cli

COUPANG = str(EXAMPLES / "coupang.yaml")
FILES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


def outcome(file: str, varies: list[str], reuse: bool, sets: tuple[str, ...] = ()) -> list[Any]:
    """Every row as its repr (Decimals by their digits: 1.0 is not 1), up to the first refusal,
    which ends the list as its message and problems."""
    document = load_document(str(EXAMPLES / file))
    overrides = [parse_override(text) for text in sets]
    found: list[Any] = []
    try:
        for values, result in assessments(
            document, overrides, [parse_axis(v) for v in varies], reuse=reuse
        ):
            found.append((values, repr(result)))
    except InputError as exc:
        found.append(("refused", str(exc), repr(exc.problems)))
    except PathError as exc:
        found.append(("path", str(exc)))
    return found


SWEEPS = [
    ("coupang.yaml", ["affected=1:300:1"]),
    ("coupang.yaml", ["affected=1,0,-5"]),
    ("coupang.yaml", ["compensation.redemption=0:1:0.125", "affected=10,20"]),
    ("coupang.yaml", ["compensation.redemption=0.5,1.5"]),
    ("coupang.yaml", ["compensation.amount=1,1.0,0.5"]),
    ("coupang.yaml", ["compensation.currency=KRW,USD,JPY"]),
    ("coupang.yaml", ["reporting.currency=USD,KRW,EUR"]),
    ("coupang.yaml", ["disclosed=2025-11-29,2025-11-01", "discovered=2025-11-18,2025-12-01"]),
    ("coupang.yaml", ["circumstances.malicious=true,false", "affected=5,50000000"]),
    ("coupang.yaml", ["circumstances.integrity=none,recoverable,bogus"]),
    ("coupang.yaml", ["data_categories.0=names,health,payment_cards,bogus"]),
    ("coupang.yaml", ["jurisdictions.0=KR,EU,US-CA,UK,XX"]),
    ("coupang.yaml", ["notified.KR=2025-11-19,2025-12-30,2025-11-01"]),
    ("coupang.yaml", ["name=a,b,"]),
    ("coupang.yaml", ["probability=1,1.0,0.5,2"]),
    ("coupang.yaml", ["jurisdictions.KR=1,2"]),
    ("coupang-uncertain.yaml", ["affected=1000:100000:9000"]),
    ("coupang-uncertain.yaml", ["fines.KR.expected=1,1000000000000,5000000000000"]),
    ("coupang-uncertain.yaml", ["fines.KR.turnover=1,41000000000000"]),
    ("coupang-uncertain.yaml", ["compensation.vouchers.0.amount=1,10", "occurred=2020-01-01,"]),
    ("coupang-uncertain.yaml", ["costs.litigation.per_person.low=10,60000,100001"]),
    ("coupang-notice.yaml", ["affected=1000:40000000:4000000"]),
    ("coupang-notice.yaml", ["jurisdictions.KR=1,100,40000000"]),
    ("equifax-2017.yaml", ["affected=100000000:200000000:20000000"]),
    ("equifax-2017.yaml", ["data_categories.3.affected=1,145500000,147000001"]),
    ("equifax-2017.yaml", ["occurred=2017-05-13,2021-01-01", "fines.UK.expected=1,600000"]),
    ("equifax-2017.yaml", ["costs.lines.1.jurisdiction=US,UK,FR"]),
    ("marriott-2018.yaml", ["fines.UK.turnover=1000,16727000000", "affected=339000000,1000"]),
    ("marriott-2018.yaml", ["fines.UK.currency=GBP,USD,EUR"]),
    ("shop-jpy.yaml", ["compensation.redemption=0:1:0.25", "reporting.currency=USD,JPY"]),
    ("clinic-small.yaml", ["affected=1:500:50"]),
    ("clinic-small.yaml", ["compensation.vouchers.1.currency=BHD,EUR,USD"]),
    ("coupang-scenarios.yaml", ["affected=5,6"]),
]


@pytest.mark.parametrize(("file", "varies"), SWEEPS)
def test_reuse_gives_what_every_row_from_scratch_gives(file, varies):
    reused, scratch = outcome(file, varies, True), outcome(file, varies, False)
    assert reused == scratch
    assert reused  # a row or a refusal: something was compared


POLICY = "insurance={currency: KRW, limit: 1000000000000, retention: 5000000000, coinsurance: 0.1}"


@pytest.mark.parametrize(
    "varies",
    [
        ["insurance.limit=1:2000000000000:500000000000", "affected=1000,33700000"],
        ["insurance.coinsurance=0,0.5,1.5"],  # the last row's policy is refused
        ["insurance.currency=KRW,USD,XXX"],
    ],
)
def test_a_varied_policy_gives_what_every_row_from_scratch_gives(varies):
    """The policy is validated after the breach, on its own: a row that changes it does so too."""
    reused = outcome("coupang.yaml", varies, True, (POLICY,))
    assert reused == outcome("coupang.yaml", varies, False, (POLICY,))
    assert len(reused) >= 2


def test_a_refused_row_is_refused_with_the_same_message_as_before():
    found = outcome("coupang.yaml", ["compensation.redemption=0.5,1.5"], True)
    assert len(found) == 2 and found[-1][0] == "refused"
    assert (
        "--vary row compensation.redemption=1.5: compensation.redemption: must be a share"
        in (found[-1][1])
    )


def test_a_base_that_does_not_validate_is_mended_by_its_rows():
    # no `affected` in the file: the base is refused, so every row is validated in full
    text = "name: x\ndata_categories: [names]\ncompensation: {currency: USD, amount: 2}\n"
    document = parse_text(text)
    rows = list(assessments(document, [], [parse_axis("affected=1,3")]))
    assert [r.exposure.total.amount for _, r in rows] == [Decimal(2), Decimal(6)]


files = st.sampled_from(["coupang.yaml", "coupang-uncertain.yaml", "equifax-2017.yaml"])
varied = st.sampled_from(
    [
        "affected",
        "compensation.amount",
        "compensation.redemption",
        "compensation.currency",
        "compensation.vouchers.1.redemption",
        "reporting.currency",
        "jurisdictions.UK",
        "fines.KR.expected",
        "fines.UK.expected",
        "data_categories.0",
        "circumstances.malicious",
        "discovered",
        "occurred",
        "probability",
    ]
)
value = st.one_of(
    st.integers(min_value=-2, max_value=10**9).map(str),
    st.decimals(min_value=-1, max_value=2, places=3, allow_nan=False).map(str),
    st.sampled_from(["1.0", "1", "USD", "KRW", "true", "2025-11-01", "2026-01-01", "names", ""]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files, st.lists(st.tuples(varied, st.lists(value, min_size=1, max_size=4)), max_size=2))
def test_reuse_matches_scratch_for_any_grid(file, axes):
    varies = [f"{path}={','.join(values)}" for path, values in axes] or ["affected=7"]
    try:
        [parse_axis(v) for v in varies]
    except (UsageError, InputError):  # a grid the command refuses before any row
        return
    assert outcome(file, varies, True) == outcome(file, varies, False)


# --- validate_changed -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        "affected=-1",
        "affected=yes",
        "affected=1.5",
        "name=",
        "compensation={currency: XXX}",
        "compensation.amount=-3",
        "compensation.vouchers=[]",
        "reporting.currency=EUR",
        "discovered=2025-13-45",
        "data_categories=[]",
        "data_categories.0=nope",
        "jurisdictions={KR: 1, kr: 2}",
        "circumstances.malicious=1",
        "insurance=3",
        "dpc_factors=[{category: names, factor: volume, score: 9, reason: r}]",
    ],
)
def test_validate_changed_refuses_exactly_as_validate(change):
    base_doc = load_document(str(EXAMPLES / "coupang.yaml"))
    base = validate(base_doc)
    override = parse_override(change)
    row = apply(base_doc, [override])
    with pytest.raises(InputError) as whole:
        validate(row)
    with pytest.raises(InputError) as changed:
        validate_changed(row, base, {str(override.path[0])})
    assert (str(changed.value), changed.value.problems) == (str(whole.value), whole.value.problems)


def test_validate_changed_gives_the_breach_validate_gives():
    base_doc = load_document(str(EXAMPLES / "coupang-uncertain.yaml"))
    base = validate(base_doc)
    for change in [
        "affected=34000000",
        "compensation.vouchers.0.redemption=0.5",
        "probability=1.0",
    ]:
        override = parse_override(change)
        row = apply(base_doc, [override])
        got = validate_changed(row, base, {str(override.path[0])})
        assert repr(got) == repr(validate(row))
        assert got.model_fields_set == validate(row).model_fields_set


# --- the caches -----------------------------------------------------------------------------


def test_the_severity_basis_reads_only_exact_inputs():
    """_basis is cached on its arguments' values: every field of the models it takes is text, a
    whole number or a flag (no Decimal, whose equal values may print differently)."""
    import typing

    from breachcalc.input.breach import Circumstances, DpcFactor, Identification

    def leaves(annotation: Any) -> set[Any]:
        args = typing.get_args(annotation)
        if typing.get_origin(annotation) is typing.Annotated:
            return leaves(args[0])
        if args:
            return set().union(*(leaves(a) for a in args))
        return {annotation}

    for model in (Circumstances, DpcFactor, Identification):
        for name, info in model.model_fields.items():
            kinds = leaves(info.annotation)
            assert kinds <= {str, int, bool, type(None)} or all(
                isinstance(k, str) for k in kinds
            ), (model, name, kinds)


def test_a_sweep_is_served_by_the_severity_cache():
    from breachcalc.domain import severity

    before = severity._basis.cache_info().hits, severity._scaled.cache_info().hits
    document = load_document(str(EXAMPLES / "coupang.yaml"))
    rows = list(assessments(document, [], [parse_axis("affected=1:50:1")]))
    assert len(rows) == 50
    assert severity._basis.cache_info().hits - before[0] >= 49
    assert severity._scaled.cache_info().hits - before[1] >= 45  # a few scale bands in 1..50


def test_equal_decimals_written_differently_are_assessed_as_written():
    """Nothing cached is keyed on a Decimal: 1.0 after 1 still shows 1.0."""
    base_doc = load_document(str(EXAMPLES / "coupang-uncertain.yaml"))
    for text in ["1", "1.0", "1", "1.00"]:
        row = apply(
            base_doc, [Override(("compensation", "vouchers", 0, "redemption"), Decimal(text), "t")]
        )
        result = assess(validate(row), intervals=False, notices=False)
        assert str(result.compensation.parts[0].redemption) == text


def test_no_breach_validator_reads_another_field():
    """validate_changed validates a row's changed fields alone: that is exact only while no
    validator of Breach sees other fields (a model validator, or a field validator taking
    pydantic's ``info`` with its ``data``). This fails the day one does."""
    import inspect

    from pydantic import BaseModel

    from breachcalc.input.breach import Breach

    decorators = Breach.__pydantic_decorators__
    # refusals_located only turns pydantic's refusal into an InputError (Breach(...) in Python):
    # it hands the data to pydantic untouched and reads no field
    assert set(decorators.model_validators) <= {"refusals_located"}
    assert not decorators.field_validators
    for name, field in Breach.model_fields.items():
        for item in field.metadata:
            func = getattr(item, "func", None)
            if func is not None:
                assert len(inspect.signature(func).parameters) == 1, name
    from breachcalc.input import breach as module

    for model in vars(module).values():
        if isinstance(model, type) and issubclass(model, BaseModel) and model is not BaseModel:
            assert set(model.__pydantic_decorators__.model_validators) <= {"refusals_located"}


# --- the sweep command ---------------------------------------------------------------------


def test_sweep_rows_count_and_order(run):
    result = run(
        "sweep",
        COUPANG,
        "--vary",
        "compensation.amount=30000,50000",
        "--vary",
        "compensation.redemption=0.5:1:0.5",
        "--vary",
        "affected=1000,2000",
        "--format",
        "csv",
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2 * 2 * 2
    # the first --vary varies slowest
    assert [
        (r["compensation.amount"], r["compensation.redemption"], r["affected"]) for r in rows[:3]
    ] == [("30000", "0.5", "1000"), ("30000", "0.5", "2000"), ("30000", "1.0", "1000")]
    # 30,000 × 0.5 × 2,000 = 30,000,000; 50,000 × 1.0 × 2,000 = 100,000,000
    assert rows[1]["total"] == "30000000"
    assert rows[-1]["total"] == "100000000"
    assert rows[-1]["total_reporting"] == "69090.91"  # 100,000,000 × 38 / 55,000


def test_sweep_streams_json_lines(run):
    result = run("sweep", COUPANG, "--vary", "affected=1:5:1", "--format", "jsonl")
    assert len(result.stdout.splitlines()) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--vary", "afected=1,2"], "unknown path `afected`"),
        (["--vary", "affected"], "write PATH=V1,V2"),
        (["--vary", "affected=5:1:1"], "START (5) is above STOP (1)"),
        (["--vary", "affected=1:5:0"], "the step must be above 0"),
        (
            ["--vary", "affected=1:2000000:1", "--vary", "compensation.amount=1,2"],
            "limit MAX_GRID_ROWS",
        ),
    ],
)
def test_sweep_usage_errors(run, args, message):
    result = run("sweep", COUPANG, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_sweep_invalid_row_names_the_combination(run):
    result = run("sweep", COUPANG, "--vary", "compensation.redemption=0.5,1.5", "--format", "csv")
    assert result.exit_code == 1
    assert (
        "--vary row compensation.redemption=1.5: compensation.redemption: must be a share"
        in result.stderr
    )


def test_sweep_with_a_set_that_breaks_the_file_writes_nothing():
    result = cli("sweep", COUPANG, "--vary", "affected=1,2", "--set", "data_categories=5")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        "error: examples/coupang.yaml: --set data_categories=5: data_categories: must be a list "
        "(`[a, b]` or `- a` lines)\n"
    ).replace("examples/coupang.yaml", COUPANG)


@pytest.mark.parametrize(
    ("vary", "message"),
    [
        ("affected=1,2,-3", "--vary row affected=-3: affected: must be 0 or more, not -3"),
        ("affected=1:3:0.5", "--vary row affected=1.5: affected: must be a whole number"),
        ("compensation.redemption=0.1:1.3:0.1", "--vary row compensation.redemption=1.3:"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_a_sweep_checks_every_value_before_the_first_row(vary, message, fmt):
    result = cli("sweep", COUPANG, "--vary", vary, "-f", fmt)
    assert result.returncode == 1
    assert result.stdout == ""
    assert message in result.stderr and "Traceback" not in result.stderr
