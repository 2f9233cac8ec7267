"""Lesson 3's self-checks: one table per check of answers and the verdict each must get.

Each row is ``(answer, status, words)``: the check must give that status, and its message must contain
``words`` (``""`` when any message will do). The right dates come from the event table, so the rows
that name a date are about 2018-2019 as the table records it.
"""

from __future__ import annotations

import datetime as dt
import json

import matplotlib.pyplot as plt
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
    check_steps_figure,
    check_suspension_date,
    check_suspension_or_withdrawal,
    check_withdrawal_date,
)
from helpers.data.paths import REPO_ROOT
from helpers.display.feedback import Feedback
from helpers.history.stages import RUSSIAN_STEPS

NOTEBOOK = REPO_ROOT / "notebooks" / "03-withdrawal-steps.ipynb"
RIGHT, WRONG, BLANK = "correct", "try again", "not answered yet"
T = pd.Timestamp

# Answers no check may accept or crash on.
ODD = [None, "", "   ", "nonsense", 0, -1, 10**30, 2.5, float("nan"), True, [], [1, 2], {}, {"a": 1}]
ODD += [object(), pd.NaT, b"bytes", ["suspension"] * 9]

SUSPENSION_DATE = [
    ("2019-02-02", RIGHT, "2 February 2019"),
    ("2019/02/02", RIGHT, ""),
    ("2 February 2019", RIGHT, ""),
    (dt.date(2019, 2, 2), RIGHT, ""),
    (T("2018-12-04") + pd.Timedelta(days=60), RIGHT, ""),
    ("2019-02-01", WRONG, "announced"),
    ("2019-02-03", WRONG, "One day too many"),
    ("2019-02-04", WRONG, "two calendar months"),
    ("2018-02-02", WRONG, "check the year"),
    ("2019-03-05", WRONG, "pd.Timedelta(days=60)"),
    ("02/02/2019", RIGHT, ""),  # day and month are the same: nothing to swap
    ("01/02/2019", WRONG, "could be 1 February or 2 January"),
    ("soon", WRONG, "could not be read"),
    (20190202, WRONG, "is a number"),
    (..., BLANK, ""),
]

WITHDRAWAL_DATE = [
    ("2019-08-02", RIGHT, "2 August 2019"),
    (T("2019-02-02") + pd.DateOffset(months=6), RIGHT, ""),
    (dt.datetime(2019, 8, 2, 12), RIGHT, ""),
    ("2019-08-01", WRONG, "180 days"),
    ("2019-09-02", WRONG, "September 2019"),
    ("2019-06-04", WRONG, "from the notice"),
    ("2019-02-02", WRONG, "pd.DateOffset(months=6)"),
    ("August 2019", WRONG, "could not be read"),
    ("8/2/2019", WRONG, "YYYY-MM-DD"),
    (..., BLANK, ""),
]

DAYS_LEFT = [
    (181, RIGHT, "181 days"),
    (181.0, RIGHT, ""),
    ("181", RIGHT, ""),
    (T("2019-08-02") - T("2019-02-02"), RIGHT, ""),  # the Timedelta that section 4 teaches
    (dt.timedelta(days=181), RIGHT, ""),
    (180, WRONG, "6 x 30"),
    (182, WRONG, "both the first and the last"),
    (241, WRONG, "from the finding"),
    (60, WRONG, "deadline"),
    (-181, WRONG, "positive"),
    (200, WRONG, "subtract"),
    (pd.Timedelta(hours=12), WRONG, "whole number of days"),
    ("six months", WRONG, "not a number"),
    (181.5, WRONG, "not a whole number"),
    (False, WRONG, "True or False"),
    (..., BLANK, ""),
]

WRONG_3 = [*SORT_SOLUTION[:2], "withdrawal", *SORT_SOLUTION[3:]]  # the "withdraw in 60 days" misreport
SORT = [
    (list(SORT_SOLUTION), RIGHT, "All five right"),
    (tuple(SORT_SOLUTION), RIGHT, ""),
    (["Suspension ", "WITHDRAWAL", "suspend", "withdraw", "s"], RIGHT, ""),
    ("suspension, withdrawal, suspension, withdrawal, suspension", RIGHT, ""),
    (WRONG_3, WRONG, "4 of 5 right. Look again at statement 3: Some news reports wrote"),
    (["withdrawal"] * 5, WRONG, "2 of 5 right. Look again at statement 1"),
    (["withdrawal"] * 5, WRONG, "(and 3, 5)"),
    (["suspension"] * 4, WRONG, "exactly 5"),
    (["suspension", "withdrawal", "pause", "withdrawal", "suspension"], WRONG, "not 'pause'"),
    (["suspension", ..., "suspension", "withdrawal", "suspension"], WRONG, "must be text"),
    (42, WRONG, "list of 5 words"),
    (..., BLANK, ""),
]

