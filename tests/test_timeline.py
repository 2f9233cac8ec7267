"""Lesson 2 figures: what they draw matches the table; dates drawn as precisely as the sources give them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers.display.style import CATEGORY_STYLE
from helpers.history import timeline as tl


@pytest.fixture(scope="module")
def events():
    return helpers.load_events()


@pytest.fixture(scope="module")
def participants(events):
    return helpers.load_participants(events=events)


def _collections(fig, prefix):
    return [c for ax in fig.axes for c in ax.collections if (c.get_gid() or "").startswith(prefix)]


def _day(value) -> float:
    return float(np.datetime64(pd.Timestamp(value).date(), "D").astype("int64"))


# --------------------------------------------------------------------------- dates as labels


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        ("2013-06-25", "2013-06-25", "day", "25 Jun 2013"),
        ("2017-12-12", "2017-12-14", "day", "12-14 Dec 2017"),
        ("2017-11-30", "2017-12-02", "day", "30 Nov 2017 - 2 Dec 2017"),
        ("2014-01-01", "2014-01-31", "month", "Jan 2014"),
        ("2014-01-01", "2014-02-28", "month", "Jan 2014 - Feb 2014"),
        ("2004-01-01", "2004-12-31", "year", "2004"),
        ("2018-12-04", "2019-02-02", "approximate", "between 4 Dec 2018 and 2 Feb 2019"),
    ],
)
def test_display_date(start, end, precision, expected):
    assert tl.display_date(pd.Timestamp(start), pd.Timestamp(end), precision) == expected


# --------------------------------------------------------------------------- the timeline


def test_default_timeline_draws_every_event_from_2013_once(events):
    recent = events[events["date_end"] >= "2013-01-01"]
    drawn = tl.drawn_items(tl.plot_timeline(events))
    assert drawn.points == int((recent["date_precision"] == "day").sum())
    assert drawn.spans == int((recent["date_precision"] != "day").sum())
    assert drawn.points + drawn.spans == len(recent) == 61
    assert drawn.rows == tuple(c for c in tl.ROW_ORDER if c in set(recent["category"].astype(str)))


def test_background_option_adds_the_early_events_and_widens_the_axis(events):
    fig = tl.plot_timeline(events, include_background=True)
    drawn = tl.drawn_items(fig)
    assert drawn.points + drawn.spans == len(events)
    left, right = fig.axes[0].get_xlim()
    assert left <= _day("1987-12-08") and right >= _day("2019-08-02")
    default_left = tl.plot_timeline(events).axes[0].get_xlim()[0]
    assert default_left == _day("2013-01-01")


def test_month_precision_events_are_spans_covering_the_whole_month(events):
    months = events[events["date_precision"] == "month"]
    from helpers.display.figures import new_figure

    fig, ax = new_figure()
    result = tl.draw_timeline(ax, months, legend=False)
    assert (result.points, result.spans) == (0, len(months))
    (boxes,) = _collections(fig, "spans")
    extents = sorted((path.vertices[:, 0].min(), path.vertices[:, 0].max()) for path in boxes.get_paths())
    expected = sorted(
        (_day(row.date_start), _day(row.date_end) + 1) for row in months.itertuples()
    )  # to the end of the last day
    assert extents == expected
    assert not _collections(fig, "points|")


def test_day_events_are_points_at_their_date_in_their_category_row(events):
    fig = tl.plot_timeline(events)
    rows = tl.drawn_items(fig).rows
    (reports,) = _collections(fig, "points|compliance report")
    xs = sorted(reports.get_offsets()[:, 0])
    expected = sorted(_day(d) for d in events.loc[events["category"] == "compliance report", "date_start"])
    assert xs == expected
    row = len(rows) - 1 - rows.index("compliance report")
    assert np.allclose(reports.get_offsets()[:, 1], row)
    colour, marker = CATEGORY_STYLE["compliance report"]
    assert tuple(reports.get_facecolor()[0][:3]) == pytest.approx(
        tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    )


def test_events_on_the_same_day_in_one_row_are_pulled_apart(events):
    fig = tl.plot_timeline(events)
    (measures,) = _collections(fig, "points|US measure")
    same_day = measures.get_offsets()[measures.get_offsets()[:, 0] == _day("2017-12-08")]
    assert len(same_day) == 3
    assert len(set(np.round(same_day[:, 1], 3))) == 3


def test_highlight_greys_out_the_other_categories(events):
    fig = tl.plot_compliance_reports(events)
    (reports,) = _collections(fig, "points|compliance report")
    (meetings,) = _collections(fig, "points|bilateral meeting")
    assert reports.get_facecolor()[0][:3] != pytest.approx(meetings.get_facecolor()[0][:3])
    assert meetings.get_facecolor()[0][:3] == pytest.approx((0xB8 / 255,) * 3)
    labels = [t.get_text() for t in fig.axes[0].texts]
    for label in ("31 Jul 2014", "5 Jun 2015", "11 Apr 2016", "14 Apr 2017", "12 Apr 2018"):
        assert label in labels


def test_timeline_has_a_legend_explaining_points_and_boxes(events):
    legend = tl.plot_timeline(events).axes[0].get_legend()
    texts = [t.get_text() for t in legend.get_texts()]
    assert "exact day known" in texts
    assert any("inside the box" in t for t in texts)
    assert "US-Russian talks" in texts


def test_an_empty_table_draws_an_empty_timeline(events):
    fig = tl.plot_timeline(events.iloc[0:0])
    assert tl.drawn_items(fig) == tl.TimelineDrawing(0, 0, ())


def test_figures_are_white_and_not_attached_to_pyplot(events, participants):
    figures = [
        tl.plot_timeline(events),
        tl.plot_events_per_year(events),
        tl.plot_top_participants(events, participants),
        tl.plot_meeting_matrix(tl.meeting_matrix(events, participants)),
        tl.plot_russian_responses(events),
    ]
    for fig in figures:
        assert fig.get_facecolor()[:3] == (1.0, 1.0, 1.0)
        assert fig.canvas.manager is None  # no pyplot window: shown only through show_figure


# --------------------------------------------------------------------------- per year


def test_events_per_year_counts_by_start_year_and_fills_empty_years():
    frame = pd.DataFrame(
        {
            "date_start": pd.to_datetime(["2013-05-01", "2013-06-25", "2016-01-01", "2018-12-04"]),
            "category": ["bilateral meeting", "Russian statement", "bilateral meeting", "treaty action"],
        }
    )
    table = tl.events_per_year(frame, 2013, 2018)
    assert list(table.index) == [2013, 2014, 2015, 2016, 2017, 2018]
    assert list(table.columns) == ["bilateral meeting", "Russian statement", "treaty action"]
    assert table.loc[2013].tolist() == [1, 1, 0]
    assert table.loc[2014].sum() == 0


def test_stacked_bars_add_up_to_the_yearly_totals(events):
    fig = tl.plot_events_per_year(events)
    ax = fig.axes[0]
    tops: dict[float, float] = {}
    for bar in ax.patches:
        x = round(bar.get_x() + bar.get_width() / 2)
        tops[x] = max(tops.get(x, 0), bar.get_y() + bar.get_height())
    totals = events["date_start"].dt.year.value_counts()
    assert {year: int(top) for year, top in tops.items()} == {
        y: int(totals.get(y, 0)) for y in range(2013, 2020)
    }
    shown = {t.get_text() for t in ax.texts}
    assert {"19", "17"} <= shown


# --------------------------------------------------------------------------- people


def test_people_leaves_out_bodies(participants):
    who = tl.people(participants)
    assert who["title"].notna().all()
    assert not {"Russian Government", "NATO Allies", "United States Government"} & set(who["name"])


def test_top_participants_counts_distinct_events_and_keeps_ties(events, participants):
    russia = tl.top_participants(events, participants, side="Russia", n=2)
    assert russia.to_dict() == {"Sergei Ryabkov": 10, "Sergey Lavrov": 4}
    us = tl.top_participants(events, participants, side="United States", n=5)
    assert us.iloc[0] == 4 and us.index[0] == "Rose Gottemoeller"
    assert len(us) >= 5 and (us.iloc[4:] == us.iloc[4]).all()


def test_meeting_matrix_counts_pairs_in_bilateral_meetings(events, participants):
    matrix = tl.meeting_matrix(events, participants)
    assert matrix.loc["Jon Huntsman", "Sergei Ryabkov"] == 3
    assert matrix.loc["Rose Gottemoeller", "Sergei Ryabkov"] == 3
    assert matrix.loc["John Bolton"].sum() == 4  # Patrushev twice, Putin and Lavrov once
    assert "Russian counterparts (not named)" not in matrix.columns
    assert "Sergey Kislyak" not in matrix.columns  # his answer is a statement, not a meeting
    total_pairs = 0
    meeting_ids = events.loc[events["category"] == "bilateral meeting", "event_id"]
    who = tl.people(participants)
    for event_id in meeting_ids:
        sides = who.loc[who["event_id"] == event_id, "side"].astype(str)
        total_pairs += int((sides == "United States").sum() * (sides == "Russia").sum())
    assert int(matrix.to_numpy().sum()) == total_pairs


def test_top_participant_panels_share_one_scale(events, participants):
    fig = tl.plot_top_participants(events, participants)
    assert fig.axes[0].get_xlim() == fig.axes[1].get_xlim()
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["United States", "Russia"]


# --------------------------------------------------------------------------- Russia's answers


def test_russian_responses_figure(events):
    fig = tl.plot_russian_responses(events)
    drawn = tl.drawn_items(fig)
    answers = events[events["russian_response"].notna()]
    assert drawn.points == int((answers["date_precision"] == "day").sum()) == 7
    assert drawn.spans == int((answers["date_precision"] != "day").sum()) == 1  # the 60 days from 4 Dec 2018
    denials = int((answers["russian_response"] == "denial").sum())
    assert drawn.rows == (
        f"denial ({denials} entries)",
        "acknowledgement (1 entry)",
        "refusal (1 entry)",
        "suspension (1 entry)",
    )
    assert denials == 5  # the May 2013 entry's 'subsequently denies' is the dated June/Nov 2013 rows
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert {"9 Dec 2017", "21 Jun 2018", "2 Feb 2019", "first: 25 Jun 2013"} <= labels
    assert "last: between 4 Dec 2018 and 2 Feb 2019" in labels
