"""Loading: dtypes, paths, and a clear EventTableError for every kind of bad input.

Bad inputs stand in tables, one per kind of check: a bad cell, a bad header, a bad file, a bad
data package, a bad row of the other tables. Each row names what the error must point at.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import EventTableError
from helpers.data import paths
from helpers.data.loading import load_table
from helpers.data.schema import table_names

from .conftest import edit_lines

KERRY = "2015-05-12-kerry-raises-with-putin"
GOTTEMOELLER = "2013-05-gottemoeller-raises-concerns-with-ryabkov"
WITHDRAWAL = "2019-08-02-us-withdrawal-takes-effect"


def test_bundled_tables_load_with_proper_dtypes():
    events = helpers.load_events()
    assert pd.api.types.is_datetime64_any_dtype(events.date_start)
    assert pd.api.types.is_datetime64_any_dtype(events.date_end)
    for column in ("category", "phase", "date_precision", "russian_response"):
        assert isinstance(events[column].dtype, pd.CategoricalDtype), column
    assert events.phase.cat.ordered
    assert events.event_id.is_unique
    assert events.notes.isna().any() and events.notes.notna().any()  # empty optional cells become missing


def test_loading_works_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(helpers.load_events()) == len(helpers.load_tables().events)


def test_error_is_a_value_error():
    assert issubclass(EventTableError, ValueError)


def test_a_copied_folder_loads_like_the_bundled_one(data_copy):
    ours = helpers.load_tables(data_copy)
    bundled = helpers.load_tables()
    pd.testing.assert_frame_equal(ours.events, bundled.events)
    pd.testing.assert_frame_equal(ours.participants, bundled.participants)


@pytest.mark.parametrize("name", table_names())
def test_every_table_of_the_data_package_loads(name):
    table = load_table(name)
    assert len(table) > 0
    assert list(table.columns) == helpers.data.schema.table_schema(name).columns


# --------------------------------------------------------------------------- helpers


def _row_of(lines: list[str], event_id: str) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(event_id + ","))


def _line_number(path: Path, event_id: str) -> int:
    return _row_of(path.read_text(encoding="utf-8").split("\n"), event_id) + 1


def _set_cell(path: Path, key: str, value: str, column: str, new: str) -> None:
    """Rewrite a CSV with one cell changed (the row where column ``key`` is ``value``)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert (frame[key] == value).sum() == 1
    frame.loc[frame[key] == value, column] = new
    frame.to_csv(path, index=False, lineterminator="\n")


def _expect(path: Path, *, line=None, column=None, event_id=None, words=(), loader=helpers.load_events):
    with pytest.raises(EventTableError) as caught:
        loader(path)
    error = caught.value
    assert type(error) is EventTableError
    message = str(error)
    assert path.name in message
    if line is not None:
        assert (error.line, f"line {line}" in message) == (line, True), message
    if column is not None:
        assert error.column == column and repr(column) in message, message
    if event_id is not None:
        assert error.event_id == event_id and event_id in message, message
    for word in words:
        assert word in message
    assert "Traceback" not in message
    return error


# --------------------------------------------------------------------------- one bad cell of events.csv

# (event_id of the row, column, new value, column the error names, words the message must hold)
BAD_CELLS = [
    (KERRY, "date_start", "2015-13-12", "date_start", ["'2015-13-12'", "YYYY-MM-DD"]),
    (KERRY, "date_start", "0000-01-01", "date_start", ["1900", "2100"]),
    (KERRY, "date_start", "1899-12-31", "date_start", ["1900"]),
    (KERRY, "date_start", "2101-01-01", "date_start", ["2100"]),
    (KERRY, "date_start", "2015-5-12", "date_start", ["YYYY-MM-DD"]),
    (KERRY, "date_start", " 2015-05-12", "date_start", ["YYYY-MM-DD"]),
    (
        KERRY,
        "date_start",
        "\uff12\uff10\uff11\uff15-05-12",
        "date_start",
        ["YYYY-MM-DD"],
    ),  # full-width digits
    (KERRY, "date_end", "12/05/2015", "date_end", ["YYYY-MM-DD"]),
    (KERRY, "date_end", "2015-05-11", "date_end", ["before"]),
    (GOTTEMOELLER, "date_end", "2013-05-30", "date_end", ["month"]),
    (KERRY, "event_id", "Kerry meets Putin", "event_id", ["required form"]),
    (KERRY, "event_id", "   ", "event_id", ["required form"]),
    (KERRY, "summary", "   ", "summary", ["required"]),
    (KERRY, "evidence", "\t", "evidence", ["required"]),
    (KERRY, "phase", "", "phase", ["required"]),
    (KERRY, "category", "summit", "category", ["'summit'", "bilateral meeting"]),
    (KERRY, "category", " bilateral meeting", "category", ["allowed value"]),
    (KERRY, "source_id", "state-2019-timeline", "source_id", ["sources.csv"]),
    (KERRY, "source_id", "   ", "source_id", ["required"]),
    (WITHDRAWAL, "date_source_id", "crs-r99999", "date_source_id", ["sources.csv"]),
]


