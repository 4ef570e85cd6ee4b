"""Output files (render/files.py): written atomically, nothing left by a failed run, a clear
message when the place cannot be written."""

from __future__ import annotations

import functools
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, cli

POLICY = str(EXAMPLES / "policy.yaml")

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


JSON = ("--no-history", "--format", "json")


@functools.cache
def assessed_json() -> str:
    """Coupang's JSON from the installed entry point: computed once, compared by several tests."""
    return cli("assess", COUPANG, "--no-history", "--format", "json").stdout


def test_output_through_a_link_writes_its_target_and_keeps_the_link(tmp_path):
    (tmp_path / "reports").mkdir()
    target = tmp_path / "reports" / "x.json"
    target.write_text("stale\n", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(Path("reports") / "x.json")
    result = cli("assess", COUPANG, "--no-history", "--format", "json", "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(Path("reports") / "x.json")
    assert target.read_text(encoding="utf-8") == assessed_json()
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["x.json"]


def test_output_through_a_chain_of_links_and_a_dangling_link(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "second").symlink_to("../sub/new.json")  # dangling: new.json is made
    (tmp_path / "first").symlink_to("sub/second")
    result = cli("assess", COUPANG, "--no-history", "--format", "json", "-o", "first", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "first").is_symlink() and (tmp_path / "sub" / "second").is_symlink()
    assert (tmp_path / "sub" / "new.json").read_text(encoding="utf-8") == assessed_json()


def test_output_onto_a_loop_of_links_is_a_located_error(tmp_path):
    (tmp_path / "loop").symlink_to("loop")
    result = cli("assess", COUPANG, "--no-history", "-o", str(tmp_path / "loop"))
    assert result.returncode == 1
    assert (
        result.stderr
        == f"error: cannot write {tmp_path / 'loop'}: too many levels of symbolic links\n"
    )


def test_output_to_dev_stdout_writes_through_and_never_replaces_it(tmp_path):
    before = os.lstat("/dev/stdout")
    log = tmp_path / "log.txt"
    log.write_text("first line\n", encoding="utf-8")
    with open(log, "a", encoding="utf-8") as appended:
        result = subprocess.run(
            [sys.executable, "-m", "breachcalc", "assess", COUPANG, *JSON, "-o", "/dev/stdout"],
            stdout=appended,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    after = os.lstat("/dev/stdout")
    assert stat.S_ISLNK(after.st_mode) and (after.st_ino, after.st_dev) == (
        before.st_ino,
        before.st_dev,
    )
    assert log.read_text(encoding="utf-8") == "first line\n" + assessed_json()
    assert not list(tmp_path.glob(".log*")) and not list(Path("/dev").glob(".stdout*"))


def test_output_to_dev_stderr_is_written_through():
    result = cli("assess", COUPANG, "--no-history", "-f", "json", "-o", "/dev/stderr")
    assert result.returncode == 0
    assert result.stdout == "" and result.stderr == assessed_json()
    assert os.path.islink("/dev/stderr")


def test_output_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    private = tmp_path / "private.json"
    private.write_text("old\n", encoding="utf-8")
    private.chmod(0o600)
    result = cli("assess", COUPANG, "--no-history", "-f", "json", "-o", str(private))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text(encoding="utf-8") == assessed_json()
    shared = tmp_path / "shared.json"
    shared.write_text("old\n", encoding="utf-8")
    shared.chmod(0o664)
    assert cli("assess", COUPANG, "--no-history", "-o", str(shared)).returncode == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664


@pytest.mark.parametrize(
    "command",
    [
        ["assess", COUPANG],
        ["report", COUPANG, "--no-history"],
        ["simulate", COUPANG, "-n", "10", "--no-history"],
        ["portfolio", str(EXAMPLES / "portfolio" / "02-shop-card-skimming.yaml"), "-n", "10"],
    ],
)
def test_output_onto_the_policy_file_is_refused(tmp_path, command):
    policy = tmp_path / "policy.yaml"
    policy.write_bytes(Path(POLICY).read_bytes())
    link = tmp_path / "link.yaml"
    link.symlink_to(policy)
    for target in (policy, link):
        result = cli(*command, "--policy", str(policy), "-o", str(target))
        assert result.returncode == 1, result.stderr
        assert result.stderr == (
            f"error: cannot write {target}: it is an input of this command; choose another file\n"
        )
        assert policy.read_bytes() == Path(POLICY).read_bytes()


def test_plot_onto_the_policy_file_is_refused(tmp_path):
    policy = tmp_path / "policy.svg"
    policy.write_bytes(Path(POLICY).read_bytes())
    result = cli("simulate", COUPANG, "-n", "10", "--policy", str(policy), "--plot", str(policy))
    assert result.returncode == 1
    assert "it is an input of this command" in result.stderr
    assert policy.read_bytes() == Path(POLICY).read_bytes()


def test_output_dash_is_standard_output(tmp_path):
    result = cli("assess", COUPANG, "--no-history", "-f", "json", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == assessed_json()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "command",
    [
        ["init", "--template", "-o", "-"],
        ["schema", "input", "-o", "-"],
        ["report", COUPANG, "--no-history", "--format", "markdown", "-o", "-"],
        ["sweep", COUPANG, "--vary", "affected=1,2", "-f", "csv", "-o", "-"],
    ],
)
def test_output_dash_is_standard_output_for_every_command(tmp_path, command):
    result = cli(*command, cwd=tmp_path)
    without = cli(*command[: command.index("-o")], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == without.stdout and result.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_output_onto_a_character_device_leaves_it_a_device(tmp_path):
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = cli("assess", COUPANG, "--no-history", "-o", str(device))
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(device.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no temporary left beside it


def test_output_onto_a_fifo_writes_through_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    result = cli("assess", COUPANG, "--no-history", "--format", "json", "-o", str(fifo))
    out, _ = reader.communicate(timeout=30)
    assert result.returncode == 0 and '"schema_version"' in out
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_output_onto_the_input_is_refused_and_the_input_unchanged(tmp_path):
    path = tmp_path / "in.yaml"
    path.write_text(Path(COUPANG).read_text(encoding="utf-8"), encoding="utf-8")
    before = path.read_bytes()
    result = cli("assess", str(path), "-o", str(path))
    assert result.returncode == 1
    assert "it is an input of this command" in result.stderr
    assert path.read_bytes() == before
    plot = cli("simulate", str(path), "-n", "10", "--plot", str(path))
    assert plot.returncode in (1, 2) and path.read_bytes() == before
