"""The teacher guide (``teacher/``): keys the checks accept, an assessment the glossary cannot answer, links.

The key of every lesson is in ``teacher/lesson-plans.md``, one line per exercise: ``(`answer_N`), key:
`VALUE``` for an auto-checked exercise (a Python value, or an expression over ``events`` and ``pd``),
or a line saying "figure" or "written" for the others. These tests feed each value to the lesson's own
check, so a key cannot go stale when a lesson or the data changes.
"""

from __future__ import annotations

import ast
import importlib
import re

import pandas as pd
import pytest

import helpers
from helpers.data.loading import load_table
from helpers.data.paths import REPO_ROOT
from helpers.display.words import normalise

TEACHER = REPO_ROOT / "teacher"
MODULES = {"0": "start", "1": "background", "2": "timeline", "3": "withdrawal", "4": "sources"}
NAME = r"(?:answer|think)_[0-9a-z_]+"


def key_sections() -> dict[str, str]:
    """The text of each lesson's key, by lesson number."""
    text = (TEACHER / "lesson-plans.md").read_text(encoding="utf-8")
    lessons = re.split(r"^## Lesson (\d)\b", text, flags=re.M)[1:]
    sections = dict(zip(lessons[::2], lessons[1::2], strict=True))
    return {number: body.split("**Key**", 1)[1] for number, body in sections.items()}


def named(section: str) -> set[str]:
    """Every exercise a key section names, with ranges such as `think_1` to `think_5` expanded."""
    names = set(re.findall(rf"`({NAME})`", section))
    for first, last in re.findall(r"`think_(\d+)` to `think_(\d+)`", section):
        names |= {f"think_{n}" for n in range(int(first), int(last) + 1)}
    return names


def key_value(text: str) -> object:
    """A key as written: a Python literal, or an expression over ``events`` and ``pd``."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return eval(text, {"pd": pd, "events": helpers.load_events()})  # the guide's own text, not input


def lesson_exercises(lesson: str) -> dict:
    """The lesson's ``EXERCISES``; for a module without it yet, the checks its notebook calls by value."""
    module = importlib.import_module(f"helpers.checks.{MODULES[lesson]}")
    if hasattr(module, "EXERCISES"):
        return module.EXERCISES
    notebook = next((REPO_ROOT / "notebooks").glob(f"0{lesson}-*.ipynb")).read_text(encoding="utf-8")
    calls = re.findall(rf"(check_\w+)\(({NAME})\)", notebook)
    return {name: getattr(module, function) for function, name in calls}


def test_every_lesson_has_a_plan_and_a_key() -> None:
    assert sorted(key_sections()) == sorted(MODULES)


@pytest.mark.parametrize("lesson", sorted(MODULES))
def test_the_key_covers_every_exercise_and_the_checks_accept_it(lesson: str) -> None:
    exercises = lesson_exercises(lesson)
    section = key_sections()[lesson]
    assert named(section) == set(exercises), f"lesson {lesson}: key and exercises differ"
    keys = dict(re.findall(rf"\(`({NAME})`\), key: `([^`]+)`", section))
    for line in section.splitlines():
        names = set(re.findall(rf"`({NAME})`", line))
        if names and not names & set(keys):
            assert re.search(r"figure|written", line), f"lesson {lesson}: no key on {line!r}"
    assert keys, f"lesson {lesson}: no auto-checked key"
    for name, text in keys.items():
        feedback = exercises[name](key_value(text))
        assert feedback.status == "correct", f"lesson {lesson}, {name} = {text}: {feedback.message}"


def test_every_written_answer_has_a_rubric() -> None:
    """Each key line marked "written" points at a CSV that has a row for that exercise."""
    for lesson, section in key_sections().items():
        for line in section.split("\n- "):
            if "written" not in line:
                continue
            csv = re.search(r"data/model-answers/([\w-]+)\.csv", line)
            assert csv, f"lesson {lesson}: {line!r} names no rubric file"
            rows = set(pd.read_csv(REPO_ROOT / "data" / "model-answers" / f"{csv[1]}.csv")["answer"])
            assert named(line) <= rows, f"lesson {lesson}: no rubric row for {named(line) - rows}"


def assessment() -> list[tuple[str, str]]:
    """The assessment's questions and their keys, in order: (question, key)."""
    text = (TEACHER / "assessment.md").read_text(encoding="utf-8")
    questions = re.findall(r"^### Question \d+.*?\n(.*?)(?=^### |\Z)", text, flags=re.M | re.S)
    return [tuple(part.strip() for part in q.split("**Key.**", 1)) for q in questions]


def test_assessment_asks_for_reasoning_not_definitions() -> None:
    glossary = load_table("glossary")
    terms = set(glossary["term"].map(normalise))
    terms |= {normalise(a) for aliases in glossary["aliases"].dropna() for a in aliases.split(";")}
    questions = assessment()
    assert len(questions) >= 5 and all(len(q) == 2 for q in questions), "question or key missing"
    what_is = r"\bwhat (?:is|was|does) (?:an? |the )?(.+?)(?: mean)?\?"
    definition = re.compile(what_is + r"|\bdefine (.+?)[.?]", re.I)
    reasoning = re.compile(r"\b(why|explain|how would|is (?:it|that|this) (?:right|wrong)|which would)", re.I)
    for question, _ in questions:
        asked = definition.search(question)
        assert not (asked and normalise(asked[1] or asked[2]) in terms), f"asks for a definition: {question}"
        assert reasoning.search(question), f"asks for no reasoning: {question}"


def test_no_glossary_definition_earns_the_marks() -> None:
    """No key shares a run of eight words with a glossary definition: copying the glossary scores nothing."""

    def runs(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9,.]+", text.lower().replace(",", ""))
        return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}

    glossary = set().union(*(runs(d) for d in load_table("glossary")["definition"].dropna()))
    for question, key in assessment():
        assert not runs(key) & glossary, f"a glossary definition answers: {question[:60]}"


def test_links_in_the_teacher_guide_lead_somewhere() -> None:
    for page in TEACHER.glob("*.md"):
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name}: broken link {target}"
