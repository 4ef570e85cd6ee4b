"""Net of insurance: the hand-worked golden case, the exact and vectorised paths agree, the
insurability table loads with its provenance, and a policy file validates."""

from __future__ import annotations

import random
import tomllib
from decimal import Decimal

import numpy as np
import pytest

from breachcalc.domain.cost_lines import GROUPS
from breachcalc.domain.insurance import (
    GROUP_COVERAGE,
    PolicyLine,
    apply_policy,
    apply_policy_arrays,
    eligibility,
    net_of_policy,
)
from breachcalc.input.loader import load_document
from breachcalc.input.policy import COVERAGES, Policy
from breachcalc.reference.insurability import insurability_of, insurability_table
from tests.conftest import ROOT, cli

CASE = ROOT / "tests" / "golden" / "insurance-hand-worked" / "case.toml"


def _case() -> dict:
    return tomllib.loads(CASE.read_text(encoding="utf-8"), parse_float=Decimal)


def _policy(raw: dict) -> Policy:
    return Policy.model_validate(
        {k: (Decimal(v) if isinstance(v, int) else v) for k, v in raw.items()}
    )


def _lines(case: dict) -> list[PolicyLine]:
    return [
        PolicyLine(row["key"], row["group"], row.get("jurisdiction"), Decimal(row["gross"]))
        for row in case["line"]
    ]


def test_hand_worked_case_exact():
    case = _case()
    net = apply_policy(_policy(case["policy"]), _lines(case))
    for row, line in zip(case["line"], net.lines, strict=True):
        assert line.key == row["key"]
        assert line.recovered == Decimal(row["recovered"]), line.key
        assert line.retained == Decimal(row["retained"]), line.key
    expected = case["expected"]
    assert net.gross == expected["gross"]
    assert net.recovered == expected["recovered"]
    assert net.retained == expected["retained"]
    assert net.limit_exhausted is expected["limit_exhausted"]
    assert dict(net.sublimits_exhausted) == expected["sublimits_exhausted"]
    assert [s.name for s in net.steps] == [
        "eligibility",
        "retention",
        "coinsurance",
        "sublimit monitoring",
        "limit",
    ]


def test_hand_worked_case_vectorised_agrees():
    case = _case()
    policy, lines = _policy(case["policy"]), _lines(case)
    values = np.array([[float(line.gross)] for line in lines])
    draws = apply_policy_arrays(policy, [(x.group, x.jurisdiction) for x in lines], values)
    assert draws.recovered[0] == pytest.approx(5_000_000, rel=1e-12)
    assert draws.retained[0] == pytest.approx(5_000_000, rel=1e-12)
    assert bool(draws.limit_exhausted[0]) and bool(draws.sublimits_exhausted["monitoring"][0])
    expected = [row["recovered"] for row in case["line"]]
    assert draws.lines_recovered[:, 0] == pytest.approx([float(x) for x in expected], rel=1e-12)


def _random_policy(rng: random.Random) -> Policy:
    subs = {c: Decimal(rng.randrange(0, 3_000_000, 1000)) for c in COVERAGES if rng.random() < 0.4}
    return Policy(
        currency="USD",
        retention=Decimal(rng.randrange(0, 2_000_000, 1000)),
        limit=Decimal(rng.randrange(0, 8_000_000, 1000)),
        coinsurance=Decimal(rng.randrange(0, 50)) / 100,
        sublimits=subs,
        waiting_period_hours=Decimal(rng.choice([0, 8, 12])),
        outage_hours=rng.choice([None, Decimal(6), Decimal(48)]),
        fines_insurable=rng.choice([{}, {"KR": True}, {"UK": True}]),
        unsettled_fines=rng.choice(["excluded", "covered"]),
    )


