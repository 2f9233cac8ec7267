"""Loading: dtypes, paths, and a clear EventTableError for every kind of bad input."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import EventTableError

from .conftest import edit_lines


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


def _row_of(lines: list[str], event_id: str) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(event_id + ","))


KERRY = "2015-05-12-kerry-raises-with-putin"


def _replace_in_row(event_id: str, old: str, new: str):
    def edit(lines):
        i = _row_of(lines, event_id)
        assert old in lines[i]
        lines[i] = lines[i].replace(old, new, 1)
        return lines

    return edit


def _expect(path: Path, *, line=None, column=None, event_id=None, words=(), loader=helpers.load_events):
    with pytest.raises(EventTableError) as caught:
        loader(path)
    error = caught.value
    assert type(error) is EventTableError
    message = str(error)
    assert path.name in message
    if line is not None:
        assert error.line == line
        assert f"line {line}" in message
    if column is not None:
        assert error.column == column
        assert repr(column) in message
    if event_id is not None:
        assert error.event_id == event_id
        assert event_id in message
    for word in words:
        assert word in message
    assert "Traceback" not in message
    return error


def _line_number(path: Path, event_id: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return _row_of(lines, event_id) + 1


def test_missing_column(data_copy):
    path = data_copy / "events.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns="phase")
    frame.to_csv(path, index=False)
    _expect(path, line=1, column="phase", words=["missing"])


def test_unknown_column(data_copy):
    path = data_copy / "events.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["colour"] = "red"
    frame.to_csv(path, index=False)
    _expect(path, line=1, column="colour", words=["unknown column"])


def test_duplicate_column_name(data_copy):
    path = data_copy / "events.csv"
    edit_lines(path, lambda lines: [lines[0].replace(",notes", ",summary")] + lines[1:])
    _expect(path, line=1, column="summary", words=["twice"])


def test_unparseable_date(data_copy):
    path = data_copy / "events.csv"
    edit_lines(path, _replace_in_row(KERRY, "2015-05-12,2015-05-12", "2015-13-12,2015-05-12"))
    _expect(
        path,
        line=_line_number(path, KERRY),
        column="date_start",
        event_id=KERRY,
        words=["2015-13-12", "YYYY-MM-DD"],
    )


def test_date_written_in_another_format(data_copy):
    path = data_copy / "events.csv"
    edit_lines(path, _replace_in_row(KERRY, "2015-05-12,2015-05-12", "2015-05-12,12/05/2015"))
    _expect(path, line=_line_number(path, KERRY), column="date_end", event_id=KERRY)


def test_end_before_start(data_copy):
    path = data_copy / "events.csv"
    edit_lines(path, _replace_in_row(KERRY, "2015-05-12,2015-05-12", "2015-05-12,2015-05-11"))
    _expect(path, line=_line_number(path, KERRY), column="date_end", event_id=KERRY, words=["before"])


def test_month_precision_must_span_the_month(data_copy):
    event_id = "2013-05-gottemoeller-raises-concerns-with-ryabkov"
    path = data_copy / "events.csv"
    edit_lines(path, _replace_in_row(event_id, "2013-05-01,2013-05-31", "2013-05-01,2013-05-30"))
    _expect(path, line=_line_number(path, event_id), column="date_end", event_id=event_id, words=["month"])


def test_duplicate_event_id(data_copy):
    path = data_copy / "events.csv"
    target = "2015-06-05-compliance-report"

    def edit(lines):
        i = _row_of(lines, target)
        lines[i] = lines[i].replace(target, KERRY, 1)
        return lines

    edit_lines(path, edit)
    lines = path.read_text(encoding="utf-8").split("\n")
    first = _row_of(lines, KERRY) + 1
    second = next(i for i, line in enumerate(lines) if line.startswith(KERRY + ",") and i + 1 != first) + 1
    _expect(path, line=second, column="event_id", event_id=KERRY, words=["duplicate", f"line {first}"])


def test_blank_event_id(data_copy):
    path = data_copy / "events.csv"
    line = _line_number(path, KERRY)
    edit_lines(path, _replace_in_row(KERRY, KERRY + ",", ","))
    _expect(path, line=line, column="event_id", words=["required"])


def test_event_id_that_is_not_a_slug(data_copy):
    path = data_copy / "events.csv"
    line = _line_number(path, KERRY)
    edit_lines(path, _replace_in_row(KERRY, KERRY, "Kerry meets Putin"))
    _expect(path, line=line, column="event_id", event_id="Kerry meets Putin")


def test_value_outside_vocabulary(data_copy):
    path = data_copy / "events.csv"
    edit_lines(path, _replace_in_row(KERRY, ",bilateral meeting,", ",summit,"))
    _expect(
        path,
        line=_line_number(path, KERRY),
        column="category",
        event_id=KERRY,
        words=["'summit'", "bilateral meeting"],
    )


def test_unknown_source_id(data_copy):
    path = data_copy / "events.csv"
    edit_lines(path, _replace_in_row(KERRY, ",state-2018-timeline,", ",state-2019-timeline,"))
    _expect(path, line=_line_number(path, KERRY), column="source_id", event_id=KERRY, words=["sources.csv"])


def test_unknown_date_source_id(data_copy):
    event_id = "2019-08-02-us-withdrawal-takes-effect"
    path = data_copy / "events.csv"
    edit_lines(path, _replace_in_row(event_id, ",crs-r43832,", ",crs-r99999,"))
    _expect(path, line=_line_number(path, event_id), column="date_source_id", event_id=event_id)


def test_row_with_too_many_fields(data_copy):
    path = data_copy / "events.csv"
    edit_lines(path, _replace_in_row(KERRY, ",bilateral meeting,", ",bilateral,meeting,"))
    _expect(path, line=_line_number(path, KERRY), event_id=KERRY, words=["too many fields"])


def test_row_with_too_few_fields(data_copy):
    path = data_copy / "events.csv"

    def edit(lines):
        i = _row_of(lines, KERRY)
        lines[i] = lines[i].rsplit(",", 1)[0]  # drop the last (empty) notes field
        return lines

    edit_lines(path, edit)
    _expect(path, line=_line_number(path, KERRY), column="notes", event_id=KERRY, words=["too few fields"])


def test_empty_file(data_copy):
    path = data_copy / "events.csv"
    path.write_text("", encoding="utf-8")
    _expect(path, words=["empty"])


def test_header_without_rows(data_copy):
    path = data_copy / "events.csv"
    edit_lines(path, lambda lines: lines[:1])
    _expect(path, words=["no rows"])


def test_file_that_is_not_utf8(data_copy):
    path = data_copy / "events.csv"
    line = _line_number(path, KERRY)
    raw = path.read_text(encoding="utf-8").replace("Secretary Kerry raises", "Secretary Kerry r\u00e4ises", 1)
    path.write_bytes(raw.encode("latin-1", errors="replace"))
    error = _expect(path, words=["UTF-8"])
    assert error.line is not None and error.line <= line


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


def test_blank_lines_are_ignored(data_copy):
    path = data_copy / "events.csv"
    edit_lines(path, lambda lines: lines[:5] + [""] + lines[5:] + ["", ""])
    assert len(helpers.load_events(path)) == len(helpers.load_events())


def test_excel_byte_order_mark_is_accepted(data_copy):
    path = data_copy / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(helpers.load_events(path)) == len(helpers.load_events())


def test_missing_file_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        helpers.load_events(tmp_path / "nope.csv")


def test_participant_with_unknown_event(data_copy):
    path = data_copy / "participants.csv"
    edit_lines(path, lambda lines: lines + ["2099-01-01-no-such-event,Someone,,,United States,"])
    lines = path.read_text(encoding="utf-8").split("\n")
    _expect(
        path,
        line=len(lines) - 1,
        column="event_id",
        event_id="2099-01-01-no-such-event",
        loader=helpers.load_participants,
    )


def test_participant_with_unknown_side(data_copy):
    path = data_copy / "participants.csv"
    edit_lines(path, lambda lines: lines + [f"{KERRY},Someone,,,China,"])
    lines = path.read_text(encoding="utf-8").split("\n")
    _expect(path, line=len(lines) - 1, column="side", event_id=KERRY, loader=helpers.load_participants)


def test_participants_are_checked_against_the_events_beside_them(data_copy):
    events = data_copy / "events.csv"
    edit_lines(events, lambda lines: [line for line in lines if not line.startswith(KERRY + ",")])
    _expect(
        data_copy / "participants.csv", column="event_id", event_id=KERRY, loader=helpers.load_participants
    )


def test_source_with_bad_url(data_copy):
    path = data_copy / "sources.csv"
    edit_lines(path, lambda lines: [lines[0]] + [lines[1].replace("https://", "ftp://", 1)] + lines[2:])
    _expect(path, line=2, column="url", loader=helpers.load_sources)


def test_events_checked_against_sources_beside_them(data_copy):
    sources = data_copy / "sources.csv"
    edit_lines(sources, lambda lines: [line for line in lines if not line.startswith("huntsman-2019-op-ed,")])
    error = _expect(data_copy / "events.csv", column="source_id")
    assert "huntsman-2019-op-ed" in str(error)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_unreadable_is_not_a_pandas_traceback(data_copy):
    path = data_copy / "events.csv"
    path.write_text('event_id\n"unclosed\n', encoding="utf-8")
    with pytest.raises(EventTableError):
        helpers.load_events(path)


def test_cell_too_long_for_the_csv_module(data_copy):
    """A cell over the csv module's field limit (131,072 characters) gives EventTableError, not csv.Error."""
    path = data_copy / "events.csv"
    line = _line_number(path, KERRY)
    edit_lines(path, _replace_in_row(KERRY, "Secretary Kerry raises the issue", "x" * 200_000))
    # The limit is process-wide and other libraries (frictionless) raise it: set the default here.
    previous = csv.field_size_limit(131_072)
    try:
        error = _expect(path, line=line, words=["cannot be read as CSV", "too long"])
    finally:
        csv.field_size_limit(previous)
    assert "field larger than field limit" in str(error)
