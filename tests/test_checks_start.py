"""Notebook 0, "Start here": the warm-up check, the exercise format, and what the page must tell a reader."""

from __future__ import annotations

import datetime as dt
import re

import nbformat
import numpy as np
import pandas as pd
import pytest

from helpers.checks.start import (
    EXERCISES,
    check,
    check_categories,
    check_experts_meetings,
    check_month_dates,
    check_signing_year,
    signing_day,
)
from helpers.data.paths import REPO_ROOT, SOURCES_CSV
from helpers.display.feedback import Feedback

from .written_answers import assert_checks_by_name, assert_models_tick_their_checklists

NOTEBOOK = REPO_ROOT / "notebooks" / "00-start-here.ipynb"
LESSONS = {
    "01-treaty-background.ipynb": "55 min",
    "02-diplomatic-timeline.ipynb": "75 min",
    "03-withdrawal-steps.ipynb": "55 min",
    "04-reading-the-sources.ipynb": "45 min",
}


def _cells() -> list[nbformat.NotebookNode]:
    return nbformat.read(NOTEBOOK, as_version=4).cells


def _markdown() -> str:
    return "\n\n".join(c.source for c in _cells() if c.cell_type == "markdown")


def _text() -> str:
    """The markdown with every run of whitespace as one space, for phrases that wrap across lines."""
    return " ".join(_markdown().split())


def _strip_solutions(source: str) -> str:
    """What the student-version generator does: drop everything from BEGIN to END SOLUTION."""
    return re.sub(r"# BEGIN SOLUTION.*?# END SOLUTION\n?", "", source, flags=re.S)


# --------------------------------------------------------------------------- the check

RIGHT, WRONG, EMPTY = "correct", "try again", "not answered yet"

# An answer -> the verdict it must get, and words its message must hold.
ANSWERS = [
    # the right year, in any reasonable form
    (1987, RIGHT, "8 December 1987"),
    ("1987", RIGHT, "8 December 1987"),
    (" 1987 ", RIGHT, "8 December 1987"),
    (1987.0, RIGHT, "8 December 1987"),
    (np.int64(1987), RIGHT, "8 December 1987"),
    (pd.Timestamp("1987-12-08"), RIGHT, "8 December 1987"),
    (dt.date(1987, 12, 8), RIGHT, "8 December 1987"),
    ("8 December 1987", RIGHT, "8 December 1987"),
    ("December 8, 1987", RIGHT, "8 December 1987"),
    ("1987-12-08", RIGHT, "8 December 1987"),
    # a wrong year gets a hint about that year
    (1988, WRONG, "entered into force"),
    (1991, WRONG, "destroyed"),
    (2019, WRONG, "ended"),
    (2001, WRONG, "inspections"),
    (2014, WRONG, "9M729"),
    ("1 June 1988", WRONG, "entered into force"),
    (1979, WRONG, "too early"),
    (1999, WRONG, "too late"),
    (12345, WRONG, "does not look like a year"),
    (87, WRONG, "four digits"),
    ("87", WRONG, "four digits"),
    ("1987 or 1988", WRONG, "one year only"),
    (1987.5, WRONG, "without a decimal point"),
    (True, WRONG, "not years"),
    ("nineteen eighty-seven", WRONG, "whole number"),
    # nothing yet
    (..., EMPTY, "Replace the ..."),
    (None, EMPTY, "Replace the ..."),
    ("", EMPTY, "Replace the ..."),
    ("   ", EMPTY, "Replace the ..."),
    # odd answers get feedback, never an exception
    ([1987], WRONG, "whole number"),
    ({"year": 1987}, WRONG, "whole number"),
    ({1987}, WRONG, "whole number"),
    (object(), WRONG, "whole number"),
    (pd.NaT, WRONG, "whole number"),
    (pd.NA, WRONG, "whole number"),
    (float("nan"), WRONG, "whole number"),
    (float("inf"), WRONG, "whole number"),
    (3 + 4j, WRONG, "whole number"),
    (b"1987", WRONG, "whole number"),
]


@pytest.mark.parametrize(("answer", "status", "words"), ANSWERS, ids=lambda v: repr(v)[:25])
def test_every_answer_gets_its_verdict_and_hint(answer, status, words):
    feedback = check_signing_year(answer)
    assert isinstance(feedback, Feedback)
    assert (feedback.status, words in feedback.message) == (status, True), feedback


def test_the_answer_is_the_verified_signing_year():
    events = pd.read_csv(REPO_ROOT / "data" / "events.csv", dtype=str)
    signing = events[events.event_id.str.contains("sign")]
    assert signing.date_start.tolist() == [signing_day().date().isoformat()] == ["1987-12-08"]
    assert check_signing_year(signing.date_start.iloc[0][:4]).passed


