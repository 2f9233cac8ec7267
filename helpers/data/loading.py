"""Load the collection's tables into pandas, checking every row against ``data/datapackage.json``.

:func:`load_table` reads any table of the data package once with ``pandas.read_csv`` (every cell
as text) and checks header, row shape, types, required cells, vocabularies, patterns, unique and
primary keys and foreign keys, column by column. Every problem raises
:class:`~helpers.data.errors.EventTableError` naming the file, the line, the ``event_id`` where
there is one, and the column; the ``csv`` module counts lines only when there is an error.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from helpers.data.errors import EventTableError
from helpers.data.paths import DATA_DIR
from helpers.data.schema import Field, TableSchema, table_schema

__all__ = ["Tables", "load_events", "load_participants", "load_sources", "load_table", "load_tables"]

PathLike = str | Path
References = Mapping[str, "pd.DataFrame | PathLike"]

_YEARS = (1900, 2100)  # dates outside these years are refused (pandas represents them everywhere)
_BOOLEANS = {"true": True, "false": False}
_ORDERED = {("events", "phase")}  # vocabularies whose order means something


class Tables(NamedTuple):
    """The three tables of the collection, loaded and checked against each other."""

    events: pd.DataFrame
    participants: pd.DataFrame
    sources: pd.DataFrame


# --------------------------------------------------------------------------- reading


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; any reason it cannot be read becomes an EventTableError that says why."""
    try:
        if path.is_dir():
            raise IsADirectoryError
        return path.read_bytes()
    except FileNotFoundError:
        problem = "there is no such file. Check the name and the folder."
    except IsADirectoryError:
        problem = "this is a folder, not a file. Give the path of the CSV file inside it."
    except PermissionError:
        problem = "the file cannot be read: permission denied. Copy it to a folder of your own."
    except OSError as error:
        problem = f"the file cannot be read ({error.strerror or error})."
    raise EventTableError(path, problem) from None


def _line_of(text: str, record: int) -> int | None:
    """The line where a record starts, counting records as pandas does (header 0, no blank lines).

    Called only to report an error; ``csv`` tracks line breaks inside quoted cells. A record longer
    than the csv module's field size limit stops the count, and the message then names no line.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    start, number = 1, 0
    with contextlib.suppress(csv.Error):
        for fields in reader:
            if fields and (len(fields) > 1 or fields[0].strip()):
                if number == record:
                    return start
                number += 1
            start = reader.line_num + 1
    return None


def _ragged(path: Path, text: str, header: list[str]) -> EventTableError | None:
    """The error for the first record that does not have as many fields as the header (None: no such)."""
    width = len(header)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for record in reader:
            if record and (len(record) > 1 or record[0].strip()) and len(record) != width:
                what, column = "too few", header[min(len(record), width - 1)]
                if len(record) > width:
                    what, column = "too many", f"field {width + 1} (after the last column, {header[-1]!r})"
                return EventTableError(
                    path,
                    f"this row has {what} fields: {len(record)} where the header has {width}. Check for "
                    "a missing or extra comma, or a text with a comma that is not inside double quotes.",
                    line=reader.line_num,
                    column=column,
                    event_id=(record[0] or None) if header[0] == "event_id" else None,
                )
    except csv.Error as error:
        return EventTableError(path, f"the file cannot be read as CSV ({error}).", line=reader.line_num)
    return None


def _not_utf8(path: Path, data: bytes) -> EventTableError:
    """The error for a file that is not UTF-8, on the line of the first bad byte."""
    try:
        data.decode("utf-8")
        line = None
    except UnicodeDecodeError as error:
        line = len((data[: error.start] + b".").splitlines())
    problem = "this line is not valid UTF-8 text. Save the file as 'CSV UTF-8' and try again."
    return EventTableError(path, problem, line=line)


def _read(path: Path, schema: TableSchema) -> tuple[pd.DataFrame, bytes]:
    """The table as text cells, indexed by record number (header = 0), and the file's bytes."""
    data = _read_bytes(path)
    head = data[: 1 << 16].decode("utf-8-sig", errors="replace")  # a real header is far shorter
    header = next((r for r in csv.reader(io.StringIO(head, newline="")) if r), [])  # pandas skips blanks too
    if not header:
        raise EventTableError(path, "the file is empty: it needs a header line and rows.")
    if "\ufffd" in "".join(header):
        raise _not_utf8(path, data)
    expected, seen = schema.columns, set()
    problems = [(n, "this column appears twice in the header.") for n in header if n in seen or seen.add(n)]
    known = f"unknown column. The {schema.name} table has the columns {', '.join(expected)}."
    problems += [(name, known) for name in header if name not in expected]
    absent = f"this column is missing from the header (the header is: {', '.join(header)})."
    problems += [(name, absent) for name in expected if name not in header]
    if problems:
        raise EventTableError(path, problems[0][1], line=1, column=problems[0][0])
    try:  # every cell as text; only an empty cell is missing (not "NA", "null", ...)
        options = {"header": None, "dtype": str, "keep_default_na": False, "na_values": [""]}
        raw = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", **options)
    except UnicodeDecodeError:
        raise _not_utf8(path, data) from None
    except pd.errors.ParserError as error:
        text = data.decode("utf-8-sig")
        if "Expected" in str(error):
            raise _ragged(path, text, header) or EventTableError(path, str(error)) from None
        row = re.search(r"row (\d+)", str(error))
        line = _line_of(text, int(row.group(1))) if row else None
        problem = "a double quote opens a cell here and is never closed."
        raise EventTableError(path, problem, line=line) from None
    frame = raw.iloc[1:].set_axis(header, axis=1)
    # pandas pads a record with too few fields with empty cells. Every field but the last of a
    # record ends with a comma outside quotes, and every other comma is inside a cell, so the file
    # holds exactly this many commas if no record is short. Cells with a vocabulary, a pattern or a
    # type are left out of the count: a comma there breaks their own rule.
    free = [i for i, name in enumerate(header) if _free(schema.field(name))]
    inside = sum(raw[i].str.cat().count(",") for i in free)
    if data.count(b",") != inside + len(raw) * (len(header) - 1):
        error = _ragged(path, data.decode("utf-8-sig"), header)
        if error:
            raise error
    maybe = frame[frame.iloc[:, 0].isna()]  # a row of empty cells counts as a blank line
    frame = frame.drop(maybe.index[maybe.isna().all(axis=1)])
    if frame.empty:
        raise EventTableError(path, "the file has a header but no rows.")
    return frame[expected], data


