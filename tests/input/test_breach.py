"""Every refusal rule of the breach description, with its exact message and place."""

from __future__ import annotations

import json

import pytest

from breachcalc.errors import InputError
from breachcalc.input.loader import validate
from breachcalc.input.yaml_reader import parse
from tests.conftest import EXAMPLES, INPUTS, cli

COUPANG = str(EXAMPLES / "coupang.yaml")

BASE = """\
name: test
affected: 1000
data_categories: [names, email]
compensation:
  currency: KRW
  amount: 5000
reporting:
  currency: USD
  rates: [1 USD = 1400 KRW]
"""


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        validate(parse("b.yaml", text))
    return str(info.value).splitlines()


def test_base_is_valid():
    breach = validate(parse("b.yaml", BASE))
    assert breach.affected == 1000
    assert breach.data_categories == ["names", "contact_details"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("affected: 1000", "affected: -5", "b.yaml:2:11: affected: must be 0 or more, not -5"),
        (
            "affected: 1000",
            "affected: 12.5",
            "b.yaml:2:11: affected: must be a whole number, not 12.5 (people and accounts are counted whole)",
        ),
        (
            "affected: 1000",
            "affected: .nan",
            "b.yaml:2:11: affected: must be a whole number, not NaN",
        ),
        (
            "affected: 1000",
            "affected: .inf",
            "b.yaml:2:11: affected: must be a whole number, not Infinity",
        ),
        (
            "affected: 1000",
            "affected: true",
            "b.yaml:2:11: affected: must be a whole number, not true/false (true)",
        ),
        (
            "affected: 1000",
            "affected: yes",
            "b.yaml:2:11: affected: must be a whole number, not text ('yes')",
        ),
        (
            "affected: 1000",
            'affected: "33,700,000"',
            "b.yaml:2:11: affected: must be a whole number, not text ('33,700,000'); write digits "
            "without quotes or commas, e.g. 33700000 or 33_700_000",
        ),
        (
            "affected: 1000",
            "affected: 1_000_000_000_000",
            "b.yaml:2:11: affected: must be at most 100,000,000,000 (limit MAX_AFFECTED)",
        ),
        (
            "amount: 5000",
            "amount: -1",
            "b.yaml:6:11: compensation.amount: must be 0 or more, not -1",
        ),
        (
            "amount: 5000",
            "amount: 5000\n  redemption: 1.5",
            "b.yaml:7:15: compensation.redemption: must be a share from 0 to 1, not 1.5",
        ),
        (
            "amount: 5000",
            "amount: 5000\n  redemption: 40",
            "b.yaml:7:15: compensation.redemption: must be a share from 0 to 1, not 40 (for 40% write 0.4)",
        ),
        (
            "amount: 5000",
            "amount: 5000\n  redemption: 40%",
            "b.yaml:7:15: compensation.redemption: must be a share from 0 to 1, not text ('40%'); write "
            "a share as a decimal, e.g. 0.4 for 40%",
        ),
        (
            "[1 USD = 1400 KRW]",
            "[1 USD = 0 KRW]",
            "b.yaml:9:11: reporting.rates.0: exchange rate '1 USD = 0 KRW' has a zero side; both must be above 0",
        ),
        (
            "[1 USD = 1400 KRW]",
            "[1400]",
            "b.yaml:9:11: reporting.rates.0: must be an exchange rate written as an equation such as "
            "`1 USD = 1,440 KRW`, not 1400",
        ),
        (
            "[1 USD = 1400 KRW]",
            "[1400 per dollar]",
            "b.yaml:9:11: reporting.rates.0: cannot read exchange rate '1400 per dollar'; write it as an "
            "equation such as `1 USD = 1,440 KRW`",
        ),
        (
            "  rates: [1 USD = 1400 KRW]\n",
            "",
            "b.yaml:8:3: reporting: no exchange rate between KRW and USD; add one under `reporting.rates`, "
            "e.g. `1 USD = ... KRW`",
        ),
        (
            "[1 USD = 1400 KRW]",
            "[1 USD = 150 JPY]",
            "b.yaml:8:13: reporting.currency: no exchange rate between KRW and USD",
        ),
        (
            "currency: KRW",
            "currency: KRO",
            "b.yaml:5:13: compensation.currency: unknown ISO 4217 currency code 'KRO'",
        ),
        (
            "[names, email]",
            "[names, emial]",
            "b.yaml:3:26: data_categories.1: unknown data category 'emial'; did you mean `email`?",
        ),
        ("[names, email]", "[]", "b.yaml:3:18: data_categories: must list at least one item"),
        (
            "name: test",
            "name: test\nafected: 3",
            "b.yaml:2:1: afected: unknown key `afected`; did you mean `affected`?",
        ),
        ("name: test", "nme: test", "b.yaml:1:1: nme: unknown key `nme`; did you mean `name`?"),
        (
            "amount: 5000",
            "amont: 5000",
            "b.yaml:6:3: compensation.amont: unknown key `amont`; did you mean `amount`?",
        ),
        (
            "name: test",
            "name: 42",
            "b.yaml:1:7: name: must be text, not 42; quote it if it looks like a number",
        ),
        (
            "name: test",
            "name: test\ndiscovered: 18/11/2025",
            "b.yaml:2:13: discovered: '18/11/2025' is not a date; write YYYY-MM-DD",
        ),
        (
            "name: test",
            "name: test\ndiscovered: 2025-11-18T09:00",
            "b.yaml:2:13: discovered: '2025-11-18T09:00' has a time but no UTC offset",
        ),
        (
            "name: test",
            "name: test\ndiscovered: 2025-11-18\ndisclosed: 2025-11-01",
            "b.yaml:3:12: disclosed: is before `discovered` (2025-11-18)",
        ),
        (
            "name: test",
            "name: test\njurisdictions: {KR: 900, TW: 200}",
            "b.yaml:2:16: jurisdictions: the split (900 KR + 200 TW = 1,100) exceeds `affected` (1,000)",
        ),
        (
            "name: test",
            "name: test\njurisdictions: [KOREA]",
            "b.yaml:2:16: jurisdictions.KOREA: 'KOREA' is not a jurisdiction code",
        ),
        (
            "name: test",
            "name: test\naffected_unit: households",
            "b.yaml:2:16: affected_unit: must be one of 'people' or 'accounts'",
        ),
        (
            "  amount: 5000",
            "  amount: 5000\n  vouchers: [{amount: 1}]",
            "b.yaml:7:13: compensation.vouchers: give either `amount` or `vouchers`, not both",
        ),
        (
            "  amount: 5000",
            "  note: nothing",
            "b.yaml:5:3: compensation: give either `amount` (one per-person amount) or `vouchers`",
        ),
        (
            "compensation:",
            "compensation: 5\nx:",
            "b.yaml:4:15: compensation: must be a mapping of keys",
        ),
    ],
)
def test_refusal(old, new, expected):
    text = BASE.replace(old, new, 1)
    assert text != BASE
    found = problems(text)
    assert any(line.startswith(expected) for line in found), found


