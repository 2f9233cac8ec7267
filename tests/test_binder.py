"""Binder: the repository builds with repo2docker into a Python 3.11 image with the pinned requirements.

``jupyter-repo2docker --no-build .`` prints the Dockerfile Binder would build, without Docker or network;
the tests read it. See the README for the Binder and JupyterHub (nbgitpuller) links.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from helpers.data.paths import REPO_ROOT

REPO2DOCKER = Path(sys.executable).parent / "jupyter-repo2docker"
LESSON_LIBRARIES = ("jupyterlab", "pandas", "matplotlib", "ipywidgets")


def _binder_file(name: str) -> Path:
    """Where repo2docker reads ``name``: ``binder/`` or ``.binder/`` if there is one, else the top folder."""
    for folder in ("binder", ".binder"):
        if (REPO_ROOT / folder).is_dir():
            return REPO_ROOT / folder / name
    return REPO_ROOT / name


@pytest.fixture(scope="module")
def dockerfile() -> str:
    assert REPO2DOCKER.exists(), f"{REPO2DOCKER} is missing: pip install -r requirements-dev.txt"
    result = subprocess.run(
        [str(REPO2DOCKER), "--no-build", "--user-id", "1000", "--user-name", "jovyan", "."],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "FROM " in result.stdout, result.stdout[:500]
    return result.stdout + "\n# repo2docker log:\n" + result.stderr


def _steps(dockerfile: str) -> list[str]:
    """The Dockerfile's instructions, continuation lines joined."""
    return [s.strip() for s in re.sub(r"\\\n", " ", dockerfile).splitlines() if s.strip()]


def test_image_uses_python_3_11(dockerfile):
    assert "Building conda environment for python=3.11" in dockerfile
    # The lock file's name is escaped in the COPY line: "environment.py-3.11-linux-64.lock" -> "-2e", "-2d".
    lock = r"environment(?:\.|-2e)py(?:-|-2d)3(?:\.|-2e)11(?:-|-2d)linux"
    assert re.search(lock, dockerfile), "the conda environment is not the Python 3.11 one"
    assert "Python version unspecified" not in dockerfile


def test_runtime_file_asks_for_python_3_11():
    assert _binder_file("runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"


def test_requirements_are_installed_after_the_repository_is_copied(dockerfile):
    """``-e .`` needs the repository in place: repo2docker must copy it first, then run pip."""
    steps = _steps(dockerfile)
    copy_repo = [i for i, s in enumerate(steps) if re.fullmatch(r"COPY --chown=\S+ src/ \$\{REPO_DIR\}/", s)]
    requirements = _binder_file("requirements.txt").relative_to(REPO_ROOT).as_posix()
    install = [
        i
        for i, s in enumerate(steps)
        if s.startswith("RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install") and f'-r "{requirements}"' in s
    ]
    assert copy_repo, "no step copies the repository into the image"
    assert len(install) == 1, f"expected one pip install -r {requirements}, found {len(install)}"
    assert install[0] > copy_repo[0], (
        "requirements are installed before the repository is there (-e . breaks)"
    )


def test_requirements_pin_the_versions_the_tests_ran_with():
    """Binder installs what this environment has: each lesson library pinned to the tested version."""
    text = (REPO_ROOT / "requirements.txt").read_text(encoding="utf-8")
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.MULTILINE))
    for name in LESSON_LIBRARIES:
        assert name in pins, f"{name} is not pinned in requirements.txt"
        assert pins[name] == metadata.version(name), (
            f"{name}: pinned {pins[name]}, tested {metadata.version(name)}"
        )
    assert re.search(r"^-e \.\s*$", text, re.MULTILINE), "requirements.txt must install the helpers package"


def test_binder_image_helpers_find_the_data(dockerfile, tmp_path):
    """After the image's last install step, ``import helpers`` from a lesson's folder finds ``data/``.

    If the Dockerfile ends with a regular (non-editable) ``pip install .``, the image holds a copy of the
    package in site-packages: that copy is rebuilt here (setuptools installs just ``helpers/``) and asked
    where its data is, from a copy of the repository laid out as in the image.
    """
    steps = [s for s in _steps(dockerfile) if re.match(r"RUN \$\{KERNEL_PYTHON_PREFIX\}/bin/pip install", s)]
    regular_install_last = (
        bool(steps) and re.search(r"pip install (--no-cache-dir )?\.$", steps[-1]) is not None
    )
    if not regular_install_last:
        return  # the editable install from requirements.txt is what the image keeps
    repo = tmp_path / "home" / "jovyan"
    (repo / "notebooks").mkdir(parents=True)
    shutil.copytree(REPO_ROOT / "data", repo / "data")
    site_packages = tmp_path / "site-packages"
    shutil.copytree(
        REPO_ROOT / "helpers", site_packages / "helpers", ignore=shutil.ignore_patterns("__pycache__")
    )
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]); import helpers.data.paths as p; "
        "print(p.__file__); print(p.DATA_DIR.is_dir())"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(site_packages)],
        cwd=repo / "notebooks",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    where, found = result.stdout.split()
    assert Path(where).is_relative_to(site_packages), "the probe imported the wrong helpers"
    assert found == "True", "the installed helpers cannot find data/ in the Binder image"
