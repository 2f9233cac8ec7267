"""P3: ``helpers.load_events`` with every check, against a plain ``pandas.read_csv`` of the same file.

First the real tables: every table of ``data/datapackage.json`` loaded and checked (the three
event tables through ``helpers.load_tables``, the others through ``load_table``), timed as a
lesson meets them. Then, for each size, a synthetic table is written with
:func:`benchmarks.synthetic.write_synthetic_tables`; then the two reads alternate
(read_csv first, so both meet a warm file cache) and the medians are kept.

Peak memory is measured in a fresh interpreter per (reader, size), from what
the operating system counts as the process's resident memory: the subprocess
imports pandas and helpers, loads the bundled table once (so lazy imports and
caches are in place), resets its high-water mark, reads the file, and reports
how far the high-water mark rose above the memory it held before the read.
On Linux that is ``VmHWM`` in ``/proc/self/status``, reset by writing 5 to
``/proc/self/clear_refs``; elsewhere ``ru_maxrss`` (which cannot be reset, so
small reads can show as zero). ``ru_maxrss`` is not used on Linux because a
child process inherits its parent's high-water mark through fork and exec:
measured from the benchmark process, which has itself read large tables by
then, every figure would read zero. This counts everything the process
really holds, including the buffers of pandas' C parser and numpy arrays.
``tracemalloc`` was not used: it sees only allocations made through Python's
allocator (missing most of the C parser's memory, so read_csv would look far
cheaper than it is), and it slows Python-level allocation, which would
distort the loader's own figure.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path

from benchmarks.common import median, run_python

try:
    import resource
except ImportError:  # Windows: neither /proc nor ru_maxrss, so no memory figures
    resource = None

TARGET_RATIO = 3.0
TARGET_SIZE = 100_000
TARGET_REAL_MS = 100.0

_MEMORY_CODE = """
import json, sys
from pathlib import Path
import pandas as pd
import helpers

STATUS = Path("/proc/self/status")


def peak_and_now():
    # Linux: the high-water mark of this process's own memory map, in kB. ru_maxrss is not used
    # there because a child inherits its parent's high-water mark through fork and exec.
    if STATUS.is_file():
        fields = dict(line.split(":", 1) for line in STATUS.read_text().splitlines() if ":" in line)
        return int(fields["VmHWM"].split()[0]) * 1024, int(fields["VmRSS"].split()[0]) * 1024, "VmHWM"
    import resource
    scale = 1 if sys.platform == "darwin" else 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    return peak, peak, "ru_maxrss"


reader, path = sys.argv[1], sys.argv[2]
helpers.load_events()
pd.read_csv(helpers.data.paths.EVENTS_CSV)
reset = False
try:
    Path("/proc/self/clear_refs").write_text("5")  # start the high-water mark again from here
    reset = True
except OSError:
    pass
peak_before, now_before, method = peak_and_now()
frame = helpers.load_events(path) if reader == "load_events" else pd.read_csv(path)
peak_after, _, _ = peak_and_now()
base = now_before if reset else peak_before
print(json.dumps({"added": peak_after - base, "peak": peak_after, "rows": len(frame),
                  "method": method + (" reset by clear_refs" if reset else "")}))
"""


def peak_memory(reader: str, path: Path) -> dict:
    """Peak memory (MB) a fresh interpreter adds while ``reader`` reads ``path``, and its process peak."""
    result = run_python(_MEMORY_CODE, reader, str(path))
    return {
        "peak_added_mb": max(result["added"], 0) / 1e6,
        "peak_total_mb": result["peak"] / 1e6,
        "rows": result["rows"],
        "method": result["method"],
    }


def measure_size(n: int, folder: Path, repeats: int, seed: int, memory: bool) -> dict:
    """Write ``n`` synthetic events to ``folder`` and time (and weigh) both reads of them."""
    import pandas as pd

    import helpers
    from benchmarks.synthetic import write_synthetic_tables

    started = time.perf_counter()
    write_synthetic_tables(folder, n, seed=seed)
    written = time.perf_counter() - started
    path = folder / "events.csv"

    def timed(function) -> float:
        gc.collect()
        begin = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - begin
        del result
        return seconds

    read_times, load_times = [], []
    for _ in range(repeats):
        read_times.append(timed(lambda: pd.read_csv(path)))
        load_times.append(timed(lambda: helpers.load_events(path)))
    row = {
        "events": n,
        "file_mb": path.stat().st_size / 1e6,
        "write_seconds": written,
        "read_csv_seconds": median(read_times),
        "load_events_seconds": median(load_times),
        "read_csv_all_seconds": read_times,
        "load_events_all_seconds": load_times,
    }
    row["ratio"] = row["load_events_seconds"] / row["read_csv_seconds"]
    if memory:
        load_memory = peak_memory("load_events", path)
        read_memory = peak_memory("read_csv", path)
        row.update(
            load_events_peak_mb=load_memory["peak_added_mb"],
            read_csv_peak_mb=read_memory["peak_added_mb"],
            load_events_process_peak_mb=load_memory["peak_total_mb"],
            read_csv_process_peak_mb=read_memory["peak_total_mb"],
            memory_method=load_memory["method"],
        )
        if read_memory["peak_added_mb"] > 0:
            row["memory_ratio"] = load_memory["peak_added_mb"] / read_memory["peak_added_mb"]
    return row


def measure_real(repeats: int) -> dict:
    """Load every real table with every check: the three event tables, then all of them (medians, ms)."""
    import helpers
    from helpers.data.loading import load_table
    from helpers.data.schema import table_names

    others = [name for name in table_names() if name not in ("events", "participants", "sources")]

    def everything() -> None:
        helpers.load_tables()
        for name in others:
            load_table(name)

    three, every = [], []
    for _ in range(max(repeats, 5)):
        begin = time.perf_counter()
        helpers.load_tables()
        three.append((time.perf_counter() - begin) * 1000)
        begin = time.perf_counter()
        everything()
        every.append((time.perf_counter() - begin) * 1000)
    return {
        "tables": ["events", "participants", "sources", *others],
        "load_tables_ms": median(three),
        "all_tables_ms": median(every),
        "all_tables_all_ms": every,
        "target_ms": TARGET_REAL_MS,
        "met": median(every) <= TARGET_REAL_MS,
    }


def measure(sizes: list[int], workdir: Path, repeats: int, seed: int) -> dict:
    """P3 on the real tables and at every size; the ratio is judged at 10^5 events (None if not run)."""
    import helpers

    helpers.load_events()  # imports, schema and regular expressions ready before the first timing
    real = measure_real(repeats)
    memory = resource is not None
    rows = [measure_size(n, workdir / f"events-{n}", repeats, seed, memory) for n in sizes]
    memory_method = rows[0].pop("memory_method", None) if rows else None
    for row in rows[1:]:
        row.pop("memory_method", None)
    at_target = next((r for r in rows if r["events"] == TARGET_SIZE), None)
    ratio_met = at_target["ratio"] <= TARGET_RATIO if at_target else None
    return {
        "status": "ok",
        "repeats": repeats,
        "real": real,
        "memory_method": memory_method,
        "sizes": rows,
        "target_ratio": TARGET_RATIO,
        "target_events": TARGET_SIZE,
        "ratio_at_target": at_target["ratio"] if at_target else None,
        "ratio_met": ratio_met,
        "met": False if False in (real["met"], ratio_met) else (True if ratio_met else None),
    }