def test_missing_required_fields_are_all_listed():
    found = problems("name: x\n")
    assert found == [
        "b.yaml:1:1: `affected` is required",
        "b.yaml:1:1: `data_categories` is required",
    ]


def test_rate_direction_either_way():
    text = BASE.replace("[1 USD = 1400 KRW]", "\n    - 1,400 KRW = 1 USD")
    assert validate(parse("b.yaml", text)).reporting.rates[0].left_currency == "KRW"


def test_voucher_in_a_third_currency_needs_its_rate():
    text = BASE.replace("  amount: 5000", "  vouchers:\n    - {amount: 10, currency: EUR}")
    assert any("no exchange rate between EUR and KRW" in p for p in problems(text))


def test_comma_in_a_flow_list_rate_gets_a_hint():
    text = BASE.replace("[1 USD = 1400 KRW]", "[1,400 KRW = 1 USD]")
    assert any("a comma separates items" in p for p in problems(text))


def test_jurisdictions_as_list_or_mapping():
    b = validate(parse("b.yaml", BASE + "jurisdictions: [kr, us-ca]\n"))
    assert b.jurisdictions == {"KR": None, "US-CA": None}
    b = validate(parse("b.yaml", BASE + "jurisdictions: {KR: 600, TW: 400}\n"))
    assert b.jurisdictions == {"KR": 600, "TW": 400}


