"""Run a notebook in a fresh kernel, in its own folder (as JupyterLab does), and collect its outputs."""

from __future__ import annotations

import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers.data.paths import REPO_ROOT

NOTEBOOK_DIRS = ("notebooks",)
WORKERS = max(2, min(4, (os.cpu_count() or 2) + 1))
"""Notebooks run at once: kernels are separate processes, and one waits on another's start-up."""


def all_notebooks() -> list[Path]:
    """Every committed notebook of the collection, in reading order."""
    found: list[Path] = []
    for folder in NOTEBOOK_DIRS:
        found += sorted(
            p for p in (REPO_ROOT / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
        )
    return found


def execute(
    path: Path,
    *,
    timeout: int = 300,
    extra_setup: str | None = None,
    nb: nbformat.NotebookNode | None = None,
) -> nbformat.NotebookNode:
    """Execute ``path`` top to bottom in a fresh kernel; raises on the first error.

    ``extra_setup`` is code run in the kernel before the first cell (e.g. a network guard). ``nb`` runs
    instead of the file's own cells, in the file's folder, and may contain cells that raise (a probe).
    """
    allow_errors = nb is not None
    nb = nbformat.read(path, as_version=4) if nb is None else nb
    if extra_setup:
        nb.cells.insert(0, nbformat.v4.new_code_cell(extra_setup))
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        allow_errors=allow_errors,
    )
    client.execute()
    if extra_setup:
        nb.cells.pop(0)
    return nb


def error_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """Error outputs, and anything written to stderr that looks like a traceback or warning."""
    problems = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                problems.append(f"cell {index}: {output.ename}: {output.evalue}")
            elif output.output_type == "stream" and output.name == "stderr":
                text = output.text
                if "Traceback" in text or "Warning" in text or "Error" in text:
                    problems.append(f"cell {index} wrote to stderr: {text[:300]}")
    return problems


def text_outputs(nb: nbformat.NotebookNode) -> list[list[str]]:
    """The text a reader sees from each code cell (plain text and streams), for comparing runs."""
    texts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell_texts = []
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                cell_texts.append(output.text)
            elif "data" in output:
                cell_texts.append(output.data.get("text/plain", ""))
        texts.append(cell_texts)
    return texts


def execute_offline(
    job: Path | tuple[Path, nbformat.NotebookNode],
) -> tuple[nbformat.NotebookNode | None, str, str]:
    """Run ``job`` (a path, or a path and the cells to run in its folder) in a fresh kernel with the network
    guard installed before the first cell.

    Returns ``(notebook, error, attempts)``: the executed notebook (``None`` if a cell raised), the
    error text (empty if none), and every attempt to reach the network that the guard refused.
    """
    from tests.network_guard import guard_setup_code

    path, nb = job if isinstance(job, tuple) else (job, None)
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "attempts.log"
        try:
            nb, error = execute(path, extra_setup=guard_setup_code(str(log)), nb=nb), ""
        except Exception as failure:  # report the cell's error in the test, not as a pool crash
            nb, error = None, f"{type(failure).__name__}: {failure}"
        attempts = log.read_text(encoding="utf-8") if log.exists() else ""
    return nb, error, attempts


def execute_many(paths: list) -> list[tuple[nbformat.NotebookNode | None, str, str]]:
    """:func:`execute_offline` for every path, several at a time, results in the order given."""
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(execute_offline, paths))
