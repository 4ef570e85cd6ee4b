"""Command-line options read into values (input/options.py): refusals in our words."""

from __future__ import annotations

from tests.conftest import EXAMPLES

UNCERTAIN = str(EXAMPLES / "coupang-uncertain.yaml")


def test_percentile_nan_in_our_words(run):
    result = run("simulate", UNCERTAIN, "-p", "nan")
    assert result.exit_code == 2
    assert result.stderr == "error: --percentile nan: give a number from 0 to 100, e.g. -p 95\n"
