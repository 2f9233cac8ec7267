"""The tables' schema, read from ``data/datapackage.json`` (the single source of truth).

The Frictionless Data Package that describes the bundled CSV files is also
what the loaders check every table against, so the documentation of the data
and the checks can never drift apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from helpers.data.paths import DATAPACKAGE

__all__ = ["Field", "TableSchema", "table_schema", "vocabulary"]


@dataclass(frozen=True)
class Field:
    """One column of a table: its name, type and constraints."""

    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class TableSchema:
    """The columns, primary key and foreign keys of one table."""

    name: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...]
    """``(column, other table, other column)`` triples."""

    @property
    def columns(self) -> list[str]:
        """Column names in their documented order."""
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        """The field called ``name``."""
        return next(f for f in self.fields if f.name == name)


@cache
def _resources() -> dict[str, dict]:
    package = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    return {r["name"]: r for r in package["resources"]}


@cache
def table_schema(name: str) -> TableSchema:
    """The schema of the table ``name`` (``events``, ``participants`` or ``sources``).

    Examples
    --------
    >>> schema = table_schema("events")
    >>> schema.columns[:3]
    ['event_id', 'date_start', 'date_end']
    >>> schema.primary_key
    ('event_id',)
    >>> schema.field("phase").enum
    ('background', 'diplomacy', 'withdrawal')
    """
    resources = _resources()
    if name not in resources:
        raise KeyError(f"no table called {name!r}; the tables are {sorted(resources)}")
    schema = resources[name]["schema"]
    fields = []
    for raw in schema["fields"]:
        constraints = raw.get("constraints", {})
        enum = constraints.get("enum")
        fields.append(
            Field(
                name=raw["name"],
                type=raw["type"],
                description=raw.get("description", ""),
                required=bool(constraints.get("required", False)),
                enum=tuple(enum) if enum else None,
                pattern=constraints.get("pattern"),
            )
        )
    foreign = tuple(
        (fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
        for fk in schema.get("foreignKeys", [])
    )
    return TableSchema(name, tuple(fields), tuple(schema.get("primaryKey", [])), foreign)


def vocabulary(table: str, column: str) -> tuple[str, ...]:
    """The allowed values of a column with a fixed vocabulary.

    Examples
    --------
    >>> vocabulary("events", "date_precision")
    ('day', 'month', 'year', 'approximate')
    >>> "SVC session" in vocabulary("events", "category")
    True
    """
    enum = table_schema(table).field(column).enum
    if enum is None:
        raise ValueError(f"column {column!r} of {table!r} has no fixed vocabulary")
    return enum