# --------------------------------------------------------------------------- the notebook


def test_the_warm_up_follows_the_exercise_format():
    cells = _cells()
    index = next(i for i, c in enumerate(cells) if c.source.startswith("answer_1 = ..."))
    answer, check = cells[index], cells[index + 1]
    assert answer.cell_type == check.cell_type == "code"
    assert "# BEGIN SOLUTION\nanswer_1 = 1987\n# END SOLUTION" in answer.source
    assert check.source == 'check("answer_1")'
    assert "In which year was the INF Treaty signed?" in cells[index - 1].source


def test_the_student_version_of_the_warm_up_is_not_answered_yet_and_the_solution_is_correct():
    cells = _cells()
    index = next(i for i, c in enumerate(cells) if c.source.startswith("answer_1 = ..."))
    answer, check = cells[index].source, cells[index + 1].source
    space: dict = {}
    exec(_strip_solutions(answer), space)
    assert "SOLUTION" not in _strip_solutions(answer)
    assert check == 'check("answer_1")'
    assert EXERCISES["answer_1"](space["answer_1"]).status == "not answered yet"
    exec(answer, space)
    assert EXERCISES["answer_1"](space["answer_1"]).passed


def test_the_first_code_cell_imports_what_the_notebook_uses():
    code = [c.source for c in _cells() if c.cell_type == "code"]
    assert code[0].startswith("import pandas as pd\n\nimport helpers\n")
    assert "from helpers.checks.start import check\n" in code[0]
    assert "from helpers.display.words import long_date" in code[0]
    assert any("helpers.load_events()" in source for source in code)


def test_the_lesson_shows_a_little_pandas_in_visible_cells():
    code = [c.source for c in _cells() if c.cell_type == "code"]
    for pandas in ["len(events)", ".value_counts()", 'events[events["category"] == "SVC session"]', ".min()"]:
        cell = next((source for source in code if pandas in source), "")
        assert 2 <= len(cell.splitlines()) <= 8, pandas
    events = pd.read_csv(REPO_ROOT / "data" / "events.csv", dtype=str)
    text = _text()
    # The "try it" suggestion must find rows, and the prose quotes no count the code prints.
    assert 'change `"SVC session"` to `"NATO statement"`' in text
    assert {"SVC session", "NATO statement"} <= set(events.category)
    assert f"{len(events)} events" not in text and f" {len(events)} " not in text


def test_the_learning_path_links_every_lesson_with_its_time():
    markdown = _markdown()
    for lesson, minutes in LESSONS.items():
        rows = [line for line in markdown.splitlines() if f"]({lesson})" in line and line.startswith("|")]
        assert len(rows) == 1, lesson
        assert rows[0].rstrip(" |").endswith(minutes), rows[0]
    assert "](glossary.ipynb)" in markdown


def test_the_page_explains_running_restarting_and_the_brackets():
    markdown = _text()
    for words in [
        "Shift+Enter",
        "Run > Restart Kernel and Run All Cells",
        "`[*]`",
        "`[3]`",
        "Restart Kernel",
    ]:
        assert words in markdown, words
    for words in ["Correct", "Not yet", "Not answered yet", "your teacher has the answer key"]:
        assert words.lower() in markdown.lower(), words


def test_the_page_explains_every_message_a_check_gives_in_the_words_the_checks_use():
    """Each message of ``helpers.checks.checker`` and ``written`` appears in the table of section 5."""
    markdown = _text()
    events = pd.read_csv(REPO_ROOT / "data" / "events.csv", dtype=str)
    before = str(check("answer_1", {}))  # run before the answer cell
    assert before.startswith("Not answered yet: Run the answer cell above first"), before
    assert "Not answered yet: Run the answer cell above first" in markdown
    assert "Not yet: The cell that sets answer_1 stopped with an error" in markdown
    from helpers.checks import _BROKEN

    _BROKEN.add("answer_1")
    try:
        broken = str(check("answer_1", {"answer_1": int(events.date_start.str[:4].min())}))
    finally:
        _BROKEN.discard("answer_1")
    assert broken.startswith("Not yet: The cell that sets answer_1 stopped with an error"), broken
    written = check("think_1", {"think_1": "It is the US account; Russia may say otherwise."})
    assert written.status == "checked" and "**Checked**" in markdown and "never" in markdown


def test_the_contents_links_point_at_headings():
    markdown = _markdown()
    anchors = {m.replace(" ", "-") for m in re.findall(r"^#{1,6} (.+)$", markdown, re.M)}
    links = re.findall(r"\]\(#([^)\s]+)\)", markdown)
    assert len(links) >= 8
    assert sorted(set(links) - anchors) == []


