"""Lesson 2 exercise checks: right answers pass, wrong ones get specific hints, odd input never raises."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from helpers.checks.timeline import (
    check_busiest_year,
    check_engagements,
    check_first_acknowledgement,
    check_ryabkov_events,
    check_violation_reports,
    engagement_counts,
)
from helpers.display.feedback import Feedback

CHECKS = [
    check_engagements,
    check_busiest_year,
    check_first_acknowledgement,
    check_violation_reports,
    check_ryabkov_events,
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
    assert not feedback.passed
    assert feedback.message


def test_engagement_counts_are_worked_out_from_the_table():
    counts = engagement_counts()
    assert sorted(counts) == [19, 22, 24, 27]
    assert "bilateral meetings only" in counts[19]
    assert "Russia's three recorded answers" in counts[27]


@pytest.mark.parametrize("answer", [19, 22, 24, 27, 19.0, "24", np.int64(22)])
def test_every_defensible_engagement_count_passes_with_its_explanation(answer):
    feedback = check_engagements(answer)
    assert feedback.passed
    assert "Some public highlights" in feedback.message and "51" in feedback.message
    assert "(19 to 27) stays below" in feedback.message


def test_counting_every_timeline_row_is_not_an_engagement_count():
    feedback = check_engagements(52)
    assert not feedback.passed
    assert "Good start: you kept only the timeline's rows" in feedback.message
    for words in ("allied consultations", "NATO statements", "not engagements with the Russian government"):
        assert words in feedback.message


@pytest.mark.parametrize(
    ("answer", "words"),
    [(30, "fact sheet's own claim"), (31, "fact sheet's own claim"), (51, "embassy FAQ"), (66, "every row")],
)
def test_tempting_engagement_numbers_get_specific_hints(answer, words):
    feedback = check_engagements(answer)
    assert not feedback.passed and words in feedback.message


@pytest.mark.parametrize("answer", [0, 5, 20, 40, 100, 19.5])
def test_unreasonable_engagement_counts_are_rejected(answer):
    assert not check_engagements(answer).passed


def test_unreasonable_engagement_count_hint_names_the_range_of_contacts():
    message = check_engagements(40).message
    assert "smallest defensible count, 19" in message and "give 27" in message


def test_busiest_year():
    assert check_busiest_year(2018).passed
    assert check_busiest_year("2018").passed
    hint = check_busiest_year(2017)
    assert not hint.passed and "withdrawal phase" in hint.message
    assert "no event starting in 2000" in check_busiest_year(2000).message
    assert not check_busiest_year(2013).passed


@pytest.mark.parametrize(
    "answer",
    [
        "2017-12-09",
        " 2017-12-09 ",
        "9 December 2017",
        "December 9, 2017",
        dt.date(2017, 12, 9),
        dt.datetime(2017, 12, 9, 15, 30),
        pd.Timestamp("2017-12-09"),
        np.datetime64("2017-12-09"),
    ],
)
def test_first_acknowledgement_accepts_any_form_of_the_date(answer):
    feedback = check_first_acknowledgement(answer)
    assert feedback.passed and "Ryabkov" in feedback.message


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (2017, "Right year"),
        ("2017-11-29", "Christopher Ford"),
        ("2017-12-08", "not even acknowledged"),
        ("2019-01-23", "military attaches"),
        ("2013-06-25", "denied"),
        ("2016-01-01", "Not that date"),
        ("not a date", "YYYY-MM-DD"),
    ],
)
def test_first_acknowledgement_wrong_dates_get_specific_hints(answer, words):
    feedback = check_first_acknowledgement(answer)
    assert not feedback.passed and words in feedback.message


def test_violation_reports():
    assert check_violation_reports(5).passed
    assert "continuing violation" in check_violation_reports(1).message
    assert "Close" in check_violation_reports(4).message
    assert not check_violation_reports(6).passed


def test_ryabkov_events():
    assert check_ryabkov_events(10).passed
    assert "two dates, 14 February and 5 March 2018" in check_ryabkov_events(10).message
    assert "only his bilateral meetings" in check_ryabkov_events(8).message
    assert not check_ryabkov_events(11).passed
