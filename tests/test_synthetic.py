"""Synthetic tables: valid under the schema, true to the coding rules, deterministic, and CSV-hard."""

from __future__ import annotations

import csv
import re

import numpy as np
import pandas as pd
import pytest

import helpers
from benchmarks.synthetic import (
    synthetic_events,
    synthetic_participants,
    synthetic_tables,
    write_synthetic_tables,
)
from helpers.data.schema import table_schema, vocabulary

N = 2000


@pytest.fixture(scope="module")
def tables():
    return synthetic_tables(N, seed=0)


@pytest.mark.parametrize("seed", [0, 7])
def test_written_tables_load_back_unchanged(tmp_path, seed):
    written = write_synthetic_tables(tmp_path / "synthetic", 500, seed=seed)
    assert sorted(p.name for p in written.iterdir()) == ["events.csv", "participants.csv", "sources.csv"]
    loaded = helpers.load_tables(written)
    expected = synthetic_tables(500, seed=seed)
    pd.testing.assert_frame_equal(loaded.events, expected.events)
    pd.testing.assert_frame_equal(loaded.participants, expected.participants)
    pd.testing.assert_frame_equal(loaded.sources, helpers.load_sources())


def test_same_seed_same_table_other_seed_other_table():
    assert synthetic_events(300, seed=5).equals(synthetic_events(300, seed=5))
    assert synthetic_participants(300, seed=5).equals(synthetic_participants(300, seed=5))
    assert not synthetic_events(300, seed=5).equals(synthetic_events(300, seed=6))


def test_events_have_the_loaders_columns_and_dtypes(tables):
    real = helpers.load_events()
    assert list(tables.events.columns) == list(real.columns)
    assert tables.events.dtypes.equals(real.dtypes)
    assert list(tables.participants.columns) == table_schema("participants").columns


def test_event_ids_are_unique_readable_slugs_starting_with_the_date(tables):
    events = tables.events
    assert events.event_id.is_unique
    assert events.event_id.str.fullmatch(table_schema("events").field("event_id").pattern).all()
    day = events.date_start.dt.strftime("%Y-%m-%d")
    month = events.date_start.dt.strftime("%Y-%m")
    year = events.date_start.dt.strftime("%Y")
    prefix = np.select([events.date_precision == "day", events.date_precision == "month"], [day, month], year)
    ids = events.event_id.to_numpy(dtype=object)
    assert all(i.startswith(p + "-") for i, p in zip(ids, prefix, strict=True))
    # After a month-precision date comes a word, not a day: the id never claims more precision.
    month_ids = events.event_id[events.date_precision == "month"]
    assert not month_ids.str.match(r"\d{4}-\d{2}-\d{2}-").any()


def test_dates_follow_the_precision_rules(tables):
    events = tables.events
    start, end, precision = events.date_start, events.date_end, events.date_precision
    assert (end >= start).all()
    assert start.dt.year.min() >= 1987 and end.dt.year.max() <= 2019
    month = precision == "month"
    assert (start[month].dt.is_month_start & end[month].dt.is_month_end).all()
    assert (start[month].dt.to_period("M") == end[month].dt.to_period("M")).all()
    year = precision == "year"
    assert (start[year].dt.is_year_start & end[year].dt.is_year_end).all()
    assert (start[year].dt.year == end[year].dt.year).all()
    assert set(precision) == set(vocabulary("events", "date_precision"))
    assert events.date_start.is_monotonic_increasing


def test_phase_follows_the_start_date(tables):
    events = tables.events
    expected = np.select(
        [events.date_start < "2013-01-01", events.date_start < "2018-12-04"],
        ["background", "diplomacy"],
        "withdrawal",
    )
    assert (events.phase.astype(str).to_numpy() == expected).all()
    assert set(events.phase) == {"background", "diplomacy", "withdrawal"}


def test_categories_and_responses_are_plausible(tables):
    events = tables.events
    assert set(events.category) == set(vocabulary("events", "category"))
    answered = events.russian_response.notna()
    assert answered.any() and not answered.all()
    talks = ["bilateral meeting", "experts meeting", "SVC session", "Russian statement", "Russian action"]
    assert events.category[answered].isin(talks).all()
    assert events.category[events.phase == "background"].ne("experts meeting").all()


def test_sources_exist_and_every_row_says_it_is_synthetic(tables):
    events, sources = tables.events, tables.sources
    assert events.source_id.isin(sources.source_id).all()
    referenced = events.date_source_id.dropna()
    assert len(referenced) and referenced.isin(sources.loc[sources.role == "reference", "source_id"]).all()
    assert events.summary.str.startswith("Synthetic event: ").all()
    for column in ("date_text", "notes", "date_source_id"):
        assert events[column].isna().any() and events[column].notna().any(), column


def test_participants_fit_their_events(tables):
    events, people = tables.events, tables.participants
    assert not people.duplicated(["event_id", "name"]).any()
    counts = people.groupby("event_id").size()
    assert set(counts.index) == set(events.event_id) and counts.between(1, 3).all()
    first = people.drop_duplicates("event_id").set_index("event_id").name
    summaries = events.set_index("event_id").summary
    assert all(summaries[e].startswith(f"Synthetic event: {name} ") for e, name in first.items())
    start = people.event_id.map(events.set_index("event_id").date_start)
    assert (start[people.side == "Soviet Union"] < "1992-01-01").all()
    assert (start[people.side == "Russia"] >= "1992-01-01").all()
    assert set(people.side) == set(vocabulary("participants", "side"))
    assert people.title.isna().any() and people.title.notna().any()


def test_csv_exercises_quoting(tmp_path):
    folder = write_synthetic_tables(tmp_path, 400, seed=1)
    text = (folder / "events.csv").read_text(encoding="utf-8")
    assert '""' in text  # doubled quotes inside a quoted cell
    with (folder / "events.csv").open(newline="", encoding="utf-8") as handle:
        records = list(csv.reader(handle))
    cells = [cell for record in records[1:] for cell in record]
    assert any("," in cell and '"' in cell for cell in cells)
    assert any("\n" in cell for cell in cells)  # a line break inside a quoted cell
    assert len(text.split("\n")) > len(records)  # so physical lines outnumber records
    assert {len(record) for record in records} == {len(records[0])}


@pytest.mark.parametrize("bad", [-1, 2.5, "10", True, None])
def test_a_bad_size_is_refused(bad):
    with pytest.raises(ValueError, match="whole number"):
        synthetic_events(bad)


def test_writing_needs_at_least_one_event(tmp_path):
    with pytest.raises(ValueError, match="1 or more"):
        write_synthetic_tables(tmp_path, 0)
    assert not any(tmp_path.iterdir())


def test_empty_and_tiny_tables():
    assert len(synthetic_events(0)) == 0
    assert list(synthetic_events(0).columns) == list(helpers.load_events().columns)
    one = synthetic_tables(1)
    assert len(one.events) == 1 and 1 <= len(one.participants) <= 3


def test_event_ids_stay_unique_at_scale():
    events = synthetic_events(200_000, seed=2)
    assert events.event_id.is_unique
    assert re.fullmatch(r"\d{4}(-\d{2}){0,2}-[a-z0-9-]+-\d+", events.event_id.iloc[-1])