@pytest.mark.parametrize("seed", range(40))
def test_exact_and_vectorised_give_the_same_results(seed):
    rng = random.Random(seed)
    policy = _random_policy(rng)
    groups = [*GROUPS]
    meta = [
        (rng.choice(groups), rng.choice([None, "UK", "KR", "FI", "US-CA", "XX"]))
        for _ in range(rng.randint(1, 8))
    ]
    trials = 30
    values = np.array(
        [[float(rng.randrange(0, 3_000_000, 100)) for _ in range(trials)] for _ in meta]
    )
    draws = apply_policy_arrays(policy, meta, values, to_values=1.0)
    for t in range(trials):
        lines = [
            PolicyLine(f"l{i}", g, c, Decimal(repr(float(values[i, t]))))
            for i, (g, c) in enumerate(meta)
        ]
        net = apply_policy(policy, lines)
        assert float(net.recovered) == pytest.approx(draws.recovered[t], rel=1e-9, abs=1e-6)
        assert float(net.retained) == pytest.approx(draws.retained[t], rel=1e-9, abs=1e-6)
        assert [float(x.recovered) for x in net.lines] == pytest.approx(
            list(draws.lines_recovered[:, t]), rel=1e-9, abs=1e-6
        )
        assert net.limit_exhausted == bool(draws.limit_exhausted[t])
        for coverage, used in net.sublimits_exhausted:
            assert used == bool(draws.sublimits_exhausted[coverage][t])


def test_policy_in_another_currency_scales_exactly():
    """The policy applied with amounts converted (to_values) equals the result converted."""
    case = _case()
    policy, lines = _policy(case["policy"]), _lines(case)
    rate = Decimal(1440)
    scaled = [PolicyLine(x.key, x.group, x.jurisdiction, x.gross * rate) for x in lines]
    net = apply_policy(policy, scaled, to_values=rate)
    assert net.recovered == Decimal(5_000_000) * rate
    assert net.retained == Decimal(5_000_000) * rate


def test_recovery_never_exceeds_the_limit_nor_the_gross():
    rng = random.Random(7)
    for _ in range(200):
        policy = _random_policy(rng)
        lines = [
            PolicyLine(f"l{i}", rng.choice(GROUPS), "UK", Decimal(rng.randrange(0, 10**7)))
            for i in range(5)
        ]
        net = apply_policy(policy, lines)
        assert 0 <= net.recovered <= policy.limit
        assert net.recovered <= net.eligible <= net.gross
        for line in net.lines:
            assert 0 <= line.recovered <= line.gross


def test_every_group_has_a_coverage_entry():
    assert set(GROUP_COVERAGE) == set(GROUPS)
    assert {c for c in GROUP_COVERAGE.values() if c} == set(COVERAGES)


def test_fine_eligibility_follows_table_then_policy_override():
    policy = Policy(currency="USD", limit=Decimal(1))
    assert eligibility(policy, "fines", "UK").share == 0
    assert eligibility(policy, "fines", "FI").share == 1
    kr = eligibility(policy, "fines", "KR")
    assert kr.share == 0 and kr.unconfirmed and "UNCONFIRMED" in kr.reason
    assert eligibility(policy, "fines", "US-NY").unconfirmed  # falls back to US: unsettled
    covered = Policy(currency="USD", limit=Decimal(1), unsettled_fines="covered")
    assert eligibility(covered, "fines", "KR").share == 1
    override = Policy(currency="USD", limit=Decimal(1), fines_insurable={"UK": True})
    assert eligibility(override, "fines", "UK").share == 1
    assert not eligibility(override, "fines", "UK").unconfirmed
    assert eligibility(policy, "compensation", None).share == 0


def test_waiting_period_applies_only_with_an_outage():
    policy = Policy(currency="USD", limit=Decimal(1), waiting_period_hours=Decimal(12))
    noted = eligibility(policy, "lost_business", None)
    assert noted.share == 1 and "not applied" in noted.reason
    timed = Policy(
        currency="USD", limit=Decimal(1), waiting_period_hours=Decimal(12), outage_hours=48
    )
    assert eligibility(timed, "lost_business", None).share == Decimal("0.75")
    short = timed.model_copy(update={"outage_hours": Decimal(6)})
    assert eligibility(short, "lost_business", None).share == 0


def test_insurability_table_has_the_required_codes_and_provenance():
    table = insurability_table()
    for code in ("KR", "EU", "UK", "US", "US-CA", "AU", "SG", "JP", "CN", "BR", "IN", "CA"):
        row = table[code]
        assert row.status in ("yes", "no", "unsettled")
        assert row.source
        if row.status == "unsettled":
            assert row.unconfirmed
    assert insurability_of("US-TX") is table["US"]
    assert insurability_of("ZZ") is None


