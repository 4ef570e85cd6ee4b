"""The exact-decimal JSON writer: compact and indented forms agree with the standard parser."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from breachcalc.render.json import dumps

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text()
    | st.decimals(allow_nan=False, allow_infinity=False)
)
trees = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(trees)
def test_round_trip_exact(tree):
    for indent in (None, 2):
        text = dumps(tree, indent=indent)
        assert json.loads(text, parse_float=Decimal, parse_int=Decimal) == _as_decimals(tree)


def _as_decimals(value):
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, dict):
        return {k: _as_decimals(v) for k, v in value.items()}
    return [_as_decimals(v) for v in value]


def test_decimals_keep_their_digits():
    assert dumps({"a": Decimal("1280600000.00"), "b": Decimal("1E+3")}, indent=None) == (
        '{"a":1280600000.00,"b":1E3}'
    )
    assert dumps([Decimal("0.1"), 2, "x", None, True], indent=None) == '[0.1,2,"x",null,true]'
