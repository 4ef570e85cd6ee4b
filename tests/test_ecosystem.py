"""The input schema and the package as other tools read them (issue 23, ecosystem).

- check-jsonschema (``--check-metaschema``) loads ``breachcalc schema input`` and every output
  schema under Draft 2020-12, and every pattern compiles as an ECMA-262 regular expression with
  the ``u`` flag (the `regress` engine check-jsonschema uses; ajv compiles with the same flag).
- Every example and the ``init`` template validate against the input schema when read as
  YAML 1.2 (core schema), the way an editor's YAML plugin reads them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
COMMANDS = ["assess", "compare", "simulate", "sweep", "sensitivity", "portfolio", "history"]


def breachcalc(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "breachcalc", *args],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    return result.stdout


@pytest.fixture(scope="module")
def input_schema() -> dict[str, Any]:
    return json.loads(breachcalc("schema", "input"))


def patterns(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                found.append(value)
            elif key == "patternProperties" and isinstance(value, dict):
                found.extend(value)
            found.extend(patterns(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(patterns(item))
    return found


def test_every_pattern_of_the_input_schema_is_an_ecma_262_regular_expression(input_schema):
    import regress

    found = patterns(input_schema)
    assert len(found) > 10
    for pattern in found:
        regress.Regex(pattern, "u")  # raises on `\-` and every other escape ECMA-262 refuses


def test_an_escaped_hyphen_is_what_ecma_262_refuses():
    import regress

    with pytest.raises(Exception, match="escape"):
        regress.Regex(r"^[uU][sS]\-[cC][aA]$", "u")


@pytest.mark.parametrize("which", ["input", *COMMANDS])
def test_check_jsonschema_loads_the_schema(run, tmp_path, which):
    """check-jsonschema's own command, in this process (no subprocess per schema)."""
    from check_jsonschema import main as check_jsonschema
    from click.testing import CliRunner

    path = tmp_path / f"{which}.schema.json"
    args = ["schema", "input"] if which == "input" else ["schema", "output", "--command", which]
    written = run(*args)
    assert written.exit_code == 0, written.stderr
    path.write_text(written.stdout, encoding="utf-8")
    document = json.loads(path.read_text(encoding="utf-8"))
    if which != "input":
        for pattern in patterns(document):
            __import__("regress").Regex(pattern, "u")
    result = CliRunner().invoke(check_jsonschema, ["--check-metaschema", str(path)])
    assert result.exit_code == 0, result.output
    assert "ok -- validation done" in result.output


# YAML 1.2, core schema ---------------------------------------------------------------------------

CORE_SCHEMA = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
)
"""YAML 1.2.2's core schema (section 10.3), what an editor's YAML 1.2 reader resolves plain
scalars to: no timestamps, no `yes`/`no`, no underscores in numbers (ruamel.yaml's own 1.2
resolver still allows those)."""


