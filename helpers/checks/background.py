"""Checks for the exercises of lesson 1 ("Treaty background"): each returns a ``Feedback``, never raises.

Answers are read with :mod:`helpers.checks.answers`; expected answers come from ``eliminations()``,
the classifier and the treaty's dates. A wrong answer gets a hint aimed at the likely slip.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from helpers.checks.answers import AnswerError, parse_days, parse_number, parse_whole_number, parse_words
from helpers.display.feedback import Feedback, correct, never_raises, try_again
from helpers.display.words import normalise
from helpers.history import treaty
from helpers.history.treaty import classify_missile, eliminations, normalise_launch_mode

__all__ = [
    "CLASSIFY_CASES",
    "check_classify_cases",
    "check_inspection_years",
    "check_not_covered",
    "check_soviet_figure",
    "check_us_eliminated",
]

CLASSIFY_CASES: tuple[tuple[str, float, str, str], ...] = (
    ("A", 1000, "ground", "ballistic"),
    ("B", 2500, "sea", "cruise"),
    ("C", 480, "ground", "cruise"),
    ("D", 5500, "ground", "cruise"),
    ("E", 900, "air", "ballistic"),
)
"""The five made-up missiles of the classification exercise: (letter, range km, launch mode, kind)."""

OP_ED_ROUNDED = 2600
"""Huntsman's op-ed: "more than 2,600 missiles" (both sides, rounded down)."""

_CASE_HINTS: dict[str, str] = {
    "A": "A: exactly 1,000 km is still inside the shorter-range band (500 up to and including 1,000 km).",
    "B": "B: a sea-launched missile was not covered, whatever its range.",
    "C": "C: 480 km is below the 500 km lower limit.",
    "D": "D: exactly 5,500 km is the top of the intermediate-range band, and still inside it.",
    "E": "E: an air-launched missile was not covered, whatever its range.",
}
_VERDICT_WORDS = {"banned": True, "yes": True, "true": True, "not banned": False, "allowed": False}
_VERDICT_WORDS |= {"no": False, "false": False}
_FILLER = {"or", "launched", "missile", "missiles", "the"}


def _side(side: str) -> pd.DataFrame:
    table = eliminations()
    return table[table.side == side]


@never_raises
def check_us_eliminated(answer: Any) -> Feedback:
    """Exercise 1: how many missiles did the United States eliminate? (the sum of its rows)

    Examples
    --------
    >>> print(check_us_eliminated(846))
    Correct: Yes: 846 US missiles (234 Pershing II + 169 Pershing IA + 443 BGM-109G GLCM).
    >>> check_us_eliminated(2692).passed, check_us_eliminated("846").passed
    (False, True)
    """
    try:
        number = parse_whole_number(answer)
    except AnswerError as error:
        return try_again(f"{error} Give a whole number, for example 123 (no quotes needed).")
    us = _side("United States")
    if number == int(us.missiles.sum()):
        parts = " + ".join(f"{n:,} {system}" for system, n in zip(us.system, us.missiles, strict=True))
        return correct(f"Yes: {number:,} US missiles ({parts}).")
    if number == int(eliminations().missiles.sum()):
        return try_again("That is both sides together. Keep only the rows where side is 'United States'.")
    if number == int(_side("Soviet Union").missiles.sum()):
        return try_again("That is the Soviet total. The question asks about the United States.")
    if number == OP_ED_ROUNDED:
        return try_again(f"{OP_ED_ROUNDED:,} is the op-ed's rounded figure for both sides. Use the table.")
    if number in set(us.missiles.astype(int)):
        return try_again("That is one US system only. Add up all the US systems.")
    return try_again("Not quite. Add up the 'missiles' column for the US rows of the table.")


@never_raises
def check_inspection_years(answer: Any) -> Feedback:
    """Exercise 3: years from entry into force to the end of inspections (about 13).

    Any number within 0.1 of the exact span in years (days / 365.25) passes.

    Examples
    --------
    >>> check_inspection_years(13).passed, check_inspection_years(12.997).passed
    (True, True)
    >>> print(check_inspection_years(14))
    Not yet: Did you count from the signing in 1987? Start from entry into force, 1 June 1988.
    """
    if isinstance(answer, dt.timedelta | np.timedelta64):
        return try_again(f"You have a span of {parse_days(answer):,} days. Divide it by 365.25 for years.")
    try:
        years = parse_number(answer)
    except AnswerError as error:
        return try_again(f"{error} Give a number of years, for example 7.")
    start, end = treaty.ENTERED_INTO_FORCE, treaty.INSPECTIONS_ENDED
    exact = (end - start).days / 365.25
    if abs(years - exact) <= 0.1:
        return correct(f"Yes: about {round(exact)} years, from 1 June 1988 to midnight on 31 May 2001.")
    if abs(years - (end.year - treaty.SIGNED.year)) <= 0.1:
        return try_again("Did you count from the signing in 1987? Start from entry into force, 1 June 1988.")
    if abs(years - (end.year - 1991)) <= 0.1:
        return try_again("Did you start when the eliminations ended (1991)? Start from entry into force.")
    if years > 100:
        return try_again("That looks like days, not years. Divide the number of days by 365.25.")
    return try_again("Not quite. Subtract 1 June 1988 from 31 May 2001 and give the answer in years.")


