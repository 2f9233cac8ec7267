"""Lesson 3's self-checks: one table per check of answers and the verdict each must get.

Each row is ``(answer, status, words)``: the check must give that status, and its message must contain
``words`` (``""`` when any message will do). The right dates come from the event table, so the rows
that name a date are about 2018-2019 as the table records it.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import helpers
from helpers.checks.withdrawal import (
    EXERCISES,
    ORDER_STEPS,
    SORT_SOLUTION,
    WHAT_IF_EVENT,
    WRITTEN_ANSWERS,
    check,
    check_days_left,
    check_step_order,
    check_steps_figure,
    check_suspension_date,
    check_suspension_or_withdrawal,
    check_what_if,
    check_withdrawal_date,
    check_year_before,
    order_solution,
)
from helpers.data.paths import REPO_ROOT
from helpers.display.feedback import Feedback
from helpers.display.words import long_date
from helpers.history.stages import RUSSIAN_STEPS

from .written_answers import (
    assert_checks_by_name,
    assert_models_tick_their_checklists,
    assert_written_verdict,
    code_sources,
    model_answers,
    written_cases,
)

NOTEBOOK = REPO_ROOT / "notebooks" / "03-withdrawal-steps.ipynb"
RIGHT, WRONG, BLANK, CHECKED = "correct", "try again", "not answered yet", "checked"
T, DAY = pd.Timestamp, pd.Timedelta(days=1)
EVENTS = helpers.load_events()

# Answers no check may accept or crash on.
ODD = [None, "", "   ", "nonsense", 0, -1, 10**30, 2.5, float("nan"), True, [], [1, 2], {}, {"a": 1}]
ODD += [object(), pd.NaT, b"bytes", ["suspension"] * 9, "banana", ["x"] * 5, pd.Timedelta(days=60)]
ODD += [T("1900-01-01"), "range aegis suspend " * 15]

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
    ("2019-02-02 ", RIGHT, ""),
    (T("2019-02-02 15:30"), RIGHT, ""),  # a time of day does not matter
    (pd.Timedelta(days=60), WRONG, "not a date"),  # the days, not the date they lead to
    ("2/3/2019", WRONG, "YYYY-MM-DD"),  # swappable: 2 March or 3 February
    ("2019-02-31", WRONG, "not a day on the calendar"),
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
    ("2019/08/02", RIGHT, ""),
    ("2 August 2019", RIGHT, ""),
    ("13/08/2019", WRONG, "six calendar months"),  # day-first that cannot swap: read, and wrong
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
    (T("2019-02-02") - T("2019-08-02"), WRONG, "positive"),  # dates reversed
    (pd.Timedelta(days=180), WRONG, "6 x 30"),
    ("2019/02/02", WRONG, "not a number"),
    (181.5, WRONG, "not a whole number"),
    (False, WRONG, "True or False"),
    (..., BLANK, ""),
]

SORT_KEY = ["suspension", "withdrawal", "suspension", "withdrawal", "suspension"]  # the teacher guide's
WRONG_3 = [*SORT_KEY[:2], "withdrawal", *SORT_KEY[3:]]  # the "withdraw in 60 days" misreport
SORT = [
    (SORT_KEY, RIGHT, "All five right"),
    (tuple(SORT_KEY), RIGHT, ""),
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
    ("BCDEA", RIGHT, "finding (4 December 2018), Russia's 9M729 briefing (23 January 2019)"),
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
    ("fig", WRONG, "answer_7 = fig"),  # exercise 7 of the notebook
    (..., BLANK, ""),
]

START = EVENTS.set_index("event_id").date_start[WHAT_IF_EVENT]  # exercise 8: the 60 days start here
ENDS = START + pd.Timedelta(days=60)
DUE = ENDS + pd.DateOffset(months=6)
WHAT_IF = [
    (str(DUE.date()), RIGHT, long_date(DUE)),
    (DUE, RIGHT, ""),
    (DUE.strftime("%Y/%m/%d"), RIGHT, ""),
    (f"{DUE.day} {DUE:%B %Y}", RIGHT, ""),
    (START + pd.Timedelta(days=60) + pd.DateOffset(months=6), RIGHT, ""),
    (ENDS, WRONG, "end of the 60 days"),
    (START + pd.DateOffset(months=6), WRONG, "left out the 60 days"),
    (ENDS + 180 * DAY, WRONG, "not 180 days"),  # months taken as days
    (DUE + DAY, WRONG, "day 0"),  # 60 days counted from the wrong day
    (DUE - DAY, WRONG, "One day early"),
    (START + pd.DateOffset(months=8), WRONG, "Two calendar months are not 60 days"),
    (START - pd.Timedelta(days=60), WRONG, "do not subtract"),  # dates reversed
    (DUE + 40 * DAY, WRONG, "pd.Timedelta(days=60)"),
    (pd.Timedelta(days=242), WRONG, "not a date"),
    (f"{DUE.month}/{DUE.day}/{DUE.year}", RIGHT if DUE.day > 12 else WRONG, ""),  # cannot swap if day > 12
    ("1/2/2019", WRONG, "YYYY-MM-DD"),
    ("banana", WRONG, "could not be read"),
    (..., BLANK, ""),
]

FINDING = EVENTS.set_index("event_id").date_start["2018-12-04-us-finds-material-breach"]
BACK = FINDING - pd.DateOffset(months=12)
IN_YEAR = (EVENTS.date_start >= BACK) & (EVENTS.date_start < FINDING)
STEPS = EVENTS[EVENTS.phase == "withdrawal"]


def _rows(low: pd.Timestamp, high: pd.Timestamp, last_day_too: bool = False, table=EVENTS) -> pd.DataFrame:
    """The rows of ``table`` from ``low`` to before ``high`` (or to ``high`` itself)."""
    return table[
        (table.date_start >= low)
        & ((table.date_start <= high) if last_day_too else (table.date_start < high))
    ]


YEAR_BEFORE = [
    (EVENTS[IN_YEAR], RIGHT, f"{int(IN_YEAR.sum())} rows"),
    (EVENTS[IN_YEAR][["event_id", "summary"]], RIGHT, ""),  # columns chosen: still the rows
    (_rows(FINDING - pd.Timedelta(days=365), FINDING), RIGHT, ""),  # 365 days: the same in 2017-18
    (_rows(BACK, FINDING, last_day_too=True), WRONG, "finding's own day"),
    (_rows(FINDING - pd.Timedelta(days=360), FINDING), WRONG, "360"),  # months counted as days
    (_rows(FINDING + DAY, FINDING + pd.DateOffset(months=12)), WRONG, "reversed"),
    (_rows(BACK, FINDING, table=STEPS), WRONG, "not steps"),
    (EVENTS, WRONG, long_date(BACK)),
    (EVENTS[IN_YEAR].event_id, WRONG, "DataFrame"),  # a Series, not the table
    (list(EVENTS[IN_YEAR].event_id), WRONG, "DataFrame"),
    (pd.DataFrame({"a": [1]}), WRONG, "events[...]"),
    (..., BLANK, ""),
]

TABLES = {
    check_suspension_date: SUSPENSION_DATE,
    check_withdrawal_date: WITHDRAWAL_DATE,
    check_days_left: DAYS_LEFT,
    check_suspension_or_withdrawal: SORT,
    check_step_order: ORDER,
    check_steps_figure: FIGURE,
    check_what_if: WHAT_IF,
    check_year_before: YEAR_BEFORE,
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


@pytest.mark.parametrize(
    "check",
    [*TABLES, *(EXERCISES[name] for name in WRITTEN_ANSWERS)],
    ids=lambda c: getattr(c, "__name__", ""),
)
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
    assert "".join(sorted(dates, key=dates.get)) == order_solution() == "BCDEA"
    assert "4 March 2019" in events.notes["2019-02-02-russia-suspends-participation"]


def test_the_notebook_numbers_as_many_statements_and_steps_as_the_checks_expect():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    sorting = markdown[markdown.index("### Exercise 2: suspension or withdrawal?") :].split("###")[1]
    numbered = re.findall(r"^(\d)\. ", sorting, flags=re.M)
    assert numbered == [str(n) for n in range(1, len(SORT_KEY) + 1)]
    ordering = markdown[markdown.index("### Exercise 9: order the steps") :]
    assert re.findall(r"^- \*\*([A-Z])\*\* ", ordering, flags=re.M) == list(ORDER_STEPS)


WRITTEN = written_cases("03", WRITTEN_ANSWERS, repeated="suspend")
WRITTEN += [(name, model_answers("03")[name], CHECKED, "[x]") for name in WRITTEN_ANSWERS]


@pytest.mark.parametrize(("name", "text", "status", "words"), WRITTEN, ids=lambda v: repr(v)[:30])
def test_written_answers_are_checked_never_correct(name, text, status, words):
    assert_written_verdict(check, name, text, status, words)


def test_every_model_answer_ticks_its_whole_checklist_and_every_row_has_a_check():
    assert_models_tick_their_checklists(check, "03", WRITTEN_ANSWERS)


def test_the_notebook_checks_every_answer_by_name_and_each_exercise_has_a_check():
    answers = assert_checks_by_name(NOTEBOOK, EXERCISES)
    sources = code_sources(NOTEBOOK)
    assert sum("**Think about it" in s for s in sources) == sum(n.startswith("think_") for n in answers)


def test_exercise_1s_answer_is_not_in_the_markdown_right_under_its_check():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(c["source"]) for c in cells]
    after = sources.index('check("answer_1")') + 1
    due = long_date(EVENTS.set_index("event_id").date_start["2019-02-02-us-suspends-obligations"])
    assert due not in sources[after]
    prompt = next(i for i, s in enumerate(sources) if "### Exercise 8" in s)
    assert long_date(DUE) not in "\n".join(sources[: prompt + 3])


def test_check_by_name_before_the_answer_cell_and_for_the_placeholder():
    assert "Run the answer cell" in check("answer_8", {}).message
    assert check("answer_8", {"answer_8": ...}).status == BLANK
    assert check("answer_8", {"answer_8": str(DUE.date())}).status == RIGHT


def test_the_sort_key_is_held_as_answer_keys_that_accept_only_the_right_label():
    assert list(SORT_SOLUTION) == SORT_KEY and len(SORT_SOLUTION) == len(SORT_KEY)
    assert [label == "withdrawal" for label in SORT_SOLUTION] == [False, True, False, True, False]
    assert not [key for key in SORT_SOLUTION if any(word in repr(key) for word in SORT_KEY)]
