"""Add the cells a grading tool needs to a copy of a lesson notebook (never to ``notebooks/`` itself).

``python -m tools.grading.add_grading_cells otter COPY.ipynb`` puts Otter-Grader's ``# ASSIGNMENT CONFIG``
raw cell first; ``python -m tools.grading.add_grading_cells nbgrader COPY.ipynb`` puts an nbgrader grade
cell (``assert check("answer_1").passed``) after every check of an auto-checked exercise. Written answers
(their cell asks for text "between triple quotes") get no grade cell: mark them by hand. Either way, the
markdown between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->`` (a note for teachers) is taken
out: Otter strips solutions only inside its questions, and would ship it.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import nbformat

from tools.make_student_versions import strip_markdown_cells

OTTER_CONFIG = """# ASSIGNMENT CONFIG
strip_solutions_from_all_cells: true
files:
  - helpers
  - data
run_tests: false
init_cell: false
check_all_cell: false
export_cell: false
"""
"""Otter's configuration: strip every solution block, ship the helpers and the data, add no Otter cells."""

CHECK_CELL = re.compile(r'^check\("(?P<name>answer_\w+)"\)$')


def written_answers(nb: nbformat.NotebookNode) -> set[str]:
    """The answers a student writes as text (their cell's hint says "between triple quotes").

    Examples
    --------
    >>> cell = nbformat.v4.new_code_cell('answer_5 = ...  # between triple quotes')
    >>> written_answers(nbformat.v4.new_notebook(cells=[cell]))
    {'answer_5'}
    """
    found = set()
    for cell in nb.cells:
        first = cell.source.split("\n", 1)[0]
        if cell.cell_type == "code" and "between triple quotes" in first and "=" in first:
            found.add(first.split("=", 1)[0].strip())
    return found


def add_otter_config(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Put the ``# ASSIGNMENT CONFIG`` raw cell first (once).

    Examples
    --------
    >>> nb = add_otter_config(add_otter_config(nbformat.v4.new_notebook()))
    >>> [cell.cell_type for cell in nb.cells], "strip_solutions_from_all_cells: true" in nb.cells[0].source
    (['raw'], True)
    """
    if not (nb.cells and nb.cells[0].source.startswith("# ASSIGNMENT CONFIG")):
        nb.cells.insert(0, nbformat.v4.new_raw_cell(OTTER_CONFIG))
    return nb


def add_grade_cells(nb: nbformat.NotebookNode, points: int = 1) -> nbformat.NotebookNode:
    """After each ``check("answer_n")`` cell of an auto-checked answer, a locked nbgrader grade cell.

    Examples
    --------
    >>> cells = [nbformat.v4.new_code_cell(s) for s in ('check("answer_1")', 'check("think_1")')]
    >>> nb = add_grade_cells(nbformat.v4.new_notebook(cells=cells))
    >>> nb.cells[1].source, nb.cells[1].metadata.nbgrader["points"], len(nb.cells)
    ('assert check("answer_1").passed, check("answer_1")', 1, 3)
    """
    skip = written_answers(nb)
    skip |= {cell.metadata.nbgrader.get("grade_id") for cell in nb.cells if "nbgrader" in cell.metadata}
    cells = []
    for cell in nb.cells:
        cells.append(cell)
        match = CHECK_CELL.match(cell.source.strip()) if cell.cell_type == "code" else None
        if match and match["name"] not in skip and f"grade_{match['name']}" not in skip:
            name = match["name"]
            grade = nbformat.v4.new_code_cell(f'assert check("{name}").passed, check("{name}")')
            grade.metadata["nbgrader"] = {
                "grade": True, "grade_id": f"grade_{name}", "locked": True, "points": points,
                "schema_version": 3, "solution": False, "task": False,
            }  # fmt: skip
            cells.append(grade)
    nb.cells = cells
    return nb


def drop_teacher_notes(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Take out the markdown between solution markers; a cell left empty goes.

    Examples
    --------
    >>> note = "<!-- BEGIN SOLUTION -->For teachers<!-- END SOLUTION -->"
    >>> cells = [nbformat.v4.new_markdown_cell(text) for text in ("Read." + note, note)]
    >>> [cell.source for cell in drop_teacher_notes(nbformat.v4.new_notebook(cells=cells)).cells]
    ['Read.']
    """
    markdown = [cell for cell in nb.cells if cell.cell_type == "markdown"]
    for cell, source in zip(markdown, strip_markdown_cells([c.source for c in markdown]), strict=True):
        cell.source = source or ""
    nb.cells = [cell for cell in nb.cells if cell.cell_type != "markdown" or cell.source]
    return nb


def main(argv: list[str] | None = None) -> None:
    """Edit the notebook given in place."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("tool", choices=["otter", "nbgrader"])
    parser.add_argument("notebook", type=Path)
    args = parser.parse_args(argv)
    nb = drop_teacher_notes(nbformat.read(args.notebook, as_version=4))
    nb = add_otter_config(nb) if args.tool == "otter" else add_grade_cells(nb)
    nbformat.write(nb, args.notebook)
    print(f"{args.notebook}: ready for {args.tool}")


if __name__ == "__main__":
    main()
