"""Odd shapes and line ends: ragged rows are reported where the csv module sees them, every line-end
style loads the same table, and a file without line feeds loads (or fails) in linear time."""

from __future__ import annotations

import csv
import io
import time

import pandas as pd
import pytest

import helpers
from helpers import EventTableError
from helpers.data.schema import table_schema

from .conftest import edit_lines

KERRY = "2015-05-12-kerry-raises-with-putin"
WIDTH = len(table_schema("events").columns)  # columns of events.csv


def _kerry(lines: list[str]) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(KERRY + ","))


def too_many(lines):
    i = _kerry(lines)
    lines[i] = lines[i].replace(",bilateral meeting,", ",bilateral,meeting,", 1)
    return lines


def too_few(lines):
    i = _kerry(lines)
    lines[i] = lines[i].rsplit(",", 1)[0]
    return lines


def too_few_in_the_middle(lines):
    i = _kerry(lines)
    lines[i] = lines[i].replace(",bilateral meeting,", ",", 1)
    return lines


def too_few_after_a_quoted_line_break(lines):
    lines = too_few(lines)
    for i, line in enumerate(lines[1:], start=1):  # the first quoted cell with a space in it
        opening = line.find(',"') + 2
        space, closing = line.find(" ", opening), line.find('"', opening)
        if opening > 1 and 0 < space < closing:
            lines[i] = line[:space] + "\n" + line[space + 1 :]
            return lines
    raise AssertionError("no quoted cell with a space")


def crlf_and_too_many(lines):
    return [line + "\r" for line in too_many(lines)]


def last_line_short(lines):
    return lines[:-1] + [lines[-1].rsplit(",", 2)[0]]


@pytest.mark.parametrize(
    "edit",
    [
        too_many,
        too_few,
        too_few_in_the_middle,
        too_few_after_a_quoted_line_break,
        crlf_and_too_many,
        last_line_short,
    ],
    ids=lambda f: f.__name__,
)
@pytest.mark.parametrize("bom", [False, True], ids=["", "bom"])
def test_a_ragged_row_is_reported_where_the_csv_module_sees_it(data_copy, edit, bom):
    path = data_copy / "events.csv"
    edit_lines(path, edit)
    if edit is last_line_short:
        path.write_bytes(path.read_bytes().rstrip(b"\n"))
    if bom:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
    record = next(r for r in reader if len(r) not in (0, WIDTH))
    with pytest.raises(EventTableError) as caught:
        helpers.load_events(path)
    error = caught.value
    assert (error.line, error.event_id) == (reader.line_num, record[0])
    assert ("too many" if len(record) > WIDTH else "too few") in str(error)


# (name, change of the bytes of events.csv): each must load exactly the bundled table
SAME_TABLE = [
    ("CRLF", lambda b: b.replace(b"\n", b"\r\n")),
    ("CR only, no line feed at all", lambda b: b.replace(b"\n", b"\r")),
    ("no final line end", lambda b: b.rstrip(b"\n")),
    ("byte-order mark", lambda b: b"\xef\xbb\xbf" + b),
    ("blank lines", lambda b: b.replace(b"\n", b"\n\n", 3) + b"\n\n"),
    ("lines of spaces", lambda b: b.replace(b"\n", b"\n  \n", 2) + b"\t\n"),
    ("rows of empty cells", lambda b: b + b"," * (WIDTH - 1) + b"\n"),
]


@pytest.mark.parametrize("change", [c[1] for c in SAME_TABLE], ids=[c[0] for c in SAME_TABLE])
def test_line_end_styles_and_blank_lines_load_the_same_table(data_copy, change):
    path = data_copy / "events.csv"
    path.write_bytes(change(path.read_bytes()))
    pd.testing.assert_frame_equal(helpers.load_events(path), helpers.load_events())


def test_a_huge_cell_in_a_file_without_line_feeds_loads(data_copy):
    path = data_copy / "events.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame.event_id == KERRY, "summary"] = "Kerry, Putin and the missile. " * 100_000  # 3 MB
    frame.to_csv(path, index=False, lineterminator="\r")
    assert b"\n" not in path.read_bytes()
    started = time.perf_counter()
    events = helpers.load_events(path)
    assert time.perf_counter() - started < 30  # linear: well under a second; a quadratic scan takes hours
    assert len(events.set_index("event_id").at[KERRY, "summary"]) == 3_000_000


@pytest.mark.parametrize(
    "content",
    [b"event_id," * 500_000, b"a" * 5_000_000, b",".join([b"event_id"] + [b"x"] * 1_000_000)],
    ids=["a header of half a million names", "one 5 MB word", "a million fields"],
)
def test_one_huge_line_fails_fast(tmp_path, content):
    path = tmp_path / "events.csv"
    path.write_bytes(content)
    started = time.perf_counter()
    with pytest.raises(EventTableError, match="line 1"):
        helpers.load_events(path)
    assert time.perf_counter() - started < 30


def test_a_huge_ragged_row_after_a_good_header_fails_fast(data_copy):
    path = data_copy / "events.csv"
    header = path.read_bytes().split(b"\n", 1)[0]
    path.write_bytes(header + b"\r" + b"x," * 2_000_000)
    started = time.perf_counter()
    with pytest.raises(EventTableError, match="too many fields"):
        helpers.load_events(path)
    assert time.perf_counter() - started < 30
