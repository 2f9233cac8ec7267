"""Make the student notebooks (``student/``) from the instructor notebooks (``notebooks/``).

Run it from the top folder of the collection after changing any lesson::

    python -m tools.make_student_versions           # rewrite student/ from notebooks/
    python -m tools.make_student_versions --check   # only report whether student/ is up to date

``notebooks/`` holds the instructor versions, with every solution: they are the
answer keys. ``student/`` holds the student versions, committed, so that a Binder
or JupyterHub link can open ``student/00-start-here.ipynb`` with no build step.
The two folders have the same layout, so relative links between notebooks (and
to ``../data/`` or ``../README.md``) work in both.

What changes in a student version
---------------------------------
Code cells
    * every block from a line ``# BEGIN SOLUTION`` to the line ``# END SOLUTION``,
      both included, is removed. Write the placeholder above the block, so the
      student sees it::

          answer_2 = ...  # a whole number
          # BEGIN SOLUTION
          answer_2 = 3
          # END SOLUTION

      (``### BEGIN SOLUTION`` and ``# BEGIN SOLUTION NO PROMPT`` are read the same way);
    * a line ending in ``# SOLUTION`` (Otter-Grader's one-line form) becomes
      ``name = ...`` if it is an assignment, otherwise ``...``; a line ending in
      ``# SOLUTION NO PROMPT`` is removed;
    * outputs and execution counts are cleared; the cell itself always stays, so a
      check cell keeps its place after its answer cell.
Markdown cells
    * text from ``<!-- BEGIN SOLUTION -->`` to ``<!-- END SOLUTION -->`` is removed,
      also when the two markers are in different markdown cells (every markdown cell
      between them goes); a markdown cell left empty is dropped;
    * a link into ``../notebooks/`` is pointed at ``../student/`` instead.
Everything else
    * notebook and cell metadata are kept; ``glossary.ipynb`` (less its markdown between
      solution markers: the note for teachers) and any file that is not a notebook (images,
      for example) are copied unchanged; ``student/README.md`` says
      the folder is generated. Files in ``student/`` that no longer have an instructor
      original are deleted.

A marker without its partner stops the run with an error naming the notebook
and the cell, so a half-removed solution can never reach students.
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

import nbformat

from helpers.data.paths import REPO_ROOT

__all__ = [
    "COPY_AS_IS",
    "NOTEBOOKS_DIR",
    "STUDENT_DIR",
    "SolutionMarkerError",
    "compare",
    "generate",
    "main",
    "planned_files",
    "solution_lines",
    "strip_code",
    "strip_markdown_cells",
    "student_notebook",
]

NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
STUDENT_DIR = REPO_ROOT / "student"
COPY_AS_IS: frozenset[str] = frozenset({"glossary.ipynb"})
"""Notebooks copied unchanged (they hold no exercises), but for markdown between solution markers."""

README_TITLE = "# Student versions of the lessons"
README = f"""{README_TITLE}

**Generated: do not edit.** Every notebook here is made from its instructor
version in [`../notebooks/`](../notebooks/) by

```bash
python -m tools.make_student_versions
```

