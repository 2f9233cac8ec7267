"""What the lessons' tests share about written answers and checks by name.

A written answer is never "Correct": its check ticks a checklist, then reveals the model answer. Each lesson's
test module builds its table of answers and verdicts with :func:`written_cases` (the same odd answers for
every lesson, plus its own), and calls :func:`assert_models_tick_their_checklists` and
:func:`assert_checks_by_name`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from helpers.data.loading import load_table

CHECKED, NOT_YET, NOT_ANSWERED = "checked", "try again", "not answered yet"


def model_answers(lesson: str) -> pd.Series:
    """The model answers of lesson ``lesson`` ("00" to "04"), by answer name."""
    return load_table(f"model-answers-{lesson}").set_index("answer")["model_answer"]


def written_cases(lesson: str, names: Iterable[str], repeated: str) -> list[tuple[str, object, str, str]]:
    """``(name, answer, status, words in the feedback)`` for each written answer: its model answer (checked,
    the model shown), a sentence that misses every point, too short a text, one word repeated (``repeated``),
    a number or a list instead of text, and the placeholder ``...``."""
    models = model_answers(lesson)
    return [
        (name, text, status, words)
        for name in names
        for text, status, words in [
            (models[name], CHECKED, "A model answer:"),
            ("I do not know why.", CHECKED, "[ ]"),  # a sentence is checked, with the points it misses
            ("Because.", NOT_YET, "full sentence"),
            (f"{repeated} " * 20, NOT_YET, "repeats"),
            (42, NOT_YET, "triple quotes"),
            (["a", "list"], NOT_YET, "triple quotes"),
            (..., NOT_ANSWERED, ""),
        ]
    ]


def assert_written_verdict(check: Callable, name: str, text: object, status: str, words: str) -> None:
    """The check by name of ``name`` gives ``status``, with ``words`` in its message or what it reveals."""
    feedback = check(name, {name: text})
    assert feedback.status == status and words in str(feedback) + (feedback.reveal or ""), feedback


def assert_models_tick_their_checklists(check: Callable, lesson: str, names: Iterable[str]) -> None:
    """Every written answer has a model answer, and the model answer ticks every point of its checklist."""
    models, names = model_answers(lesson), set(names)
    assert set(models.index) == names
    for name in sorted(names):
        assert "[ ]" not in check(name, {name: models[name]}).message, name


def code_sources(notebook: Path) -> list[str]:
    """The source of every cell of ``notebook``, in order."""
    return ["".join(cell["source"]) for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]]


def assert_checks_by_name(notebook: Path, exercises: Iterable[str]) -> list[str]:
    """Each answer cell of ``notebook`` is followed by ``check("<its name>")``; the answers are exactly
    ``exercises``, and no cell calls a check function directly. Returns the answer names in order."""
    sources = code_sources(notebook)
    answers = [s.split(" =", 1)[0] for s in sources if s.startswith(("answer_", "think_"))]
    assert sorted(answers) == sorted(exercises)
    for name in answers:
        index = next(i for i, s in enumerate(sources) if s.startswith(f"{name} ="))
        assert sources[index + 1] == f'check("{name}")', name
    assert not any("check_" in s for s in sources), "the notebook calls its checks by name only"
    return answers
