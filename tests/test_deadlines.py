"""Lesson 3's dates: the real US steps from the event table, and the schedule the widget and chart draw."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import helpers
from helpers.history.withdrawal import US_STEP_EVENTS, us_step_dates, withdrawal_schedule

T = pd.Timestamp


def test_the_us_steps_are_looked_up_in_the_event_table():
    events = helpers.load_events()
    dates = us_step_dates(events)
    assert set(dates) == set(US_STEP_EVENTS)
    for key, event_id in US_STEP_EVENTS.items():
        assert dates[key] == events.set_index("event_id").date_start[event_id]
    # The rules the lesson teaches hold for the real dates: 60 days, then six calendar months.
    assert dates["suspension"] == dates["finding"] + pd.Timedelta(days=60) == dates["notice"]
    assert dates["withdrawal"] == dates["notice"] + pd.DateOffset(months=6)


def test_the_default_schedule_is_the_real_one():
    schedule = withdrawal_schedule()
    real = us_step_dates()
    assert list(schedule.columns) == ["key", "step", "date", "rule", "days_after_finding"]
    assert list(schedule.key) == list(US_STEP_EVENTS)
    assert list(schedule.date) == [real[key] for key in schedule.key]
    assert pd.api.types.is_datetime64_any_dtype(schedule.date)
    assert list(schedule.days_after_finding) == [(real[key] - real["finding"]).days for key in schedule.key]
    assert list(schedule.rule[1:]) == [
        "finding + 60 days",
        "same day as the suspension",
        "notice + 6 calendar months",
    ]


@pytest.mark.parametrize(
    ("args", "dates"),
    [
        (
            ("2019-07-02", 60, 6),
            ["2019-07-02", "2019-08-31", "2019-08-31", "2020-02-29"],
        ),  # no 31 Feb: leap day
        (("2018-07-02", 60, 6), ["2018-07-02", "2018-08-31", "2018-08-31", "2019-02-28"]),
        (("2 July 2019", "60", "6"), ["2019-07-02", "2019-08-31", "2019-08-31", "2020-02-29"]),
        (
            ("2019/07/02", pd.Timedelta(days=60), 6.0),
            ["2019-07-02", "2019-08-31", "2019-08-31", "2020-02-29"],
        ),
        ((dt.date(2018, 12, 4), 0, 0), ["2018-12-04"] * 4),
    ],
)
def test_an_imagined_schedule_reads_its_input_with_the_one_parser(args, dates):
    assert list(withdrawal_schedule(*args).date) == [T(d) for d in dates]


def test_rules_say_day_and_month_in_the_singular():
    one = withdrawal_schedule("2018-12-04", 1, 1)
    assert (one.rule.iloc[1], one.rule.iloc[3]) == ("finding + 1 day", "notice + 1 calendar month")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("2018-12-04", -1, 6), "0 or more"),
        (("2018-12-04", 60, -6), "0 or more"),
        (("", 60, 6), "is not a date"),
        (("9/12/2017", 60, 6), "could be 9 December or 12 September"),
        (("2018-02-30", 60, 6), "not a day on the calendar"),
        (("2018-12-04", "sixty", 6), "not a number"),
        (("2018-12-04", 2.5, 6), "not a whole number"),
        (("2018-12-04", pd.Timedelta(hours=36), 6), "not a whole number of days"),
        (("2018-12-04", 60, 10**9), "1900 to 2100"),
        (("2018-12-04", 10**12, 6), "1900 to 2100"),
        (("2018-12-04", 60, 1200), "1900 to 2100"),
    ],
)
def test_withdrawal_schedule_refuses_with_a_message_to_act_on(args, words):
    with pytest.raises(ValueError, match=words):
        withdrawal_schedule(*args)