ORDER = [
    ("BCDEA", RIGHT, "finding (4 Dec 2018)"),
    ("b c d e a", RIGHT, ""),
    ("B, C, D, E, A", RIGHT, ""),
    (["B", "C", "D", "E", "A"], RIGHT, ""),
    (("b", "c", "d", "e", "a"), RIGHT, ""),
    ("ABCDE", WRONG, "60-day clock"),
    ("BDCEA", WRONG, "first 1 step is in place; step D"),
    ("BCDAE", WRONG, "first 3 steps are in place; step A"),
    ("BCDE", WRONG, "missing: A"),
    ("BCDEAA", WRONG, "repeated: A"),
    ("BCDEF", WRONG, "missing: A; unknown or repeated: F"),
    ({"A": 1}, WRONG, "as text"),
    (..., BLANK, ""),
]


def _figure(*series: list[str], title: str = "US and Russian steps"):
    """A time line like the lesson's: one ax.plot per series of dates, each on its own row."""
    fig, ax = plt.subplots()
    for row, dates in enumerate(series):
        ax.plot(pd.to_datetime(dates), [row] * len(dates), "o")
    ax.set_title(title)
    plt.close(fig)
    return fig


US = ["2018-12-04", "2019-02-02", "2019-08-02"]
RUSSIA = [date for date, _label in RUSSIAN_STEPS]
FIGURE = [
    (_figure(US, RUSSIA), RIGHT, "Russia's 4 steps"),
    (_figure(US, RUSSIA).axes[0], RIGHT, ""),  # the axes instead of the figure
    (_figure(US, RUSSIA, title="Both sides"), RIGHT, ""),
    (_figure(US, RUSSIA, title="The US steps"), WRONG, "change the title"),
    (_figure(US), WRONG, "second ax.plot"),
    (_figure(), WRONG, "second ax.plot"),
    (_figure(US, RUSSIA[:3]), WRONG, "missing 3 July 2019"),
    (_figure(US, [*RUSSIA, "2019-08-02"]), WRONG, "not one of Russia's steps: 2 August 2019"),
    ("fig", WRONG, "answer_5 = fig"),  # exercise 5 of the notebook
    (..., BLANK, ""),
]

TABLES = {
    check_suspension_date: SUSPENSION_DATE,
    check_withdrawal_date: WITHDRAWAL_DATE,
    check_days_left: DAYS_LEFT,
    check_suspension_or_withdrawal: SORT,
    check_step_order: ORDER,
    check_steps_figure: FIGURE,
}
CASES = [(check, *row) for check, rows in TABLES.items() for row in rows]


@pytest.mark.parametrize(
    ("check", "answer", "status", "words"),
    CASES,
    ids=[f"{check.__name__}-{i}" for i, (check, *_rest) in enumerate(CASES)],
)
def test_each_answer_gets_its_verdict(check, answer, status, words):
    feedback = check(answer)
    assert isinstance(feedback, Feedback)
    assert feedback.status == status, feedback
    assert words in feedback.message


@pytest.mark.parametrize("check", TABLES, ids=lambda c: c.__name__)
@pytest.mark.parametrize("answer", ODD, ids=repr)
def test_odd_answers_get_feedback_never_an_exception(check, answer):
    feedback = check(answer)
    assert isinstance(feedback, Feedback)
    assert not feedback.passed and feedback.message


def test_the_order_solution_matches_the_dates():
    events = helpers.load_events().set_index("event_id")
    dates = {
        "A": events.date_start["2019-08-02-us-withdrawal-takes-effect"],
        "B": events.date_start["2018-12-04-us-finds-material-breach"],
        "C": T("2019-01-23"),  # background fact 16 (not an event row)
        "D": events.date_start["2019-02-02-us-suspends-obligations"],
        "E": T("2019-03-04"),  # background fact 14 (the decree; in the notes of the Russian row)
    }
    assert "".join(sorted(dates, key=dates.get)) == ORDER_SOLUTION
    assert "4 March 2019" in events.notes["2019-02-02-russia-suspends-participation"]


def test_the_notebook_shows_the_same_statements_and_steps_as_the_checks():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for statement in SORT_STATEMENTS.values():
        assert statement in markdown, statement
    for letter, step in ORDER_STEPS.items():
        assert f"**{letter}** {step}" in markdown, step
