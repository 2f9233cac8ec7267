"""Lesson 2's self-checks: one table per check of answers and the verdict each must get.

Each row is ``(answer, status, words)``: the check must give that status, and its message must contain
``words`` (``""`` when any message will do). Right answers and counts come from the tables, so a new
valid event breaks only the rows about what it changes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

import helpers
from helpers.checks.timeline import (
    EXERCISES,
    WRITTEN_ANSWERS,
    check,
    check_busiest_year,
    check_days_of_denial,
    check_engagements,
    check_first_acknowledgement,
    check_meetings_figure,
    check_ryabkov_events,
    check_violation_reports,
    engagement_counts,
)
from helpers.data.paths import REPO_ROOT
from helpers.display.feedback import Feedback
from helpers.display.words import long_date

from .written_answers import (
    assert_checks_by_name,
    assert_models_tick_their_checklists,
    assert_written_verdict,
    code_sources,
    written_cases,
)

NOTEBOOK = REPO_ROOT / "notebooks" / "02-diplomatic-timeline.ipynb"
RIGHT, WRONG, BLANK, CHECKED = "correct", "try again", "not answered yet", "checked"
T = pd.Timestamp
EVENTS = helpers.load_events()
PEOPLE = helpers.load_participants(events=EVENTS)

# Answers no check may accept or crash on.
ODD = [None, "", "   ", "abc", [], {}, 3.5, True, float("nan"), float("inf"), object(), b"19", -1, 10**40]
ODD += ["2017-13-45", pd.NaT, pd.Timedelta(hours=12), ["x"] * 5, "range aegis suspend " * 15]

# --- exercise 3: every defensible count, each described by what it counts ---------------------------
TIMELINE = EVENTS[(EVENTS["source_id"] == "state-2018-timeline") & (EVENTS["phase"] == "diplomacy")]
OTHER = ["experts meeting", "SVC session", "Russian statement"]


def _readings() -> dict[int, list[tuple[str, ...]]]:
    """Every reading: the bilateral meetings plus any of OTHER, counted as rows or as the source's lines."""
    found: dict[int, list[tuple[str, ...]]] = {}
    for size in range(len(OTHER) + 1):
        for chosen in itertools.combinations(OTHER, size):
            rows = TIMELINE[TIMELINE["category"].isin(["bilateral meeting", *chosen])]
            for count in {len(rows), rows["evidence"].nunique()}:
                found.setdefault(count, []).append(chosen)
    return found


READINGS = _readings()
COUNTS = sorted(READINGS)
WORDS = {"experts meeting": "experts meetings", "SVC session": "SVC sessions", "Russian statement": "answers"}
ENGAGEMENTS = [
    *[(n, RIGHT, f"({COUNTS[0]} to {COUNTS[-1]}) stays below") for n in COUNTS],
    *[(n, RIGHT, WORDS[c]) for n, readings in READINGS.items() for chosen in readings for c in chosen],
    (COUNTS[0], RIGHT, "bilateral meetings only"),
    (COUNTS[0], RIGHT, "counted once"),  # the timeline's one line with two dates, counted once
    (float(COUNTS[0]), RIGHT, "Some public highlights"),
    (str(COUNTS[1]), RIGHT, "51"),
    (np.int64(COUNTS[2]), RIGHT, "defensible"),
    (len(TIMELINE), WRONG, "Good start: you kept only the timeline's rows"),
    (30, WRONG, "fact sheet's own claim"),
    (31, WRONG, "fact sheet's own claim"),
    (51, WRONG, "embassy FAQ"),
    (len(EVENTS), WRONG, "every row"),
    (COUNTS[0] - 1, WRONG, f"smallest defensible count is {COUNTS[0]}"),
    (100, WRONG, "No reasonable count"),
    (19.5, WRONG, "whole number"),
    ("twenty", WRONG, "not a number"),
    (..., BLANK, ""),
]

# --- exercise 1 ---------------------------------------------------------------------------------------
PER_YEAR = EVENTS["date_start"].dt.year.value_counts()
BUSIEST, SECOND = (int(y) for y in PER_YEAR.sort_values(ascending=False, kind="stable").index[:2])
BUSIEST_YEAR = [
    (BUSIEST, RIGHT, f"{BUSIEST} has {PER_YEAR[BUSIEST]} events"),
    (str(BUSIEST), RIGHT, "more than any other year"),
    (np.int32(BUSIEST), RIGHT, ""),
    (SECOND, WRONG, f"but {BUSIEST} has"),
    (2000, WRONG, "no event starting in 2000"),
    (f"{BUSIEST}-01-01", WRONG, "not a number"),
    (T(f"{BUSIEST}-01-01"), WRONG, "not a number"),
    (..., BLANK, ""),
]

