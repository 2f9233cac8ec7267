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

from helpers.errors import EventTableError
from helpers.loading import Tables, load_events, load_participants, load_sources, load_tables

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
    "glossary": "glossary",
    "glossary_terms": "glossary",
    "classify_missile": "treaty",
    "eliminations": "treaty",
    "treaty_facts": "treaty",
    "TimelineExplorer": "explorer",
    "to_safe_csv": "export",
    "add_period": "deadlines",
    "days_between": "deadlines",
    "withdrawal_schedule": "deadlines",
    "show_figure": "figures",
    "synthetic_events": "synthetic",
    "write_synthetic_tables": "synthetic",
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
