"""The loader's fast shape check: it vouches for a file only when the exact csv scan would, and ragged
rows are still reported exactly as the csv scan reports them."""

from __future__ import annotations

import collections
import csv
import io
import random
from pathlib import Path

import pytest

import helpers
from benchmarks.synthetic import write_synthetic_tables
from helpers import EventTableError
from helpers.data import loading

from .conftest import edit_lines


def exact_scan_ok(path: Path, width: int) -> bool:
    """The csv module's verdict, as the loader computed it before the fast path existed."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        lengths = collections.Counter(map(len, csv.reader(handle)))
    lengths.pop(0, None)
    return set(lengths) <= {width}


def fast(path: Path, width: int) -> bool:
    return loading._shape_is_regular(path, width)


# (text, width, verdict): True, the fast check vouches for the file; False, the file is ragged and both
# checks say so; None, the file is not ragged for the csv module but the fast check leaves it to the csv
# scan (quotes used in ways spreadsheets never write).
CASES = {
    "plain": ("a,b,c\n1,2,3\n", 3, True),
    "too few": ("a,b,c\n1,2\n", 3, False),
    "too many": ("a,b,c\n1,2,3,4\n", 3, False),
    "quoted comma": ('a,b,c\n1,"x, y",3\n', 3, True),
    "quoted commas that look like extra fields": ('a,b,c\n1,"x,y,z",3\n', 3, True),
    "quoted comma but a field missing": ('a,b,c\n1,"x,y"\n', 3, False),
    "quoted newline": ('a,b,c\n1,"line\nbreak",3\n', 3, True),
    "quoted newline then too few": ('a,b,c\n1,"line\nbreak"\n4,5,6\n', 3, False),
    "escaped quotes": ('a,b,c\n1,"say ""hi"", ok",3\n', 3, True),
    "only quotes": ('a,b,c\n"""",",",""\n', 3, True),
    "escaped quote before a real delimiter": ('a,b,c\n"x""",y,z\n', 3, True),
    "CRLF": ("a,b,c\r\n1,2,3\r\n", 3, True),
    "CRLF too few": ("a,b,c\r\n1,2\r\n", 3, False),
    "CRLF too many": ("a,b,c\r\n1,2,3,4\r\n", 3, False),
    "quoted CRLF": ('a,b,c\r\n1,"x\r\ny",3\r\n', 3, True),
    "lone CR": ("a,b,c\r1,2,3\r", 3, True),
    "lone CR too few": ("a,b,c\r1,2\r", 3, False),
    "CR after a closing quote": ('a,b,c\r1,2,"3"\r4,5,6\r', 3, True),
    "BOM": ("\ufeffa,b,c\n1,2,3\n", 3, True),
    "BOM then a quoted header": ('\ufeff"a",b,c\n1,2,3\n', 3, True),
    "BOM and too few": ("\ufeffa,b,c\n1,2\n", 3, False),
    "blank lines": ("a,b,c\n\n1,2,3\n\n\n", 3, True),
    "blank CRLF lines": ("a,b,c\r\n\r\n1,2,3\r\n\r\n", 3, True),
    "a line of spaces": ("a,b,c\n \n1,2,3\n", 3, False),
    "no final line end": ("a,b,c\n1,2,3", 3, True),
    "no final line end and too few": ("a,b,c\n1,2", 3, False),
    "closing quote at the very end": ('a,b,c\n1,2,"3"', 3, True),
    "unclosed quote": ('a,b,c\n1,"2,3\n', 3, False),
    "unclosed quote at the end": ('a,b,c\n1,2,"', 3, None),
    "NUL byte": ("a,b,c\n1,\x00,3\n", 3, True),
    "non-ASCII text": ('a,b,c\n1,é,"ü, ö"\n', 3, True),
    "one column": ("a\n1\n\n2\n", 1, True),
    "quote inside an unquoted field": ('a,b,c\n1,5" gun,3\n', 3, None),
    "text after a closing quote": ('a,b,c\n1,"x"y,3\n', 3, None),
    "quote inside a field that fools parity": ('a,b,c\n1,x",y,"z\n', 3, False),
}


@pytest.mark.parametrize("name", CASES)
def test_fast_check_on_hand_made_files(tmp_path, name):
    text, width, verdict = CASES[name]
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode("utf-8"))
    assert fast(path, width) is bool(verdict)
    assert exact_scan_ok(path, width) is (verdict is not False)


@pytest.mark.parametrize("block", [1, 2, 3, 7, 64])
def test_block_boundaries_change_nothing(tmp_path, monkeypatch, block):
    monkeypatch.setattr(loading, "_BLOCK", block)
    path = tmp_path / "t.csv"
    for name, (text, width, expected) in CASES.items():
        path.write_bytes(text.encode("utf-8"))
        assert fast(path, width) is bool(expected), name


def test_a_synthetic_table_is_vouched_for_in_every_block_size(tmp_path, monkeypatch):
    path = write_synthetic_tables(tmp_path, 300, seed=4) / "events.csv"
    width = len(helpers.load_events().columns)
    for block in (5, 97, 4096, 1 << 20):
        monkeypatch.setattr(loading, "_BLOCK", block)
        assert fast(path, width), block
    edit_lines(path, lambda lines: lines[:-1] + [lines[-1] + ","])  # one field too many at the very end
    for block in (5, 97, 4096, 1 << 20):
        monkeypatch.setattr(loading, "_BLOCK", block)
        assert not fast(path, width), block
    assert not exact_scan_ok(path, width)


