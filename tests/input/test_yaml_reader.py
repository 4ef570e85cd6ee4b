"""The safe YAML reader: YAML 1.2 meanings, exact decimals, refusals with places, limits."""

from __future__ import annotations

from decimal import Decimal

import pytest

from breachcalc import limits
from breachcalc.errors import InputError
from breachcalc.input.yaml_reader import decode, parse


def data(text: str):
    return parse("t.yaml", text).data


def refusal(text: str) -> str:
    with pytest.raises(InputError) as info:
        parse("t.yaml", text)
    return str(info.value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("NO", "NO"),
        ("on", "on"),
        ("off", "off"),  # YAML 1.1 bools
        ("010", 10),
        ("0o10", 8),
        ("0x1F", 31),
        ("1:30", "1:30"),  # 1.1 octal/base 60
        ("33_700_000", 33_700_000),
        ("-5", -5),
        ("+7", 7),
        ("0.1", Decimal("0.1")),
        ("12.500", Decimal("12.500")),
        ("1e3", Decimal("1E+3")),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("2025-11-18", "2025-11-18"),
        ("'5'", "5"),
        ('"true"', "true"),
        ("!!str 5", "5"),
        (".inf", Decimal("Infinity")),
        ("-.inf", Decimal("-Infinity")),
    ],
)
def test_plain_scalars_follow_yaml_1_2_core(text, value):
    got = data(f"v: {text}\n")["v"]
    assert got == value or (isinstance(value, Decimal) and got.is_nan() and value.is_nan())
    assert type(got) is type(value)


def test_nan_is_a_decimal_nan():
    assert data("v: .nan\n")["v"].is_nan()


def test_decimals_are_never_floats():
    doc = data("a: 0.1\nb: [0.2, 0.3]\n")
    assert doc["a"] + doc["b"][0] == Decimal("0.3")
    assert all(not isinstance(v, float) for v in [doc["a"], *doc["b"]])


def test_places_are_one_based_line_and_column():
    doc = parse("t.yaml", "name: x\ncompensation:\n  amount: 5\n")
    assert doc.places[("compensation", "amount")] == (3, 11)
    assert doc.key_places[("compensation", "amount")] == (3, 3)
    assert doc.locate(("compensation", "amount", "missing")) == (3, 11)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\na: 2\n", "t.yaml:2:1: a: duplicate key `a` (first at line 1)"),
        ("a: !!python/object/apply:os.system [ls]\n", "t.yaml:1:4: a: YAML tag"),
        ("a: !!binary aGVsbG8=\n", "is not allowed"),
        ("a: !custom 5\n", "is not allowed"),
        ("? [1, 2]\n: x\n", "keys must be text"),
        ("1: x\n", "keys must be text; found 1"),
        ("a: *nothing\n", "refers to no anchor"),
        ("a: 1\n---\nb: 2\n", "more than one YAML document"),
        ("a: [1, 2\n", "YAML syntax error"),
        ("a: \x07\n", "t.yaml:1:4: character U+0007 is not allowed in YAML"),
        ("a: 1e999\n", "outside the supported range"),
        ("a: " + "9" * 50 + "\n", "longer than 40 characters"),
    ],
)
def test_refusals_name_the_place(text, expected):
    assert expected in refusal(text)


def test_alias_bomb_is_stopped_by_the_node_limit():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    assert "limit MAX_NODES" in refusal("\n".join(lines) + "\n")


def test_small_aliases_are_fine():
    assert data("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_deep_nesting_is_refused_without_recursion():
    deep = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
    assert "limit MAX_DEPTH" in refusal(deep) or "nesting depth" in refusal(deep)
    assert "limit MAX_DEPTH" in refusal("a: " + "[" * 40 + "]" * 40 + "\n")
    deep_maps = "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v\n"
    assert "limit MAX_DEPTH" in refusal(deep_maps)


def test_long_strings_and_lists_are_refused():
    assert "limit MAX_STRING_CHARS" in refusal("a: " + "x" * (limits.MAX_STRING_CHARS + 1))
    items = ", ".join(["1"] * (limits.MAX_LIST_ITEMS + 1))
    assert "limit MAX_LIST_ITEMS" in refusal(f"a: [{items}]\n")


def test_size_limit():
    with pytest.raises(InputError, match="MAX_INPUT_BYTES"):
        decode("t.yaml", b"#" * (limits.MAX_INPUT_BYTES + 1))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_unicode_encodings_with_bom(encoding):
    text = "name: Café 쿠팡\n"
    assert data(decode("t.yaml", text.encode(encoding))) == {"name": "Café 쿠팡"}


def test_non_utf8_bytes_are_refused_with_line():
    with pytest.raises(InputError, match=r"t.yaml:2: not valid UTF-8 text \(byte 0xe9"):
        decode("t.yaml", "a: 1\nname: Caf\u00e9\n".encode("latin-1"))


@pytest.fixture(params=["libyaml", "pure"])
def both_parsers(request, monkeypatch):
    """PyYAML's own parser lets escapes through that libyaml refuses: check both."""
    import yaml

    from breachcalc.input import yaml_reader as yamlsafe

    if request.param == "pure":
        monkeypatch.setattr(yamlsafe, "_LOADER", yaml.SafeLoader)


@pytest.mark.parametrize(
    "text",
    [
        'name: "a\\e[31mred"\n',  # ESC: would recolour the user's terminal in the table
        'name: "a\\x00b"\n',
        'name: "\\x7f"\n',
        'name: "\\u0085\\x9b"\n',  # NEL is allowed, CSI (C1) is not
        '"k\\x01": 1\n',  # keys too
    ],
)
def test_control_characters_written_as_escapes_are_refused(both_parsers, text):
    message = refusal(text)
    assert "is not allowed in text" in message and message.startswith("t.yaml:1:")


@pytest.mark.parametrize("text", ['name: "\\ud800"\n', 'name: "x\\udfffy"\n', '"\\ud83d": 1\n'])
def test_lone_surrogates_are_refused_by_either_parser(both_parsers, text):
    message = refusal(text)
    assert message.startswith("t.yaml:1:")
    assert "U+D" in message or "invalid Unicode character escape" in message


def test_escaped_printable_characters_are_kept():
    assert data('name: "caf\\u00e9 \\t\\N \\U0001F600"\n') == {"name": "café \t\x85 \U0001f600"}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("base: &b {name: x}\n<<: *b\n", "t.yaml:2:1:"),
        ("a:\n  b: 1\n  <<: {c: 2}\n", "t.yaml:3:3: a:"),
        ("a: {<<: [{c: 2}]}\n", "t.yaml:1:5: a:"),
    ],
)
def test_merge_keys_are_refused_by_name(text, place):
    message = refusal(text)
    assert message.startswith(place) and "merge keys (`<<`) are not supported" in message


def test_a_quoted_double_angle_key_is_only_text():
    assert data('"<<": 1\n') == {"<<": 1}
