"""Date arithmetic for lesson 3: parsing, days versus calendar months, month ends, the 2018-2019 schedule."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers.history.withdrawal import (
    add_period,
    days_between,
    long_date,
    to_date,
    whole_number,
    withdrawal_schedule,
)

T = pd.Timestamp


# ------------------------------------------------ to_date


@pytest.mark.parametrize(
    "value",
    [
        "2018-12-04",
        " 2018-12-4 ",
        "4 December 2018",
        "December 4, 2018",
        "4 Dec 2018",
        dt.date(2018, 12, 4),
        dt.datetime(2018, 12, 4, 15, 30),
        T("2018-12-04 09:00"),
        T("2018-12-04", tz="Europe/Brussels"),
        np.datetime64("2018-12-04"),
    ],
)
def test_to_date_accepts_the_usual_forms_and_drops_the_time(value):
    result = to_date(value)
    assert result == T("2018-12-04")
    assert result.tz is None


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("hello", "could not be read"),
        ("04/12/2018", "ambiguous"),
        ("12.04.2018", "ambiguous"),
        ("2018-02-30", "not a real day"),
        ("2018-13-01", "not a real day"),
        ("December 2018", "needs a day"),
        ("Dec", "needs a day"),
        (None, "No date"),
        (..., "No date"),
        (20181204, "is a number"),
        (True, "is a number"),
        (4.5, "is a number"),
        ([2018, 12, 4], "is not a date"),
        (pd.NaT, "not a date"),
    ],
)
def test_to_date_raises_a_clear_value_error(value, words):
    with pytest.raises(ValueError, match=words) as caught:
        to_date(value)
    assert "YYYY-MM-DD" in str(caught.value) or "calendar" in str(caught.value)


def test_long_date_needs_no_locale():
    assert long_date("2019-08-02") == "2 August 2019"
    assert long_date(dt.date(2018, 12, 4)) == "4 December 2018"


# ------------------------------------------------ whole_number


@pytest.mark.parametrize(
    ("value", "expected"), [(60, 60), (60.0, 60), ("60", 60), (" -3 ", -3), (np.int64(6), 6)]
)
def test_whole_number_accepts_whole_numbers(value, expected):
    assert whole_number(value) == expected
    assert type(whole_number(value)) is int


@pytest.mark.parametrize("value", [2.5, "sixty", "6 months", True, None, ..., [6], float("nan")])
def test_whole_number_refuses_everything_else(value):
    with pytest.raises(ValueError, match="whole number"):
        whole_number(value, "notice_months")


# ------------------------------------------------ add_period


def test_the_deadline_and_the_notice_of_2018_2019():
    assert add_period("2018-12-04", days=60) == T("2019-02-02")
    assert add_period("2019-02-02", months=6) == T("2019-08-02")
    assert add_period("2018-12-04") == T("2018-12-04")


def test_six_months_are_calendar_months_not_180_days():
    assert add_period("2019-02-02", days=180) == T("2019-08-01")
    assert add_period("2019-02-02", months=6) != add_period("2019-02-02", days=180)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2018-08-31", 6, "2019-02-28"),  # no 31 February: clipped to the month's last day
        ("2019-08-31", 6, "2020-02-29"),  # leap year: 29 February
        ("2023-08-31", 6, "2024-02-29"),
        ("2019-03-31", 6, "2019-09-30"),  # 30-day month
        ("2020-02-29", 12, "2021-02-28"),  # leap day + a year
        ("2020-02-29", 48, "2024-02-29"),
        ("2020-01-31", 1, "2020-02-29"),
        ("2019-08-02", -6, "2019-02-02"),  # backwards
    ],
)
def test_month_ends_clip_to_the_last_day_of_the_month(start, months, expected):
    assert add_period(start, months=months) == T(expected)


def test_leap_years_change_day_counts():
    assert add_period("2020-02-01", days=29) == T("2020-03-01")
    assert add_period("2019-02-01", days=29) == T("2019-03-02")


def test_months_are_added_before_days():
    # 31 January + 1 month = 28 February (clipped), then + 1 day = 1 March.
    assert add_period("2019-01-31", days=1, months=1) == T("2019-03-01")


def test_negative_days_count_backwards():
    assert add_period("2019-02-02", days=-60) == T("2018-12-04")


def test_periods_given_as_text_or_whole_floats_work():
    assert add_period("2018-12-04", days="60") == add_period("2018-12-04", days=60.0) == T("2019-02-02")


@pytest.mark.parametrize(
    ("date", "days", "months", "words"),
    [
        ("2018-12-04", 10**9, None, "years 1 to 9999"),
        ("2018-12-04", 10**30, None, "years 1 to 9999"),
        ("2018-12-04", None, 10**6, "years 1 to 9999"),
        ("9999-12-01", 60, None, "years 1 to 9999"),
        ("0001-01-05", -10, None, "years 1 to 9999"),
        ("2018-12-04", 2.5, None, "whole number"),
        ("2018-12-04", None, "six", "whole number"),
        ("not a date", 60, None, "could not be read"),
    ],
)
def test_add_period_raises_a_clear_value_error(date, days, months, words):
    with pytest.raises(ValueError, match=words):
        add_period(date, days=days, months=months)


# ------------------------------------------------ days_between


def test_days_between():
    assert days_between("2018-12-04", "2019-02-02") == 60
    assert days_between("2019-02-02", "2019-08-02") == 181
    assert days_between("2019-08-02", "2019-02-02") == -181
    assert days_between("2020-02-01", "2020-03-01") == 29
    assert days_between(dt.date(2019, 2, 2), T("2019-02-02 23:00")) == 0
    assert type(days_between("2018-12-04", "2019-02-02")) is int


def test_days_between_rejects_bad_dates():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        days_between("yesterday", "2019-02-02")


# ------------------------------------------------ withdrawal_schedule


def test_the_default_schedule_is_the_real_one():
    schedule = withdrawal_schedule()
    assert list(schedule.columns) == ["key", "step", "date", "rule", "days_after_finding"]
    assert list(schedule.key) == ["finding", "suspension", "notice", "withdrawal"]
    assert list(schedule.date) == [T("2018-12-04"), T("2019-02-02"), T("2019-02-02"), T("2019-08-02")]
    assert list(schedule.days_after_finding) == [0, 60, 60, 241]
    assert pd.api.types.is_datetime64_any_dtype(schedule.date)
    assert schedule.rule.iloc[1] == "finding + 60 days"
    assert schedule.rule.iloc[3] == "notice + 6 calendar months"


def test_the_default_schedule_agrees_with_the_event_table():
    events = helpers.load_events().set_index("event_id")
    schedule = withdrawal_schedule().set_index("key")
    assert schedule.date["finding"] == events.date_start["2018-12-04-us-finds-material-breach"]
    assert schedule.date["suspension"] == events.date_start["2019-02-02-us-suspends-obligations"]
    assert schedule.date["notice"] == events.date_start["2019-02-02-us-gives-withdrawal-notice"]
    assert schedule.date["withdrawal"] == events.date_start["2019-08-02-us-withdrawal-takes-effect"]


def test_an_imagined_schedule():
    schedule = withdrawal_schedule("2019-07-02", 60, 6)
    assert list(schedule.date) == [T("2019-07-02"), T("2019-08-31"), T("2019-08-31"), T("2020-02-29")]
    one = withdrawal_schedule(dt.date(2018, 12, 4), 1, 1)
    assert one.rule.iloc[1] == "finding + 1 day"
    assert one.rule.iloc[3] == "notice + 1 calendar month"
    zero = withdrawal_schedule("2018-12-04", 0, 0)
    assert zero.date.nunique() == 1


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("2018-12-04", -1, 6), "0 or more"),
        (("2018-12-04", 60, -6), "0 or more"),
        (("", 60, 6), "empty"),
        (("2018-12-04", "sixty", 6), "whole number"),
        (("2018-12-04", 60, 10**9), "years 1 to 9999"),
    ],
)
def test_withdrawal_schedule_raises_a_clear_value_error(args, words):
    with pytest.raises(ValueError, match=words):
        withdrawal_schedule(*args)
