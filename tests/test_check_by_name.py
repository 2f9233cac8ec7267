"""``check("answer_N")`` in a real kernel: run first, after an error, after a syntax error, after a fix."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from helpers.data.paths import REPO_ROOT

SETUP = """
from helpers.checks import checker
from helpers.display.feedback import correct, try_again
check = checker({
    "answer_1": lambda a: correct("Yes.") if a == 1987 else try_again("Count again."),
    "think_1": lambda a: correct("Read."),
})
"""

RESET = "answer_1 = 0\ndel answer_1"  # a clean run of an assignment clears the error mark; then no answer

# (cells run in order after the setup, the first words of what the last check prints)
CASES = [
    (['check("answer_1")'], "Not answered yet: Run the answer cell above first"),
    (["answer_1 = ...", 'check("answer_1")'], "Not answered yet: Replace the ..."),
    (["answer_1 = 1987", 'check("answer_1")'], "Correct: Yes."),
    (["answer_1 = 1986", 'check("answer_1")'], "Not yet: Count again."),
    # A typo after a right answer: the old value must not be graded.
    (["answer_1 = 1987", "answer_1 = 1987 + typo", 'check("answer_1")'], "Not yet: The cell that sets"),
    (["answer_1 = 1987", "answer_1 = (1987", 'check("answer_1")'], "Not yet: The cell that sets"),
    # Fixed and run again: graded again.
    (["answer_1 = 19 / 0", "answer_1 = 1987", 'check("answer_1")'], "Correct: Yes."),
    (["answer_1: int = 1987", 'check("answer_1")'], "Correct: Yes."),
    (['check("answer_2")'], "Not yet: There is no exercise called 'answer_2'"),
    (['think_1 = "A thought."', 'think_1 = """unclosed', 'check("think_1")'], "Not yet: The cell that sets"),
]


@pytest.mark.notebooks
def test_check_by_name_in_a_kernel():
    """All cases in one kernel, in order, each after a reset: as a student reruns cells."""
    cells, checks = [new_code_cell(SETUP)], []
    for case, expected in CASES:
        cells += [new_code_cell(RESET), *(new_code_cell(source) for source in case)]
        checks.append((len(cells) - 1, case, expected))
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    client = NotebookClient(
        nb, timeout=60, allow_errors=True, resources={"metadata": {"path": str(REPO_ROOT)}}
    )
    client.execute()
    for index, case, expected in checks:
        outputs = nb.cells[index].outputs
        assert outputs and all(o.output_type != "error" for o in outputs), (case, outputs)
        got = outputs[-1]["data"]["text/plain"]
        assert got.startswith(expected), f"after {case}: {got!r}, expected {expected!r}"


def test_a_notebook_made_here_is_valid():
    nbformat.validate(new_notebook(cells=[new_code_cell(SETUP)]))