def test_example_policy_validates_and_applies_to_coupang():
    from breachcalc.api import load_breach
    from breachcalc.domain.assessment import assess

    policy = Policy.model_validate(load_document(str(ROOT / "examples" / "policy.yaml")).data)
    breach = load_breach(str(ROOT / "examples" / "coupang-uncertain.yaml"))
    net = net_of_policy(breach, policy)
    assert net.gross > 0
    assert net.recovered <= policy.limit * 1440  # USD limit in KRW
    fine = next(line for line in net.lines if line.key == "fine.KR")
    assert fine.recovered == 0 and fine.unconfirmed  # KR unsettled: excluded by default
    # gross is every cost line at its likely value, in the breach currency: the exposure total
    total = assess(breach, intervals=False).exposure.total
    assert (net.gross, total.currency) == (total.amount, "KRW")


def test_policy_refuses_bad_values():
    from breachcalc.errors import InputError

    # built in Python, a policy refuses as a file does: an InputError naming the field
    with pytest.raises(InputError, match=r"^Policy: coinsurance: "):
        Policy(currency="USD", limit=Decimal(1), coinsurance=Decimal("1.5"))
    with pytest.raises(InputError, match=r"^Policy: sublimits\.ransom"):
        Policy.model_validate({"currency": "USD", "limit": 1, "sublimits": {"ransom": 5}})
    with pytest.raises(InputError, match=r"^Policy: deductible: "):
        Policy.model_validate({"currency": "USD", "limit": 1, "deductible": 5})


def test_assess_and_simulate_net_of_a_policy_file(run):
    import json
    from decimal import Decimal

    args = [
        "examples/coupang-uncertain.yaml",
        "--policy",
        "examples/policy.yaml",
        "--format",
        "json",
    ]
    document = json.loads(run("assess", *args, "--no-history").stdout, parse_float=Decimal)
    net = document["insurance"]
    # litigation is the only covered line: 134.8B KRW − retention 5M USD (7.2B KRW at 1,440)
    # = 127.6B; less 10% coinsurance = 114.84B, under the 100M USD (144B KRW) limit
    assert net["recovered"]["amount"] == Decimal("114840000000")
    assert net["retained"]["amount"] == Decimal("1072305000000") - Decimal("114840000000")
    fine = next(line for line in net["lines"] if line["key"] == "fine.KR")
    assert fine["recovered"]["amount"] == 0 and fine["unconfirmed"] is True
    simulated = json.loads(run("simulate", *args, "-n", "5000").stdout)
    assert 0 <= simulated["net"]["limit_exhausted"] <= 1
    assert simulated["net"]["recovered"]["mean"]["amount"] > 0


def test_portfolio_command_gives_aal_and_p995(run):
    import glob
    import json

    files = sorted(glob.glob("examples/portfolio/*.yaml"))
    result = run("portfolio", *files, "--trials", "20000", "--seed", "7", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    levels = {p["percentile"]: p["amount"]["amount"] for p in document["gross"]["percentiles"]}
    assert levels[99.5] >= levels[99] >= levels[50] and document["gross"]["aal"]["amount"] > 0
    again = run("portfolio", *files, "--trials", "20000", "--seed", "7", "--format", "json")
    assert again.stdout == result.stdout


POLICY_SECTION = "insurance:\n  currency: USD\n  retention: 5000000\n  limit: 100000000\n"


NO_COST_LINES = "name: x\naffected: 10\ndata_categories: [names]\n" + POLICY_SECTION


def test_simulate_and_report_of_an_insured_breach_without_cost_lines(tmp_path):
    path = tmp_path / "nocost.yaml"
    path.write_text(NO_COST_LINES, encoding="utf-8")
    import json

    result = cli("simulate", str(path), "--no-history", "-n", "50", "-f", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    zero = {"amount": 0, "currency": "USD"}
    assert document["total"]["mean"] == zero
    assert document["net"]["retained"]["mean"] == document["net"]["recovered"]["mean"] == zero
    report = cli("report", str(path), "--no-history", "-o", str(tmp_path / "r.html"))
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