# --- exercise 5: the date of the first acknowledgement, in every form --------------------------------
DAY = EVENTS.loc[EVENTS["russian_response"] == "acknowledgement", "date_start"].min()
SWAPPED = T(year=DAY.year, month=DAY.day, day=DAY.month) if DAY.day <= 12 else None
ACKNOWLEDGEMENT = [
    (f"{DAY:%Y-%m-%d}", RIGHT, "Ryabkov"),
    (f" {DAY:%Y-%m-%d} ", RIGHT, ""),
    (f"{DAY.day} {DAY:%B %Y}", RIGHT, ""),  # written out: 9 December 2017
    (f"{DAY:%B} {DAY.day}, {DAY.year}", RIGHT, ""),  # December 9, 2017
    (f"{DAY:%Y/%m/%d}", RIGHT, ""),  # year first: 2017/12/09
    (DAY.date(), RIGHT, ""),
    (dt.datetime.combine(DAY.date(), dt.time(15, 30)), RIGHT, ""),
    (DAY, RIGHT, "not of a violation"),
    (np.datetime64(DAY.date()), RIGHT, ""),
    (f"{DAY.month}/{DAY.day}/{DAY.year}", WRONG, "YYYY-MM-DD"),  # 12/9/2017: month first, could swap
    (f"{DAY.day}/{DAY.month}/{DAY.year}", WRONG, "YYYY-MM-DD"),  # 9/12/2017: day first, could swap
    ("13/12/2017", WRONG, "Not that date"),  # cannot swap: read as 13 December 2017, and wrong
    ("12/13/2017", WRONG, "Not that date"),
    (DAY.year, WRONG, "Right year"),
    ("2017-11-29", WRONG, "Christopher Ford"),
    ("2017-12-08", WRONG, "not even acknowledged"),
    ("2019-01-23", WRONG, "military attaches"),
    ("2013-06-25", WRONG, "denied"),
    ("2016-01-01", WRONG, "Not that date"),
    ("not a date", WRONG, "YYYY-MM-DD"),
    ("2017-02-30", WRONG, "not a day on the calendar"),
    (pd.Timedelta(days=1), WRONG, "not a date"),
    (..., BLANK, ""),
]
if SWAPPED is not None:  # 2017-09-12: the right numbers, day and month reversed
    ACKNOWLEDGEMENT.append((f"{SWAPPED:%Y-%m-%d}", WRONG, "day and month reversed"))

# --- exercise 6: days from the first denial to the first acknowledgement ----------------------------
DENIAL = EVENTS.loc[EVENTS["russian_response"] == "denial", "date_start"].min()
DAYS = (DAY - DENIAL).days
DAYS_OF_DENIAL = [
    (DAYS, RIGHT, f"{DAYS} days, from {long_date(DENIAL)} to {long_date(DAY)}"),
    (DAY - DENIAL, RIGHT, ""),  # the Timedelta that subtracting the dates gives
    (dt.timedelta(days=DAYS), RIGHT, ""),
    (np.timedelta64(DAYS, "D"), RIGHT, ""),
    (str(DAYS), RIGHT, ""),
    (float(DAYS), RIGHT, ""),
    (DENIAL - DAY, WRONG, "reversed"),  # dates reversed
    (-DAYS, WRONG, "positive"),
    (DAYS + 1, WRONG, "both the first and the last day"),
    (DAY.year - DENIAL.year, WRONG, "That is years"),
    (DAYS - 100, WRONG, "subtract the first from the second"),
    (pd.Timedelta(hours=12), WRONG, "whole number of days"),
    (f"{DAY:%Y-%m-%d}", WRONG, "not a number"),
    (DAY, WRONG, ""),
    (..., BLANK, ""),
]

# --- exercise 8 ---------------------------------------------------------------------------------------
REPORTS = int((EVENTS["category"] == "compliance report").sum())
VIOLATION_REPORTS = [
    (REPORTS, RIGHT, "found Russia in violation"),
    (1, WRONG, "continuing violation"),
    (REPORTS - 1, WRONG, "Close"),
    (REPORTS + 1, WRONG, "compliance report"),
    (..., BLANK, ""),
]

# --- exercise 4 ---------------------------------------------------------------------------------------
RYABKOV_IDS = PEOPLE.loc[PEOPLE["name"] == "Sergei Ryabkov", "event_id"]
RYABKOV = int(RYABKOV_IDS.nunique())
MEETINGS_OF_RYABKOV = int(
    (EVENTS["event_id"].isin(RYABKOV_IDS) & (EVENTS["category"] == "bilateral meeting")).sum()
)
RYABKOV_EVENTS = [
    (MEETINGS_OF_RYABKOV, RIGHT, "two dates, 14 February and 5 March 2018"),
    (MEETINGS_OF_RYABKOV, RIGHT, f"as many events as his {RYABKOV}"),
    (RYABKOV, WRONG, "every event he takes part in"),
    (MEETINGS_OF_RYABKOV + 1, WRONG, "nunique"),
    ("Ryabkov", WRONG, "not a number"),
    (..., BLANK, ""),
]


