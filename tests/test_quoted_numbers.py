"""The numbers a lesson's prose quotes from the tables match the tables (see ``quoted_numbers.py``)."""

from __future__ import annotations

import functools
import re

import nbformat
import pytest

import helpers
from helpers.data.paths import REPO_ROOT

from .quoted_numbers import QUOTED, Quoted

NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


@functools.cache
def _tables() -> helpers.Tables:
    return helpers.load_tables()


@functools.cache
def _prose(notebook: str) -> str:
    """The notebook's markdown, with every run of white space made one space."""
    nb = nbformat.read(REPO_ROOT / "notebooks" / f"{notebook}.ipynb", as_version=4)
    text = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    return re.sub(r"\s+", " ", text)


def _filled(entry: Quoted, value: int | str) -> str:
    if isinstance(value, str):
        return entry.words.format(value, words=value)
    word = NUMBER_WORDS[value] if 0 <= value < len(NUMBER_WORDS) else f"{value:,}"
    return entry.words.format(f"{value:,}", words=word)


def test_the_words_have_a_place_for_the_number():
    for entry in QUOTED:
        assert "{}" in entry.words or "{words}" in entry.words, entry


@pytest.mark.parametrize("entry", QUOTED, ids=[f"{q.notebook}: {q.words}" for q in QUOTED])
def test_prose_quotes_the_number_the_tables_give(entry: Quoted):
    expected = _filled(entry, entry.compute(_tables()))
    prose = _prose(entry.notebook)
    found = expected in prose or expected[:1].swapcase() + expected[1:] in prose
    assert found, (
        f"{entry.notebook}.ipynb should say {expected!r} (computed from the tables); "
        f"the number in its text is stale, or the words changed"
    )
