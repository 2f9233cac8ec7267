"""A copy of the repository pulled onto a JupyterHub (nbgitpuller installs nothing) can still import helpers.

``notebooks/helpers`` and ``student/helpers`` are links to ``../helpers``; a kernel runs in the lesson's own
folder, so ``import helpers`` finds the link even where the package was never installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from helpers.data.paths import REPO_ROOT

LESSON_FOLDERS = ("notebooks", "student")


@pytest.mark.parametrize("folder", LESSON_FOLDERS)
def test_lesson_folder_links_to_the_helpers_package(folder):
    link = REPO_ROOT / folder / "helpers"
    assert link.is_symlink()
    assert link.resolve() == (REPO_ROOT / "helpers").resolve()


@pytest.mark.parametrize("folder", LESSON_FOLDERS)
def test_helpers_import_without_installing_the_package(folder):
    """``python -S`` skips site-packages .pth files: the editable install is invisible; libraries stay."""
    libraries = sysconfig.get_paths()["purelib"]
    probe = (
        "import helpers, helpers.data.paths as p; "
        "print(helpers.__file__); print(p.DATA_DIR); print(len(helpers.load_events()))"
    )
    result = subprocess.run(
        [sys.executable, "-S", "-c", probe],
        cwd=REPO_ROOT / folder,
        env={"PYTHONPATH": libraries, "PATH": ""},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    imported_from, data_dir, rows = result.stdout.split("\n")[:3]
    assert Path(imported_from).parent == REPO_ROOT / folder / "helpers"
    assert Path(data_dir) == REPO_ROOT / "data"
    assert int(rows) == len(__import__("helpers").load_events())


def test_a_copy_that_follows_the_links_still_finds_the_data(tmp_path):
    """``cp -rL`` of the repository turns ``notebooks/helpers`` into a real copy one level deeper."""
    copy = tmp_path / "copy"
    shutil.copytree(
        REPO_ROOT / "helpers", copy / "notebooks" / "helpers", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(REPO_ROOT / "data", copy / "data")
    probe = "import helpers.data.paths as p; print(p.__file__); print(p.DATA_DIR)"
    result = subprocess.run(
        [sys.executable, "-S", "-c", probe],
        cwd=copy / "notebooks",
        env={"PYTHONPATH": sysconfig.get_paths()["purelib"], "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    imported_from, data_dir = result.stdout.split("\n")[:2]
    assert Path(imported_from).is_relative_to(copy / "notebooks" / "helpers")
    assert Path(data_dir) == copy / "data"