# --------------------------------------------------------------------------- checking


def _free(field: Field) -> bool:
    """Whether a column holds free text (no vocabulary, pattern or type to check its cells against)."""
    return field.type == "string" and not field.enum and not field.pattern


class _Check:
    """One table being checked; ``fail`` raises for the first row of a failing test."""

    def __init__(self, path: Path, data: bytes, frame: pd.DataFrame) -> None:
        self.path, self.data, self.frame = path, data, frame
        self.filled = {name: column.notna() for name, column in frame.items()}

    def fail(self, bad: pd.Series, column: str, problem: str) -> None:
        """Raise for the first row where ``bad`` is true, if any (``{value!r}`` in ``problem``: its cell)."""
        if not bad.any():
            return
        rows = bad.index[bad.to_numpy(dtype=bool)]
        problem = problem.replace("{value!r}", repr(value := self.frame.at[rows[0], column]))
        problem = problem.replace("{value}", str(value))
        if len(rows) > 1:
            problem += f" ({len(rows) - 1} more {'rows below have' if len(rows) > 2 else 'row below has'}"
            problem += " the same problem.)"
        key = self.frame.at[rows[0], "event_id"] if "event_id" in self.frame else None
        line, key = _line_of(self.data.decode("utf-8-sig"), rows[0]), key if isinstance(key, str) else None
        raise EventTableError(self.path, problem, line=line, column=column, event_id=key)

    def all_filled(self, columns: list[str]) -> pd.Series:
        return pd.concat([self.filled[c] for c in columns], axis=1).all(axis=1)

    def duplicates(self, key: list[str]) -> None:
        """No two rows share a value of ``key`` (rows with an empty part are left to ``required``)."""
        duplicated = self.frame.duplicated(key, keep="first") & self.all_filled(key)
        if duplicated.any():
            first = self.frame.loc[duplicated.to_numpy(dtype=bool), key].iloc[0]
            earlier = _line_of(self.data.decode("utf-8-sig"), (self.frame[key] == first).all(axis=1).idxmax())
            problem = f"duplicate {' and '.join(key)}: the same value is already on line {earlier}."
            self.fail(duplicated, key[-1], problem + " Each row needs its own.")

    def field(self, field: Field) -> pd.Series:
        """Check one column; return its values typed (empty optional cells as missing)."""
        name, column, filled = field.name, self.frame[field.name], self.filled[field.name]
        if field.required:  # a cell of spaces counts as empty (elsewhere it breaks the column's rule)
            empty = ~filled | column.str.isspace() if _free(field) else ~filled
            self.fail(empty, name, "this value is required but the cell is empty.")
        if field.pattern:
            bad = filled & ~column.str.fullmatch(field.pattern)
            self.fail(bad, name, "{value!r} does not have the required form (" + field.description + ")")
        if field.enum:
            allowed = f"{{value!r}} is not an allowed value. Use one of: {', '.join(map(repr, field.enum))}."
            self.fail(filled & ~column.isin(field.enum), name, allowed)
        if field.unique:
            self.duplicates([name])
        if field.type == "date":
            # Exactly YYYY-MM-DD: to_datetime alone also reads 2019-2-2, and years 0 to 9999.
            exact = (column.str.len() == 10) & column.str.isascii()
            typed = pd.to_datetime(column.where(exact), format="%Y-%m-%d", errors="coerce")
            bad = filled & (typed.isna() | ~typed.dt.year.between(*_YEARS))
            problem = f"{{value!r}} is not a date from {_YEARS[0]} to {_YEARS[1]} written YYYY-MM-DD"
            problem += ", like 2017-12-09."
            self.fail(bad, name, problem)
            return typed
        if field.type in ("integer", "number"):
            typed = pd.to_numeric(column.where(filled), errors="coerce")
            kind, bad = "a number", typed.isna()
            if field.type == "integer":
                kind, bad = "a whole number", bad | (typed % 1 != 0)
            if field.minimum is not None:
                kind, bad = f"{kind} from {field.minimum}", bad | (typed < field.minimum)
            if field.maximum is not None:
                kind, bad = f"{kind} up to {field.maximum}", bad | (typed > field.maximum)
            self.fail(filled & bad, name, f"{{value!r}} is not {kind}.")
            return typed.astype("Int64" if field.type == "integer" else "Float64")
        if field.type == "boolean":
            self.fail(filled & ~column.isin(list(_BOOLEANS)), name, "{value!r} is not true or false.")
            return column.map(_BOOLEANS).astype("boolean")
        return column

    def foreign_key(self, columns: list[str], values: pd.DataFrame, target: str) -> None:
        """Every row whose ``columns`` are all filled names a row of ``values`` (the other table's key)."""
        if len(columns) == 1:
            known = self.frame[columns[0]].isin(values.iloc[:, 0].dropna())
        else:
            known = pd.MultiIndex.from_frame(self.frame[columns]).isin(pd.MultiIndex.from_frame(values))
        bad = self.all_filled(columns) & ~known
        self.fail(bad, columns[0], f"{{value!r}} is not in {target}. Add it there or correct the spelling.")