# --- exercise 2: the figure ---------------------------------------------------------------------------
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
FIGURE = [
    (_bars(MEETINGS_PER_YEAR, "Bilateral meetings per year"), RIGHT, "titled"),
    (_bars(MEETINGS_PER_YEAR, "Bilateral meetings per year").axes[0], RIGHT, ""),  # the Axes will do
    (_bars(MEETINGS_PER_YEAR), WRONG, "title"),
    (_bars(ALL_PER_YEAR, "All"), WRONG, "every event"),
    (_bars(MEETINGS_PER_YEAR + 1, "Off by one"), WRONG, "do not match"),
    (Figure(), WRONG, "Give the figure itself"),
    (_bars(pd.Series(dtype=int), "Empty"), WRONG, "no bars"),
    ("fig", WRONG, "Give the figure itself"),
    (..., BLANK, ""),
]

TABLES = {
    check_busiest_year: BUSIEST_YEAR,
    check_meetings_figure: FIGURE,
    check_engagements: ENGAGEMENTS,
    check_ryabkov_events: RYABKOV_EVENTS,
    check_first_acknowledgement: ACKNOWLEDGEMENT,
    check_days_of_denial: DAYS_OF_DENIAL,
    check_violation_reports: VIOLATION_REPORTS,
}
CASES = [(check, *row) for check, rows in TABLES.items() for row in rows]


@pytest.mark.parametrize(
    ("check_one", "answer", "status", "words"),
    CASES,
    ids=[f"{c.__name__}-{i}" for i, (c, *_rest) in enumerate(CASES)],
)
def test_each_answer_gets_its_verdict(check_one, answer, status, words):
    feedback = check_one(answer)
    assert isinstance(feedback, Feedback)
    assert feedback.status == status, feedback
    assert words in feedback.message


ALL_CHECKS = [*TABLES, *(EXERCISES[name] for name in WRITTEN_ANSWERS)]


@pytest.mark.parametrize("check_one", ALL_CHECKS, ids=[f"check-{i}" for i in range(len(ALL_CHECKS))])
@pytest.mark.parametrize("answer", ODD, ids=repr)
def test_odd_answers_get_feedback_never_an_exception(check_one, answer):
    feedback = check_one(answer)
    assert isinstance(feedback, Feedback)
    assert not feedback.passed and feedback.message


def test_the_check_describes_every_reading_and_accepts_no_other_count():
    assert sorted(engagement_counts()) == COUNTS
    assert COUNTS[0] == TIMELINE["evidence"][TIMELINE["category"] == "bilateral meeting"].nunique()
    assert COUNTS[-1] == TIMELINE["category"].isin(["bilateral meeting", *OTHER]).sum()
    for count, readings in READINGS.items():  # a count two readings give names both
        assert engagement_counts()[count].count("; or ") == len(readings) - 1, count
    for n in range(COUNTS[0] - 5, COUNTS[-1] + 5):
        assert check_engagements(n).passed is (n in READINGS), n


WRITTEN = written_cases("02", WRITTEN_ANSWERS, repeated="engagement")
WRITTEN += [  # exercise 7: a paragraph that states one side's claim as fact misses the attribution points
    ("answer_7", "Russia acknowledged on 9 December 2017 that the missile exists.", CHECKED, "[ ] the US"),
    ("answer_7", "On 9 December 2017 Ryabkov acknowledged that the missile exists.", CHECKED, "[ ] Russia"),
]


@pytest.mark.parametrize(("name", "text", "status", "words"), WRITTEN, ids=lambda v: repr(v)[:30])
def test_written_answers_are_checked_never_correct(name, text, status, words):
    assert_written_verdict(check, name, text, status, words)


def test_every_model_answer_ticks_its_whole_checklist_and_every_row_has_a_check():
    assert_models_tick_their_checklists(check, "02", WRITTEN_ANSWERS)


def test_the_notebook_checks_every_answer_by_name_and_each_exercise_has_a_check():
    answers = assert_checks_by_name(NOTEBOOK, EXERCISES)
    sources = code_sources(NOTEBOOK)
    assert sum("**Think about it" in s for s in sources) == sum(n.startswith("think_") for n in answers)


def test_answers_that_need_thinking_are_not_on_the_screen_above_their_exercise():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(c["source"]) for c in cells]
    for title, answer in [("### Exercise 1", f"{BUSIEST} has"), ("### Exercise 6", str(DAYS))]:
        prompt = next(i for i, s in enumerate(sources) if title in s)
        assert answer not in "\n".join(sources[: prompt + 3]), title
    groupby = next(i for i, s in enumerate(sources) if s.startswith('events.groupby("year").size()'))
    assert groupby > next(i for i, s in enumerate(sources) if "### Exercise 1" in s)  # counts come after


def test_check_by_name_before_the_answer_cell_and_for_the_placeholder():
    assert "Run the answer cell" in check("answer_6", {}).message
    assert check("answer_6", {"answer_6": ...}).status == BLANK
    assert check("answer_6", {"answer_6": DAY - DENIAL}).status == RIGHT
