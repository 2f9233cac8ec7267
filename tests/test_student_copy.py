"""The student copy (``python -m tools.make_student_copy --out DIR``): self-contained, no answers, runs clean.

The copy is built once per session into a temporary folder. The tests read it as a student would: no
instructor notebook, no symlink, no teacher or developer folder, no line of a solution block, model answers
and rubrics sealed (yet revealed by the check), and every lesson run offline in a fresh kernel started in
the copy, importing the copy's own ``helpers`` (not the repository's installed one), where every check
says "Not answered yet".
"""

from __future__ import annotations

import ast
import csv
import io
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from helpers.checks.sealed import HASHED, SEALED, AnswerKey, canonical, unseal
from helpers.data.paths import DATA_DIR, REPO_ROOT
from helpers.data.schema import table_names, table_schema
from helpers.display.words import long_date
from tools import addresses
from tools import make_student_copy as msc
from tools import make_student_versions as msv

from .notebook_runner import error_outputs, execute_many, text_outputs
from .test_teacher_guide import NAME, key_sections, key_value

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


def test_no_note_for_teachers_in_the_lessons_or_the_glossary(copy):
    instructor = (REPO_ROOT / "notebooks" / "glossary.ipynb").read_text(encoding="utf-8")
    assert "For teachers" in instructor and "For teachers" in INSTRUCTOR[0].read_text(encoding="utf-8")
    for path in sorted(copy.glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        assert "For teachers" not in text and "make_glossary_page" not in text, path.name
    glossary = nbformat.read(copy / "glossary.ipynb", as_version=4)
    assert "## How to cite" in glossary.cells[-1].source  # the rest of the page is there


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
            for column in ("model_answer", "rubric"):
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


def test_the_copys_binder_link_comes_from_addresses_toml(monkeypatch):
    published = addresses.Addresses(None, "https://github.com/a-school/inf-student", None, None)
    monkeypatch.setattr(msc.addresses, "load", lambda: published)
    link = "<https://mybinder.org/v2/gh/a-school/inf-student/HEAD?urlpath=lab/tree/00-start-here.ipynb>"
    assert link in msc._readme({}, "0.1.0", None)
    assert "v2/gh/other/inf/HEAD" in msc._readme({}, "0.1.0", "other/inf.git")  # --repo overrides it
    monkeypatch.setattr(msc.addresses, "load", lambda: addresses.Addresses(None, None, None, None))
    readme = msc._readme({}, "0.1.0", None)
    assert "your teacher gives you the link" in readme and "mybinder.org" not in readme


@pytest.mark.parametrize("repo", ["https://github.com/a/b", "a-school", "a school/inf"])
def test_a_repo_option_that_is_not_account_and_name_writes_nothing(tmp_path, repo):
    with pytest.raises(ValueError, match="ACCOUNT/NAME"):
        msc.write_copy(tmp_path / "copy", repo=repo)
    assert not (tmp_path / "copy").exists()
    assert msc.main(["--out", str(tmp_path / "copy"), "--repo", repo]) == 2


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


def feedback_lines(nb: nbformat.NotebookNode) -> list[str]:
    """Every line a check printed in a run notebook, but in cells that show the feedback on purpose."""
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    return [
        line
        for cell, texts in zip(code, text_outputs(nb), strict=True)
        if "feedback-demo" not in cell.get("metadata", {}).get("tags", [])
        for text in texts
        for line in text.splitlines()
        if FEEDBACK.match(line)
    ]


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
    code, said = [cell for cell in nb.cells if cell.cell_type == "code"], feedback_lines(nb)
    assert all(line.startswith("Not answered yet: ") for line in said), said
    answers = sum(bool(re.search(r"^(?:answer|think)_\w+\s*=", c.source, re.M)) for c in code)
    assert len(said) >= answers, f"{name}: {answers} answer cells but {len(said)} checks said something"


# ------------------------------------------------------------------------------------------ answer keys

CHECK_DATA = {"sentences": ["label", "also_accepted", "why", "hint"], "checklists": None}
CHECK_DATA |= {f"model-answers-0{n}": None for n in range(5)}
"""The tables only the checks read (None: every column), and what the checks read of lesson 4's sentences
(the lesson shows the sentences and where they stand). The other tables (the event tables, the glossary,
lesson 1's facts, lesson 4's claims and profiles) are what the lessons show and students analyse, as exempt
as the lesson prose."""
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _needles(value: object) -> list[object]:
    """What to look for of one accepted value: a number of 100 or more, a text of 5 characters or more (a
    day also as '2 August 2019'), the elements of a tuple one by one, a list or dict as one labelling."""
    if isinstance(value, pd.DataFrame):
        return []  # a filtered table: rows of the event table
    if isinstance(value, pd.Timedelta):
        value = value.days
    if isinstance(value, int) and not isinstance(value, bool):
        return [value] if value >= 100 else []
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        return [value, long_date(value).casefold()]
    if isinstance(value, str):
        return [canonical(value)] if len(value) >= 5 else []
    if isinstance(value, tuple):
        return [needle for item in value for needle in _needles(item)]
    items = list(value.values()) if isinstance(value, dict) else list(value)
    return [tuple(canonical(item) for item in items)]


def accepted_values() -> dict[object, str]:
    """Every value the teacher guide's keys give (each checked to pass its check) -> the exercise."""
    found = {}
    for lesson, section in key_sections().items():
        for name, text in re.findall(rf"\(`({NAME})`\), key: `([^`]+)`", section):
            for needle in _needles(key_value(text)):
                found.setdefault(needle, f"lesson {lesson} {name}")
    return found


def _holds(text: str, needle: object) -> bool:
    if isinstance(needle, int):
        return bool(re.search(rf"(?<![\w,.-])(?:{needle}|{needle:,})(?![\w,-])", text))  # not in an id
    return isinstance(needle, str) and needle in canonical(text)


def _unwrap(node: ast.expr) -> ast.expr:
    while isinstance(node, ast.Call) and len(node.args) == 1:
        node = node.args[0]
    return node


def code_leaks(source: str, needles: dict[object, str]) -> list[str]:
    """Literals of Python ``source`` that hold an accepted value: a number, a text, a tuple or list."""
    leaks = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and not isinstance(node.value, bool):
            value = node.value
            hits = [n for n in needles if (value == n if isinstance(value, int) else _holds(str(value), n))]
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            try:  # a literal, or one wrapped in calls: (AnswerKey("a"), AnswerKey("b"))
                items = [ast.literal_eval(_unwrap(item)) for item in node.elts]
            except ValueError:
                continue
            items = set(items) if isinstance(node, ast.Set) else items
            form = tuple(sorted(map(canonical, items)) if isinstance(items, set) else map(canonical, items))
            hits = [n for n in needles if isinstance(n, tuple) and form in (n, tuple(sorted(n)))]
        else:
            continue
        leaks += [f"line {node.lineno}: {needles[n]} ({n!r})" for n in hits]
    return leaks


def _spells(column: tuple[str, ...], labelling: tuple[str, ...]) -> bool:
    """A column spells a labelling: as long, and the same in every place but at most one (a key may pick
    the other of two labels that fit)."""
    same = sum(a == b for a, b in zip(column, labelling, strict=False))
    return len(column) == len(labelling) and same >= len(labelling) - 1


def table_leaks(text: str, needles: dict[object, str], columns: list[str] | None = None) -> list[str]:
    """Cells of a CSV ``text`` that hold an accepted value, and columns that spell a labelling in order."""
    rows = list(csv.reader(io.StringIO(text)))
    if columns is not None:
        kept = [rows[0].index(column) for column in columns]
        rows = [[row[i] for i in kept] for row in rows]
    leaks = [
        f"row {number}: {needles[n]} ({n!r})"
        for number, row in enumerate(rows[1:], start=1)
        for cell in row
        for n in needles
        if _holds(cell, n)
    ]
    for column in zip(*rows[1:], strict=True) if len(rows) > 1 else []:
        form = tuple(map(canonical, column))
        leaks += [f"a column: {needles[n]}" for n in needles if isinstance(n, tuple) and _spells(form, n)]
    return leaks


def test_the_keys_give_the_accepted_values_to_look_for():
    needles = accepted_values()
    assert {1987, 846, 181, "2019-08-02", "2 august 2019", "bcdea"} <= set(needles)
    assert ("suspension", "withdrawal", "suspension", "withdrawal", "suspension") in needles
    assert ("fact", "assessment", "opinion", "fact", "assessment", "assessment") in needles


def test_the_leak_finders_find_what_they_look_for():
    needles = {1987: "year", "2 august 2019": "day", ("sea", "air"): "modes", "bcdea": "order"}
    source = 'A = 1987\nB = "code 19875, 1987-12-08"\nC = {"air", "sea"}\nD = "On 2 August 2019."\n'
    source += 'E = "BCDEA"\n'
    assert len(code_leaks(source, needles)) == 4  # 19875 and an ISO day are not the year
    assert code_leaks('A = 19870\nB = ("sea",)\nC = "abcde"\n', needles) == []
    assert len(table_leaks("n,label\n1,sea\n2,air\n3,On 2 August 2019\n", needles)) == 1
    assert len(table_leaks("n,label\n1,sea\n2,air\n", needles)) == 1  # the column, in order


def _read(folder: Path, table: str) -> str:
    return (folder / "data" / table_schema(table).path).read_text(encoding="utf-8")


def test_no_accepted_value_in_the_code_or_check_data_of_the_copy(copy):
    """The copy's check code (``helpers/checks``) and its check data (every table but the event tables)
    hold no accepted answer in plain text: a lesson's code in ``helpers/history`` draws the figures and
    tables that show these dates anyway, and the lesson prose is exempt."""
    needles = accepted_values()
    leaks = [
        f"{path.relative_to(copy)}, {leak}"
        for path in sorted((copy / "helpers" / "checks").glob("*.py"))
        for leak in code_leaks(path.read_text(encoding="utf-8"), needles)
    ]
    assert set(CHECK_DATA) <= set(table_names())
    leaks += [
        f"data/{table_schema(name).path}, {leak}"
        for name, columns in CHECK_DATA.items()
        for leak in table_leaks(_read(copy, name), needles, columns)
    ]
    assert not leaks, "accepted answers in plain text in the student copy:\n" + "\n".join(leaks)


def test_the_same_files_in_the_repository_do_hold_them():
    """The leak test can fail: run on the instructor's own files, it finds the keys."""
    needles = accepted_values()
    withdrawal = (REPO_ROOT / "helpers" / "checks" / "withdrawal.py").read_text(encoding="utf-8")
    assert any("lesson 3 answer_2" in leak for leak in code_leaks(withdrawal, needles))
    sentences = (DATA_DIR / "sentences.csv").read_text(encoding="utf-8")
    labels = table_leaks(sentences, needles, CHECK_DATA["sentences"])
    assert any("lesson 4 answer_2" in leak for leak in labels)


def test_the_copy_ships_no_docstring_example_and_otherwise_the_same_code(copy):
    def shape(source: str) -> str:
        tree = ast.parse(source)
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            first = body[0] if isinstance(body, list) and body else None
            if isinstance(getattr(first, "value", None), ast.Constant) and isinstance(first.value.value, str):
                first.value.value = ""  # the docstring
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("AnswerKey", "hidden"):
                node.args = (
                    [ast.Constant("key")] if isinstance(node.args[0], ast.Constant | ast.Set) else node.args
                )
        return ast.dump(tree)

    for path in sorted((REPO_ROOT / "helpers").rglob("*.py")):
        shipped = (copy / path.relative_to(REPO_ROOT)).read_text(encoding="utf-8")
        assert ">>>" not in shipped, path
        assert shape(shipped) == shape(path.read_text(encoding="utf-8")), path


def test_answer_keys_and_hidden_texts_in_the_copy_are_hashed_and_sealed(copy):
    source = (copy / "helpers" / "checks" / "withdrawal.py").read_text(encoding="utf-8")
    keys = re.findall(r"AnswerKey\('(hashed:[^']+)'\)", source)
    assert len(keys) == 5 and len(set(keys)) == 5  # one salt each: equal labels do not look alike
    assert [AnswerKey(key) == "withdrawal" for key in keys] == [False, True, False, True, False]
    assert "hidden('sealed:" in source and "can be resumed has only been suspended" not in source
    sentences = list(csv.DictReader((copy / "data" / "sentences.csv").open(encoding="utf-8")))
    assert all(row["label"].startswith(HASHED) and row["why"].startswith(SEALED) for row in sentences)
    assert all(not row["hint"].startswith(SEALED) for row in sentences)  # hints are for wrong answers


def test_a_hidden_text_that_is_not_a_literal_stops_the_copy():
    with pytest.raises(ValueError, match="m, line 1: hidden"):
        msc.protect_source('x = hidden(f"{y}")\n', "m")
    assert msc.protect_source("x = AnswerKey(row.label)\n", "m") == "x = AnswerKey(row.label)\n"


@pytest.fixture(scope="module")
def instructor_runs(copy) -> dict[str, tuple[nbformat.NotebookNode | None, str, str]]:
    """The instructor notebooks, solutions and all, run in the copy's folder with the copy's helpers."""
    jobs = [(copy / path.name, nbformat.read(path, as_version=4)) for path in INSTRUCTOR]
    return {path.name: result for (path, _), result in zip(jobs, execute_many(jobs), strict=True)}


@pytest.mark.notebooks
@pytest.mark.parametrize("name", [p.name for p in INSTRUCTOR])
def test_the_copys_hashed_keys_accept_the_instructor_solutions(instructor_runs, name):
    nb, error, attempts = instructor_runs[name]
    assert not error and attempts == "", error or attempts
    said = feedback_lines(nb)
    assert all(line.startswith(("Correct: ", "Checked: ")) for line in said), said
    assert not [line for line in said if SEALED in line or HASHED in line]
