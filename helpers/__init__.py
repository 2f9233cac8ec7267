"""Shared code for the INF Treaty lessons: load, check and present the event tables.

The notebooks call short functions from here, so that a lesson holds the story
and this package holds the logic. Importing ``helpers`` is cheap: plotting and
widget modules (which import matplotlib and ipywidgets) load only when a
function from them is first used.

Examples
--------
>>> import helpers
>>> events = helpers.load_events()
>>> int((events.category == "SVC session").sum())
2
>>> helpers.classify_missile(2500, "ground").banned
True
"""

from __future__ import annotations

import importlib
from typing import Any

from helpers.data.errors import EventTableError
from helpers.data.loading import Tables, load_events, load_participants, load_sources, load_tables

__all__ = [
    "EventTableError",
    "Tables",
    "load_events",
    "load_participants",
    "load_sources",
    "load_tables",
]

# Names that live in submodules, loaded on first use (some import matplotlib or ipywidgets).
_LAZY: dict[str, str] = {
    "glossary": "display.glossary_lookup",
    "glossary_terms": "display.glossary_lookup",
    "classify_missile": "history.treaty",
    "eliminations": "history.treaty",
    "treaty_facts": "history.treaty",
    "TimelineExplorer": "widgets.explorer",
    "to_safe_csv": "data.export",
    "show_figure": "display.figures",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"helpers.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
