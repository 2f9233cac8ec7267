"""Where the bundled data lives, resolved from the package so any working directory works."""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA_DIR", "DATAPACKAGE", "EVENTS_CSV", "PARTICIPANTS_CSV", "SOURCES_CSV", "REPO_ROOT"]

REPO_ROOT: Path = Path(__file__).resolve().parent.parent
"""The top folder of the collection (the one holding ``helpers/`` and ``data/``)."""

DATA_DIR: Path = REPO_ROOT / "data"
DATAPACKAGE: Path = DATA_DIR / "datapackage.json"
EVENTS_CSV: Path = DATA_DIR / "events.csv"
PARTICIPANTS_CSV: Path = DATA_DIR / "participants.csv"
SOURCES_CSV: Path = DATA_DIR / "sources.csv"
