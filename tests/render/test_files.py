"""Output files (render/files.py): written atomically, nothing left by a failed run, a clear
message when the place cannot be written."""

from __future__ import annotations

from tests.conftest import EXAMPLES

COUPANG = str(EXAMPLES / "coupang.yaml")
NOTICE = str(EXAMPLES / "coupang-notice.yaml")


def test_output_file_is_written_atomically(run, tmp_path):
    target = tmp_path / "out.csv"
    result = run("compare", COUPANG, NOTICE, "--format", "csv", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("figure,unit,")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_failed_run_leaves_no_output_file(run, tmp_path):
    target = tmp_path / "out.json"
    result = run("assess", COUPANG, str(tmp_path / "missing.yaml"), "-o", str(target))
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_is_a_clear_error(run, tmp_path):
    result = run("assess", COUPANG, "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot write")
