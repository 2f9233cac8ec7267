"""Shared fixtures: temporary copies of the data, and the seed documents when they are beside the repo."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.data.paths import DATA_DIR, REPO_ROOT

SHARED_SEEDS = REPO_ROOT.parent / "shared" / "seeds"
SHARED_REFERENCE = REPO_ROOT.parent / "shared" / "reference"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def collection_files(root: Path = REPO_ROOT) -> list[Path]:
    """The collection's files and symbolic links: git's tracked and new (not ignored) ones, else a walk.

    Without git (a downloaded archive), the walk leaves out what ``.gitignore`` would: virtual
    environments, caches, build outputs and test artifacts. Links are listed, not followed.
    """
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    if (root / ".git").exists() and listed.returncode == 0:
        paths = (root / name for name in listed.stdout.decode("utf-8").split("\0") if name)
        return [path for path in paths if path.exists() or path.is_symlink()]
    skip = {".git", ".venv", ".lite-cache", ".test-cache", "site", "test-artifacts", "__pycache__", "build"}
    found = []
    for folder, folders, files in os.walk(root):
        here = Path(folder)
        links = [name for name in folders if (here / name).is_symlink()]
        folders[:] = [n for n in folders if n not in skip and not n.endswith(".egg-info") and n not in links]
        found += [here / name for name in [*files, *links]]
    return sorted(found)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit_lines(path: Path, edit) -> None:
    """Rewrite a CSV through ``edit(lines) -> lines`` (lines without line ends)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    path.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")


def seed_text(title_fragment: str) -> str | None:
    """The text of the seed document whose text contains ``title_fragment``, if the seeds are beside the repo.

    With ``CI=true`` the seeds must be there (CI lays ``shared/`` beside the clone).
    """
    if SHARED_SEEDS.is_dir():
        for path in sorted(SHARED_SEEDS.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            if title_fragment in text:
                return text
    if IN_CI:
        pytest.fail(f"CI=true but no seed containing {title_fragment!r} was found in {SHARED_SEEDS}")
    return None


def reference_text(name: str) -> str | None:
    """The text of ``shared/reference/<name>`` if it lies beside the repo (with ``CI=true`` it must)."""
    path = SHARED_REFERENCE / name
    if path.is_file():
        return path.read_text(encoding="utf-8")
    if IN_CI:
        pytest.fail(f"CI=true but {path} was not found")
    return None


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a test module (it skips without Chromium, and fails with ``CI=true``).

    Module scope: a live Playwright (sync API) leaves an asyncio loop marked as running in its thread, which
    would break ``sync_playwright()`` or ``asyncio.run()`` in later modules if it lived for the session.
    """
    from .browser_support import launched_browser

    with launched_browser() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def lab(browser, tmp_path_factory):
    """One JupyterLab server, on a copy of the lessons, for a test module."""
    from .browser_support import lab_server

    with lab_server(tmp_path_factory.mktemp("jupyterlab")) as server:
        yield server