@pytest.mark.parametrize(
    ("extra", "shown"),
    [
        ('"bad\\nkey": 1\n', "unknown key `bad\\nkey`"),
        ('"bad\\u2028key": 1\n', "unknown key `bad\\u2028key`"),  # str.splitlines breaks here
        ('"bad\\Nkey": 1\n', "unknown key `bad\\x85key`"),
        ('compensation: {currency: KRW, amount: {low: 1, high: 2, "x\\ny": 3}}\n', "`x\\ny`"),
    ],
)
def test_a_key_with_a_line_break_stays_on_one_line(extra, shown):
    found = problems("name: x\naffected: 1\ndata_categories: [names]\n" + extra)
    assert len(found) == 1 and shown in found[0], found


def test_a_duplicate_key_with_a_line_break_stays_on_one_line():
    with pytest.raises(InputError) as info:
        parse("b.yaml", '"a\\nb": 1\n"a\\nb": 2\n')
    assert str(info.value).splitlines() == [
        "b.yaml:2:1: a\\nb: duplicate key `a\\nb` (first at line 1); each key may appear once"
    ]


def test_a_very_long_unknown_key_is_cut_in_the_message():
    found = problems(BASE + "? " + "k" * 5000 + "\n: 1\n")  # explicit: a long key
    assert len(found) == 1 and "unknown key `" + "k" * 23 + "…`" in found[0]
    assert len(found[0]) < 500  # the field path is cut too


def test_a_long_key_in_the_field_path_is_cut():
    (found,) = problems(BASE + "fines:\n  ? " + "Q" * 3000 + "\n  : {}\n")
    assert found.startswith("b.yaml:12:5: fines." + "Q" * 23 + "…: '" + "Q" * 23 + "…' is not")
    assert len(found) < 500


@pytest.mark.parametrize("zero", ["-0", "-0.0", "-0e5", "-.0"])
def test_negative_zero_is_zero(zero):
    breach = validate(parse("b.yaml", BASE.replace("amount: 5000", f"amount: {zero}")))
    amount = breach.compensation.amount
    assert amount == 0 and not amount.is_signed()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[[KR]]", "item 1 must be a jurisdiction code such as KR, EU or US-CA, not a list"),
        (
            "[KR, {TW: 1}]",
            "item 2 must be a jurisdiction code such as KR, EU or US-CA, not a mapping",
        ),
        ("[KR, 7]", "item 2 must be a jurisdiction code such as KR, EU or US-CA, not 7"),
        ("[KR, kr]", "`KR` and `kr`: the same jurisdiction, KR; give it once"),
        ("[KR, KR]", "`KR` twice: the same jurisdiction, KR; give it once"),
        ("{KR: 600, kr: 400}", "`KR` and `kr`: the same jurisdiction, KR; give it once"),
        ('{KR: 600, " KR": 400}', "`KR` and ` KR`: the same jurisdiction, KR; give it once"),
    ],
)
def test_jurisdictions_refuse_odd_items_and_codes_given_twice(value, message):
    assert problems(BASE + f"jurisdictions: {value}\n") == [
        f"b.yaml:10:16: jurisdictions: {message}"
    ]


def test_fines_refuse_a_jurisdiction_given_twice():
    found = problems(BASE + "fines: {JP: {}, jp: {}}\n")
    assert found == ["b.yaml:10:8: fines: `JP` and `jp`: the same jurisdiction, JP; give it once"]


def test_an_unknown_key_under_a_mapping_of_codes_gets_a_suggestion():
    """One path walker: the loader's hint for a key below a jurisdiction code finds the fine's
    fields as `--set fines.KR.turnover=...` does (it found none while there were two walkers)."""
    found = problems(BASE + "fines: {KR: {turnovr: 5}}\n")
    assert found == [
        "b.yaml:10:14: fines.KR.turnovr: unknown key `turnovr`; did you mean `turnover`?"
    ]


