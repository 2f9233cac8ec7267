"""Every lesson runs top to bottom in a fresh kernel, in its own folder, with the network blocked.

Each instructor notebook (``notebooks/``) runs once: no error, no attempt to reach the network, and every
self-check says "Correct" to the instructor's solution ("Checked" for a written answer, which is never
"Correct"). Each student notebook (``student/``) runs twice: no error, no network, the same text outputs
both times, and every self-check says "Not answered yet" (the student has written nothing). The runs
share one pool of kernels (``notebook_runner.execute_many``), started by the first test that needs
them, so the whole set takes about as long as its slowest third. A cell tagged ``feedback-demo`` (a
lesson showing what feedback looks like) is left out of the comparison of feedback.

Each student notebook also runs once as a *probe*: as a student who gets things wrong would. Before each
answer cell its check runs (it must say to run the answer cell first); after the check, wrong and odd
answers are tried one by one (never "Correct", never a traceback), then an answer cell that raises (the
check must refuse to grade it); then the answer cell runs again as it was, so the lesson goes on.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import nbformat
import pytest

from tools import make_student_versions as msv

from .notebook_runner import all_notebooks, error_outputs, execute_many, text_outputs

INSTRUCTOR = all_notebooks()
IDS = [p.name for p in INSTRUCTOR]
FEEDBACK_PREFIXES = ("Correct: ", "Checked: ", "Not yet: ", "Not answered yet: ")
DEMO_TAG = "feedback-demo"


ANSWER_CELL = re.compile(r"^((?:answer|think)_\w+)\s*=", re.MULTILINE)
ODD_ANSWERS = (
    "None",
    '""',
    '"banana"',
    "-1",
    "0",
    "3.5",
    'float("nan")',
    "[]",
    '["x"] * 5',
    '{"a": 1}',
    "(1, 2)",
    '__import__("pandas").Timestamp("1900-01-01")',
    '"range aegis suspend " * 15',
    "True",
)
"""Answers a student might give by mistake, as code: none may be called "Correct" or raise."""
RAISES = "undefined_name_in_answer"  # an answer cell with a typo: its NameError must not be graded


def _probe(nb: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, list[tuple[int, str, str]]]:
    """``nb`` with probe cells around every answer cell, and ``(cell index, what was tried, expected)``.

    ``expected`` is the start of the feedback the probe must give, or ``"not correct"``.
    """
    cells, expectations = [], []

    def add(source: str, tried: str = "", expected: str = "") -> None:
        cells.append(nbformat.v4.new_code_cell(source))
        if expected:
            expectations.append((len(cells) - 1, tried, expected))

    for cell in nb.cells:
        found = ANSWER_CELL.search(cell.source) if cell.cell_type == "code" else None
        if not found:
            cells.append(cell)
            continue
        name = found.group(1)
        add(f'check("{name}")', "the check before its answer cell", "Not answered yet: Run the answer cell")
        cells.append(cell)
        add(f'check("{name}")', "the placeholder", "Not answered yet: ")
        for odd in ODD_ANSWERS:
            add(f'{name} = {odd}\ncheck("{name}")', f"{name} = {odd}", "not correct")
        add(f"{name} = {RAISES}")
        add(f'check("{name}")', "an answer cell that raised", "Not yet: The cell that sets")
        cells.append(nbformat.v4.new_code_cell(cell.source))  # as the student left it: the lesson goes on
    probed = nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)
    return probed, expectations


def _student_path(instructor: Path) -> Path:
    return msv.STUDENT_DIR / instructor.relative_to(msv.NOTEBOOKS_DIR)


@functools.cache
def _runs() -> dict[tuple[str, int], tuple[nbformat.NotebookNode | None, str, str]]:
    """Every run, keyed by ``(notebook path, run number)``: instructor runs are number 0, probes 3."""
    jobs = [(path, 0) for path in INSTRUCTOR]
    jobs += [(_student_path(path), run) for path in INSTRUCTOR for run in (1, 2, 3)]
    students = [p for p in map(_student_path, INSTRUCTOR) if p.is_file()]
    jobs = [(path, run) for path, run in jobs if path.is_file()]
    probes = {p: _probe(nbformat.read(p, as_version=4))[0] for p in students}
    results = execute_many([(path, probes[path]) if run == 3 else path for path, run in jobs])
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


NOT_YET_BY_NAME: tuple[str, ...] = ()
"""Lessons whose check cells still call their check functions directly (issue 11 is open for them)."""


@pytest.mark.notebooks
@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            p, marks=pytest.mark.xfail(p.name in NOT_YET_BY_NAME, reason="no check by name yet", strict=True)
        )
        for p in INSTRUCTOR
    ],
    ids=IDS,
)
def test_student_checks_survive_wrong_answers_and_errors(path: Path):
    """Run first, the placeholder, wrong and odd answers, an answer cell that raised: never "Correct"."""
    student = _student_path(path)
    if not student.is_file():
        pytest.fail(f"{student} is missing: run python -m tools.make_student_versions")
    nb, error, attempts = _runs()[(str(student), 3)]
    assert not error and attempts == "", (error, attempts)
    _, expectations = _probe(nbformat.read(student, as_version=4))
    if not expectations:
        pytest.skip(f"{student.name} has no exercise")
    problems = []
    for index, tried, expected in expectations:
        outputs = nb.cells[index].outputs
        errors = [f"{o.ename}: {o.evalue}" for o in outputs if o.output_type == "error"]
        lines = [
            line
            for text in text_outputs(nbformat.v4.new_notebook(cells=[nb.cells[index]]))[0]
            for line in text.splitlines()
            if line.startswith(FEEDBACK_PREFIXES)
        ]
        said = lines[-1] if lines else "(no feedback)"
        if errors:
            problems.append(f"{tried}: raised {errors}")
        elif expected == "not correct":
            if not lines or said.startswith("Correct: "):
                problems.append(f"{tried}: {said}")
        elif not said.startswith(expected):
            problems.append(f"{tried}: {said!r}, expected {expected!r}")
    assert not problems, f"{student.name}:\n" + "\n".join(problems)
