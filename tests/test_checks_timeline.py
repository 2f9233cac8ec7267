"""Lesson 2 exercise checks: one table of answers and verdicts per check; expected answers from the data."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import helpers
from helpers.checks.timeline import (
    check_busiest_year,
    check_engagements,
    check_first_acknowledgement,
    check_meetings_figure,
    check_ryabkov_events,
    check_violation_reports,
    engagement_counts,
)
from helpers.display.feedback import Feedback

EVENTS = helpers.load_events()
PEOPLE = helpers.load_participants(events=EVENTS)
PER_YEAR = EVENTS["date_start"].dt.year.value_counts()
BUSIEST, SECOND = (int(y) for y in PER_YEAR.sort_values(ascending=False, kind="stable").index[:2])
REPORTS = int((EVENTS["category"] == "compliance report").sum())
RYABKOV_IDS = PEOPLE.loc[PEOPLE["name"] == "Sergei Ryabkov", "event_id"]
RYABKOV = int(RYABKOV_IDS.nunique())
RYABKOV_MEETINGS = int(
    (EVENTS["event_id"].isin(RYABKOV_IDS) & (EVENTS["category"] == "bilateral meeting")).sum()
)
TIMELINE_ROWS = int(((EVENTS["source_id"] == "state-2018-timeline") & (EVENTS["phase"] == "diplomacy")).sum())
COUNTS = sorted(engagement_counts())
ACKNOWLEDGED = EVENTS.loc[EVENTS["russian_response"] == "acknowledgement", "date_start"].min()

CHECKS = [
    check_engagements,
    check_busiest_year,
    check_first_acknowledgement,
    check_violation_reports,
    check_ryabkov_events,
    check_meetings_figure,
]
ODD = [
    None,
    "",
    "   ",
    "abc",
    [],
    {},
    3.5,
    True,
    float("nan"),
    float("inf"),
    object(),
    b"19",
    -1,
    10**40,
    "2017-13-45",
]


@pytest.mark.parametrize("check", CHECKS)
def test_placeholder_is_not_answered(check):
    assert check(...).status == "not answered yet"


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("answer", ODD, ids=repr)
def test_odd_answers_get_feedback_never_an_exception(check, answer):
    feedback = check(answer)
    assert isinstance(feedback, Feedback)
    assert not feedback.passed and feedback.message


def test_engagement_counts_are_worked_out_from_the_table():
    timeline = EVENTS[(EVENTS["source_id"] == "state-2018-timeline") & (EVENTS["phase"] == "diplomacy")]
    per = timeline["category"].value_counts()
    assert COUNTS[0] == per["bilateral meeting"]
    assert (
        COUNTS[-1] == per[["bilateral meeting", "experts meeting", "SVC session", "Russian statement"]].sum()
    )
    assert "bilateral meetings only" in engagement_counts()[COUNTS[0]]


# (check, answer, passes, words the message must contain)
TABLE = [
    *[(check_engagements, n, True, f"({COUNTS[0]} to {COUNTS[-1]}) stays below") for n in COUNTS],
    (check_engagements, float(COUNTS[0]), True, "Some public highlights"),
    (check_engagements, str(COUNTS[1]), True, "51"),
    (check_engagements, np.int64(COUNTS[2]), True, "defensible"),
    (check_engagements, TIMELINE_ROWS, False, "Good start: you kept only the timeline's rows"),
    (check_engagements, 30, False, "fact sheet's own claim"),
    (check_engagements, 31, False, "fact sheet's own claim"),
    (check_engagements, 51, False, "embassy FAQ"),
    (check_engagements, len(EVENTS), False, "every row"),
    (check_engagements, 100, False, f"smallest defensible count, {COUNTS[0]}"),
    (check_engagements, 19.5, False, "whole number"),
    (check_busiest_year, BUSIEST, True, f"{BUSIEST} has {PER_YEAR[BUSIEST]} events"),
    (check_busiest_year, str(BUSIEST), True, "more than any other year"),
    (check_busiest_year, SECOND, False, f"but {BUSIEST} has"),
    (check_busiest_year, 2000, False, "no event starting in 2000"),
    (check_first_acknowledgement, ACKNOWLEDGED.strftime("%Y-%m-%d"), True, "Ryabkov"),
    (check_first_acknowledgement, f" {ACKNOWLEDGED:%Y-%m-%d} ", True, "Ryabkov"),
    (check_first_acknowledgement, f"{ACKNOWLEDGED.day} {ACKNOWLEDGED:%B %Y}", True, "Ryabkov"),
    (
        check_first_acknowledgement,
        f"{ACKNOWLEDGED:%B} {ACKNOWLEDGED.day}, {ACKNOWLEDGED.year}",
        True,
        "Ryabkov",
    ),
    (check_first_acknowledgement, f"{ACKNOWLEDGED:%Y/%m/%d}", True, "Ryabkov"),
    (check_first_acknowledgement, ACKNOWLEDGED.date(), True, "Ryabkov"),
    (check_first_acknowledgement, dt.datetime.combine(ACKNOWLEDGED.date(), dt.time(15, 30)), True, "Ryabkov"),
    (check_first_acknowledgement, ACKNOWLEDGED, True, "Ryabkov"),
    (check_first_acknowledgement, np.datetime64(ACKNOWLEDGED.date()), True, "Ryabkov"),
    (check_first_acknowledgement, "12/9/2017", False, "YYYY-MM-DD"),  # 12 September or 9 December?
    (check_first_acknowledgement, ACKNOWLEDGED.year, False, "Right year"),
    (check_first_acknowledgement, "2017-11-29", False, "Christopher Ford"),
    (check_first_acknowledgement, "2017-12-08", False, "not even acknowledged"),
    (check_first_acknowledgement, "2019-01-23", False, "military attaches"),
    (check_first_acknowledgement, "2013-06-25", False, "denied"),
    (check_first_acknowledgement, "2016-01-01", False, "Not that date"),
    (check_first_acknowledgement, "not a date", False, "YYYY-MM-DD"),
    (check_violation_reports, REPORTS, True, "found Russia in violation"),
    (check_violation_reports, 1, False, "continuing violation"),
    (check_violation_reports, REPORTS - 1, False, "Close"),
    (check_violation_reports, REPORTS + 1, False, "compliance report"),
    (check_ryabkov_events, RYABKOV, True, "two dates, 14 February and 5 March 2018"),
    (check_ryabkov_events, RYABKOV_MEETINGS, False, "only his bilateral meetings"),
    (check_ryabkov_events, RYABKOV + 1, False, "nunique"),
]


@pytest.mark.parametrize(("check", "answer", "passes", "words"), TABLE, ids=lambda v: repr(v)[:40])
def test_answers_and_verdicts(check, answer, passes, words):
    feedback = check(answer)
    assert feedback.passed is passes, feedback.message
    assert words in feedback.message


def _bars(per_year: pd.Series, title: str = "") -> Figure:
    fig = Figure()
    ax = fig.add_subplot()
    ax.bar(per_year.index, per_year)
    ax.set_title(title)
    return fig


MEETINGS = EVENTS[EVENTS["category"] == "bilateral meeting"]
MEETINGS_PER_YEAR = MEETINGS.groupby(MEETINGS["date_start"].dt.year).size()
RECENT = EVENTS[EVENTS["date_start"].dt.year >= 2013]
ALL_PER_YEAR = RECENT.groupby(RECENT["date_start"].dt.year).size()

FIGURES = [
    (_bars(MEETINGS_PER_YEAR, "Bilateral meetings per year"), True, "titled"),
    (_bars(MEETINGS_PER_YEAR), False, "title"),
    (_bars(ALL_PER_YEAR, "All"), False, "every event"),
    (_bars(MEETINGS_PER_YEAR + 1, "Off by one"), False, "do not match"),
    (Figure(), False, "Give the figure itself"),
    (_bars(pd.Series(dtype=int), "Empty"), False, "no bars"),
]


@pytest.mark.parametrize(("figure", "passes", "words"), FIGURES)
def test_meetings_figure(figure, passes, words):
    feedback = check_meetings_figure(figure)
    assert feedback.passed is passes, feedback.message
    assert words in feedback.message
    if figure.axes:  # an Axes or a shown figure works as well as the Figure
        assert check_meetings_figure(figure.axes[0]).status == feedback.status