def _random_csv(rng: random.Random, width: int) -> str:
    """A file as csv.writer writes it, sometimes with a ragged row or a blank line."""
    alphabet = ["a", "b", ",", '"', "\n", "\r", " ", "é"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=rng.choice(["\n", "\r\n", "\r"]))
    for _ in range(rng.randint(1, 6)):
        fields = width if rng.random() < 0.8 else rng.randint(0, width + 2)
        if fields == 0:
            buffer.write(rng.choice(["\n", "\r\n", ""]))
            continue
        writer.writerow(["".join(rng.choices(alphabet, k=rng.randint(0, 4))) for _ in range(fields)])
    text = buffer.getvalue()
    return text.rstrip("\r\n") if rng.random() < 0.3 else text


def test_random_files_agree_with_the_csv_module(tmp_path, monkeypatch):
    """Files as csv.writer writes them: the fast check agrees exactly. Arbitrary bytes: it is never wrong."""
    rng = random.Random(20260101)
    path = tmp_path / "t.csv"
    for trial in range(3000):
        width = rng.randint(1, 4)
        written = trial % 2 == 0
        if written:
            text = _random_csv(rng, width)
        else:
            text = "".join(rng.choices(["a", ",", '"', "\n", "\r", " "], k=rng.randint(0, 20)))
        if rng.random() < 0.1:
            text = "\ufeff" + text
        path.write_bytes(text.encode("utf-8"))
        monkeypatch.setattr(loading, "_BLOCK", rng.choice([1, 3, 8, 1 << 20]))
        verdict, truth = fast(path, width), exact_scan_ok(path, width)
        if written:
            assert verdict == truth, repr(text)
        else:
            assert truth or not verdict, repr(text)


def test_records_longer_than_the_csv_field_limit_are_left_to_the_csv_scan(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1," + "x" * 50 + "\n", encoding="utf-8")
    old = csv.field_size_limit(40)
    try:
        assert not fast(path, 2)
        with pytest.raises(csv.Error):
            exact_scan_ok(path, 2)  # what the loader has always met in this case
    finally:
        csv.field_size_limit(old)
    assert fast(path, 2)


KERRY = "2015-05-12-kerry-raises-with-putin"


def _both_ways(path: Path, monkeypatch) -> tuple[EventTableError, EventTableError]:
    """The error with the fast check, and with the fast check switched off (the csv scan alone)."""
    with pytest.raises(EventTableError) as with_fast:
        helpers.load_events(path)
    with monkeypatch.context() as patch:
        patch.setattr(loading, "_shape_is_regular", lambda path, width: False)
        with pytest.raises(EventTableError) as csv_only:
            helpers.load_events(path)
    return with_fast.value, csv_only.value


def _ragged_edits():
    def too_many(lines):
        i = next(i for i, line in enumerate(lines) if line.startswith(KERRY + ","))
        lines[i] = lines[i].replace(",bilateral meeting,", ",bilateral,meeting,", 1)
        return lines

    def too_few(lines):
        i = next(i for i, line in enumerate(lines) if line.startswith(KERRY + ","))
        lines[i] = lines[i].rsplit(",", 1)[0]
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

    def last_line_short_without_line_end(lines):
        return lines[:-1] + [lines[-1].rsplit(",", 2)[0]]

    return [
        too_many,
        too_few,
        too_few_after_a_quoted_line_break,
        crlf_and_too_many,
        last_line_short_without_line_end,
    ]


@pytest.mark.parametrize("edit", _ragged_edits(), ids=lambda f: f.__name__)
@pytest.mark.parametrize("bom", [False, True], ids=["", "bom"])
def test_ragged_rows_get_the_same_error_as_from_the_csv_scan(data_copy, monkeypatch, edit, bom):
    path = data_copy / "events.csv"
    edit_lines(path, edit)
    if edit.__name__ == "last_line_short_without_line_end":
        path.write_bytes(path.read_bytes().rstrip(b"\n"))
    if bom:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    ours, reference = _both_ways(path, monkeypatch)
    assert str(ours) == str(reference)
    assert (ours.line, ours.column, ours.event_id) == (reference.line, reference.column, reference.event_id)
    assert "fields" in str(ours)


@pytest.mark.parametrize("ragged", [False, True], ids=["", "and-a-ragged-row"])
def test_a_bad_byte_far_down_the_file_is_an_event_table_error(data_copy, ragged):
    path = data_copy / "events.csv"
    if ragged:
        edit_lines(path, _ragged_edits()[0])
    head, last_line = path.read_bytes().rstrip(b"\n").rsplit(b"\n", 1)
    assert len(head) > 16384  # beyond what reading the header decodes
    middle = next(i for i in range(len(last_line) // 2, len(last_line)) if last_line[i : i + 1].isalpha())
    bad = last_line[:middle] + b"\xe4" + last_line[middle + 1 :]  # not valid UTF-8
    path.write_bytes(head + b"\n" + bad + b"\n")
    with pytest.raises(EventTableError, match="UTF-8") as caught:
        helpers.load_events(path)
    assert caught.value.line == head.count(b"\n") + 2


def test_the_bundled_tables_are_vouched_for():
    for name in ("events", "participants", "sources"):
        width = len(helpers.data.schema.table_schema(name).columns)
        assert fast(helpers.data.paths.DATA_DIR / f"{name}.csv", width), name
