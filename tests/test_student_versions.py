"""Student versions: made by ``python -m tools.make_student_versions``; up to date and solution-free.

``test_notebooks.py`` runs them, twice each and offline, and checks every self-check says "Not answered yet".
"""

from __future__ import annotations

import doctest
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.data.paths import REPO_ROOT
from tools import make_student_versions as msv


def _notebooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


INSTRUCTOR = [p for p in _notebooks(msv.NOTEBOOKS_DIR) if p.name not in msv.COPY_AS_IS]
IDS = [str(p.relative_to(msv.NOTEBOOKS_DIR)) for p in INSTRUCTOR]


def _student_path(instructor: Path) -> Path:
    return msv.STUDENT_DIR / instructor.relative_to(msv.NOTEBOOKS_DIR)


# ------------------------------------------------------------------------------------------ the rules


def test_module_doctests_pass():
    result = doctest.testmod(msv, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 10 and result.failed == 0


def test_solution_block_is_removed_and_placeholder_kept():
    source = (
        "answer_2 = ...  # a whole number\n# BEGIN SOLUTION\nanswer_2 = 3\n# END SOLUTION\ncheck(answer_2)"
    )
    assert msv.strip_code(source) == "answer_2 = ...  # a whole number\ncheck(answer_2)"


def test_indented_nbgrader_and_no_prompt_blocks_are_removed():
    source = "def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n"
    source += "    # BEGIN SOLUTION NO PROMPT\n    x = 2\n    # END SOLUTION\n    pass"
    assert msv.strip_code(source) == "def f():\n    pass"


def test_single_line_solutions_follow_otter():
    source = "\n".join(
        [
            "answer_1 = 52  # SOLUTION",
            "df['col'] = df.a + 1 # SOLUTION",
            "a, b = 1, 2  # SOLUTION",
            "x: int = 3  # SOLUTION",
            "    print(secret)  # SOLUTION",
            "y == 3  # SOLUTION",
            "z = 9  # SOLUTION NO PROMPT",
            "keep = 'this # SOLUTION is not at the end'",
        ]
    )
    assert msv.strip_code(source).split("\n") == [
        "answer_1 = ...",
        "df['col'] = ...",
        "a, b = ...",
        "x: int = ...",
        "    ...",
        "...",
        "keep = 'this # SOLUTION is not at the end'",
    ]


def test_cells_without_markers_are_unchanged():
    source = "x = 1\n\n\n\nprint(x)\n"
    assert msv.strip_code(source) == source
    assert msv.strip_markdown_cells(["# Title\n\n", "text"]) == ["# Title\n\n", "text"]


def test_blank_lines_left_by_a_removed_block_are_tidied():
    source = "a = ...\n\n# BEGIN SOLUTION\na = 1\n# END SOLUTION\n\n"
    assert msv.strip_code(source) == "a = ..."
    assert msv.strip_code("# BEGIN SOLUTION\na = 1\n# END SOLUTION") == ""


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("# BEGIN SOLUTION\nx = 1", "without an END"),
        ("x = 1\n# END SOLUTION", "without a BEGIN"),
        ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION", "inside another"),
    ],
)
def test_unpaired_code_markers_stop_the_run(source, message):
    with pytest.raises(msv.SolutionMarkerError, match=message):
        msv.strip_code(source)


def test_markdown_solutions_within_and_across_cells():
    cells = [
        "Question?\n\n<!-- BEGIN SOLUTION -->\nThe answer.\n<!-- END SOLUTION -->\n\nAfter.",
        "Before <!-- BEGIN SOLUTION -->inline<!-- END SOLUTION --> after",
        "Intro\n<!-- BEGIN SOLUTION -->",
        "A whole answer cell.",
        "<!-- END SOLUTION -->",
        "See [lesson 2](../notebooks/02-diplomatic-timeline.ipynb) and [data](../data/README.md).",
    ]
    assert msv.strip_markdown_cells(cells) == [
        "Question?\n\n\nAfter.",
        "Before  after",
        "Intro",
        None,
        None,
        "See [lesson 2](../student/02-diplomatic-timeline.ipynb) and [data](../data/README.md).",
    ]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (["<!-- BEGIN SOLUTION -->", "text"], "without an END"),
        (["<!-- END SOLUTION -->"], "without a BEGIN"),
        (["<!-- BEGIN SOLUTION --> <!-- BEGIN SOLUTION -->"], "inside another"),
    ],
)
def test_unpaired_markdown_markers_stop_the_run(cells, message):
    with pytest.raises(msv.SolutionMarkerError, match=message):
        msv.strip_markdown_cells(cells)


def _instructor_notebook() -> nbformat.NotebookNode:
    answer = new_code_cell(
        "answer_1 = ...  # a number\n# BEGIN SOLUTION\nanswer_1 = 1987\n# END SOLUTION",
        execution_count=4,
        outputs=[new_output("stream", name="stdout", text="secret output\n")],
        metadata={"tags": ["answer"]},
    )
    return new_notebook(
        cells=[
            new_markdown_cell("# Lesson\n\nNext: [glossary](glossary.ipynb#SVC)."),
            answer,
            new_code_cell("check(answer_1)", execution_count=5),
            new_markdown_cell(
                "<!-- BEGIN SOLUTION -->\nThe treaty was signed in Washington.\n<!-- END SOLUTION -->"
            ),
            new_code_cell("total = 2692  # SOLUTION"),
        ],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
            "custom": {"keep": True},
        },
    )


