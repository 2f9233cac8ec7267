"""Every notebook runs top to bottom in a fresh kernel, twice, with the same text outputs; committed clean."""

from __future__ import annotations

import json

import pytest

from .notebook_runner import all_notebooks, error_outputs, execute, text_outputs

NOTEBOOKS = all_notebooks()
IDS = [str(p.relative_to(p.parents[1])) for p in NOTEBOOKS]


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"cell {index} of {path.name} has outputs"
            assert cell.get("execution_count") is None, f"cell {index} of {path.name} has an execution count"
    assert nb["metadata"].get("kernelspec", {}).get("name") == "python3"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_twice_with_the_same_text_outputs(path):
    first = execute(path)
    assert not error_outputs(first), error_outputs(first)
    second = execute(path)
    assert not error_outputs(second), error_outputs(second)
    assert text_outputs(first) == text_outputs(second)