def yaml12(text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.resolver import VersionedResolver

    class CoreResolver(VersionedResolver):  # type: ignore[misc]
        @property
        def versioned_resolver(self) -> dict[Any, list[Any]]:
            table: dict[Any, list[Any]] = {}
            for tag, pattern, firsts in CORE_SCHEMA:
                for first in firsts:
                    table.setdefault(first, []).append((tag, re.compile(pattern)))
            return table

    reader = YAML(typ="safe", pure=True)
    reader.Resolver = CoreResolver
    return reader.load(text)


def test_the_yaml_1_2_reader_reads_digit_groups_and_dates_as_text():
    data = yaml12("a: 33_700_000\nb: 2025-11-18\nc: 33700000\nd: 0.5\ne: yes\n")
    assert data == {"a": "33_700_000", "b": "2025-11-18", "c": 33700000, "d": 0.5, "e": "yes"}


def breach_files() -> list[Path]:
    files = sorted(EXAMPLES.rglob("*.yaml"))
    return [f for f in files if f.name != "policy.yaml"]


def validator(schema: dict[str, Any]) -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.parametrize("path", breach_files(), ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_every_example_validates_as_yaml_1_2(input_schema, path):
    data = yaml12(path.read_text(encoding="utf-8"))
    errors = [
        f"{list(e.absolute_path)}: {e.message[:120]}"
        for e in validator(input_schema).iter_errors(data)
    ]
    assert errors == []


def test_the_init_template_validates_as_yaml_1_2(input_schema):
    data = yaml12(breachcalc("init", "--template"))
    assert list(validator(input_schema).iter_errors(data)) == []


def test_digit_groups_are_accepted_as_text_and_other_text_is_not(input_schema):
    check = validator(input_schema)
    base = {"name": "x", "data_categories": ["names"]}
    assert check.is_valid({**base, "affected": "33_700_000"})
    assert check.is_valid({**base, "affected": 33700000})
    assert not check.is_valid({**base, "affected": "many"})
    assert not check.is_valid({**base, "affected": "33,700,000"})
    assert not check.is_valid({**base, "affected": -5})


def test_the_wheel_ships_py_typed(tmp_path):
    assert (ROOT / "breachcalc" / "py.typed").exists()
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {result.stderr[-200:]}")
    import zipfile

    (wheel,) = tmp_path.glob("breachcalc-*.whl")
    assert "breachcalc/py.typed" in zipfile.ZipFile(wheel).namelist()


# The API ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_mypy_checks_user_code_against_the_package(tmp_path):
    user = tmp_path / "user.py"
    user.write_text(
        "import datetime\n\nimport breachcalc\n\n"
        "breach = breachcalc.Breach(\n"
        '    name="x", affected=10, data_categories=["names"], discovered=datetime.date(2025, 1, 1)\n'
        ")\n"
        "result = breachcalc.assess(breach, history=False)\n"
        "text: str = breachcalc.to_json(result)\n"
        "wrong: int = breachcalc.to_json(result)\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull,
         str(user)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    # mypy reads breachcalc's own types (py.typed): it finds exactly the one wrong line
    assert "missing library stubs or py.typed marker" not in result.stdout
    assert result.stdout.count("error:") == 1, result.stdout
    assert (
        'user.py:10: error: Incompatible types in assignment (expression has type "str"'
        in result.stdout
    )


def test_the_api_takes_dates_and_datetimes():
    import datetime

    import breachcalc

    breach = breachcalc.Breach(
        name="x",
        affected=10,
        data_categories=["names"],
        discovered=datetime.date(2025, 11, 18),
        disclosed=datetime.datetime(2025, 11, 29, 9, 30, tzinfo=datetime.UTC),
        compensation={"currency": "KRW", "amount": 55000},
    )
    assert breach.discovered == datetime.date(2025, 11, 18)
    result = breachcalc.assess(breach, history=False)
    assert breachcalc.document(result)["exposure"]["total"]["amount"] == 550000  # 10 × 55,000
    from_file = breachcalc.load_breach(
        "name: x\naffected: 10\ndata_categories: [names]\ndiscovered: 2025-11-18\n"
        "disclosed: 2025-11-29T09:30Z\ncompensation: {currency: KRW, amount: 55000}\n"
    )
    assert breachcalc.to_json(breachcalc.assess(from_file, history=False)) == breachcalc.to_json(
        result
    )


@pytest.mark.parametrize(
    ("fields", "message", "path"),
    [
        ({"affected": -1}, "Breach: affected: must be 0 or more, not -1", "affected"),
        (
            {"compensation": {"currency": "KRW", "vouchers": [{"amount": -5}]}},
            "Breach: compensation.vouchers.0.amount: must be 0 or more, not -5",
            "compensation.vouchers.0.amount",
        ),
        (
            {"discovered": __import__("datetime").datetime(2025, 1, 1)},
            "Breach: discovered: 2025-01-01T00:00:00 has a time but no UTC offset; give it a tzinfo",
            "discovered",
        ),
        (
            {"discovered": __import__("datetime").date(1800, 1, 1)},
            "Breach: discovered: '1800-01-01' is outside the years 1900 to 2999 that breachcalc accepts",
            "discovered",
        ),
    ],
)
def test_a_breach_built_in_python_refuses_with_an_input_error_naming_the_field(
    fields, message, path
):
    import breachcalc

    with pytest.raises(breachcalc.InputError) as caught:
        breachcalc.Breach(**{"name": "x", "affected": 10, "data_categories": ["names"], **fields})
    assert str(caught.value) == message
    assert [p.field for p in caught.value.problems] == [path]


def test_a_result_gives_its_json_document_from_the_api():
    import breachcalc

    breach = breachcalc.load_breach(str(EXAMPLES / "coupang.yaml"))
    assessed = breachcalc.assess(breach)
    assert breachcalc.to_json(assessed) + "\n" == breachcalc_out(
        "assess", "examples/coupang.yaml", "-f", "json"
    )
    assert breachcalc.document(assessed)["exposure"]["total"] == {
        "amount": 1853500000000,
        "currency": "KRW",
    }
    simulated = breachcalc.simulate(breach, trials=500, seed=3)
    assert breachcalc.to_json(simulated) + "\n" == breachcalc_out(
        "simulate", "examples/coupang.yaml", "-n", "500", "-s", "3", "-f", "json"
    )
    with pytest.raises(TypeError, match="no JSON document for Breach"):
        breachcalc.document(breach)  # type: ignore[arg-type]


def breachcalc_out(*args: str) -> str:
    return breachcalc(*args)
