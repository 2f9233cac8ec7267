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

from benchmarks.common import median, run_python

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