def _event_dates(check: _Check, typed: dict[str, pd.Series]) -> None:
    """The events' own rules: an event ends on or after its start; month and year spans are whole."""
    start, end, precision = typed["date_start"], typed["date_end"], check.frame["date_precision"]
    problem = "date_end {value} is before date_start. A one-day event has date_end equal to date_start."
    check.fail(end < start, "date_end", problem)
    bad = (precision == "month") & ~(start.dt.is_month_start & end.dt.is_month_end)
    problem = "a month-precision event must run from the first to the last day of its month(s)."
    check.fail(bad, "date_end", problem)
    bad = (precision == "year") & ~(start.dt.is_year_start & end.dt.is_year_end)
    check.fail(bad, "date_end", "a year-precision event must run from 1 January to 31 December.")


# --------------------------------------------------------------------------- public API


def load_table(
    name: str, path: PathLike | None = None, *, references: References | None = None
) -> pd.DataFrame:
    """Load a table that ``data/datapackage.json`` describes and check every row against it.

    Parameters
    ----------
    name : str
        The table's name in the data package (``events``, ``glossary``, ``claims``, ...).
    path : str or Path, optional
        The CSV file; by default the bundled one.
    references : mapping, optional
        A loaded DataFrame or a file, by name, for each table the foreign keys point to; by
        default the file of that name beside ``path`` if there is one, else the bundled one.

    Returns
    -------
    pandas.DataFrame
        Dates as datetimes, vocabularies as categoricals, whole numbers as ``Int64``, empty
        optional cells as missing; text (``$`` included) exactly as in the file.

    Raises
    ------
    EventTableError
        If the file cannot be read, or any row breaks the schema.

    Examples
    --------
    >>> glossary = load_table("glossary")
    >>> glossary.loc[glossary.term == "SVC", "expansion"].item()
    'Special Verification Commission'
    """
    schema = table_schema(name)
    path = Path(path) if path is not None else DATA_DIR / schema.path
    frame, data = _read(path, schema)
    check = _Check(path, data, frame)
    typed = {field.name: check.field(field) for field in schema.fields}
    if schema.primary_key:
        check.duplicates(list(schema.primary_key))
    if name == "events":  # the one rule the data package cannot express
        _event_dates(check, typed)
    loaded: dict[str, pd.DataFrame] = {}
    for key in schema.foreign_keys:
        if key.table == "":
            values = frame[list(key.other_columns)]
            target = f"the {key.other_columns[0]} column of this table"
        else:
            other = table_schema(key.table)
            if key.table not in loaded:
                given = (references or {}).get(key.table)
                if given is None:
                    sibling = path.with_name(Path(other.path).name)
                    given = sibling if sibling.is_file() else DATA_DIR / other.path
                loaded[key.table] = given if isinstance(given, pd.DataFrame) else load_table(key.table, given)
            values, target = loaded[key.table][list(key.other_columns)], Path(other.path).name
        check.foreign_key(list(key.columns), values, target)
    for field in (f for f in schema.fields if f.enum and f.type == "string"):
        ordered = (name, field.name) in _ORDERED
        typed[field.name] = pd.Categorical(typed[field.name], categories=list(field.enum), ordered=ordered)
    return pd.DataFrame(typed).reset_index(drop=True)


