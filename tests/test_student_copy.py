"""The student copy (``python -m tools.make_student_copy --out DIR``): self-contained, no answers, runs clean.

The copy is built once per session into a temporary folder. The tests read it as a student would: no
instructor notebook, no symlink, no teacher or developer folder, no line of a solution block, model answers
and rubrics sealed (yet revealed by the check), and every lesson run offline in a fresh kernel started in
the copy, importing the copy's own ``helpers`` (not the repository's installed one), where every check
says "Not answered yet".
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

from helpers.checks.sealed import SEALED, unseal
from helpers.data.paths import DATA_DIR, REPO_ROOT
from tools import make_student_copy as msc
from tools import make_student_versions as msv

from .notebook_runner import error_outputs, execute_many, text_outputs

INSTRUCTOR = sorted(msv.NOTEBOOKS_DIR.glob("*.ipynb"))
LEFT_OUT = ("notebooks", "student", "teacher", "tests", "tools", "benchmarks", "site", ".ci")
FEEDBACK = re.compile(r"^(Correct|Checked|Not yet|Not answered yet): ")
WHERE = (
    "import helpers, helpers.data.paths as p\nprint('HELPERS', helpers.__file__)\nprint('DATA', p.DATA_DIR)"
)


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("student-copy") / "copy"
    msc.write_copy(out)
    return out


def _plain_files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def _texts(folder: Path) -> dict[Path, str]:
    """Every file's text as a reader finds it (a notebook's cell sources, not its JSON escapes)."""
    texts = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            text = "\n".join(cell["source"] for cell in nbformat.reads(text, as_version=4).cells)
        texts[path.relative_to(folder)] = text
    return texts


def _student_text(nb: nbformat.NotebookNode) -> str:
    """The text of an instructor notebook's student version: what the lesson shows the student anyway."""
    return "\n".join(cell.source for cell in msv.student_notebook(nb).cells)


def _gives_nothing_away(line: str) -> bool:
    """A bare name, or a name given to a name (``fig``, ``answer_1 = fig``): no value, no method."""
    return bool(re.fullmatch(r"(?:[A-Za-z_]\w*\s*=\s*)?[A-Za-z_][\w.]*", line))


def solution_lines() -> dict[str, str]:
    """Every solution line of the instructor notebooks that gives something away -> its notebook."""
    found = {}
    for path in INSTRUCTOR:
        nb = nbformat.read(path, as_version=4)
        shown = _student_text(nb)  # a prompt may show a line of the solution: `soviet = table[...]`
        for line in msv.solution_lines(nb):
            if line not in shown and not _gives_nothing_away(line):
                found.setdefault(line, path.name)
    return found


def model_texts() -> list[str]:
    """The model answers and rubric points of the repository's model-answer tables."""
    texts = []
    for path in sorted((DATA_DIR / "model-answers").glob("*.csv")):
        if path.name == "checklists.csv":  # points and patterns the students see as the checklist
            continue
        for row in csv.DictReader(path.open(encoding="utf-8")):
            texts.append(row["model_answer"])
            texts += [point.strip() for point in row["rubric"].split("|")]
    length = re.compile(r"(?:[\w ]{0,20} )?\d+ to \d+ words")  # a length asked for, also in the prompt
    return [text for text in texts if len(text) >= 12 and not length.fullmatch(text)]


# ------------------------------------------------------------------------------------------ layout


def test_copy_holds_the_student_lessons_and_no_instructor_material(copy):
    notebooks = sorted(p.name for p in copy.glob("*.ipynb"))
    assert notebooks == sorted(p.name for p in INSTRUCTOR)
    assert not [p for p in copy.rglob("*.ipynb") if p.parent != copy]
    for name in notebooks:
        text = (copy / name).read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text, name
        assert "../" not in text, f"{name} links out of the copy"
    assert not [name for name in LEFT_OUT if (copy / name).exists()]
    for needed in ("README.md", "LICENSE", "LICENSE-CONTENT.md", "CITATION.cff", "pyproject.toml"):
        assert (copy / needed).is_file(), needed
    assert (copy / "binder" / "requirements.txt").is_file() and (copy / "runtime.txt").is_file()
    assert "-e ." in (copy / "requirements.txt").read_text(encoding="utf-8").splitlines()


def test_copy_has_no_symlink_and_every_data_and_helpers_file(copy):
    assert not [p for p in copy.rglob("*") if p.is_symlink()]
    for folder in ("helpers", "data"):
        ours = {p.relative_to(REPO_ROOT) for p in _plain_files(REPO_ROOT / folder)}
        theirs = {p.relative_to(copy) for p in _plain_files(copy / folder)}
        assert ours == theirs, ours ^ theirs


def test_readme_is_for_students(copy):
    readme = (copy / "README.md").read_text(encoding="utf-8")
    assert "{" not in readme, "a template field was left unfilled"
    for link in re.findall(r"\]\(([^)#]+)\)", readme):
        assert (copy / link).exists(), link
    for teacher_word in ("teacher/", "notebooks/", "answer key", "tools"):
        assert teacher_word not in readme


def test_no_solution_line_in_any_file(copy):
    lines = solution_lines()
    assert len(lines) >= 20, "the instructor notebooks have fewer solutions than expected"
    texts = _texts(copy)
    leaks = [
        f"{where}: {line!r} in {path}"
        for line, where in lines.items()
        for path, text in texts.items()
        if line in text
    ]
    assert not leaks, "solution lines found in the student copy (reword them there):\n" + "\n".join(leaks)


