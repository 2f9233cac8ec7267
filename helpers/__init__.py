"""Shared code for the INF Treaty lessons: loading and checking the tables, figures, widgets, checks.

The lessons do their pandas and matplotlib in their own cells; the sub-packages ``data``,
``display``, ``history``, ``checks`` and ``widgets`` hold the rest. Importing ``helpers`` is cheap:
modules that import matplotlib or ipywidgets load only when a name from them is first used.

>>> import helpers
>>> helpers.load_events().event_id.is_unique, helpers.classify_missile(2500, "ground").banned
(True, True)
>>> set(helpers.load_table("claims").side) >= {"United States", "Russia"}
True
"""

from __future__ import annotations

import importlib
from typing import Any

from helpers.data.errors import EventTableError
from helpers.data.loading import Tables, load_events, load_participants, load_sources, load_table, load_tables

__all__ = [
    "EventTableError", "Tables", "load_events", "load_participants", "load_sources", "load_table",
    "load_tables"
]  # fmt: skip

# Names that live in submodules, loaded on first use (some import matplotlib or ipywidgets).
_LAZY: dict[str, str] = {
    "glossary": "display.glossary_lookup", "glossary_terms": "display.glossary_lookup",
    "classify_missile": "history.treaty", "eliminations": "history.treaty", "treaty_facts": "history.treaty",
    "TimelineExplorer": "widgets.explorer", "to_safe_csv": "data.export", "show_figure": "display.figures",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"helpers.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
