"""The grading recipes of ``teacher/grading.md``, followed step by step with the real tools.

Otter-Grader (``otter assign``) and nbgrader (``generate_assignment``, ``validate``) run in a temporary
folder on real copies of a lesson, ``helpers/`` and ``data/``. Every Python process they start (the
tools and their kernels) gets the network guard through a ``sitecustomize.py``, so a step that tries
to reach the network fails the test. Skipped, with the reason, when a tool is not installed
(``pip install -r requirements-dev.txt`` installs both).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.data.paths import REPO_ROOT
from tests.network_guard import guard_setup_code
from tests.notebook_runner import error_outputs, execute_offline
from tools.grading.add_grading_cells import main as add_grading_cells

pytestmark = pytest.mark.grading

LESSONS = sorted((REPO_ROOT / "notebooks").glob("0[0-9]-*.ipynb"))
LESSON = REPO_ROOT / "notebooks" / "03-withdrawal-steps.ipynb"  # for the checks that need only one
CHECKS = {"00": "start", "01": "background", "02": "timeline", "03": "withdrawal", "04": "sources"}
BIN = Path(sys.executable).parent


def tool(name: str) -> Path:
    """The tool's command in this Python's environment, or a skip saying how to install it."""
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} is not installed here: pip install -r requirements-dev.txt")
    return path


def run(folder: Path, *command: object) -> str:
    """Run a tool in ``folder`` with the network guard in every Python process; returns its output."""
    guard = folder.parent / "guard"
    guard.mkdir(exist_ok=True)
    log = guard / "attempts.log"
    (guard / "sitecustomize.py").write_text(guard_setup_code(str(log)), encoding="utf-8")
    env = os.environ | {"PYTHONPATH": str(guard), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        [str(c) for c in command], cwd=folder, env=env, capture_output=True, text=True, timeout=600
    )
    output = done.stdout + done.stderr
    assert not log.exists(), f"{command[0]} tried to reach the network:\n{log.read_text()}"
    assert done.returncode == 0, output[-3000:]
    return output


def lesson_folder(folder: Path, lesson: Path = LESSON) -> Path:
    """The recipe's first step: the lesson with real copies (not links) of ``helpers/`` and ``data/``."""
    folder.mkdir(parents=True)
    shutil.copy(lesson, folder)
    for name in ("helpers", "data"):
        shutil.copytree(REPO_ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def solution_lines(path: Path) -> list[str]:
    """The lines of ``path``'s solution blocks and ``# SOLUTION`` lines that appear nowhere else in it.

    (A solution may repeat a line the lesson shows, e.g. the figure cell the student copies.)
    """
    hidden, shown = [], set()
    for cell in nbformat.read(path, as_version=4).cells:
        inside = False
        for line in cell.source.splitlines():
            if "BEGIN SOLUTION" in line:
                inside = True
            elif "END SOLUTION" in line:
                inside = False
            elif (inside and line.strip()) or line.rstrip().endswith("# SOLUTION"):
                hidden.append(line.strip())
            else:
                shown.add(line.strip())
    return [line for line in hidden if line not in shown]


def leaked(student: Path) -> list[str]:
    """The instructor's solution lines (and markers) found in the student notebook ``student``."""
    text = "\n".join(cell.source for cell in nbformat.read(student, as_version=4).cells)
    lines = {line.strip() for line in text.splitlines()}
    found = [line for line in solution_lines(REPO_ROOT / "notebooks" / student.name) if line in lines]
    return found + [word for word in ("BEGIN SOLUTION", "END SOLUTION") if word in text]


def test_the_lesson_has_solutions_to_hide():
    assert len(solution_lines(LESSON)) > 10


def test_plain_otter_assign_ships_the_answers(tmp_path):
    """The guide's bold warning: without the config cell, Otter's student copy keeps the solutions."""
    otter = tool("otter")
    folder = lesson_folder(tmp_path / "lesson")
    run(folder, otter, "assign", LESSON.name, "dist")
    assert len(leaked(folder / "dist" / "student" / LESSON.name)) > 10


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.name[:2])
def test_otter_recipe_strips_every_solution_and_ships_helpers_and_data(tmp_path, lesson):
    otter = tool("otter")
    folder = lesson_folder(tmp_path / "lesson", lesson)
    add_grading_cells(["otter", str(folder / lesson.name)])
    run(folder, otter, "assign", lesson.name, "dist")
    student = folder / "dist" / "student"
    assert leaked(student / lesson.name) == []
    assert (student / "helpers" / "checks" / f"{CHECKS[lesson.name[:2]]}.py").is_file()
    assert (student / "data" / "events.csv").is_file()
    assert not any(p.is_symlink() for p in student.rglob("*"))
    nb, error, attempts = execute_offline(student / lesson.name)
    assert (error, attempts) == ("", "")
    assert error_outputs(nb) == []
    outputs = "\n".join(str(o.get("data", {})) for cell in nb.cells for o in cell.get("outputs", []))
    assert "Not answered yet" in outputs and "Correct" not in outputs


def validate(course: Path, notebook: Path) -> str:
    """What ``nbgrader validate`` says about ``notebook`` (it exits with 0 whether it passes or fails)."""
    output = run(course, tool("nbgrader"), "validate", notebook)
    assert ("Success!" in output) != ("VALIDATION FAILED" in output), output[-2000:]
    return output


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda path: path.name[:2])
def test_nbgrader_recipe_releases_no_solution_and_validate_fails_unanswered(tmp_path, lesson):
    nbgrader = tool("nbgrader")
    course, name = tmp_path / "course", f"lesson{lesson.name[:2]}"
    source = lesson_folder(course / "source" / name, lesson)
    shutil.copy(REPO_ROOT / "tools" / "grading" / "nbgrader_config.py", course)
    add_grading_cells(["nbgrader", str(source / lesson.name)])
    run(course, nbgrader, "generate_assignment", name)
    release = course / "release" / name
    assert leaked(release / lesson.name) == []
    assert (release / "helpers" / "checks" / f"{CHECKS[lesson.name[:2]]}.py").is_file()
    assert (release / "data" / "events.csv").is_file()
    assert "Success!" in validate(course, source / lesson.name), "the answered notebook must pass"
    cells = nbformat.read(source / lesson.name, as_version=4).cells
    grades = [cell for cell in cells if "nbgrader" in cell.metadata]
    failed = validate(course, release / lesson.name)
    assert f"VALIDATION FAILED ON {len(grades)} CELL(S)" in failed  # every grade cell, and nothing else
    assert failed.count("AssertionError: Not answered yet") == len(grades) >= 4
