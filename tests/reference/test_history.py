"""The breach history's data (reference/history.py): sourced, none of the held-out breaches, year
average rates, and the compiled JSON equal to the reviewed TOML."""

from __future__ import annotations

import json
from decimal import Decimal

from breachcalc.reference.history import history, in_usd
from tests.conftest import RESERVED, ROOT


def test_the_history_holds_forty_or_more_sourced_breaches_and_none_reserved():
    cases = history()
    assert len(cases) >= 40
    for case in cases:
        assert not RESERVED.search(case.organisation), case.id
        assert not RESERVED.search(case.id.replace("-", " ")), case.id
        for outcome in case.outcomes:
            assert outcome.source, (case.id, outcome)
    assert len({c.country for c in cases}) >= 10
    people = [c.people for c in cases if c.people]
    assert min(people) < 10_000 and max(people) > 100_000_000


def test_an_outcome_is_converted_at_its_year_average_rate():
    # ICO GBP 500,000 on Equifax Ltd (2018): 500,000 / 0.7483 GBP per USD (Fed G.5A 2018)
    assert in_usd(Decimal(500_000), "GBP", 2018) == Decimal(500_000) / Decimal("0.7483")
    # no 2026 average for EUR yet: the latest year before it is used (and the data say so)
    assert in_usd(Decimal(1000), "EUR", 2026) == in_usd(Decimal(1000), "EUR", 2025)
    # no rate at all before the first year: the earliest year after it stands in
    from breachcalc.reference.history import per_usd, yearly_rates

    first = min(y for c, y in yearly_rates() if c == "KRW")
    assert per_usd("KRW", first - 3) == (Decimal(yearly_rates()[("KRW", first)]), first)
    assert per_usd("XXX", 2020) is None


def test_the_compiled_json_data_equals_the_reviewed_toml():
    import tomllib

    data = ROOT / "breachcalc" / "reference" / "data"
    for name in ("history", "fx_yearly"):
        toml = tomllib.loads((data / f"{name}.toml").read_text(encoding="utf-8"))
        compiled = json.loads((data / f"{name}.json").read_text(encoding="utf-8"))
        assert compiled == toml, f"run: python scripts/build_history.py ({name})"
