"""Load the event tables into pandas, checking every row against the schema.

Every problem in a table raises :class:`helpers.EventTableError`, whose
message names the file, the line, the ``event_id`` where there is one, and
the column. The checks are vectorised (no Python loop per row), so loading
stays fast on large tables; line numbers are worked out only when there is
an error to report.
"""

from __future__ import annotations

import collections
import csv
import re
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from helpers.data.errors import EventTableError
from helpers.data.paths import DATA_DIR, EVENTS_CSV, PARTICIPANTS_CSV, SOURCES_CSV
from helpers.data.schema import TableSchema, table_schema

__all__ = ["Tables", "load_events", "load_participants", "load_sources", "load_tables"]

PathLike = str | Path


class Tables(NamedTuple):
    """The three tables of the collection, loaded and checked against each other."""

    events: pd.DataFrame
    participants: pd.DataFrame
    sources: pd.DataFrame


# --------------------------------------------------------------------------- reading


def _line_of(path: Path, positions: list[int]) -> dict[int, int]:
    """Map 0-based data-row positions to physical line numbers (header = line 1).

    Called only to report an error, so a plain scan is fine here. Fields that
    hold line breaks are counted correctly because ``csv`` tracks ``line_num``.
    """
    wanted = set(positions)
    found: dict[int, int] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        start = 1
        for record_number, _record in enumerate(reader):
            row = record_number - 1
            if row in wanted:
                found[row] = start
                if len(found) == len(wanted):
                    break
            start = reader.line_num + 1
    return found


def _decode_error(path: Path, error: UnicodeDecodeError) -> EventTableError:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return EventTableError(
                    path,
                    "this line is not valid UTF-8 text. Save the file as 'CSV UTF-8' and try again.",
                    line=number,
                )
    return EventTableError(path, f"the file is not valid UTF-8 text ({error.reason}).")


_BLOCK = 1 << 20  # bytes scanned at a time by the fast shape check (small enough to stay in cache)
_QUOTE, _COMMA, _LF, _CR = (ord(c) for c in '",\n\r')
_BOM = b"\xef\xbb\xbf"