def _as_verdict(value: Any) -> bool | None:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    return _VERDICT_WORDS.get(normalise(value)) if isinstance(value, str) else None


@never_raises
def check_classify_cases(answer: Any) -> Feedback:
    """Exercise 4: a list of five True/False verdicts for :data:`CLASSIFY_CASES` A to E.

    Examples
    --------
    >>> check_classify_cases([True, False, False, True, False]).passed
    True
    >>> print(check_classify_cases([False, False, False, True, False]))
    Not yet: 4 of 5 right. Look again at A: exactly 1,000 km is still inside the shorter-range band (500 up to
    and including 1,000 km).
    """
    if isinstance(answer, str | bytes | dict) or not hasattr(answer, "__iter__"):
        return try_again("Give a list of five True/False values in square brackets, e.g. [True, False, ...].")
    verdicts, count = [_as_verdict(v) for v in answer], len(CLASSIFY_CASES)
    if len(verdicts) != count:
        return try_again(f"Give one True/False per missile: {count} values (you gave {len(verdicts)}).")
    if any(v is None for v in verdicts):
        return try_again("Use True (banned) or False (not banned) for each missile.")
    expected = [classify_missile(km, mode, kind).banned for _, km, mode, kind in CLASSIFY_CASES]
    pairs = zip(CLASSIFY_CASES, verdicts, expected, strict=True)
    wrong = [case[0] for case, got, want in pairs if got != want]
    if not wrong:
        return correct("All five right: only A and D, ground-launched from 500 to 5,500 km, were banned.")
    hints = " ".join(_CASE_HINTS[letter] for letter in wrong)
    return try_again(f"{count - len(wrong)} of {count} right. Look again at {hints}")


@never_raises
def check_not_covered(answer: Any) -> Feedback:
    """Exercise 5: which launch modes did the treaty leave out? (sea and air)

    Accepts a list, tuple or set of words, or one piece of text such as "sea and air".

    Examples
    --------
    >>> check_not_covered({"sea", "air"}).passed, check_not_covered("air-launched, sea-launched").passed
    (True, True)
    >>> print(check_not_covered(["sea"]))
    Not yet: Sea is right, but one more launch mode was left out. Think of aircraft.
    """
    try:
        words = [word for word in parse_words(answer) if word not in _FILLER]
    except AnswerError as error:
        return try_again(str(error))
    modes = {normalise_launch_mode(word) for word in words}
    if "ground" in modes:
        return try_again("Ground-launched missiles are exactly what the treaty banned. Which were left out?")
    if None in modes:
        return try_again('Use only the words "ground", "sea" or "air".')
    if modes == {"sea", "air"}:
        return correct("Yes: sea-launched and air-launched missiles were not covered, whatever their range.")
    if modes == {"sea"}:
        return try_again("Sea is right, but one more launch mode was left out. Think of aircraft.")
    if modes == {"air"}:
        return try_again("Air is right, but one more launch mode was left out. Think of ships.")
    return try_again('Give at least one launch mode: "ground", "sea" or "air".')


def _bar_lengths(figure: Any) -> list[int]:
    """The length of every bar (``bar`` or ``barh``) on the figure's axes, shortest first."""
    bars = [(c, p) for ax in figure.axes for c in ax.containers for p in getattr(c, "patches", [])]
    lying = {id(c) for c, _ in bars if getattr(c, "orientation", None) == "horizontal"}
    return sorted(round(abs(p.get_width() if id(c) in lying else p.get_height())) for c, p in bars)


@never_raises
def check_soviet_figure(answer: Any) -> Feedback:
    """Exercise 2: a bar chart of the Soviet systems only, with a title. Give the figure (or its axes).

    Examples
    --------
    >>> from helpers.display.figures import new_figure
    >>> fig, ax = new_figure(4, 2)
    >>> soviet = eliminations().query("side == 'Soviet Union'")
    >>> bars = ax.barh(soviet.system, soviet.missiles)
    >>> print(check_soviet_figure(fig))
    Not yet: The bars are right. Now give the chart a title: ax.set_title("...").
    >>> _ = ax.set_title("Soviet missiles eliminated")
    >>> check_soviet_figure(fig).passed
    True
    """
    figure = getattr(answer, "figure", answer)  # a FigureOutput or an Axes gives its figure
    if not hasattr(figure, "axes") or not isinstance(figure.axes, list):
        return try_again("Give the figure itself: after fig, ax = plt.subplots() and your ax. calls, fig.")
    drawn = _bar_lengths(figure)
    soviet = sorted(int(n) for n in _side("Soviet Union").missiles)
    us = set(int(n) for n in _side("United States").missiles)
    if not drawn:
        return try_again("The figure has no bars yet. Draw them with ax.barh(...), as in figure 2.")
    if us & set(drawn):
        return try_again("The US systems are still there. Filter first: table[table.side == 'Soviet Union'].")
    if drawn != soviet:
        return try_again(f"Draw one bar per Soviet row of the table ({len(soviet)} bars): its 'missiles'.")
    if not any(ax.get_title(loc=loc).strip() for ax in figure.axes for loc in ("left", "center", "right")):
        return try_again('The bars are right. Now give the chart a title: ax.set_title("...").')
    return correct(f"Yes: {len(soviet)} Soviet bars, {sum(soviet):,} missiles in all, and a title.")
