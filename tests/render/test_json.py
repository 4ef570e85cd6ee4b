"""The exact-decimal JSON writer: compact and indented forms agree with the standard parser."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from breachcalc.render.json import dumps
from tests.conftest import cli

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


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_stays_json_whatever_the_output_encoding(tmp_path, encoding, fmt):
    import json

    path = tmp_path / "ko.yaml"
    path.write_text(
        'name: "Ké 😀 쿠팡"\naffected: 10\ndata_categories: [names]\n'
        "compensation: {currency: KRW, amount: 5}\n",
        encoding="utf-8",
    )
    result = cli(
        "assess",
        str(path),
        "--no-history",
        "-f",
        fmt,
        env={"PYTHONIOENCODING": encoding},
        text=False,
    )
    assert result.returncode == 0
    document = json.loads(result.stdout.decode(encoding))
    assert document["breach"]["name"] == "Ké 😀 쿠팡"
    if encoding == "ascii":
        assert b"\\ucfe0\\ud321" in result.stdout and b"\\ud83d\\ude00" in result.stdout