class _ShapeScan:
    """The fast shape check's state between blocks of the file (offsets count bytes from the file start)."""

    def __init__(self, width: int, limit: int, start: int) -> None:
        self.width = width
        self.limit = limit  # the csv module's field size limit, in characters
        self.quotes = 0  # double quotes seen so far: an odd count means inside a quoted field
        self.record_start = start  # where the unfinished record began
        self.commas = 0  # delimiters of the unfinished record seen so far

    def block(self, data: bytes, start: int, stop: int, offset: int, *, last: bool) -> bool:
        """Scan ``data[start:stop]``, where ``data`` begins at ``offset`` in the file.

        Returns False if the bytes hold a ragged record or anything the scan cannot
        vouch for. Every block but the last ends with a line feed, so a CR LF pair
        is never cut and the byte before a block is a line feed.
        """
        b = np.frombuffer(data, dtype=np.uint8, count=stop - start, offset=start)
        offset += start
        size = len(b)
        has_cr = data.find(b"\r", start, stop) >= 0
        special = b == _QUOTE
        special |= b == _COMMA
        special |= b == _LF
        if has_cr:
            special |= b == _CR
        where = np.flatnonzero(special)  # every quote, delimiter and line end, in order
        del special
        kind = b[where]
        is_quote = kind == _QUOTE
        parity = self.quotes & 1
        # Quotes open at even and close at odd places in the file's sequence of quotes. The csv
        # module reads them the same way when every opening quote starts a field or doubles the
        # closing quote just before it, and every closing quote ends a field or is doubled: when
        # the byte before an opening quote, and after a closing one, is itself a quote, delimiter
        # or line end (or the start or end of the file).
        quotes = np.flatnonzero(is_quote)  # places in ``where``
        after_special = np.diff(where) == 1  # [i]: the byte after event i is event i + 1
        opening, closing = quotes[parity::2], quotes[1 - parity :: 2]
        if len(opening) and opening[0] == 0:  # the first event: fine at the block's first byte
            if where[0] != 0:  # (after a line feed, or at the file's start)
                return False
            opening = opening[1:]
        if not after_special[opening - 1].all():
            return False
        if len(closing) and closing[-1] == len(where) - 1:  # the last event: fine at the file's end
            if not (last and where[-1] == size - 1):
                return False
            closing = closing[:-1]
        if not after_special[closing].all():
            return False

        # Delimiters and line ends outside quotes (an even number of quotes before them) split the text.
        inside = np.logical_xor.accumulate(is_quote)
        if parity:
            inside = ~inside
        outside = ~is_quote
        outside &= ~inside
        where, kind = where[outside], kind[outside]
        if has_cr:  # a CR LF pair ends one record; a CR alone also ends one
            returns = np.flatnonzero(kind == _CR)
            paired = where[returns] < size - 1
            paired[paired] = b[where[returns[paired]] + 1] == _LF
            if paired.any():
                keep = np.ones(len(kind), dtype=bool)
                keep[returns[paired]] = False
                where, kind = where[keep], kind[keep]
        ends_at = np.flatnonzero(kind != _COMMA)  # line ends, as places in ``where``

        self.quotes += len(quotes)
        if len(ends_at):
            ends = where[ends_at]
            starts = ends.copy()  # where each line end begins (the CR of a CR LF)
            crlf = (ends > 0) & (kind[ends_at] == _LF)
            crlf[crlf] = b[ends[crlf] - 1] == _CR
            starts[crlf] -= 1
            record_starts = np.concatenate(([self.record_start - offset], ends[:-1] + 1))
            lengths = starts - record_starts
            fields = np.diff(ends_at, prepend=-1)  # delimiters between line ends, plus one
            fields[0] += self.commas
            if lengths.max() > self.limit or ((fields != self.width) & (lengths > 0)).any():
                return False
            self.record_start = offset + int(ends[-1]) + 1
            self.commas = len(kind) - int(ends_at[-1]) - 1
        else:
            self.commas += len(kind)
        if last:
            if self.quotes & 1:
                return False  # an unclosed quote
            rest = offset + size - self.record_start  # a last record without a line end
            if rest > self.limit or (rest > 0 and self.commas + 1 != self.width):
                return False
        return True


def _shape_is_regular(path: Path, width: int) -> bool:
    """Prove cheaply that every non-blank record of the file has ``width`` fields.

    A vectorised pass over the raw bytes, a block at a time: double quotes are
    paired by the parity of their count, delimiters and line ends inside quotes
    are left out, and the fields of each record are counted. It models the csv
    module's reading exactly for files where quotes only open and close whole
    fields (what spreadsheets and pandas write), and returns False for anything
    else, so that the caller runs the exact ``csv`` scan: a ragged record, a
    quote inside an unquoted field, text after a closing quote, an unclosed
    quote, or a record longer than the csv module's field size limit.
    """
    with path.open("rb") as handle:
        data = handle.read(max(_BLOCK, len(_BOM)))
        start = len(_BOM) if data.startswith(_BOM) else 0
        scan = _ShapeScan(width, csv.field_size_limit(), start)
        offset = 0  # where ``data`` begins in the file
        while True:
            chunk = handle.read(_BLOCK)
            if not chunk:
                return scan.block(data, start, len(data), offset, last=True)
            stop = data.rfind(b"\n", start) + 1  # scan whole lines; keep the rest for the next block
            if stop:
                if not scan.block(data, start, stop, offset, last=False):
                    return False
                data, offset, start = data[stop:] + chunk, offset + stop, 0
            else:
                data += chunk