def test_model_answers_are_sealed_and_still_revealed(copy):
    texts = model_texts()
    assert texts
    contents = _texts(copy)
    leaks = [text[:60] for text in texts for content in contents.values() if text in content]
    assert not leaks, leaks
    answers = sorted((DATA_DIR / "model-answers").glob("0*.csv"))  # one per lesson; not checklists.csv
    assert answers
    for path in sorted((copy / "data" / "model-answers").glob("0*.csv")):
        original = list(csv.DictReader((DATA_DIR / "model-answers" / path.name).open(encoding="utf-8")))
        sealed = list(csv.DictReader(path.open(encoding="utf-8")))
        assert [r["answer"] for r in sealed] == [r["answer"] for r in original]
        for ours, theirs in zip(original, sealed, strict=True):
            for column in msc.SEALED_COLUMNS:
                assert theirs[column].startswith(SEALED) and unseal(theirs[column]) == ours[column]
    row = next(csv.DictReader(answers[-1].open(encoding="utf-8")))
    lesson = answers[-1].name[:2]
    probe = (
        f"{WHERE}\nfrom helpers.checks.kinds import written\n"
        f"print(written('I think the sources disagree here.', {lesson!r}, {row['answer']!r}).reveal)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=copy, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"HELPERS {copy / 'helpers' / '__init__.py'}" in result.stdout
    assert row["model_answer"] in result.stdout


def test_binder_builds_the_copy_with_python_3_11_and_its_own_package(copy):
    repo2docker = Path(sys.executable).parent / "jupyter-repo2docker"
    if not repo2docker.exists():
        pytest.skip("jupyter-repo2docker is not installed (pip install -r requirements-dev.txt)")
    result = subprocess.run(
        [str(repo2docker), "--no-build", "--user-id", "1000", "--user-name", "jovyan", "."],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    steps = result.stdout
    assert "Building conda environment for python=3.11" in result.stderr
    install = steps.index('pip install --no-cache-dir -r "binder/requirements.txt"')
    assert steps.index("COPY --chown=1000:1000 src/ ") < install, "requirements installed before the copy"
    assert "pip install --no-cache-dir ." not in steps  # no second install beside requirements.txt's -e .
    pyproject = tomllib.loads((copy / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["setuptools"]["packages"]["find"]["include"] == ["helpers", "helpers.*"]


def test_repo_option_fills_the_binder_link(tmp_path):
    msc.write_copy(tmp_path / "copy", repo="a-school/inf-lessons")
    readme = (tmp_path / "copy" / "README.md").read_text(encoding="utf-8")
    assert (
        "https://mybinder.org/v2/gh/a-school/inf-lessons/HEAD?urlpath=lab/tree/00-start-here.ipynb" in readme
    )


# ------------------------------------------------------------------------------------------ safety


def test_refuses_a_foreign_folder_and_keeps_its_files(tmp_path):
    (tmp_path / "essay.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError, match="nothing was written or deleted"):
        msc.write_copy(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["essay.txt"]
    assert msc.main(["--out", str(tmp_path)]) == 2


def test_rewrites_its_own_copy_and_keeps_other_files(copy, tmp_path):
    out = tmp_path / "published"
    (out / ".git").mkdir(parents=True)  # a freshly cloned empty repository is fine
    msc.write_copy(out)
    assert msc.compare(out) == []
    (out / "my-notes.md").write_text("mine", encoding="utf-8")
    (out / "helpers" / "old_module.py").write_text("", encoding="utf-8")
    marker = out / msc.MARKER
    marker.write_text(marker.read_text(encoding="utf-8") + "helpers/old_module.py\n", encoding="utf-8")
    (out / "README.md").write_text("changed", encoding="utf-8")
    assert "out of date: README.md" in msc.compare(out)
    msc.write_copy(out)
    assert (out / "my-notes.md").read_text(encoding="utf-8") == "mine" and (out / ".git").is_dir()
    assert not (out / "helpers" / "old_module.py").exists()
    assert (out / "README.md").read_bytes() == (copy / "README.md").read_bytes()
    assert msc.main(["--out", str(out), "--check"]) == 0


# ------------------------------------------------------------------------------------------ running


@pytest.fixture(scope="module")
def runs(copy) -> dict[str, tuple[nbformat.NotebookNode | None, str, str]]:
    """Every notebook of the copy run offline in a fresh kernel in the copy, saying which helpers it used."""
    jobs = []
    for path in sorted(copy.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(WHERE))
        jobs.append((path, nb))
    return {path.name: result for (path, _), result in zip(jobs, execute_many(jobs), strict=True)}


@pytest.mark.notebooks
@pytest.mark.parametrize("name", [p.name for p in INSTRUCTOR])
def test_every_lesson_of_the_copy_runs_clean_with_its_own_helpers(copy, runs, name):
    nb, error, attempts = runs[name]
    assert not error, f"{name} stopped with an error: {error}"
    assert attempts == "", f"{name} tried to reach the network:\n{attempts}"
    assert not error_outputs(nb), error_outputs(nb)
    where = "".join(text_outputs(nb)[-1])
    assert f"HELPERS {copy / 'helpers' / '__init__.py'}" in where, where
    assert f"DATA {copy / 'data'}" in where, where
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    said = [
        line
        for cell, texts in zip(code, text_outputs(nb), strict=True)
        if "feedback-demo" not in cell.get("metadata", {}).get("tags", [])
        for text in texts
        for line in text.splitlines()
        if FEEDBACK.match(line)
    ]
    assert all(line.startswith("Not answered yet: ") for line in said), said
    answers = sum(bool(re.search(r"^(?:answer|think)_\w+\s*=", c.source, re.M)) for c in code)
    assert len(said) >= answers, f"{name}: {answers} answer cells but {len(said)} checks said something"
