"""Every lesson runs top to bottom in a fresh kernel, in its own folder, with the network blocked.

Each instructor notebook (``notebooks/``) runs once: no error, no attempt to reach the network, and every
self-check says "Correct" to the instructor's solution ("Checked" for a written answer, which is never
"Correct"). Each student notebook (``student/``) runs twice: no error, no network, the same text outputs
both times, and every self-check says "Not answered yet" (the student has written nothing). The runs
share one pool of kernels (``notebook_runner.execute_many``), started by the first test that needs
them, so the whole set takes about as long as its slowest third. A cell tagged ``feedback-demo`` (a
lesson showing what feedback looks like) is left out of the comparison of feedback.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import nbformat
import pytest

from tools import make_student_versions as msv

from .notebook_runner import all_notebooks, error_outputs, execute_many, text_outputs

INSTRUCTOR = all_notebooks()
IDS = [p.name for p in INSTRUCTOR]
FEEDBACK_PREFIXES = ("Correct: ", "Checked: ", "Not yet: ", "Not answered yet: ")
DEMO_TAG = "feedback-demo"


def _student_path(instructor: Path) -> Path:
    return msv.STUDENT_DIR / instructor.relative_to(msv.NOTEBOOKS_DIR)


@functools.cache
def _runs() -> dict[tuple[str, int], tuple[nbformat.NotebookNode | None, str, str]]:
    """Every run, keyed by ``(notebook path, run number)``: instructor runs are number 0."""
    jobs = [(path, 0) for path in INSTRUCTOR]
    jobs += [(_student_path(path), run) for path in INSTRUCTOR for run in (1, 2)]
    results = execute_many([path for path, _ in jobs])
    return {(str(path), run): result for (path, run), result in zip(jobs, results, strict=True)}


def _run(path: Path, number: int) -> nbformat.NotebookNode:
    if not path.is_file():
        pytest.fail(f"{path} is missing: run python -m tools.make_student_versions")
    nb, error, attempts = _runs()[(str(path), number)]
    assert not error, f"{path.name} stopped with an error: {error}"
    assert attempts == "", f"{path.name} tried to reach the network:\n{attempts}"
    assert not error_outputs(nb), error_outputs(nb)
    return nb


def _feedback_by_code_cell(nb: nbformat.NotebookNode) -> list[list[str]]:
    """For each code cell, the lines of its text outputs that are a Feedback's text form."""
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    return [
        []
        if DEMO_TAG in cell.get("metadata", {}).get("tags", [])
        else [line for text in texts for line in text.splitlines() if line.startswith(FEEDBACK_PREFIXES)]
        for cell, texts in zip(code_cells, text_outputs(nb), strict=True)
    ]


def test_there_are_lessons():
    assert any(path.name.startswith("00-") for path in INSTRUCTOR)


@pytest.mark.parametrize("path", [*INSTRUCTOR, *map(_student_path, INSTRUCTOR)], ids=str)
def test_notebook_is_committed_without_outputs(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"cell {index} of {path.name} has outputs"
            assert cell.get("execution_count") is None, f"cell {index} of {path.name} has an execution count"
    assert nb["metadata"].get("kernelspec", {}).get("name") == "python3"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", INSTRUCTOR, ids=IDS)
def test_instructor_notebook_runs_offline_and_passes_its_own_checks(path: Path):
    nb = _run(path, 0)
    lines = [line for cell_lines in _feedback_by_code_cell(nb) for line in cell_lines]
    # A written answer is never "Correct": its check ticks a checklist and says "Checked".
    failing = [line for line in lines if not line.startswith(("Correct: ", "Checked: "))]
    assert not failing, f"{path.name}: the solutions do not pass their checks: {failing}"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", INSTRUCTOR, ids=IDS)
def test_student_notebook_runs_offline_twice_with_the_same_outputs(path: Path):
    first, second = _run(_student_path(path), 1), _run(_student_path(path), 2)
    assert text_outputs(first) == text_outputs(second)


@pytest.mark.notebooks
@pytest.mark.parametrize("path", INSTRUCTOR, ids=IDS)
def test_every_student_check_says_not_answered_yet(path: Path):
    expected = _feedback_by_code_cell(_run(path, 0))
    got = _feedback_by_code_cell(_run(_student_path(path), 1))
    assert len(got) == len(expected), "the student version has a different number of code cells"
    for index, (teacher_lines, student_lines) in enumerate(zip(expected, got, strict=True)):
        assert len(student_lines) == len(teacher_lines), (
            f"code cell {index}: {student_lines} vs {teacher_lines}"
        )
        for line in student_lines:
            assert line.startswith("Not answered yet: "), (
                f"code cell {index} of the student version says: {line}"
            )