def _check_shape(path: Path, schema: TableSchema, header: list[str]) -> None:
    """Reject ragged rows: every record must have as many fields as the header."""
    width = len(header)
    if _shape_is_regular(path, width):
        return  # proven regular without decoding; otherwise the exact csv scan decides and locates
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        try:
            lengths = collections.Counter(map(len, reader))
        except csv.Error as error:  # e.g. a cell longer than the csv module's field limit
            raise EventTableError(
                path,
                f"this line cannot be read as CSV ({error}). Look for a cell that is far too long or a "
                "double quote that is never closed.",
                line=reader.line_num,
            ) from None
    lengths.pop(0, None)  # blank lines
    if set(lengths) <= {width}:
        return
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        for record in reader:
            if record and len(record) != width:
                event_id = record[0] if header[0] == "event_id" and record[0] else None
                if len(record) > width:
                    column = f"field {width + 1} (after the last column, {header[-1]!r})"
                    what = "too many"
                else:
                    column = header[len(record)]
                    what = "too few"
                raise EventTableError(
                    path,
                    f"this row has {what} fields: {len(record)} where the header has "
                    f"{width}. Check for a missing or extra comma, or a text with a "
                    "comma that is not inside double quotes.",
                    line=reader.line_num,
                    column=column,
                    event_id=event_id,
                )