def test_student_notebook_clears_outputs_and_keeps_metadata_and_check_cells():
    nb = _instructor_notebook()
    student = msv.student_notebook(nb)
    assert [c.cell_type for c in student.cells] == ["markdown", "code", "code", "code"]
    answer, check, single = student.cells[1:]
    assert answer.source == "answer_1 = ...  # a number"
    assert answer.outputs == [] and answer.execution_count is None
    assert answer.metadata["tags"] == ["answer"]
    assert check.source == "check(answer_1)" and check.execution_count is None
    assert single.source == "total = ..."
    assert student.metadata == nb.metadata
    assert nb.cells[1].outputs, "the instructor notebook itself is not changed"


def test_student_notebook_errors_name_the_notebook_and_cell():
    nb = _instructor_notebook()
    nb.cells[2].source = "# END SOLUTION"
    with pytest.raises(msv.SolutionMarkerError, match=r"lesson\.ipynb, cell 2: line 1"):
        msv.student_notebook(nb, name="lesson.ipynb")
    nb = _instructor_notebook()
    nb.cells[3].source = "<!-- BEGIN SOLUTION -->"
    with pytest.raises(msv.SolutionMarkerError, match=r"^lesson\.ipynb: "):
        msv.student_notebook(nb, name="lesson.ipynb")


def test_solution_lines_skip_trivial_lines():
    nb = _instructor_notebook()
    nb.cells[1].source += "\n# BEGIN SOLUTION\n...\n)\n\npass\nanswer_9 = ...\n# END SOLUTION"
    assert msv.solution_lines(nb) == [
        "answer_1 = 1987",
        "total = 2692",
        "The treaty was signed in Washington.",
    ]


# ------------------------------------------------------------------------------------------ the folders