@pytest.mark.parametrize(("event_id", "column", "value", "error_column", "words"), BAD_CELLS)
def test_a_bad_cell_is_located(data_copy, event_id, column, value, error_column, words):
    path = data_copy / "events.csv"
    line = _line_number(path, event_id)
    _set_cell(path, "event_id", event_id, column, value)
    shown = value if column == "event_id" and value.strip() else event_id if column != "event_id" else None
    _expect(path, line=line, column=error_column, event_id=shown, words=words)


def test_blank_event_id_is_required(data_copy):
    path = data_copy / "events.csv"
    line = _line_number(path, KERRY)
    _set_cell(path, "event_id", KERRY, "event_id", "")
    assert _expect(path, line=line, column="event_id", words=["required"]).event_id is None


def test_duplicate_event_id_names_both_lines(data_copy):
    path = data_copy / "events.csv"
    first = _line_number(path, KERRY)
    second = _line_number(path, "2015-06-05-compliance-report")
    _set_cell(path, "event_id", "2015-06-05-compliance-report", "event_id", KERRY)
    _expect(path, line=second, column="event_id", event_id=KERRY, words=["duplicate", f"line {first}"])


def test_dollar_signs_and_odd_text_survive_loading(data_copy):
    path = data_copy / "events.csv"
    summary = "A $5 billion offer ($$ and $x$), 50% <b>not bold</b>, NA, null, \\n: all kept."
    _set_cell(path, "event_id", KERRY, "summary", summary)
    _set_cell(path, "event_id", KERRY, "notes", "NA")
    events = helpers.load_events(path).set_index("event_id")
    assert events.at[KERRY, "summary"] == summary
    assert events.at[KERRY, "notes"] == "NA"  # only an empty cell is missing


# --------------------------------------------------------------------------- a bad header or row shape


def _too_many(lines):
    i = _row_of(lines, KERRY)
    lines[i] = lines[i].replace(",bilateral meeting,", ",bilateral,meeting,", 1)
    return lines


def _too_few(lines):
    i = _row_of(lines, KERRY)
    lines[i] = lines[i].rsplit(",", 1)[0]  # drop the last (empty) notes field
    return lines


# (edit of the file's lines, line, column, event_id, words)
BAD_SHAPES = [
    (lambda lines: [lines[0].replace(",phase,", ",")] + lines[1:], 1, "phase", None, ["missing"]),
    (
        lambda lines: [lines[0] + ",colour"] + [line + ",red" for line in lines[1:]],
        1,
        "colour",
        None,
        ["unknown"],
    ),
    (lambda lines: [lines[0].replace(",notes", ",summary")] + lines[1:], 1, "summary", None, ["twice"]),
    (_too_many, "kerry", None, KERRY, ["too many fields"]),
    (_too_few, "kerry", "notes", KERRY, ["too few fields"]),
    (lambda lines: lines[:1], None, None, None, ["no rows"]),
]


@pytest.mark.parametrize(("edit", "line", "column", "event_id", "words"), BAD_SHAPES)
def test_a_bad_header_or_row_shape_is_located(data_copy, edit, line, column, event_id, words):
    path = data_copy / "events.csv"
    kerry = _line_number(path, KERRY)
    edit_lines(path, edit)
    _expect(path, line=kerry if line == "kerry" else line, column=column, event_id=event_id, words=words)