@pytest.mark.parametrize(
    ("discovered", "disclosed", "refused"),
    [
        # 10:00 UTC on the 18th, then 11:30 UTC on the 19th: local days 19th then 18th
        ("2025-11-19T00:00+14:00", "2025-11-18T23:30-12:00", False),
        # 11:30 UTC on the 19th, then 10:00 UTC on the 18th: local days 18th then 19th
        ("2025-11-18T23:30-12:00", "2025-11-19T00:00+14:00", True),
        ("2025-11-18", "2025-11-18T00:01+14:00", False),  # a plain date: by calendar day
        ("2025-11-18T12:00Z", "2025-11-18", False),
        ("2025-11-18T12:00Z", "2025-11-17", True),
    ],
)
def test_disclosure_order_compares_instants_when_both_have_offsets(discovered, disclosed, refused):
    text = BASE + f"discovered: '{discovered}'\ndisclosed: '{disclosed}'\n"
    if refused:
        assert "disclosed: is before `discovered`" in problems(text)[0]
    else:
        assert validate(parse("b.yaml", text)).disclosed


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("name", "1.5", "name: must be text, not 1.5;"),
        ("data_categories", "[2.50]", "data_categories.0: must be a data category name such as"),
        ("reporting", "{currency: 1e3}", "reporting.currency: must be an ISO 4217 currency code"),
    ],
)
def test_numbers_in_messages_are_numbers_not_python_reprs(field, value, shown):
    fields = {"name": "x", "affected": "1", "data_categories": "[names]", field: value}
    found = "\n".join(problems("".join(f"{k}: {v}\n" for k, v in fields.items())))
    assert shown in found and "Decimal(" not in found, found


# --- the input schema is as strict as the tool ---------------------------------------------

SCHEMA_REFUSES = {
    "typo-key.yaml": "an unknown key",
    "yes-affected.yaml": "a boolean where a count goes",
    "fractional-affected.yaml": "a fractional count",
    "negative-affected.yaml": "a negative count",
    "redemption-above-one.yaml": "a share above 1",
    "top-list.yaml": "a list at the top",
    "unknown-category.yaml": "an unknown data category",
    "unknown-currency.yaml": "currency XYZ",
    "bad-jurisdiction.yaml": "a jurisdiction that is no code",
    "unknown-fine-code.yaml": "a fine code without a rule",
}
"""The shared and our own bad inputs whose fault a JSON Schema can express."""


def _plain(value):
    from decimal import Decimal

    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@pytest.mark.parametrize("name", sorted(SCHEMA_REFUSES))
def test_the_input_schema_refuses_what_the_tool_refuses(run, name):
    import jsonschema

    from breachcalc.input.yaml_reader import decode, parse

    path = INPUTS / "bad" / name
    assert run("assess", str(path), "--no-history").exit_code == 1, "the tool refuses it"
    schema = json.loads(run("schema", "input").stdout)
    data = parse(name, decode(name, path.read_bytes())).data
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(_plain(data), schema)


def test_the_input_schema_takes_aliases_in_any_case_and_spacing(run):
    import jsonschema

    schema = json.loads(run("schema", "input").stdout)
    jsonschema.validate(
        {
            "name": "x",
            "affected": 10,
            "data_categories": ["Contact Details", "shipping-address", "SSN"],
            "compensation": {"currency": "krw", "amount": 1},
            "jurisdictions": ["kr", "US-CA"],
            "fines": {"kr": {"turnover": 0}},
        },
        schema,
    )


SMALL = (
    "name: x\naffected: 1000\ndata_categories: [names]\ncompensation: {currency: KRW, amount: 5}\n"
)


INCONSISTENT = {
    "monitoring-category": (
        "costs:\n  monitoring: {category: payment card, enrolment: 0.5, price_per_month: 10, months: 12}\n",
        "6:26: costs.monitoring.category: payment_cards is not among `data_categories`: "
        "monitoring is offered to the people whose data of it leaked; add it there or drop this",
    ),
    "occurred-disclosed": (
        "occurred: 2025-02-01\ndisclosed: 2025-01-01\n",
        "6:12: disclosed: is before `occurred` (2025-02-01); check the two dates",
    ),
    "occurred-notified": (
        "occurred: 2025-02-01\njurisdictions: [KR]\nnotified: {KR: 2025-01-01}\n",
        "7:16: notified.KR: is before `occurred` (2025-02-01); check the two dates",
    ),
    "related-turnover": (
        "discovered: 2023-01-01\njurisdictions: [KR]\n"
        "fines:\n  KR: {turnover: 100, related_turnover: 200, expected: 1}\n",
        "8:41: fines.KR.related_turnover: is more than `turnover` (100); the revenue related "
        "to the violation is part of the turnover",
    ),
    "rate-currency": (
        "reporting: {currency: USD, rates: ['1 USD = 3 ZZZ']}\n",
        "5:36: reporting.rates.0: exchange rate '1 USD = 3 ZZZ': unknown ISO 4217 currency "
        "code 'ZZZ'",
    ),
}
"""Breach files whose values contradict each other: (what SMALL gets added, the message)."""


