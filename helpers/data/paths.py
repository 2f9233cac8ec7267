"""Where the bundled data lives, resolved from the package so any working directory works."""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA_DIR", "DATAPACKAGE", "EVENTS_CSV", "PARTICIPANTS_CSV", "SOURCES_CSV", "REPO_ROOT"]


def _find_repo_root() -> Path:
    """The nearest folder above this package holding ``data/datapackage.json`` (deeper after ``cp -rL``)."""
    package = Path(__file__).resolve().parent
    for folder in package.parents:
        if (folder / "data" / "datapackage.json").is_file():
            return folder
    return package.parent


REPO_ROOT: Path = _find_repo_root()
"""The top folder of the collection (the one holding ``helpers/`` and ``data/``)."""

DATA_DIR: Path = REPO_ROOT / "data"
DATAPACKAGE: Path = DATA_DIR / "datapackage.json"
EVENTS_CSV: Path = DATA_DIR / "events.csv"
PARTICIPANTS_CSV: Path = DATA_DIR / "participants.csv"
SOURCES_CSV: Path = DATA_DIR / "sources.csv"
