"""P4: how long ``import helpers`` takes next to ``import pandas``, each in a fresh interpreter.

``helpers/__init__.py`` imports only the loaders (which need pandas); plotting
and widget modules load on first use. So importing ``helpers`` should cost
little more than importing pandas itself. Each repetition starts a new
interpreter for each of the two imports (alternating, in a counterbalanced
order, so that a burst of load on the machine hits both) and times the import statement alone, not the
interpreter's start-up. The subprocess also lists any heavy module the import
pulled in: if one appears, some module broke the lazy-import rule.

The target is judged on the medians; the fastest run of each is reported
beside them. On this shared machine the noise between fresh interpreters (tens
of milliseconds) is of the size being measured (``python -X importtime`` shows
``helpers`` adding about 3 ms of its own to pandas' 200-300 ms), hence the
counterbalanced order and the many repetitions.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import REPO_ROOT, median, run_python

TARGET_RATIO = 1.1
HEAVY = ("matplotlib", "ipywidgets", "IPython", "PIL", "traitlets", "nbformat", "scipy", "pyarrow")

_CODE = """
import json, sys, time
name = sys.argv[1]
started = time.perf_counter()
__import__(name)
seconds = time.perf_counter() - started
heavy = [m for m in sys.argv[2:] if m in sys.modules]
print(json.dumps({"seconds": seconds, "heavy": heavy}))
"""


def measure(repeats: int) -> dict:
    """Median import times of ``pandas`` and ``helpers`` over ``repeats`` fresh interpreters each."""
    times: dict[str, list[float]] = {"pandas": [], "helpers": []}
    heavy: set[str] = set()
    run_python(_CODE, "helpers")  # write bytecode caches, so the first timed run is not special
    for repeat in range(repeats):
        # Counterbalanced order (pandas first, then helpers first, ...): the second of two
        # back-to-back interpreters tends to run slower, which would bias a fixed order.
        for name in ("pandas", "helpers") if repeat % 2 == 0 else ("helpers", "pandas"):
            result = run_python(_CODE, name, *HEAVY)
            times[name].append(result["seconds"])
            if name == "helpers":
                heavy.update(result["heavy"])
    pandas_s, helpers_s = median(times["pandas"]), median(times["helpers"])
    ratio = helpers_s / pandas_s
    pandas_fastest, helpers_fastest = min(times["pandas"]), min(times["helpers"])
    return {
        "status": "ok",
        "repeats": repeats,
        "pandas_seconds": pandas_s,
        "helpers_seconds": helpers_s,
        "pandas_fastest_seconds": pandas_fastest,
        "helpers_fastest_seconds": helpers_fastest,
        "fastest_ratio": helpers_fastest / pandas_fastest,
        "pandas_all_seconds": times["pandas"],
        "helpers_all_seconds": times["helpers"],
        "ratio": ratio,
        "heavy_modules_imported_by_helpers": sorted(heavy),
        "target_ratio": TARGET_RATIO,
        "met": ratio <= TARGET_RATIO and not heavy,
    }


def _instructions(code: str) -> int:
    """Instructions a fresh interpreter executes for ``code``, counted by valgrind's callgrind."""
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={Path(folder) / 'out'}", sys.executable]
            + ["-c", code],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    match = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode != 0 or match is None:
        raise RuntimeError(f"callgrind failed:\n{result.stderr[-1000:]}")
    return int(match.group(1))


def measure_instructions() -> dict:
    """The same comparison in instructions executed, which load on the machine cannot change.

    Each import's count is that of a fresh ``python -c "import X"`` minus that of
    ``python -c "pass"`` (the interpreter's own start-up). Needs ``valgrind`` (Debian package);
    without it the figure is reported as not available.
    """
    if shutil.which("valgrind") is None:
        return {"status": "not available", "reason": "valgrind is not installed"}
    try:
        start = _instructions("pass")
        pandas_count = _instructions("import pandas") - start
        helpers_count = _instructions("import helpers") - start
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        return {"status": "error", "reason": str(error)[-300:]}
    return {
        "status": "ok",
        "pandas_instructions": pandas_count,
        "helpers_instructions": helpers_count,
        "ratio": helpers_count / pandas_count,
    }