The student versions have the solutions removed and no outputs; the check cells
are kept, so students get feedback as they work. Teachers: the instructor
versions in `notebooks/` are the answer keys (see [`../teacher/`](../teacher/)).
Change a lesson in `notebooks/`, then run the command above and commit both.
"""

_BEGIN_CODE = re.compile(r"^\s*#+\s*BEGIN SOLUTION(?:\s+NO PROMPT)?\s*$")
_END_CODE = re.compile(r"^\s*#+\s*END SOLUTION\s*$")
_NO_PROMPT_LINE = re.compile(r"#\s*SOLUTION NO PROMPT\s*$")
_SOLUTION_LINE = re.compile(r"#\s*SOLUTION\s*$")
_TARGET = r"[A-Za-z_][\w.]*(?:\[[^\]]*\])*"
_ASSIGNMENT = re.compile(rf"^(\s*{_TARGET}(?:\s*,\s*{_TARGET})*\s*(?::[^=]+)?=)(?!=)")
_BEGIN_MD = re.compile(r"<!--\s*BEGIN SOLUTION\s*-->")
_END_MD = re.compile(r"<!--\s*END SOLUTION\s*-->")
_NOTEBOOKS_LINK = re.compile(r"\]\(\.\./notebooks/")


class SolutionMarkerError(ValueError):
    """A solution marker without its partner (or nested markers)."""


# --------------------------------------------------------------------------- code cells


def _single_line(line: str) -> str | None:
    """The student form of a line marked ``# SOLUTION`` (None to drop the line, the line if unmarked).

    Examples
    --------
    >>> _single_line("answer_1 = 52  # SOLUTION")
    'answer_1 = ...'
    >>> _single_line("    total += n  # SOLUTION")
    '    ...'
    >>> _single_line("x = 1  # SOLUTION NO PROMPT") is None
    True
    """
    code = line.rstrip()
    if _NO_PROMPT_LINE.search(code):
        return None
    if not _SOLUTION_LINE.search(code):
        return line
    match = _ASSIGNMENT.match(code)
    if match:
        return f"{match.group(1)} ..."
    indent = code[: len(code) - len(code.lstrip())]
    return f"{indent}..."


def strip_code(source: str) -> str:
    """A code cell's source with its solutions removed (see the module docstring for the rules).

    Raises
    ------
    SolutionMarkerError
        For a ``BEGIN SOLUTION`` without ``END SOLUTION``, the reverse, or nested blocks.

    Examples
    --------
    >>> print(strip_code("answer_2 = ...  # a number\\n# BEGIN SOLUTION\\nanswer_2 = 3\\n# END SOLUTION"))
    answer_2 = ...  # a number
    >>> print(strip_code("a = 1\\nb = a + 1  # SOLUTION\\nprint(b)"))
    a = 1
    b = ...
    print(b)
    """
    kept: list[str] = []
    inside = False
    for number, line in enumerate(source.split("\n"), start=1):
        if _BEGIN_CODE.match(line):
            if inside:
                raise SolutionMarkerError(f"line {number}: BEGIN SOLUTION inside another solution block")
            inside = True
            continue
        if _END_CODE.match(line):
            if not inside:
                raise SolutionMarkerError(f"line {number}: END SOLUTION without a BEGIN SOLUTION above it")
            inside = False
            continue
        if inside:
            continue
        student = _single_line(line)
        if student is not None:
            kept.append(student)
    if inside:
        raise SolutionMarkerError("BEGIN SOLUTION without an END SOLUTION below it")
    return source if kept == source.split("\n") else _tidy(kept)


def _tidy(lines: list[str]) -> str:
    """Join lines, dropping blank lines at the start and end and runs of more than two blank lines."""
    out: list[str] = []
    blanks = 0
    for line in lines:
        if line.strip():
            blanks = 0
        else:
            blanks += 1
            if blanks > 2:
                continue
        out.append(line.rstrip() if not line.strip() else line)
    while out and not out[0].strip():
        out.pop(0)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)


# --------------------------------------------------------------------------- markdown cells


def strip_markdown_cells(sources: list[str]) -> list[str | None]:
    """Markdown sources with ``<!-- BEGIN SOLUTION -->`` ... ``<!-- END SOLUTION -->`` removed.

    The markers may span several cells. A cell left with no text becomes None
    (to be dropped).

    Examples
    --------
    >>> strip_markdown_cells(["Q?\\n<!-- BEGIN SOLUTION -->\\nA.\\n<!-- END SOLUTION -->", "Next"])
    ['Q?', 'Next']
    >>> strip_markdown_cells(["<!-- BEGIN SOLUTION -->", "An answer.", "<!-- END SOLUTION -->\\nMore."])
    [None, None, 'More.']
    """
    out: list[str | None] = []
    inside = False
    for index, source in enumerate(sources):
        pieces: list[str] = []
        rest = source
        while True:
            if inside:
                end = _END_MD.search(rest)
                begin = _BEGIN_MD.search(rest)
                if begin and (not end or begin.start() < end.start()):
                    raise SolutionMarkerError(
                        f"markdown cell {index}: BEGIN SOLUTION inside another solution"
                    )
                if not end:
                    break
                rest = rest[end.end() :]
                inside = False
            else:
                begin = _BEGIN_MD.search(rest)
                end = _END_MD.search(rest)
                if end and (not begin or end.start() < begin.start()):
                    raise SolutionMarkerError(f"markdown cell {index}: END SOLUTION without a BEGIN SOLUTION")
                if not begin:
                    pieces.append(rest)
                    break
                pieces.append(rest[: begin.start()])
                rest = rest[begin.end() :]
                inside = True
        joined = "".join(pieces)
        text = source if joined == source else _tidy(joined.split("\n"))
        out.append(_NOTEBOOKS_LINK.sub("](../student/", text) if text.strip() else None)
    if inside:
        raise SolutionMarkerError("markdown BEGIN SOLUTION without an END SOLUTION after it")
    return out


# --------------------------------------------------------------------------- notebooks


def student_notebook(nb: nbformat.NotebookNode, name: str = "notebook") -> nbformat.NotebookNode:
    """The student version of an instructor notebook (a new object; ``nb`` is not changed).

    Raises
    ------
    SolutionMarkerError
        Naming ``name`` and the cell, for any unpaired or nested marker.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
    >>> nb = new_notebook(cells=[new_markdown_cell("Q<!-- BEGIN SOLUTION -->A<!-- END SOLUTION -->"),
    ...                          new_code_cell("x = 1  # SOLUTION", execution_count=3)])
    >>> student = student_notebook(nb)
    >>> [c.source for c in student.cells], student.cells[1].execution_count
    (['Q', 'x = ...'], None)
    """
    out = copy.deepcopy(nb)
    markdown_index = [i for i, cell in enumerate(out.cells) if cell.cell_type == "markdown"]
    try:
        markdown = strip_markdown_cells([out.cells[i].source for i in markdown_index])
    except SolutionMarkerError as error:
        raise SolutionMarkerError(f"{name}: {error}") from None
    new_markdown = dict(zip(markdown_index, markdown, strict=True))
    cells = []
    for index, cell in enumerate(out.cells):
        if cell.cell_type == "markdown":
            if new_markdown[index] is None:
                continue
            cell.source = new_markdown[index]
        elif cell.cell_type == "code":
            try:
                cell.source = strip_code(cell.source)
            except SolutionMarkerError as error:
                raise SolutionMarkerError(f"{name}, cell {index}: {error}") from None
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    out.cells = cells
    return out


def solution_lines(nb: nbformat.NotebookNode) -> list[str]:
    """The stripped text of every solution line of a notebook (inside blocks, or marked ``# SOLUTION``).

    Trivial lines (blank, ``...``, punctuation only, a bare keyword) are left out:
    they could appear anywhere without giving an answer away.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> code = "a = ...\\n# BEGIN SOLUTION\\na = 3\\n)\\n# END SOLUTION\\nb = 4  # SOLUTION"
    >>> solution_lines(new_notebook(cells=[new_code_cell(code)]))
    ['a = 3', 'b = 4']
    """
    found: list[str] = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            inside = False
            for line in cell.source.split("\n"):
                if _BEGIN_CODE.match(line):
                    inside = True
                elif _END_CODE.match(line):
                    inside = False
                elif inside:
                    found.append(line)
                elif _SOLUTION_LINE.search(line.rstrip()) or _NO_PROMPT_LINE.search(line.rstrip()):
                    found.append(re.sub(r"#\s*SOLUTION(?: NO PROMPT)?\s*$", "", line.rstrip()))
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for block in re.findall(r"<!--\s*BEGIN SOLUTION\s*-->(.*?)<!--\s*END SOLUTION\s*-->", markdown, re.S):
        found.extend(block.split("\n"))
    return [line.strip() for line in found if not _trivial(line)]


def _trivial(line: str) -> bool:
    text = line.strip()
    if not text or not re.search(r"[A-Za-z0-9]", text):
        return True
    if text in {"...", "pass", "else:", "try:", "finally:", "return", "break", "continue"}:
        return True
    return bool(re.fullmatch(r"[\w.\[\]'\" ,]+\s*=\s*\.\.\.", text))  # a placeholder line


# --------------------------------------------------------------------------- folders


def _sources(src: Path) -> list[Path]:
    return sorted(
        path
        for path in src.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(src).parts)
    )


def _without_teacher_text(path: Path) -> bytes:
    """A notebook copied as it is, but for its markdown between solution markers (a note for teachers)."""
    content = path.read_bytes()
    if not _BEGIN_MD.search(content.decode("utf-8")):
        return content
    nb = nbformat.reads(content.decode("utf-8"), as_version=4)
    markdown = [cell for cell in nb.cells if cell.cell_type == "markdown"]
    kept = strip_markdown_cells([cell.source for cell in markdown])
    for cell, source in zip(markdown, kept, strict=True):
        cell.source = source if source is not None else ""
    nb.cells = [cell for cell in nb.cells if cell.cell_type != "markdown" or cell.source]
    return (nbformat.writes(nb).rstrip("\n") + "\n").encode("utf-8")


def planned_files(src: Path = NOTEBOOKS_DIR) -> dict[Path, bytes]:
    """Every file of the student folder (relative path -> content), made from ``src``.

    Raises
    ------
    SolutionMarkerError
        If any instructor notebook has an unpaired marker.
    """
    planned: dict[Path, bytes] = {Path("README.md"): README.encode("utf-8")}
    for path in _sources(src):
        relative = path.relative_to(src)
        if path.suffix != ".ipynb" or path.name in COPY_AS_IS:
            planned[relative] = _without_teacher_text(path) if path.suffix == ".ipynb" else path.read_bytes()
            continue
        nb = nbformat.read(path, as_version=4)
        student = student_notebook(nb, name=str(relative))
        nbformat.validate(student)
        text = nbformat.writes(student)
        planned[relative] = (text if text.endswith("\n") else text + "\n").encode("utf-8")
    return planned


def compare(src: Path = NOTEBOOKS_DIR, dest: Path = STUDENT_DIR) -> list[str]:
    """What differs between ``dest`` and what :func:`generate` would write there (empty if up to date)."""
    planned = planned_files(src)
    existing = {p.relative_to(dest): p for p in _sources(dest)} if dest.is_dir() else {}
    problems = [f"missing: {p}" for p in sorted(set(planned) - set(existing))]
    problems += [f"not from an instructor notebook: {p}" for p in sorted(set(existing) - set(planned))]
    problems += [
        f"out of date: {p}"
        for p in sorted(set(planned) & set(existing))
        if existing[p].read_bytes() != planned[p]
    ]
    return problems


def generate(src: Path = NOTEBOOKS_DIR, dest: Path = STUDENT_DIR) -> list[Path]:
    """Write the student versions of ``src`` into ``dest`` and return the files written.

    Files in ``dest`` that have no instructor original are deleted, so ``dest``
    must be empty, missing, or a folder this command made (its README says so).

    Raises
    ------
    SolutionMarkerError
        If any instructor notebook has an unpaired marker (nothing is written then).
    FileExistsError
        If ``dest`` holds files and was not made by this command.
    """
    planned = planned_files(src)
    if dest.is_dir() and any(dest.iterdir()):
        readme = dest / "README.md"
        if not readme.is_file() or not readme.read_text(encoding="utf-8").startswith(README_TITLE):
            raise FileExistsError(
                f"{dest} holds files and was not made by this command: choose another folder"
            )
        for stale in set(p.relative_to(dest) for p in _sources(dest)) - set(planned):
            (dest / stale).unlink()
    written = []
    for relative, content in sorted(planned.items()):
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != content:
            target.write_bytes(content)
        written.append(target)
    _remove_empty_folders(dest)
    return written


def _remove_empty_folders(folder: Path) -> None:
    for path in sorted(
        (p for p in folder.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True
    ):
        if not any(path.iterdir()) and not path.name.startswith("."):
            shutil.rmtree(path)


def main(argv: Iterable[str] | None = None) -> int:
    """Command line: write the student versions, or with ``--check`` only compare. Returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.make_student_versions",
        description="Make the student notebooks (solutions removed, outputs cleared) from notebooks/.",
    )
    parser.add_argument(
        "--src", type=Path, default=NOTEBOOKS_DIR, help="instructor notebooks (default: notebooks/)"
    )
    parser.add_argument("--out", type=Path, default=STUDENT_DIR, help="student folder (default: student/)")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the student folder is stale"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        if args.check:
            problems = compare(args.src, args.out)
            for problem in problems:
                print(problem)
            print(
                "student versions are up to date"
                if not problems
                else "run: python -m tools.make_student_versions"
            )
            return 1 if problems else 0
        written = generate(args.src, args.out)
    except (SolutionMarkerError, FileExistsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    notebooks = [p for p in written if p.suffix == ".ipynb"]
    print(f"wrote {len(notebooks)} student notebook(s) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