def load_sources(path: PathLike | None = None) -> pd.DataFrame:
    """Load and check the sources table (``load_table("sources", path)``).

    Examples
    --------
    >>> sources = load_sources()
    >>> sources.loc[sources.role == "seed", "publisher"].tolist()
    ['US Department of State', 'US Department of State', 'The Moscow Times']
    """
    return load_table("sources", path)


def load_events(
    path: PathLike | None = None, *, sources: pd.DataFrame | PathLike | None = None
) -> pd.DataFrame:
    """Load and check the events table, with ``source_id`` checked against ``sources``.

    ``sources`` is a loaded table or a file; by default the ``sources.csv`` beside ``path`` if
    there is one, else the bundled one.

    Examples
    --------
    >>> events = load_events()
    >>> events.loc[events.event_id == "2017-12-09-ryabkov-acknowledges-9m729", "russian_response"].item()
    'acknowledgement'
    >>> str(events.date_start.min().date()), str(events.date_end.max().date())
    ('1987-12-08', '2019-08-02')
    >>> list(events.phase.cat.categories)
    ['background', 'diplomacy', 'withdrawal']
    """
    return load_table("events", path, references=None if sources is None else {"sources": sources})


def load_participants(
    path: PathLike | None = None, *, events: pd.DataFrame | PathLike | None = None
) -> pd.DataFrame:
    """Load and check the participants table, with ``event_id`` checked against ``events`` (as above).

    Examples
    --------
    >>> people = load_participants()
    >>> people.loc[people.name == "Sergei Ryabkov", "event_id"].nunique() >= 10
    True
    >>> sorted(people.side.cat.categories)
    ['NATO', 'Russia', 'Soviet Union', 'United States']
    """
    return load_table("participants", path, references=None if events is None else {"events": events})


def load_tables(folder: PathLike | None = None) -> Tables:
    """Load all three tables from one folder and check them against each other.

    Examples
    --------
    >>> tables = load_tables()
    >>> len(tables.events) > 50, set(tables.participants.event_id) <= set(tables.events.event_id)
    (True, True)
    """
    folder = Path(folder) if folder is not None else DATA_DIR
    sources = load_sources(folder / "sources.csv")
    events = load_events(folder / "events.csv", sources=sources)
    participants = load_participants(folder / "participants.csv", events=events)
    return Tables(events, participants, sources)