def _read_raw(path: PathLike, schema: TableSchema) -> pd.DataFrame:
    """Read a CSV as text columns; check header and shape; drop blank lines."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file. Check the name and the folder.")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), None)
    except UnicodeDecodeError as error:
        raise _decode_error(path, error) from None
    if not header or not any(h.strip() for h in header):
        raise EventTableError(path, "the file is empty: it needs a header line and rows.")

    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise EventTableError(path, "this column appears twice in the header.", line=1, column=name)
        seen.add(name)
    expected = schema.columns
    unknown = [name for name in header if name not in expected]
    if unknown:
        raise EventTableError(
            path,
            f"unknown column. The {schema.name} table has the columns {', '.join(expected)}.",
            line=1,
            column=unknown[0],
        )
    missing = [name for name in expected if name not in header]
    if missing:
        raise EventTableError(
            path,
            f"this column is missing from the header (the header is: {', '.join(header)}).",
            line=1,
            column=missing[0],
        )

    try:
        _check_shape(path, schema, header)
    except UnicodeDecodeError as error:  # a bad byte beyond the header
        raise _decode_error(path, error) from None
    try:
        frame = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            na_values=[],
            skip_blank_lines=False,
            encoding="utf-8-sig",
        )
    except UnicodeDecodeError as error:
        raise _decode_error(path, error) from None
    except pd.errors.ParserError as error:  # e.g. an unclosed quote
        match = re.search(r"line (\d+)", str(error))
        raise EventTableError(
            path,
            "the file cannot be read as CSV here; look for an unclosed double quote "
            "on this line or just before it.",
            line=int(match.group(1)) if match else None,
        ) from None
    # A blank line reads as a row of empty cells; only rows whose first cell is empty need the full test.
    maybe_blank = frame.iloc[:, 0] == ""
    blank = maybe_blank
    if maybe_blank.any():
        blank = maybe_blank.copy()
        blank[maybe_blank] = (frame[maybe_blank] == "").all(axis=1)
    if blank.any():
        frame = frame[~blank]
    if frame.empty:
        raise EventTableError(path, "the file has a header but no rows.")
    return frame[expected]


# --------------------------------------------------------------------------- checking


def _fail(
    path: Path,
    frame: pd.DataFrame,
    bad: pd.Series,
    column: str,
    describe,
) -> None:
    """Raise for the first row where ``bad`` is true, if any."""
    if not bad.any():
        return
    positions = bad[bad].index
    first = positions[0]
    value = frame.at[first, column]
    problem = describe(value)
    others = len(positions) - 1
    if others:
        rows, verb = ("rows", "have") if others > 1 else ("row", "has")
        problem += f" ({others} more {rows} below {verb} the same problem.)"
    event_id = frame.at[first, "event_id"] if "event_id" in frame.columns else None
    line = _line_of(path, [int(first)]).get(int(first))
    raise EventTableError(path, problem, line=line, column=column, event_id=event_id or None)


def _check_values(path: Path, frame: pd.DataFrame, schema: TableSchema) -> dict[str, pd.Series]:
    """Check required values, patterns, vocabularies and dates; return parsed dates."""
    dates: dict[str, pd.Series] = {}
    for field in schema.fields:
        column = frame[field.name]
        empty = column == ""
        if field.required:
            _fail(path, frame, empty, field.name, lambda v: "this value is required but the cell is empty.")
        if field.pattern:
            matches = column.str.fullmatch(field.pattern)
            _fail(
                path,
                frame,
                ~empty & ~matches,
                field.name,
                lambda v, f=field: f"{v!r} does not have the required form ({f.description})",
            )
        if field.enum:
            allowed = field.enum
            _fail(
                path,
                frame,
                ~empty & ~column.isin(allowed),
                field.name,
                lambda v, a=allowed: f"{v!r} is not an allowed value. Use one of: {', '.join(map(repr, a))}.",
            )
        if field.type == "date":
            parsed = pd.to_datetime(column, format="%Y-%m-%d", errors="coerce")
            _fail(
                path,
                frame,
                ~empty & parsed.isna(),
                field.name,
                lambda v: f"{v!r} is not a date. Write dates as YYYY-MM-DD, for example 2017-12-09.",
            )
            dates[field.name] = parsed
    return dates


def _check_primary_key(path: Path, frame: pd.DataFrame, schema: TableSchema) -> None:
    key = list(schema.primary_key)
    duplicated = frame.duplicated(key, keep="first")
    if duplicated.any():
        first_dup = duplicated[duplicated].index[0]
        same = pd.Series(True, index=frame.index)
        for column in key:
            same &= frame[column] == frame.at[first_dup, column]
        earlier = same[same].index[0]
        earlier_line = _line_of(path, [int(earlier)]).get(int(earlier))
        label = " and ".join(key)
        _fail(
            path,
            frame,
            duplicated,
            key[-1],
            lambda v: (
                f"duplicate {label}: the same value already appears on line {earlier_line}. "
                "Each row needs its own."
            ),
        )


def _check_foreign_key(path: Path, frame: pd.DataFrame, column: str, allowed: pd.Series, target: str) -> None:
    values = frame[column]
    missing = (values != "") & ~values.isin(allowed)
    _fail(
        path,
        frame,
        missing,
        column,
        lambda v: f"{v!r} is not in {target}. Add it there or correct the spelling.",
    )


def _check_event_dates(path: Path, frame: pd.DataFrame, dates: dict[str, pd.Series]) -> None:
    start, end = dates["date_start"], dates["date_end"]
    _fail(
        path,
        frame,
        end < start,
        "date_end",
        lambda v: f"date_end {v} is before date_start. A one-day event has date_end equal to date_start.",
    )
    precision = frame["date_precision"]
    month = precision == "month"
    _fail(
        path,
        frame,
        month & ~(start.dt.is_month_start & end.dt.is_month_end),
        "date_end",
        lambda v: "a month-precision event must run from the first to the last day of its month(s).",
    )
    year = precision == "year"
    _fail(
        path,
        frame,
        year & ~(start.dt.is_year_start & end.dt.is_year_end),
        "date_end",
        lambda v: "a year-precision event must run from 1 January to 31 December.",
    )


# --------------------------------------------------------------------------- typing


def _typed(frame: pd.DataFrame, schema: TableSchema, dates: dict[str, pd.Series]) -> pd.DataFrame:
    """Turn checked text columns into dates, categoricals and strings (empty -> missing)."""
    out = {}
    for field in schema.fields:
        if field.type == "date":
            out[field.name] = dates[field.name]
        elif field.enum:
            ordered = field.name == "phase"
            values = frame[field.name].replace("", None) if not field.required else frame[field.name]
            out[field.name] = pd.Categorical(values, categories=list(field.enum), ordered=ordered)
        elif field.required:
            out[field.name] = frame[field.name]
        else:
            out[field.name] = frame[field.name].replace("", None)
    return pd.DataFrame(out).reset_index(drop=True)


def _sibling(path: PathLike | None, name: str, bundled: Path) -> Path:
    """The bundled table, or the table ``name`` beside ``path`` if there is one."""
    if path is None:
        return bundled
    sibling = Path(path).with_name(name)
    return sibling if sibling.is_file() else bundled


# --------------------------------------------------------------------------- public API


def load_sources(path: PathLike | None = None) -> pd.DataFrame:
    """Load and check the sources table.

    Parameters
    ----------
    path : str or Path, optional
        A ``sources.csv`` file; by default the one bundled with the collection.

    Returns
    -------
    pandas.DataFrame
        One row per source, ``date_published`` as datetimes and ``kind`` and
        ``role`` as categoricals.

    Raises
    ------
    EventTableError
        If any row breaks the schema.

    Examples
    --------
    >>> sources = load_sources()
    >>> sources.loc[sources.role == "seed", "publisher"].tolist()
    ['US Department of State', 'US Department of State', 'The Moscow Times']
    """
    path = Path(path) if path is not None else SOURCES_CSV
    schema = table_schema("sources")
    raw = _read_raw(path, schema)
    dates = _check_values(path, raw, schema)
    _check_primary_key(path, raw, schema)
    return _typed(raw, schema, dates)


def load_events(
    path: PathLike | None = None, *, sources: pd.DataFrame | PathLike | None = None
) -> pd.DataFrame:
    """Load and check the events table.

    Parameters
    ----------
    path : str or Path, optional
        An ``events.csv`` file; by default the one bundled with the collection.
    sources : DataFrame, str or Path, optional
        The sources to check ``source_id`` and ``date_source_id`` against: a
        loaded table or a file. By default the ``sources.csv`` beside ``path``
        if there is one, otherwise the bundled sources.

    Returns
    -------
    pandas.DataFrame
        One row per event: ``date_start`` and ``date_end`` as datetimes;
        ``date_precision``, ``category``, ``phase`` (ordered) and
        ``russian_response`` as categoricals; empty optional cells as missing.

    Raises
    ------
    EventTableError
        If any row breaks the schema or names an unknown source.

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
    path = Path(path) if path is not None else EVENTS_CSV
    if not isinstance(sources, pd.DataFrame):
        sources = load_sources(sources if sources is not None else _sibling(path, "sources.csv", SOURCES_CSV))
    schema = table_schema("events")
    raw = _read_raw(path, schema)
    dates = _check_values(path, raw, schema)
    _check_primary_key(path, raw, schema)
    _check_event_dates(path, raw, dates)
    for column in ("source_id", "date_source_id"):
        _check_foreign_key(path, raw, column, sources["source_id"], "sources.csv")
    return _typed(raw, schema, dates)


