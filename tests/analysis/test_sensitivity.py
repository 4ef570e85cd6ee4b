"""``sensitivity`` (analysis/sensitivity.py): inputs ordered by swing, explicit ranges, the
tornado."""

from __future__ import annotations

from decimal import Decimal

from tests.conftest import EXAMPLES, as_json

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
