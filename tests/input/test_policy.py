"""The policy file given with ``--policy``: unreadable or missing, a located input error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, cli

COUPANG = str(EXAMPLES / "coupang.yaml")


POLICY = str(EXAMPLES / "policy.yaml")


def test_an_unreadable_policy_is_a_located_input_error(tmp_path):
    folder = cli("assess", COUPANG, "--policy", str(tmp_path))
    assert folder.returncode == 1
    assert folder.stderr == f"error: {tmp_path}: is a directory, not a breach file\n"
    missing = cli("assess", COUPANG, "--policy", str(tmp_path / "none.yaml"))
    assert missing.returncode == 1 and str(tmp_path / "none.yaml") in missing.stderr
    assert "Usage:" not in missing.stderr + folder.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file of mode 000")
def test_a_policy_without_read_permission_is_a_located_input_error(tmp_path):
    policy = tmp_path / "policy.yaml"
    policy.write_bytes(Path(POLICY).read_bytes())
    policy.chmod(0)
    result = cli("assess", COUPANG, "--policy", str(policy))
    assert result.returncode == 1 and str(policy) in result.stderr
