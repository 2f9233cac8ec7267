"""P2: how long the timeline explorer takes from a control change to an updated figure and list.

The explorer (``helpers.widgets.explorer.TimelineExplorer``) updates its selection,
figure and list synchronously when a control's ``value`` is set, exactly as
when a student moves a slider in JupyterLab (the browser round trip is not
included). Each table gets a fresh explorer and the same kind of session: the
year slider swept through several ranges, categories picked and cleared, a
side and people chosen in turn, and a name typed into the search box a letter
at a time and deleted again. Every step really changes a value (setting a
control to the value it already has would trigger no update). The time of
each change is kept; the median and the 95th percentile summarise them.
"""

from __future__ import annotations

import inspect
import time
from typing import Any

from benchmarks.common import median, percentile

TARGET_MEDIAN_MS: dict[int, float] = {0: 100.0, 10_000: 100.0, 100_000: 300.0}
"""Median change targets, by table: the real one (key 0) and synthetic tables of 10,000 and 100,000 events."""
CONTROLS = ("year_range", "categories", "side_or_person", "search")


def explorer_class():
    """The explorer class, or None with the reason when it cannot be imported."""
    try:
        from helpers.widgets.explorer import TimelineExplorer
    except Exception as error:  # not written yet, or broken: P2 reports it instead of failing
        return None, f"{type(error).__name__}: {error}"
    return TimelineExplorer, None


def _option_values(control) -> list[Any]:
    values = []
    for option in getattr(control, "options", ()):
        values.append(option[1] if isinstance(option, tuple) and len(option) == 2 else option)
    return values


def plan_changes(explorer) -> list[tuple[str, Any]]:
    """A student's session as (control, new value) steps."""
    slider = explorer.year_range
    low, high = int(slider.min), int(slider.max)

    def years(a: int, b: int) -> tuple[int, int]:
        a, b = sorted((min(max(a, low), high), min(max(b, low), high)))
        return a, b

    year_steps = [
        years(low, high),
        years(2013, high),
        years(2014, 2018),
        years(2015, 2017),
        years(2016, 2016),
        years(2013, 2016),
        years(2017, 2019),
    ]
    categories = list(_option_values(explorer.categories))
    category_steps = [
        tuple(categories[:1]),
        tuple(categories[:2]),
        tuple(categories[2:3]),
        tuple(categories[:5]),
        (),
    ]
    who = _option_values(explorer.side_or_person)
    who_steps = [*who[1:6], who[0]] if who else []
    people = [
        v for v in who[1:] if isinstance(v, str) and " " in v and not v.startswith(("United", "Soviet"))
    ]
    word = (people[0].split()[-1] if people else "missile").lower()[:7]
    typed = [word[: i + 1] for i in range(len(word))]
    search_steps = typed + typed[-2::-1] + [""]

    return (
        [("year_range", v) for v in year_steps]
        + [("categories", v) for v in category_steps]
        + [("side_or_person", v) for v in who_steps]
        + [("search", v) for v in search_steps]
    )


def _top_up(explorer) -> tuple[str, Any]:
    """One more change that certainly differs from the current state: the years, else the search box."""
    slider = explorer.year_range
    low, high = int(slider.min), int(slider.max)
    if low < high:
        return "year_range", (high, high) if tuple(slider.value) != (high, high) else (low, high)
    return "search", "" if explorer.search.value else "treaty"


def run_session(explorer, steps: list[tuple[str, Any]], minimum: int = 0) -> list[dict]:
    """Apply each step and time it, then top up to ``minimum`` changes; no-op steps are skipped."""
    records = []

    def apply(name: str, value: Any) -> None:
        control = getattr(explorer, name)
        if control.value == value or (name == "categories" and tuple(control.value) == tuple(value)):
            return
        if hasattr(explorer, "last_update_seconds"):
            explorer.last_update_seconds = -1.0
        started = time.perf_counter()
        control.value = value
        seconds = time.perf_counter() - started
        updated = getattr(explorer, "last_update_seconds", 0.0) >= 0
        records.append({"control": name, "value": repr(value), "ms": seconds * 1000, "updated": updated})

    for name, value in steps:
        apply(name, value)
    while len(records) < minimum:
        apply(*_top_up(explorer))
    return records


def _build(cls, tables) -> tuple[Any, float]:
    kwargs = {}
    if tables is not None and "sources" in inspect.signature(cls).parameters:
        kwargs["sources"] = tables.sources
    started = time.perf_counter()
    explorer = cls() if tables is None else cls(tables.events, tables.participants, **kwargs)
    return explorer, time.perf_counter() - started


def measure_table(cls, label: str, tables, events: int, minimum: int) -> dict:
    """Build an explorer on ``tables`` (None: the real tables, as a lesson opens it) and time a session."""
    explorer, build = _build(cls, tables)
    records = run_session(explorer, plan_changes(explorer), minimum)
    times = [r["ms"] for r in records]
    by_control = {
        c: median([r["ms"] for r in records if r["control"] == c])
        for c in CONTROLS
        if any(r["control"] == c for r in records)
    }
    return {
        "table": label,
        "events": events,
        "build_seconds": build,
        "changes": len(records),
        "median_ms": median(times),
        "p95_ms": percentile(times, 95),
        "max_ms": max(times),
        "median_ms_by_control": by_control,
        "not_updated": sum(not r["updated"] for r in records),
        "steps": records,
    }


def measure(sizes: list[int], minimum: int, seed: int) -> dict:
    """P2 on the real table and on synthetic tables of each size."""
    cls, problem = explorer_class()
    if cls is None:
        return {"status": "explorer not available", "reason": problem}
    import helpers
    from benchmarks.synthetic import synthetic_tables

    rows = [measure_table(cls, "real", None, len(helpers.load_events()), minimum)]
    for n in sizes:
        rows.append(measure_table(cls, "synthetic", synthetic_tables(n, seed=seed), n, minimum))
    checks = {}
    for row in rows:
        row["target_ms"] = target_ms(row)
        if row["target_ms"] is not None:
            checks[f"{row['table']} {row['events']}"] = row["median_ms"] <= row["target_ms"]
    return {
        "status": "ok",
        "tables": rows,
        "target_median_ms": {("real" if k == 0 else str(k)): v for k, v in TARGET_MEDIAN_MS.items()},
        "checks": checks,
        "met": False
        if not all(checks.values())
        else (True if len(checks) == len(TARGET_MEDIAN_MS) else None),
    }


def target_ms(row: dict) -> float | None:
    """The median target for one measured table (None: no target at that size)."""
    return TARGET_MEDIAN_MS.get(0 if row["table"] == "real" else row["events"])
