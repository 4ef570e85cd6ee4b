"""The front door: ``import breachcalc`` gives a small typed API, cheap to import."""

from __future__ import annotations

import doctest
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import breachcalc
from breachcalc import api

ROOT = Path(__file__).resolve().parent.parent
COUPANG = str(ROOT / "examples" / "coupang.yaml")


def test_the_docstring_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    failures, tried = doctest.testmod(api, raise_on_error=False)
    assert tried >= 4 and failures == 0


def test_every_public_name_resolves():
    for name in breachcalc.__all__:
        assert getattr(breachcalc, name) is not None, name
    with pytest.raises(AttributeError):
        _ = breachcalc.no_such_name


def test_the_lazy_names_are_the_front_doors_names():
    # __init__ lists them again so that `import breachcalc` stays cheap; the lists must agree.
    assert sorted(set(breachcalc.__all__) - {"__version__"}) == sorted(api.__all__)


def test_import_is_cheap():
    code = (
        "import sys, breachcalc; "
        "print(sorted(m for m in ('rich','numpy','matplotlib','typer','pydantic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_coupang_total_from_a_path_and_from_text():
    # 33,700,000 accounts x 55,000 won (5,000 + 5,000 + 20,000 + 20,000 + 5,000) = 1,853,500,000,000
    from_path = breachcalc.assess(breachcalc.load_breach(Path(COUPANG)))
    text = Path(COUPANG).read_text(encoding="utf-8")
    from_text = breachcalc.assess(breachcalc.load_breach(text))
    assert from_path.exposure.total.amount == Decimal("1853500000000")
    assert from_text.exposure.total == from_path.exposure.total


def test_sets_override_like_the_command_line():
    half = breachcalc.load_breach(COUPANG, sets=["affected=16850000"])
    assert breachcalc.assess(half).exposure.total.amount == Decimal("926750000000")


def test_a_bad_set_is_an_input_error():
    with pytest.raises(breachcalc.InputError, match="PATH=VALUE"):
        breachcalc.load_breach(COUPANG, sets=["affected"])


def test_simulate_is_seeded_and_explain_names_the_steps():
    breach = breachcalc.load_breach(str(ROOT / "examples" / "coupang-uncertain.yaml"))
    one = breachcalc.simulate(breach, trials=2_000, seed=3)
    two = breachcalc.simulate(breach, trials=2_000, seed=3)
    assert one.total == two.total and one.trials == 2_000
    step = breachcalc.explain(breach)
    assert step.children and isinstance(step, breachcalc.Step)


def test_load_scenarios_returns_the_base_then_each_variant():
    found = breachcalc.load_scenarios(str(ROOT / "examples" / "coupang-scenarios.yaml"))
    assert len(found) > 1 and "#" not in found[0].label and all("#" in s.label for s in found[1:])
