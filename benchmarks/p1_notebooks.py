"""P1: each lesson notebook in a fresh kernel, against a fresh kernel that only imports the libraries.

A lesson "opens instantly" when running it top to bottom costs little more
than starting a kernel and importing pandas, matplotlib and ipywidgets, which
every lesson needs anyway. For each notebook, a baseline notebook with the
single cell ``import pandas, matplotlib.pyplot, ipywidgets`` runs in a fresh
kernel in the same folder, then the lesson runs in another fresh kernel
(alternating, so that a burst of load on the machine hits both). Both times
are wall-clock and include starting and stopping the kernel, as the tests
and a student's "Restart Kernel and Run All" do. Each pair runs ``repeats``
times and the fastest of each is kept (on a shared machine noise only adds
time, and a single kernel start varies by a second). The ratio compares the sums.
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.common import REPO_ROOT

TARGET_RATIO = 1.5
BASELINE_SOURCE = "import pandas\nimport matplotlib.pyplot\nimport ipywidgets"


def default_notebooks() -> list[Path]:
    """Every lesson notebook, in reading order."""
    return sorted(
        p for p in (REPO_ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )


def _run(nb, folder: Path, timeout: int) -> float:
    from nbclient import NotebookClient

    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    started = time.perf_counter()
    client.execute()
    return time.perf_counter() - started


def _baseline():
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(BASELINE_SOURCE))
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    return nb


def measure(notebooks: list[Path], timeout: int = 600, repeats: int = 3) -> dict:
    """P1 over ``notebooks``; a notebook that fails is reported and left out of the ratio."""
    import nbformat

    if not notebooks:
        return {"status": "no notebooks", "reason": "no .ipynb files were found or given"}
    rows = []
    for path in notebooks:
        path = Path(path).resolve()
        baselines, lesson_times, error = [], [], None
        for _ in range(max(1, repeats)):
            baselines.append(_run(_baseline(), path.parent, timeout))
            if error is None:
                try:
                    lesson_times.append(_run(nbformat.read(path, as_version=4), path.parent, timeout))
                except Exception as problem:  # a lesson being written may fail: say which, and go on
                    last = (str(problem).strip().splitlines() or [""])[-1]
                    error = f"{type(problem).__name__}: {last[:300]}"
        baseline = min(baselines)
        seconds = min(lesson_times) if error is None else None
        try:
            name = str(path.relative_to(REPO_ROOT))
        except ValueError:
            name = path.name
        rows.append(
            {
                "notebook": name,
                "seconds": seconds,
                "baseline_seconds": baseline,
                "all_seconds": lesson_times,
                "all_baseline_seconds": baselines,
                "ratio": seconds / baseline if seconds is not None else None,
                "error": error,
            }
        )
    ran = [r for r in rows if r["error"] is None]
    result = {
        "status": "ok" if ran else "all notebooks failed",
        "notebooks": rows,
        "target_ratio": TARGET_RATIO,
    }
    if ran:
        total = sum(r["seconds"] for r in ran)
        baseline_total = sum(r["baseline_seconds"] for r in ran)
        result.update(
            total_seconds=total,
            baseline_total_seconds=baseline_total,
            ratio=total / baseline_total,
            failed=len(rows) - len(ran),
            met=total / baseline_total <= TARGET_RATIO and len(ran) == len(rows),
        )
    return result
