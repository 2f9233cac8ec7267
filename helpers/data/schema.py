"""The tables' schema, read from ``data/datapackage.json`` (a broken package raises EventTableError)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from helpers.data import paths
from helpers.data.errors import EventTableError

__all__ = ["TYPES", "Field", "ForeignKey", "TableSchema", "table_names", "table_schema", "vocabulary"]

TYPES: tuple[str, ...] = ("string", "date", "integer", "number", "boolean")  # the field types understood


@dataclass(frozen=True)
class Field:
    """One column of a table: its name, type and constraints."""

    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    student_copy: str = ""
    """How ``tools/make_student_copy.py`` stores the column: "hash" (an answer key) or "seal"; "" as it is."""


@dataclass(frozen=True)
class ForeignKey:
    """Columns whose values must appear in columns of another table (``table == ""``: the same table)."""

    columns: tuple[str, ...]
    table: str
    other_columns: tuple[str, ...]


@dataclass(frozen=True)
class TableSchema:
    """The file, columns, primary key and foreign keys of one table."""

    name: str
    path: str  # the file, relative to ``data/``
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]

    @property
    def columns(self) -> list[str]:
        """Column names in their documented order."""
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        """The field called ``name``."""
        return next(f for f in self.fields if f.name == name)


def _as_tuple(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _field(raw: dict) -> Field:
    """One field of a resource's schema (a ValueError or re.error if it is not one the loaders know)."""
    rules, kind = raw.get("constraints", {}), raw.get("type", "string")
    if kind not in TYPES:
        raise ValueError(f"field {raw['name']!r} has the type {kind!r}; use one of {TYPES}")
    re.compile(rules.get("pattern") or "")
    known = {k: rules[k] for k in ("required", "unique", "pattern", "minimum", "maximum") if k in rules}
    enum = tuple(rules["enum"]) if rules.get("enum") else None
    copy = raw.get("studentCopy", "")
    if copy not in ("", "hash", "seal"):
        raise ValueError(f"field {raw['name']!r} has studentCopy {copy!r}; use 'hash' or 'seal'")
    return Field(raw["name"], kind, raw.get("description", ""), enum=enum, student_copy=copy, **known)


@cache
def _parse(path: Path, _stamp: tuple[int, int]) -> dict[str, TableSchema]:
    """Every table of the package at ``path`` (``_stamp``: its modification time and size, for the cache)."""
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise EventTableError(path, f"this is not valid JSON ({error.msg}).", line=error.lineno) from None
    except (OSError, UnicodeDecodeError) as error:
        raise EventTableError(path, f"the data package cannot be read ({error}).") from None
    tables = {}
    try:
        for resource in package["resources"]:
            schema = resource["schema"]
            fields = tuple(_field(raw) for raw in schema["fields"])
            refs = [(k["fields"], k["reference"]) for k in schema.get("foreignKeys", [])]
            foreign = tuple(ForeignKey(_as_tuple(f), r["resource"], _as_tuple(r["fields"])) for f, r in refs)
            name, primary = resource["name"], _as_tuple(schema.get("primaryKey", []))
            tables[name] = TableSchema(name, resource["path"], fields, primary, foreign)
    except (KeyError, TypeError, ValueError, re.error) as error:
        what = f"the key {error} is missing" if isinstance(error, KeyError) else str(error)
        problem = f"the data package does not describe its tables properly: {what}."
        raise EventTableError(path, problem) from None
    return tables


def _tables() -> dict[str, TableSchema]:
    path = paths.DATAPACKAGE
    try:
        stat = path.stat()
    except OSError:
        problem = "the data package is missing: it describes the tables and the loaders need it."
        raise EventTableError(path, problem) from None
    return _parse(path, (stat.st_mtime_ns, stat.st_size))


def table_names() -> list[str]:
    """The names of every table the data package describes.

    >>> {"events", "participants", "sources", "glossary"} <= set(table_names())
    True
    """
    return list(_tables())


def table_schema(name: str) -> TableSchema:
    """The schema of the table ``name`` (``events``, ``participants``, ``sources``, ``glossary``, ...).

    >>> schema = table_schema("events")
    >>> schema.columns[:3], schema.path, schema.primary_key
    (['event_id', 'date_start', 'date_end'], 'events.csv', ('event_id',))
    """
    tables = _tables()
    if name not in tables:
        raise KeyError(f"no table called {name!r}; the tables are {sorted(tables)}")
    return tables[name]


def vocabulary(table: str, column: str) -> tuple[str, ...]:
    """The allowed values of a column with a fixed vocabulary.

    >>> vocabulary("events", "date_precision")
    ('day', 'month', 'year', 'approximate')
    """
    enum = table_schema(table).field(column).enum
    if enum is None:
        raise ValueError(f"column {column!r} of {table!r} has no fixed vocabulary")
    return enum