def test_the_three_primary_sources_are_cited_in_full():
    markdown = _text()
    sources = pd.read_csv(SOURCES_CSV, dtype=str, keep_default_na=False)
    seeds = sources[sources.role == "seed"]
    assert len(seeds) >= 1
    for _, seed in seeds.iterrows():
        assert f"*{seed.title}*" in markdown, seed.source_id
        assert f"<{seed.url}>" in markdown, seed.source_id
        day = pd.Timestamp(seed.date_published)
        assert f"{day.day} {day:%B %Y}" in markdown, seed.source_id
    assert "](../data/README.md)" in markdown


def test_the_page_says_how_to_cite_and_the_licences():
    markdown = _text()
    assert (
        "INF Treaty lessons contributors (2026). *The INF Treaty: from elimination to withdrawal*" in markdown
    )
    assert "CITATION.cff" in markdown
    assert "[MIT licence](../LICENSE)" in markdown and "[CC BY 4.0](../LICENSE-CONTENT.md)" in markdown
    for target in ["../LICENSE", "../LICENSE-CONTENT.md", "../data/README.md", "../data/sources.csv"]:
        assert (NOTEBOOK.parent / target).exists(), target


# --------------------------------------------------------------------------- exercises 2 to 4 and think_1

EVENTS = pd.read_csv(REPO_ROOT / "data" / "events.csv", dtype=str)
SIZES = EVENTS.category.value_counts()
PRECISION = EVENTS.date_precision.value_counts()
COUNTS = [  # (check, answer, verdict, words): right values and slips computed from the CSV itself
    (check_experts_meetings, int(SIZES["experts meeting"]), RIGHT, "experts meeting"),
    (check_experts_meetings, str(SIZES["experts meeting"]), RIGHT, ""),
    (check_experts_meetings, int(SIZES["SVC session"]), WRONG, "SVC sessions"),
    (check_experts_meetings, len(EVENTS), WRONG, "every row"),
    (check_experts_meetings, "three", WRONG, "digits"),
    (check_experts_meetings, 2.5, WRONG, "whole number"),
    (check_categories, EVENTS.category.nunique(), RIGHT, "categories"),
    (check_categories, 5, WRONG, ".head()"),
    (check_categories, len(EVENTS), WRONG, "rows, not kinds"),
    (check_categories, EVENTS.category.nunique() + 1, WRONG, "nunique"),
    (check_month_dates, int(PRECISION["month"]), RIGHT, "month"),
    (check_month_dates, int(PRECISION["day"]), WRONG, "known to the day"),
    (check_month_dates, len(EVENTS) - int(PRECISION["day"]), WRONG, "rough dates too"),
    (check_month_dates, -9, WRONG, "len()"),
    (check_month_dates, [9], WRONG, ""),
    (check_month_dates, None, EMPTY, ""),
]


@pytest.mark.parametrize(("check_function", "answer", "status", "words"), COUNTS, ids=lambda v: repr(v)[:25])
def test_each_count_gets_its_verdict_and_hint(check_function, answer, status, words):
    feedback = check_function(answer)
    assert (feedback.status, words in feedback.message) == (status, True), feedback


WRITTEN = [
    ("The US State Department wrote it, so it is one side's account; Russia might say it differently. "
     "I would write: according to the State Department, Russia denied it.", "checked", "[x]"),
    ("I do not know why.", "checked", "[ ]"),
    ("Because.", WRONG, "full sentence"),
    ("russia " * 20, WRONG, "repeats"),
    (1987, WRONG, "triple quotes"),
    (..., EMPTY, ""),
]  # fmt: skip


@pytest.mark.parametrize(("text", "status", "words"), WRITTEN, ids=lambda v: repr(v)[:25])
def test_the_written_answer_is_checked_never_correct(text, status, words):
    feedback = check("think_1", {"think_1": text})
    assert (feedback.status, words in feedback.message) == (status, True), feedback


def test_the_model_answer_ticks_its_whole_checklist():
    assert_models_tick_their_checklists(
        check, "00", [name for name in EXERCISES if name.startswith("think_")]
    )


def test_every_answer_cell_is_followed_by_its_check_by_name():
    assert assert_checks_by_name(NOTEBOOK, EXERCISES) == list(EXERCISES)


def test_exercise_answers_are_not_on_the_screen_above_them():
    """The counts asked for are never printed in the prose before their exercise."""
    markdown = _markdown()
    head = markdown[: markdown.index("### Exercise 2")]
    head = " ".join(head.split())
    for phrase in (
        f"{SIZES['experts meeting']} experts meeting",
        f"{EVENTS.category.nunique()} categor",
        f"{EVENTS.category.nunique()} different",
        f"{PRECISION['month']} events",
        f"{PRECISION['month']} dated",
    ):
        assert phrase not in head, phrase
