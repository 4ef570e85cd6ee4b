"""``sensitivity`` (analysis/sensitivity.py): inputs ordered by swing, explicit ranges, the
tornado."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, as_json, cli

POLICY_SECTION = "insurance:\n  currency: USD\n  retention: 5000000\n  limit: 100000000\n"


def insured_copy(tmp_path: Path) -> Path:
    path = tmp_path / "insured.yaml"
    path.write_text(Path(COUPANG).read_text(encoding="utf-8") + POLICY_SECTION, encoding="utf-8")
    return path


COUPANG = str(EXAMPLES / "coupang.yaml")


def test_sensitivity_orders_by_swing(run, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(
        "name: obvious\naffected: 1000\ndata_categories: [names]\n"
        "compensation:\n  currency: USD\n  vouchers:\n"
        "    - {amount: 100}\n    - {amount: 1}\n",
        encoding="utf-8",
    )
    rows = as_json(run("sensitivity", str(path), "--format", "json"))["rows"]
    order = [r["input"] for r in rows]
    # affected ±25% moves 1000 × 101 by 2 × 250 × 101 = 50,500; the 100-dollar voucher by
    # 1000 × (125 − 75) = 50,000; the 1-dollar voucher by 1000 × 0.5 = 500
    assert order == ["affected", "compensation.vouchers.0.amount", "compensation.vouchers.1.amount"]
    assert [r["swing"] for r in rows] == [
        Decimal("50500.00"),
        Decimal("50000.00"),
        Decimal("500.00"),
    ]


def test_sensitivity_explicit_range_and_clamped_share(run):
    rows = as_json(
        run(
            "sensitivity",
            COUPANG,
            "--set",
            "compensation.redemption=0.9",
            "--range",
            "compensation.amount=30000:55000",
            "--format",
            "json",
        )
    )["rows"]
    amount = next(r for r in rows if r["input"] == "compensation.amount")
    # 33.7M × 0.9 × (55,000 − 30,000) = 758,250,000,000
    assert amount["swing"] == Decimal("758250000000")
    share = next(r for r in rows if r["input"] == "compensation.redemption")
    assert (share["low"], share["high"]) == (Decimal("0.675"), Decimal("1"))  # 0.9 ± 25%, ≤ 1


def test_sensitivity_tornado_in_the_terminal(run):
    result = run("sensitivity", str(EXAMPLES / "coupang-uncertain.yaml"))
    assert result.exit_code == 0
    first = result.stdout.splitlines()[3]
    assert first.strip().startswith("affected") and "│" in first


def test_sensitivity_of_an_insured_breach_varies_the_breach_and_not_the_policy(tmp_path):
    insured = cli("sensitivity", str(insured_copy(tmp_path)))
    plain = cli("sensitivity", COUPANG)
    assert insured.returncode == 0, insured.stderr
    # the whole exposure is before insurance: the same tornado as without the policy
    assert insured.stdout == plain.stdout
    assert "insurance" not in insured.stdout


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("affected=-5:10", "-5 is outside the range: it must be a whole number, 0 or more"),
        ("affected=1.5:2.5", "1.5 is not a whole number; a count is a whole number, 0 or more"),
        ("affected=1:2:3", "write PATH=LOW:HIGH, e.g. compensation.redemption=0.2:0.9"),
        (
            "name=1:2",
            "`name` is not a number (an amount, a count or a share), so it has no low and high",
        ),
        (
            "compensation.amount=nan:1",
            "'nan' is not a number; LOW and HIGH must each be an amount, 0 or more",
        ),
        (
            "compensation.amount=.nan:1",
            "NaN is not a number; LOW and HIGH must each be an amount, 0 or more",
        ),
        ("compensation.redemption=0.5:2", "2 is outside the range: it must be a share from 0 to 1"),
        (
            "affected=true:3",
            "True is not a number; LOW and HIGH must each be a whole number, 0 or more",
        ),
    ],
)
def test_a_range_the_field_cannot_take_is_a_usage_error(run, given, message):
    result = run("sensitivity", COUPANG, "--range", given)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: --range {given!r}: {message}\n"


def test_a_good_range_is_used_as_given():
    import json

    result = cli("sensitivity", COUPANG, "--range", "compensation.amount=30000:60000", "-f", "json")
    assert result.returncode == 0, result.stderr
    row = next(r for r in json.loads(result.stdout)["rows"] if r["input"] == "compensation.amount")
    # 33,700,000 accounts × 30,000 and × 60,000 won
    assert (row["total_low"], row["total_high"]) == (1011000000000, 2022000000000)
    assert row["skipped"] is None


def test_a_range_with_low_above_high_is_refused(run):
    result = run("sensitivity", COUPANG, "--range", "affected=10:1")
    assert result.exit_code == 2 and "LOW is above HIGH" in result.stderr
