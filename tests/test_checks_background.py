"""Lesson 1 exercise checks: one table per check of answers and the verdict each must get.

Each row is ``(answer, expected status, a word the message must contain or None)``. Expected
answers come from ``eliminations()`` and the classifier, so the tables hold no count of their own
beyond the sourced totals the lesson teaches.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers.checks.background import (
    CLASSIFY_CASES,
    check_classify_cases,
    check_inspection_years,
    check_not_covered,
    check_soviet_figure,
    check_us_eliminated,
)
from helpers.display.feedback import Feedback
from helpers.display.figures import show_figure
from helpers.history.treaty import classify_missile, eliminations

matplotlib.use("Agg")

OK, AGAIN, BLANK = "correct", "try again", "not answered yet"
CHECKS = [
    check_us_eliminated,
    check_inspection_years,
    check_classify_cases,
    check_not_covered,
    check_soviet_figure,
]
TABLE = eliminations()
US = TABLE[TABLE.side == "United States"]
US_TOTAL = int(US.missiles.sum())

# Odd answers that no check may pass or crash on: (answer, status)
ODD = [(None, BLANK), (..., BLANK), ("", BLANK), ("   ", BLANK)] + [
    (answer, AGAIN)
    for answer in (
        "banana", -1, 0, 3.5, float("nan"), float("inf"), True, [], {}, {"sea": 1}, object(), pd.NA, b"846",
        [None, None], pd.Timestamp("2001-05-31"), np.array([1, 2]), np.array(5),
    )
]  # fmt: skip


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize(("answer", "status"), ODD, ids=repr)
def test_odd_answers_never_raise_and_never_pass(check, answer, status):
    result = check(answer)
    assert isinstance(result, Feedback) and result.message
    assert result.status == status


def _run(check, answer, status, word):
    result = check(answer)
    assert result.status == status, result
    if word:
        assert word in result.message, result


# --------------------------------------------------------------------------- exercise 1

US_ELIMINATED = [
    (US_TOTAL, OK, f"{US_TOTAL:,} US missiles"),
    (float(US_TOTAL), OK, None),
    (np.int64(US_TOTAL), OK, None),
    (str(US_TOTAL), OK, None),
    (f" {US_TOTAL:,} ", OK, None),
    (int(TABLE.missiles.sum()), AGAIN, "both sides"),
    (int(TABLE[TABLE.side == "Soviet Union"].missiles.sum()), AGAIN, "Soviet total"),
    (2600, AGAIN, "op-ed"),
    (int(US.missiles.iloc[0]), AGAIN, "one US system"),
    (int(US.missiles.iloc[-1]), AGAIN, "one US system"),
    (US_TOTAL - 1, AGAIN, "Add up"),
    (US_TOTAL + 0.5, AGAIN, "whole number"),
    ("eight hundred", AGAIN, "whole number"),
    (True, AGAIN, "whole number"),
]


@pytest.mark.parametrize(("answer", "status", "word"), US_ELIMINATED, ids=repr)
def test_check_us_eliminated(answer, status, word):
    _run(check_us_eliminated, answer, status, word)


# --------------------------------------------------------------------------- exercise 3

SPAN = pd.Timestamp("2001-05-31") - pd.Timestamp("1988-06-01")
INSPECTION_YEARS = [
    (13, OK, "13 years"),
    (13.0, OK, None),
    (12.997, OK, None),
    (12.95, OK, None),
    ("13", OK, None),
    (np.float64(12.99), OK, None),
    (SPAN.days / 365.25, OK, None),
    (14, AGAIN, "signing in 1987"),
    (10, AGAIN, "eliminations ended"),
    (4747, AGAIN, "days"),
    (12, AGAIN, "cut short"),  # 12.99 truncated
    (12.0, AGAIN, "cut short"),
    (SPAN, AGAIN, "4,747 days"),
    (dt.timedelta(days=4747), AGAIN, "Divide it by 365.25"),
    ("thirteen", AGAIN, "number of years"),
    ("13 years", AGAIN, "number of years"),
]


@pytest.mark.parametrize(("answer", "status", "word"), INSPECTION_YEARS, ids=repr)
def test_check_inspection_years(answer, status, word):
    _run(check_inspection_years, answer, status, word)


# --------------------------------------------------------------------------- exercise 4

RIGHT = [classify_missile(km, mode, kind).banned for _, km, mode, kind in CLASSIFY_CASES]
CLASSIFY = [
    (RIGHT, OK, "All five right"),
    (tuple(RIGHT), OK, None),
    (np.array(RIGHT), OK, None),
    (pd.Series(RIGHT), OK, None),
    (["banned" if v else "not banned" for v in RIGHT], OK, None),
    ([" Yes" if v else "allowed" for v in RIGHT], OK, None),
    ([False, True, False, True, False], AGAIN, "3 of 5 right. Look again at A: exactly 1,000 km"),
    ([not v for v in RIGHT], AGAIN, "0 of 5 right"),
    ([True, False], AGAIN, "5 values (you gave 2)"),
    (RIGHT + [True], AGAIN, "you gave 6"),
    ([1, 0, 0, 1, 0], AGAIN, "Use True (banned) or False"),
    ([True, False, None, True, False], AGAIN, "Use True (banned) or False"),
    ("TFFTF", AGAIN, "list of five"),
    (5, AGAIN, "list of five"),
]


def test_exercise_4_has_banned_and_free_cases():
    assert RIGHT == [True, False, False, True, False]


@pytest.mark.parametrize(("answer", "status", "word"), CLASSIFY, ids=repr)
def test_check_classify_cases(answer, status, word):
    _run(check_classify_cases, answer, status, word)


def test_classify_cases_names_only_the_wrong_cases():
    message = check_classify_cases([False, True, False, True, False]).message
    assert "B: a sea-launched" in message and "C:" not in message and "D:" not in message


# --------------------------------------------------------------------------- exercise 5

NOT_COVERED = [
    (["sea", "air"], OK, "sea-launched and air-launched"),
    (("air", "sea"), OK, None),
    ({"sea", "air"}, OK, None),
    (["Sea-launched", "AIR-LAUNCHED"], OK, None),
    (["submarine", "aircraft"], OK, None),
    ("sea and air", OK, None),
    ("air, sea", OK, None),
    ("sea and air launched missiles", OK, None),
    (["sea", "air", "sea"], OK, None),
    (["sea"], AGAIN, "Think of aircraft"),
    (["air"], AGAIN, "Think of ships"),
    (["ground"], AGAIN, "exactly what the treaty banned"),
    (["sea", "air", "ground"], AGAIN, "exactly what the treaty banned"),
    (["space"], AGAIN, '"ground", "sea" or "air"'),
    (["sea", "air", "space"], AGAIN, '"ground", "sea" or "air"'),
    ([], AGAIN, "at least one"),
    (["sea", 3], AGAIN, "text in quotes"),
    (42, AGAIN, "list of words"),
]


@pytest.mark.parametrize(("answer", "status", "word"), NOT_COVERED, ids=repr)
def test_check_not_covered(answer, status, word):
    _run(check_not_covered, answer, status, word)


# --------------------------------------------------------------------------- exercise 2: change the figure


def _bars(rows: pd.DataFrame, title: str = "", vertical: bool = False) -> Figure:
    fig = Figure()
    ax = fig.add_subplot()
    if vertical:
        ax.bar(rows.system, rows.missiles)
    else:
        ax.barh(rows.system, rows.missiles)
    ax.set_title(title)
    return fig


SOVIET = TABLE[TABLE.side == "Soviet Union"]
TITLE = "Soviet missiles eliminated"
SOVIET_FIGURE = [
    (_bars(SOVIET, TITLE), OK, f"{len(SOVIET)} Soviet bars"),
    (_bars(SOVIET, TITLE).axes[0], OK, None),
    (_bars(SOVIET, TITLE, vertical=True), OK, None),
    (show_figure(_bars(SOVIET, TITLE), alt="bars"), OK, None),
    (_bars(SOVIET), AGAIN, "title"),
    (_bars(SOVIET, "   "), AGAIN, "title"),
    (_bars(TABLE, TITLE), AGAIN, "US systems are still there"),
    (_bars(SOVIET.head(1), TITLE), AGAIN, f"({len(SOVIET)} bars)"),
    (Figure(), AGAIN, "no bars"),
    (_bars(SOVIET, TITLE).axes[0].containers[0], AGAIN, "figure itself"),
    ("fig", AGAIN, "figure itself"),
]


@pytest.mark.parametrize(("answer", "status", "word"), SOVIET_FIGURE, ids=repr)
def test_check_soviet_figure(answer, status, word):
    _run(check_soviet_figure, answer, status, word)


def test_every_check_cell_names_an_exercise() -> None:
    """Each `check("...")` cell of lesson 1 names a key of EXERCISES, and each key is checked once."""
    import re

    from helpers.checks.background import EXERCISES

    notebook = Path(__file__).parents[1] / "notebooks" / "01-treaty-background.ipynb"
    cells = json.loads(notebook.read_text())["cells"]
    named = [m for c in cells for m in re.findall(r'^check\("(\w+)"\)', "".join(c["source"]), re.M)]
    assert sorted(named) == sorted(EXERCISES)


# --------------------------------------------------------------------------- written answers, the notebook

from helpers.checks.background import EXERCISES, WRITTEN_ANSWERS, check  # noqa: E402
from helpers.data.paths import REPO_ROOT  # noqa: E402

from .written_answers import (  # noqa: E402
    assert_checks_by_name,
    assert_models_tick_their_checklists,
    assert_written_verdict,
    code_sources,
    written_cases,
)

LESSON = REPO_ROOT / "notebooks" / "01-treaty-background.ipynb"
WRITTEN = written_cases("01", WRITTEN_ANSWERS, repeated="banned")
WRITTEN += [  # exercise 6: one side's figure stated as fact, without the other side, misses points
    (
        "answer_6",
        "The 9M729 has a range of 480 km, so it was not banned by the treaty at all.",
        "checked",
        "[ ]",
    ),
]


@pytest.mark.parametrize(("name", "text", "status", "words"), WRITTEN, ids=lambda v: repr(v)[:30])
def test_written_answers_are_checked_never_correct(name, text, status, words):
    assert_written_verdict(check, name, text, status, words)


def test_every_model_answer_ticks_its_whole_checklist_and_every_row_has_a_check():
    assert_models_tick_their_checklists(check, "01", WRITTEN_ANSWERS)


def _sources() -> list[str]:
    return code_sources(LESSON)


def test_the_notebook_checks_every_answer_by_name():
    assert_checks_by_name(LESSON, EXERCISES)
    sources = _sources()
    assert sum("**Think about it.**" in s for s in sources) == sum(n.startswith("think_") for n in EXERCISES)


def test_answers_are_not_on_the_screen_above_their_exercise():
    """The US total is not in the prose before exercise 1; no duration in years before exercise 3."""
    sources = _sources()
    first = next(i for i, s in enumerate(sources) if s.startswith("answer_1 ="))
    third = next(i for i, s in enumerate(sources) if s.startswith("answer_3 ="))
    table = eliminations()
    us = f"{int(table[table.side == 'United States'].missiles.sum()):,}"
    assert not any(us in s for s in sources[:first]), us
    years = r"\b(?:1[23]|twelve|thirteen) years\b"
    assert not any(re.search(years, s) for s in sources[:third] + sources[third + 1 : third + 3])
