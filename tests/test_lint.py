"""The code and the notebooks pass ruff's lint and format checks (as CI runs them)."""

from __future__ import annotations

import subprocess
import sys

from helpers.data.paths import REPO_ROOT


def _ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_check():
    result = _ruff("check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = _ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_helpers_stay_small_enough_to_read():
    """The package stays within its budget: no module over 400 lines, at most 4,600 in all (the 4,500 its
    redesign set, and 100 for the answer keys the student copy hashes: ``helpers.checks.sealed``)."""
    lines = {
        path.relative_to(REPO_ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in (REPO_ROOT / "helpers").rglob("*.py")
    }
    assert sum(lines.values()) <= 4600, f"helpers/ has {sum(lines.values())} lines"
    assert {name: n for name, n in lines.items() if n > 400} == {}