@pytest.fixture(scope="module")
def inconsistent_refusals(tmp_path_factory) -> tuple[int, str, list[str]]:
    """The INCONSISTENT files, NAME.yaml each, assessed by one real process from their folder
    (``assess`` takes several files and reports each): exit code, stdout and stderr lines."""
    folder = tmp_path_factory.mktemp("inconsistent")
    for name, (extra, _message) in INCONSISTENT.items():
        (folder / f"{name}.yaml").write_text(SMALL + extra, encoding="utf-8")
    files = [f"{name}.yaml" for name in INCONSISTENT]
    result = cli("assess", *files, "--no-history", cwd=folder)
    return result.returncode, result.stdout, result.stderr.splitlines()


@pytest.mark.parametrize("name", INCONSISTENT)
def test_inconsistent_inputs_are_refused_where_they_are_written(inconsistent_refusals, name):
    returncode, stdout, lines = inconsistent_refusals
    assert (returncode, stdout) == (1, "")
    mine = [line for line in lines if line.startswith(f"error: {name}.yaml:")]
    assert mine == [f"error: {name}.yaml:{INCONSISTENT[name][1]}"], lines


TINY = "name: x\naffected: 10\ndata_categories: [names]\n"
"""The least a breach description says, for tests that add one field to it."""


@pytest.mark.parametrize(
    "extra",
    ["discovered: 9999-12-31\ndisclosed: 9999-12-31\njurisdictions: [KR]\n"],
)
def test_a_date_near_the_end_of_the_calendar_is_an_input_error(tmp_path, extra):
    path = tmp_path / "far.yaml"
    path.write_text(TINY + extra, encoding="utf-8")
    result = cli("assess", str(path))
    assert result.returncode == 1
    assert "outside the years 1900 to 2999" in result.stderr
    via_set = cli("assess", COUPANG, "--set", "discovered=9999-12-31")
    assert via_set.returncode == 1 and "Traceback" not in via_set.stderr


@pytest.mark.parametrize("value", ["yes", "on", '"yes"', '"true"', "1", "off", "0"])
def test_booleans_are_true_or_false_only(run, write, value):
    text = TINY + (
        "circumstances: {confidentiality: none, integrity: none, availability: none, "
        f"malicious: {value}}}\n"
    )
    result = run("assess", write(text))
    assert result.exit_code == 1
    assert "circumstances.malicious: must be true or false" in result.stderr


def test_an_amount_below_the_minor_unit_is_refused(run, write):
    result = run("assess", write(TINY + "compensation: {currency: KRW, amount: 0.0000001}\n"))
    assert result.exit_code == 1
    assert "compensation.amount: is below the smallest unit of KRW (1)" in result.stderr
    cents = run("assess", write(TINY + "compensation: {currency: USD, amount: 0.001}\n"))
    assert cents.exit_code == 1 and "smallest unit of USD (0.01)" in cents.stderr


def test_a_file_that_is_no_breach_description_is_not_quoted(tmp_path):
    shadow = tmp_path / "shadow"
    shadow.write_text(
        "root:$6$abcdefghijklmnopqrstuvwxyz0123456789:19000:0:99999:7:::\n"
        "user:$6$ZZZZZZZZZZZZZZZZZZZZZZZZZZZZ:19000:0:99999:7:::\n",
        encoding="utf-8",
    )
    result = cli("assess", str(shadow))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "$6$" not in result.stderr and "not a breach description" in result.stderr


def test_text_values_are_quoted_short(run, write):
    secret = "s3cr3t-t0ken-" + "x" * 40
    text = TINY.replace("[names]", f"[names, {secret}]")
    result = run("assess", write(text))
    assert result.exit_code == 1
    assert secret not in result.stderr and "'s3cr3t-t0ken-xxxxxxxxxx…'" in result.stderr
