"""Lesson 3's self-checks: right answers pass, likely slips get specific hints, nothing ever raises."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

import helpers
from helpers.checks.withdrawal import (
    ORDER_SOLUTION,
    ORDER_STEPS,
    SORT_SOLUTION,
    SORT_STATEMENTS,
    check_days_left,
    check_step_order,
    check_suspension_date,
    check_suspension_or_withdrawal,
    check_withdrawal_date,
)
from helpers.data.paths import REPO_ROOT
from helpers.display.feedback import Feedback
from helpers.history.withdrawal import add_period, days_between

CHECKS = [
    check_suspension_date,
    check_withdrawal_date,
    check_days_left,
    check_suspension_or_withdrawal,
    check_step_order,
]
ODD = [
    None,
    "",
    "   ",
    "nonsense",
    0,
    -1,
    10**30,
    2.5,
    float("nan"),
    True,
    [],
    [1, 2],
    {},
    {"a": 1},
    object(),
    pd.NaT,
    b"bytes",
    ["suspension"] * 9,
]
NOTEBOOK = REPO_ROOT / "notebooks" / "03-withdrawal-steps.ipynb"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_unanswered_is_not_answered_yet(check):
    assert check(...).status == "not answered yet"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("answer", ODD, ids=repr)
def test_odd_answers_get_feedback_never_an_exception(check, answer):
    feedback = check(answer)
    assert isinstance(feedback, Feedback)
    assert not feedback.passed
    assert feedback.message


# ------------------------------------------------ exercise 1: 4 Dec 2018 + 60 days


@pytest.mark.parametrize(
    "answer",
    [
        "2019-02-02",
        "2 February 2019",
        dt.date(2019, 2, 2),
        pd.Timestamp("2019-02-02"),
        add_period("2018-12-04", days=60),
    ],
)
def test_suspension_date_right(answer):
    assert check_suspension_date(answer).passed


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ("2019-02-01", "announced"),
        ("2019-02-03", "One day too many"),
        ("2019-02-04", "two calendar months"),
        ("2018-02-02", "check the year"),
        ("2019-03-05", "not 60 days"),
        ("02/02/2019", "ambiguous"),
        ("soon", "could not be read"),
        (20190202, "is a number"),
    ],
)
def test_suspension_date_hints(answer, words):
    feedback = check_suspension_date(answer)
    assert feedback.status == "try again"
    assert words in feedback.message


# ------------------------------------------------ exercise 3: 2 Feb 2019 + 6 months


@pytest.mark.parametrize(
    "answer", ["2019-08-02", add_period("2019-02-02", months=6), dt.datetime(2019, 8, 2, 12)]
)
def test_withdrawal_date_right(answer):
    assert check_withdrawal_date(answer).passed


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ("2019-08-01", "calendar months"),
        ("2019-09-02", "September 2019"),
        ("2019-06-04", "from the notice"),
        ("2019-02-02", "not six calendar months"),
        ("August 2019", "needs a day"),
    ],
)
def test_withdrawal_date_hints(answer, words):
    feedback = check_withdrawal_date(answer)
    assert feedback.status == "try again"
    assert words in feedback.message


# ------------------------------------------------ exercise 4: days left


@pytest.mark.parametrize("answer", [181, 181.0, "181", days_between("2019-02-02", "2019-08-02")])
def test_days_left_right(answer):
    assert check_days_left(answer).passed


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (180, "6 x 30"),
        (182, "both the first and the last"),
        (241, "from the finding"),
        (60, "deadline"),
        (-181, "positive"),
        (200, "Not 200"),
        ("six months", "whole number"),
        (181.5, "whole number"),
        (False, "True or False"),
    ],
)
def test_days_left_hints(answer, words):
    feedback = check_days_left(answer)
    assert feedback.status == "try again"
    assert words in feedback.message


# ------------------------------------------------ exercise 2: suspension or withdrawal


@pytest.mark.parametrize(
    "answer",
    [
        list(SORT_SOLUTION),
        tuple(SORT_SOLUTION),
        ["Suspension ", "WITHDRAWAL", "suspend", "withdraw", "s"],
        "suspension, withdrawal, suspension, withdrawal, suspension",
        dict(zip(SORT_STATEMENTS, SORT_SOLUTION, strict=True)),
    ],
)
def test_sort_right(answer):
    assert check_suspension_or_withdrawal(answer).passed


def test_sort_names_the_first_wrong_statement_with_its_hint():
    answer = list(SORT_SOLUTION)
    answer[2] = "withdrawal"  # the "withdraw in 60 days" misreport
    feedback = check_suspension_or_withdrawal(answer)
    assert feedback.status == "try again"
    assert "4 of 5 right" in feedback.message
    assert "statement 3" in feedback.message and "withdraw in 60 days" in feedback.message


def test_sort_lists_the_other_wrong_statements():
    feedback = check_suspension_or_withdrawal(["withdrawal"] * 5)
    assert "2 of 5 right" in feedback.message
    assert "statement 1" in feedback.message and "(and 3, 5)" in feedback.message


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (["suspension"] * 4, "exactly 5"),
        (["suspension", "withdrawal", "pause", "withdrawal", "suspension"], "not 'pause'"),
        (["suspension", ..., "suspension", "withdrawal", "suspension"], "Statement 2 has no answer"),
        (42, "list of 5 words"),
    ],
)
def test_sort_hints(answer, words):
    feedback = check_suspension_or_withdrawal(answer)
    assert feedback.status == "try again"
    assert words in feedback.message


def test_sort_all_placeholders_is_not_answered():
    assert check_suspension_or_withdrawal([...] * 5).status == "not answered yet"


# ------------------------------------------------ exercise 5: order the steps


@pytest.mark.parametrize(
    "answer", ["BCDEA", "b c d e a", "B, C, D, E, A", ["B", "C", "D", "E", "A"], ("b", "c", "d", "e", "a")]
)
def test_order_right(answer):
    assert check_step_order(answer).passed


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ("ABCDE", "60-day clock"),
        ("BDCEA", "first 1 step is in place; step D"),
        ("BCDAE", "first 3 steps are in place; step A"),
        ("BCDE", "missing: A"),
        ("BCDEAA", "repeated: A"),
        ("BCDEF", "missing: A; unknown or repeated: F"),
        ({"A": 1}, "as text"),
    ],
)
def test_order_hints(answer, words):
    feedback = check_step_order(answer)
    assert feedback.status == "try again"
    assert words in feedback.message


def test_the_order_solution_matches_the_dates():
    events = helpers.load_events().set_index("event_id").date_start
    dates = {
        "A": events["2019-08-02-us-withdrawal-takes-effect"],
        "B": events["2018-12-04-us-finds-material-breach"],
        "C": pd.Timestamp("2019-01-23"),  # background fact 16 (not an event row)
        "D": events["2019-02-02-us-suspends-obligations"],
        "E": pd.Timestamp("2019-03-04"),  # background fact 14 (the decree; in the notes of the Russian row)
    }
    assert "".join(sorted(dates, key=dates.get)) == ORDER_SOLUTION
    russian_row = (
        helpers.load_events().set_index("event_id").notes["2019-02-02-russia-suspends-participation"]
    )
    assert "4 March 2019" in russian_row


def test_the_checked_dates_agree_with_the_data():
    events = helpers.load_events().set_index("event_id").date_start
    assert check_suspension_date(events["2019-02-02-us-suspends-obligations"]).passed
    assert check_withdrawal_date(events["2019-08-02-us-withdrawal-takes-effect"]).passed


def test_the_notebook_shows_the_same_statements_and_steps_as_the_checks():
    if not NOTEBOOK.exists():
        pytest.skip("lesson 3 notebook not built yet")
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for statement in SORT_STATEMENTS.values():
        assert statement in markdown, statement
    for letter, step in ORDER_STEPS.items():
        assert f"**{letter}** {step}" in markdown, step