def test_line_numbers_count_line_breaks_inside_quoted_cells(data_copy):
    path = data_copy / "events.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    earlier = frame.event_id == "2013-06-25-kislyak-initial-response"
    frame.loc[earlier, "summary"] = frame.loc[earlier, "summary"] + "\nA second line.\nA third."
    frame.loc[frame.event_id == KERRY, "category"] = "summit"
    frame.to_csv(path, index=False, lineterminator="\n")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert _row_of(lines, KERRY) + 1 > frame.index[frame.event_id == KERRY][0] + 2  # the breaks shift lines
    _expect(path, line=_row_of(lines, KERRY) + 1, column="category", event_id=KERRY)


# --------------------------------------------------------------------------- a file that cannot be read


def _not_utf8(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    i = _row_of(lines, KERRY)
    lines[i] = lines[i].replace("Kerry raises", "Kerry r\udce4ises")  # the byte 0xe4: Latin-1's "ä"
    path.write_bytes("\n".join(lines).encode("utf-8", errors="surrogateescape"))
    return i + 1


def _unclosed_quote(path: Path) -> int:
    edit_lines(path, lambda lines: [*lines, '2019-12-31-no-end,"2019-12-31,2019-12-31'])
    return len(path.read_text(encoding="utf-8").split("\n")) - 1


# (what, how events.csv is spoilt (returning the line the error must name, if any), words)
BAD_FILES = [
    ("missing", lambda p: p.unlink(), ["no such file"]),
    ("a folder", lambda p: p.unlink() or p.mkdir(), ["folder"]),
    ("empty", lambda p: p.write_bytes(b"") or None, ["empty"]),
    ("blank", lambda p: p.write_bytes(b"\n\n") and None, ["empty"]),
    ("not UTF-8", _not_utf8, ["UTF-8"]),
    ("not UTF-8 in the header", lambda p: p.write_bytes(b"event_id,d\xe4te\n") and 1, ["UTF-8"]),
    ("unclosed quote", _unclosed_quote, ["never closed"]),
]


@pytest.mark.parametrize(("what", "spoil", "words"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_a_file_that_cannot_be_read_says_why(data_copy, what, spoil, words):
    path = data_copy / "events.csv"
    _expect(path, line=spoil(path), words=words)


def test_a_file_without_read_permission(data_copy, monkeypatch):
    path = data_copy / "events.csv"
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # root reads anything: simulate what a student meets

            def refuse(self):
                raise PermissionError(13, "Permission denied", str(self))

            monkeypatch.setattr(Path, "read_bytes", refuse)
        _expect(path, words=["permission denied"])
    finally:
        path.chmod(0o644)


# --------------------------------------------------------------------------- a bad data package

# (what the data package holds, words the message must hold)
BAD_PACKAGES = [
    (None, ["missing"]),
    ('{"resources": [', ["not valid JSON"]),
    ("[]", ["does not describe"]),
    ('{"resources": [{"name": "events"}]}', ["does not describe", "schema"]),
    (lambda p: p.replace('"type": "date"', '"type": "datetime"', 1), ["datetime"]),
    (lambda p: p.replace('"[a-z0-9]+(-[a-z0-9]+)*"', '"[a-z"', 1), ["does not describe"]),
]


@pytest.mark.parametrize(("package", "words"), BAD_PACKAGES)
def test_a_bad_data_package_says_so(data_copy, monkeypatch, package, words):
    target = data_copy / "datapackage.json"
    if package is None:
        target.unlink()
    elif callable(package):
        target.write_text(package(target.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        target.write_text(package, encoding="utf-8")
    monkeypatch.setattr(paths, "DATAPACKAGE", target)
    with pytest.raises(EventTableError, match="datapackage.json") as caught:
        helpers.load_events(data_copy / "events.csv")
    for word in words:
        assert word in str(caught.value)


def test_the_data_package_is_read_again_after_an_edit(data_copy, monkeypatch):
    target = data_copy / "datapackage.json"
    monkeypatch.setattr(paths, "DATAPACKAGE", target)
    assert len(helpers.load_events(data_copy / "events.csv")) > 0
    package = json.loads(target.read_text(encoding="utf-8"))
    package["resources"][0]["schema"]["fields"][5]["constraints"]["enum"].remove("bilateral meeting")
    target.write_text(json.dumps(package, indent=1), encoding="utf-8")
    _expect(data_copy / "events.csv", column="category", words=["'bilateral meeting'"])


# --------------------------------------------------------------------------- the other tables


def _append(row: str):
    return lambda lines: lines + [row]


# (table, edit of its lines, column, event_id, words); the error is on the edited row
OTHER_TABLES = [
    (
        "participants",
        _append("2099-01-01-no-such-event,Someone,,,United States,"),
        "event_id",
        None,
        ["events"],
    ),
    ("participants", _append(f"{KERRY},Someone,,,China,"), "side", KERRY, ["'China'"]),
    ("participants", _append(f"{KERRY},  ,,,Russia,"), "name", KERRY, ["required"]),
    ("sources", lambda ls: [ls[0], ls[1].replace("https://", "ftp://", 1), *ls[2:]], "url", None, ["form"]),
    (
        "sources",
        lambda ls: [ls[0], ls[1].replace(",2018-11-16,", ",16/11/2018,", 1), *ls[2:]],
        "date_published",
        None,
        [],
    ),
]


@pytest.mark.parametrize(("table", "edit", "column", "event_id", "words"), OTHER_TABLES)
def test_a_bad_row_of_another_table_is_located(data_copy, table, edit, column, event_id, words):
    path = data_copy / f"{table}.csv"
    before = path.read_text(encoding="utf-8").split("\n")
    edit_lines(path, edit)
    after = path.read_text(encoding="utf-8").split("\n")
    line = next(i + 1 for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b)
    loader = {"participants": helpers.load_participants, "sources": helpers.load_sources}[table]
    _expect(path, line=line, column=column, event_id=event_id, words=words, loader=loader)


def test_participants_are_checked_against_the_events_beside_them(data_copy):
    events = data_copy / "events.csv"
    edit_lines(events, lambda lines: [line for line in lines if not line.startswith(KERRY + ",")])
    _expect(
        data_copy / "participants.csv", column="event_id", event_id=KERRY, loader=helpers.load_participants
    )


def test_events_checked_against_sources_beside_them(data_copy):
    sources = data_copy / "sources.csv"
    edit_lines(sources, lambda lines: [line for line in lines if not line.startswith("huntsman-2019-op-ed,")])
    error = _expect(data_copy / "events.csv", column="source_id")
    assert "huntsman-2019-op-ed" in str(error)


# (column, new value for the term SVC, words): what the glossary's schema checks
BAD_GLOSSARY = [
    ("term", "SVC_2", ["form"]),
    ("term", "ALCM", ["duplicate term"]),
    ("definition", "A commission without a full stop", ["form"]),
    ("definition", "It costs $5.", ["form"]),
    ("see_also", "Verification, Flux", ["form"]),
    ("same_as", "Flux capacitor", ["not in the term column"]),
]


@pytest.mark.parametrize(("column", "value", "words"), BAD_GLOSSARY)
def test_the_glossary_is_checked_by_its_schema(data_copy, column, value, words):
    path = data_copy / "glossary.csv"
    terms = pd.read_csv(path, dtype=str, keep_default_na=False).term
    line = terms.index[terms == "SVC"][0] + 2  # no line breaks inside the glossary's cells
    _set_cell(path, "term", "SVC", column, value)
    _expect(path, line=line, column=column, words=words, loader=lambda p: load_table("glossary", p))


def test_whole_numbers_are_checked(data_copy):
    path = data_copy / "sentences.csv"
    for bad in ("0", "1.5", "one"):
        edit_lines(path, lambda lines, bad=bad: [lines[0], bad + lines[1][lines[1].index(",") :], *lines[2:]])
        _expect(path, line=2, column="number", words=[repr(bad)], loader=lambda p: load_table("sentences", p))
    assert str(load_table("sentences").number.dtype) == "Int64"