@pytest.fixture
def instructor_folder(tmp_path: Path) -> Path:
    src = tmp_path / "notebooks"
    (src / "images").mkdir(parents=True)
    nbformat.write(_instructor_notebook(), src / "01-lesson.ipynb")
    glossary = new_notebook(
        cells=[new_markdown_cell("### SVC\n\n# BEGIN SOLUTION stays in a copied notebook")]
    )
    nbformat.write(glossary, src / "glossary.ipynb")
    (src / "images" / "map.png").write_bytes(b"\x89PNG fake")
    (src / ".ipynb_checkpoints").mkdir()
    (src / ".ipynb_checkpoints" / "01-lesson-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    return src


def test_generate_writes_mirror_folder(instructor_folder: Path, tmp_path: Path):
    dest = tmp_path / "student"
    written = msv.generate(instructor_folder, dest)
    names = sorted(str(p.relative_to(dest)) for p in written)
    assert names == ["01-lesson.ipynb", "README.md", "glossary.ipynb", "images/map.png"]
    assert (dest / "glossary.ipynb").read_bytes() == (instructor_folder / "glossary.ipynb").read_bytes()
    assert (dest / "images" / "map.png").read_bytes() == b"\x89PNG fake"
    student = nbformat.read(dest / "01-lesson.ipynb", as_version=4)
    nbformat.validate(student)
    text = json.dumps(student.cells)
    assert "1987" not in text and "secret output" not in text and "Washington" not in text
    assert (dest / "README.md").read_text(encoding="utf-8").startswith(msv.README_TITLE)
    assert msv.compare(instructor_folder, dest) == []


def test_generate_is_stable_and_removes_stale_files(instructor_folder: Path, tmp_path: Path):
    dest = tmp_path / "student"
    msv.generate(instructor_folder, dest)
    first = (dest / "01-lesson.ipynb").read_bytes()
    (dest / "old-lesson.ipynb").write_text("{}", encoding="utf-8")
    (dest / "old").mkdir()
    (dest / "old" / "x.png").write_bytes(b"x")
    assert msv.compare(instructor_folder, dest) == [
        "not from an instructor notebook: old/x.png",
        "not from an instructor notebook: old-lesson.ipynb",
    ]
    msv.generate(instructor_folder, dest)
    assert (dest / "01-lesson.ipynb").read_bytes() == first
    assert not (dest / "old-lesson.ipynb").exists() and not (dest / "old").exists()


def test_compare_reports_missing_and_out_of_date(instructor_folder: Path, tmp_path: Path):
    dest = tmp_path / "student"
    assert "missing: 01-lesson.ipynb" in msv.compare(instructor_folder, dest)
    msv.generate(instructor_folder, dest)
    nb = nbformat.read(instructor_folder / "01-lesson.ipynb", as_version=4)
    nb.cells[0].source += " Changed."
    nbformat.write(nb, instructor_folder / "01-lesson.ipynb")
    assert msv.compare(instructor_folder, dest) == ["out of date: 01-lesson.ipynb"]


def test_generate_refuses_a_folder_it_did_not_make(instructor_folder: Path, tmp_path: Path):
    dest = tmp_path / "somewhere"
    dest.mkdir()
    (dest / "precious.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        msv.generate(instructor_folder, dest)
    assert (dest / "precious.txt").read_text(encoding="utf-8") == "keep me"


def test_generate_writes_nothing_when_a_marker_is_unpaired(instructor_folder: Path, tmp_path: Path):
    nb = nbformat.read(instructor_folder / "01-lesson.ipynb", as_version=4)
    nb.cells[1].source = "# BEGIN SOLUTION\nanswer_1 = 1987"
    nbformat.write(nb, instructor_folder / "01-lesson.ipynb")
    dest = tmp_path / "student"
    with pytest.raises(msv.SolutionMarkerError, match="01-lesson.ipynb, cell 1"):
        msv.generate(instructor_folder, dest)
    assert not dest.exists()
    assert msv.main(["--src", str(instructor_folder), "--out", str(dest)]) == 2


def test_main_writes_and_checks(instructor_folder: Path, tmp_path: Path, capsys):
    dest = tmp_path / "student"
    args = ["--src", str(instructor_folder), "--out", str(dest)]
    assert msv.main([*args, "--check"]) == 1
    assert "run: python -m tools.make_student_versions" in capsys.readouterr().out
    assert msv.main(args) == 0
    assert "wrote 2 student notebook(s)" in capsys.readouterr().out
    assert msv.main([*args, "--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_command_runs_as_a_module_from_the_top_folder(instructor_folder: Path, tmp_path: Path):
    dest = tmp_path / "student"
    command = [sys.executable, "-m", "tools.make_student_versions", "--src", str(instructor_folder)]
    result = subprocess.run([*command, "--out", str(dest)], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (dest / "01-lesson.ipynb").is_file()


# ------------------------------------------------------------------------------ the real student folder


def test_student_folder_is_up_to_date(tmp_path: Path):
    fresh = tmp_path / "student"
    msv.generate(msv.NOTEBOOKS_DIR, fresh)
    made = {p.relative_to(fresh): p.read_bytes() for p in fresh.rglob("*") if p.is_file()}
    assert msv.STUDENT_DIR.is_dir(), "student/ is missing: run python -m tools.make_student_versions"
    committed = {
        p.relative_to(msv.STUDENT_DIR): p.read_bytes()
        for p in msv.STUDENT_DIR.rglob("*")
        if p.is_file() and ".ipynb_checkpoints" not in p.parts
    }
    stale = sorted(str(p) for p in set(made) | set(committed) if made.get(p) != committed.get(p))
    assert not stale, (
        f"student/ is out of date ({', '.join(stale)}): run python -m tools.make_student_versions"
    )


def test_there_is_a_student_start_here_for_binder_links():
    assert (msv.STUDENT_DIR / "00-start-here.ipynb").is_file() == (
        msv.NOTEBOOKS_DIR / "00-start-here.ipynb"
    ).is_file()


@pytest.mark.parametrize("path", INSTRUCTOR, ids=IDS)
def test_no_solution_line_appears_in_the_student_version(path: Path):
    """A solution line may stand in the student version only as often as it stands outside the solutions.

    A "change the figure" solution repeats lines of the visible cell above it (``fig, ax = plt.subplots()``);
    those lines are the lesson's, not the answer's.
    """
    student_path = _student_path(path)
    assert student_path.is_file(), f"{student_path} is missing: run python -m tools.make_student_versions"
    instructor = nbformat.read(path, as_version=4)
    student_lines = Counter(
        line.strip()
        for cell in nbformat.read(student_path, as_version=4).cells
        for line in cell.source.split("\n")
    )
    all_lines = Counter(line.strip() for cell in instructor.cells for line in cell.source.split("\n"))
    solution = Counter(msv.solution_lines(instructor))
    leaks = [line for line in solution if student_lines[line] > all_lines[line] - solution[line]]
    assert not leaks, f"solution lines in {student_path.name}: {leaks}"


@pytest.mark.parametrize("path", INSTRUCTOR, ids=IDS)
def test_links_that_work_for_teachers_work_for_students(path: Path):
    student = nbformat.read(_student_path(path), as_version=4)
    for cell in student.cells:
        if cell.cell_type != "markdown":
            continue
        for target in re.findall(r"\]\(([^)\s]+)\)", cell.source):
            if re.match(r"^[a-z]+:|^#", target):
                continue
            relative = target.split("#")[0]
            if (path.parent / relative).exists():
                assert (_student_path(path).parent / relative).exists(), (
                    f"{path.name}: link {target} is broken"
                )


def test_student_notebooks_pass_ruff():
    if not msv.STUDENT_DIR.is_dir():
        pytest.fail("student/ is missing: run python -m tools.make_student_versions")
    for args in (["check", "student"], ["format", "--check", "student"]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