def load_participants(
    path: PathLike | None = None, *, events: pd.DataFrame | PathLike | None = None
) -> pd.DataFrame:
    """Load and check the participants table (one row per person or body per event).

    Parameters
    ----------
    path : str or Path, optional
        A ``participants.csv`` file; by default the bundled one.
    events : DataFrame, str or Path, optional
        The events to check ``event_id`` against: a loaded table or a file. By
        default the ``events.csv`` beside ``path`` if there is one, otherwise
        the bundled events.

    Examples
    --------
    >>> people = load_participants()
    >>> people.loc[people.name == "Sergei Ryabkov", "event_id"].nunique() >= 10
    True
    >>> sorted(people.side.cat.categories)
    ['NATO', 'Russia', 'Soviet Union', 'United States']
    """
    path = Path(path) if path is not None else PARTICIPANTS_CSV
    if not isinstance(events, pd.DataFrame):
        events = load_events(events if events is not None else _sibling(path, "events.csv", EVENTS_CSV))
    schema = table_schema("participants")
    raw = _read_raw(path, schema)
    dates = _check_values(path, raw, schema)
    _check_primary_key(path, raw, schema)
    _check_foreign_key(path, raw, "event_id", events["event_id"], "events.csv")
    return _typed(raw, schema, dates)


def load_tables(folder: PathLike | None = None) -> Tables:
    """Load all three tables from one folder and check them against each other.

    Parameters
    ----------
    folder : str or Path, optional
        A folder holding ``events.csv``, ``participants.csv`` and
        ``sources.csv``; by default the bundled ``data/`` folder.

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
