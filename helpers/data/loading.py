"""Load the tables into pandas; a row breaking a rule of ``data/datapackage.json`` raises EventTableError."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from helpers.checks.sealed import HASHED
from helpers.data.errors import EventTableError
from helpers.data.paths import DATA_DIR
from helpers.data.schema import Field, TableSchema, table_schema

__all__ = ["Tables", "load_events", "load_participants", "load_sources", "load_table", "load_tables"]

PathLike = str | Path
TableOrFile = pd.DataFrame | str | Path
References = Mapping[str, TableOrFile]
_YEARS = (1900, 2100)  # dates outside these years are refused (pandas represents them everywhere)
_BOOLEANS = {"true": True, "false": False}
_ORDERED = {("events", "phase")}  # vocabularies whose order means something


class Tables(NamedTuple):
    """The three tables of the collection, loaded and checked against each other."""

    events: pd.DataFrame
    participants: pd.DataFrame
    sources: pd.DataFrame


def _read_bytes(path: Path) -> bytes:
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


def _records(text: str) -> Iterator[tuple[int, int, list[str] | str]]:
    """(first line, last line, fields) of each non-blank record; a csv error in place of fields ends them."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for fields in reader:
            if fields and (len(fields) > 1 or fields[0].strip()):
                yield start, reader.line_num, fields
            start = reader.line_num + 1
    except csv.Error as error:
        yield start, reader.line_num, str(error)


def _line_of(text: str, record: int) -> int | None:
    """The line where record number ``record`` starts (header 0); None if the csv module stops first."""
    start, _, fields = next(islice(_records(text), record, None), (None, 0, ""))
    return None if isinstance(fields, str) else start


def _ragged(path: Path, text: str, header: list[str]) -> EventTableError | None:
    width = len(header)
    for _, line, record in _records(text):
        if isinstance(record, str):
            return EventTableError(path, f"the file cannot be read as CSV ({record}).", line=line)
        if len(record) != width:
            what, column = "too few", header[min(len(record), width - 1)]
            if len(record) > width:
                what, column = "too many", f"field {width + 1} (after the last column, {header[-1]!r})"
            return EventTableError(
                path,
                f"this row has {what} fields: {len(record)} where the header has {width}. Check for "
                "a missing or extra comma, or a text with a comma that is not inside double quotes.",
                line=line,
                column=column,
                event_id=(record[0] or None) if header[0] == "event_id" else None,
            )
    return None


def _not_utf8(path: Path, data: bytes) -> EventTableError:
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
    # pandas pads short records, so count commas: width - 1 per record plus those in free-text cells.
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


def _free(field: Field) -> bool:
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
            empty = ~filled | column.str.fullmatch(r"\s+", na=False) if _free(field) else ~filled
            self.fail(empty, name, "this value is required but the cell is empty.")
        if field.pattern:
            bad = filled & ~column.str.fullmatch(field.pattern, na=False)
            self.fail(bad, name, "{value!r} does not have the required form (" + field.description + ")")
        if field.enum:
            allowed = f"{{value!r}} is not an allowed value. Use one of: {', '.join(map(repr, field.enum))}."
            hashed = column.str.startswith(HASHED, na=False) & (field.student_copy == "hash")  # student copy
            self.fail(filled & ~column.isin(field.enum) & ~hashed, name, allowed)
        if field.unique:
            self.duplicates([name])
        if field.type == "date":  # exactly YYYY-MM-DD: to_datetime alone reads 2019-2-2, and year 0
            exact = column.str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", na=False)
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


def load_table(
    name: str, path: PathLike | None = None, *, references: References | None = None
) -> pd.DataFrame:
    """Load the table ``name`` of ``data/datapackage.json`` and check every row; raise EventTableError.

    ``path``: the CSV (default: the bundled one); ``references``: a table or file for each table the
    foreign keys name (default: the file beside ``path``, else the bundled one). Dates come as
    datetimes, vocabularies as categoricals, whole numbers as ``Int64``, empty cells as missing.

    >>> load_table("glossary").set_index("term").at["SVC", "expansion"]
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
    for field in (f for f in schema.fields if f.enum and f.type == "string" and not f.student_copy):
        ordered = (name, field.name) in _ORDERED
        typed[field.name] = pd.Categorical(typed[field.name], categories=list(field.enum), ordered=ordered)
    return pd.DataFrame(typed, copy=False).reset_index(drop=True)


def load_sources(path: PathLike | None = None) -> pd.DataFrame:
    """Load and check the sources table (``load_table("sources", path)``).

    >>> load_sources().set_index("source_id").at["state-2017-at-a-glance", "publisher"]
    'US Department of State'
    """
    return load_table("sources", path)


def load_events(path: PathLike | None = None, *, sources: TableOrFile | None = None) -> pd.DataFrame:
    """Load and check the events table, ``source_id`` against ``sources`` (a table or file, as above).

    >>> list(load_events().phase.cat.categories)
    ['background', 'diplomacy', 'withdrawal']
    """
    return load_table("events", path, references=None if sources is None else {"sources": sources})


def load_participants(path: PathLike | None = None, *, events: TableOrFile | None = None) -> pd.DataFrame:
    """Load and check the participants table, with ``event_id`` checked against ``events`` (as above).

    >>> sorted(load_participants().side.cat.categories)
    ['NATO', 'Russia', 'Soviet Union', 'United States']
    """
    return load_table("participants", path, references=None if events is None else {"events": events})


def load_tables(folder: PathLike | None = None) -> Tables:
    """Load all three tables from one folder and check them against each other.

    >>> tables = load_tables()
    >>> len(tables.events) > 50, set(tables.participants.event_id) <= set(tables.events.event_id)
    (True, True)
    """
    folder = Path(folder) if folder is not None else DATA_DIR
    sources = load_sources(folder / "sources.csv")
    events = load_events(folder / "events.csv", sources=sources)
    participants = load_participants(folder / "participants.csv", events=events)
    return Tables(events, participants, sources)
