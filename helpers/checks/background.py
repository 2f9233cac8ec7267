"""Self-checks for lesson 1, "Treaty background": each returns a Feedback and never raises.

Expected answers come from ``eliminations()``, the classifier and the treaty's dates.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import numpy as np
import pandas as pd

from helpers.checks import checker
from helpers.checks.answers import AnswerError, parse_days, parse_number, parse_whole_number, parse_words
from helpers.checks.kinds import figure_parts, judge, written
from helpers.checks.sealed import AnswerKey, hidden
from helpers.display.feedback import Feedback, correct, never_raises, try_again
from helpers.display.words import normalise
from helpers.history import treaty
from helpers.history.treaty import classify_missile, eliminations, normalise_launch_mode

__all__ = ["CLASSIFY_CASES", "check_classify_cases", "check_inspection_years", "check_not_covered"]
__all__ += ["EXERCISES", "WRITTEN_ANSWERS", "check", "check_soviet_figure", "check_us_eliminated"]

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
    "A": hidden("A: exactly 1,000 km is still inside the shorter-range band (500 to 1,000 inclusive)."),
    "B": hidden("B: a sea-launched missile was not covered, whatever its range."),
    "C": hidden("C: 480 km is below the 500 km lower limit."),
    "D": hidden("D: exactly 5,500 km is the top of the intermediate-range band, and still inside it."),
    "E": hidden("E: an air-launched missile was not covered, whatever its range."),
}
_VERDICT_WORDS = {"banned": True, "yes": True, "true": True, "not banned": False, "allowed": False}
_VERDICT_WORDS |= {"no": False, "false": False}
_FILLER = {"or", "launched", "missile", "missiles", "the"}
_ADD_UP = "Not quite. Add up the 'missiles' column for the US rows of the table."
_WHOLE = "Give a whole number, for example 123 (no quotes needed)."


def _side(side: str) -> pd.DataFrame:
    table = eliminations()
    return table[table.side == side]


def _total(side: str | None = None) -> int:
    return int((_side(side) if side else eliminations()).missiles.sum())


@never_raises
def check_us_eliminated(answer: Any) -> Feedback:
    """Exercise 1: how many missiles did the United States eliminate? (the sum of its rows)

    >>> print(check_us_eliminated(846))
    Correct: Yes: 846 US missiles (234 Pershing II + 169 Pershing IA + 443 BGM-109G GLCM).
    >>> check_us_eliminated(2692).passed, check_us_eliminated("846").passed
    (False, True)
    """
    us, us_total, total = _side("United States"), _total("United States"), _total()
    parts = " + ".join(f"{n:,} {system}" for system, n in zip(us.system, us.missiles, strict=True))
    slips = {int(n): "That is one US system only. Add up all the US systems." for n in us.missiles}
    slips[OP_ED_ROUNDED] = f"{OP_ED_ROUNDED:,} is the op-ed's rounded figure for both sides. Use the table."
    slips[_total("Soviet Union")] = "That is the Soviet total. The question asks about the United States."
    slips[total] = "That is both sides together. Keep only the rows where side is 'United States'."
    right = f"Yes: {us_total:,} US missiles ({parts})."
    return judge(answer, parse_whole_number, us_total, right, slips, _ADD_UP, how=_WHOLE)


@never_raises
def check_inspection_years(answer: Any) -> Feedback:
    """Exercise 3: years from entry into force to the end of inspections.

    >>> check_inspection_years(13).passed, check_inspection_years(12.997).passed
    (True, True)
    >>> print(check_inspection_years(14))
    Not yet: Did you count from the signing in 1987? Start from entry into force, 1 June 1988.
    >>> print(check_inspection_years(12))
    Not yet: 12.99 cut short to 12: round to the nearest year.
    """
    if isinstance(answer, dt.timedelta | np.timedelta64):
        return try_again(f"You have a span of {parse_days(answer):,} days. Divide it by 365.25 for years.")
    end, start = treaty.INSPECTIONS_ENDED, "Start from entry into force"
    exact = (end - treaty.ENTERED_INTO_FORCE).days / 365.25
    signed = treaty.SIGNED.year
    near = {end.year - signed: f"Did you count from the signing in {signed}? {start}, 1 June 1988."}
    near[end.year - 1991] = f"Did you start when the eliminations ended (1991)? {start}."
    near[int(exact)] = f"{int(exact * 100) / 100} cut short to {int(exact)}: round to the nearest year."
    days = "That looks like days, not years. Divide the number of days by 365.25."
    return judge(
        answer,
        parse_number,
        lambda years: abs(years - exact) <= 0.1,
        f"Yes: about {round(exact)} years, from 1 June 1988 to midnight on 31 May 2001.",
        lambda years: [*((abs(years - n) <= 0.1, hint) for n, hint in near.items()), (years > 100, days)],
        "Not quite. Subtract 1 June 1988 from 31 May 2001 and give the answer in years.",
        how="Give a number of years, for example 7.",
    )


def _as_verdict(value: Any) -> bool | None:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    return _VERDICT_WORDS.get(normalise(value)) if isinstance(value, str) else None


@never_raises
def check_classify_cases(answer: Any) -> Feedback:
    """Exercise 4: a list of five True/False verdicts for :data:`CLASSIFY_CASES` A to E.

    >>> check_classify_cases([True, False, False, True, False]).passed
    True
    >>> print(check_classify_cases([False, False, False, True, False]))
    Not yet: 4 of 5 right. Look again at A: exactly 1,000 km is still inside the shorter-range band (500 to
    1,000 inclusive).
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


def _modes(answer: Any) -> frozenset[str]:
    """The launch modes named in the answer; an AnswerError for "ground" or a word that is not a mode."""
    modes = frozenset(normalise_launch_mode(word) for word in parse_words(answer) if word not in _FILLER)
    if "ground" in modes:
        raise AnswerError("Ground-launched missiles are exactly what the treaty banned. Which were left out?")
    if None in modes:
        raise AnswerError('Use only the words "ground", "sea" or "air".')
    return modes


@never_raises
def check_not_covered(answer: Any) -> Feedback:
    """Exercise 5: which launch modes did the treaty leave out? (launch modes, as a list or as text)

    >>> check_not_covered({"sea", "air"}).passed, check_not_covered("air-launched, sea-launched").passed
    (True, True)
    >>> print(check_not_covered(["sea"]))
    Not yet: Sea is right, but one more launch mode was left out. Think of aircraft.
    """
    right = hidden("Yes: sea-launched and air-launched missiles were not covered, whatever their range.")
    slips = {
        frozenset({"sea"}): hidden("Sea is right, but one more launch mode was left out. Think of aircraft."),
        frozenset({"air"}): hidden("Air is right, but one more launch mode was left out. Think of ships."),
    }
    otherwise = 'Give at least one launch mode: "ground", "sea" or "air".'
    return judge(answer, _modes, AnswerKey({"sea", "air"}), right, slips, otherwise)


@never_raises
def check_soviet_figure(answer: Any) -> Feedback:
    """Exercise 2: a bar chart of the Soviet systems only, with a title. Give the figure (or its axes).

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
    parts = figure_parts(answer)
    if parts is None:
        return try_again("Give the figure itself: after fig, ax = plt.subplots() and your ax. calls, fig.")
    drawn = sorted(round(abs(length)) for group in parts.bars for _, length, _ in group)
    soviet = sorted(int(n) for n in _side("Soviet Union").missiles)
    if not drawn:
        return try_again("The figure has no bars yet. Draw them with ax.barh(...), as in figure 2.")
    if set(drawn) & set(_side("United States").missiles.astype(int)):
        return try_again("The US systems are still there. Filter first: table[table.side == 'Soviet Union'].")
    if drawn != soviet:
        return try_again(f"Draw one bar per Soviet row of the table ({len(soviet)} bars): its 'missiles'.")
    if not parts.title:
        return try_again('The bars are right. Now give the chart a title: ax.set_title("...").')
    return correct(f"Yes: {len(soviet)} Soviet bars, {sum(soviet):,} missiles in all, and a title.")


EXERCISES = {"answer_1": check_us_eliminated, "answer_2": check_soviet_figure}
EXERCISES |= {"answer_3": check_inspection_years, "answer_4": check_classify_cases}
EXERCISES |= {"answer_5": check_not_covered}
WRITTEN_ANSWERS = {"think_1": (15, 100), "think_2": (15, 100), "answer_6": (40, 100), "think_3": (15, 100)}
"""The written answers and their lengths in words; their checklists are rows of ``checklists.csv``."""
EXERCISES |= {
    name: never_raises(functools.partial(written, lesson="01", name=name, words=words))
    for name, words in WRITTEN_ANSWERS.items()
}
check = checker(EXERCISES)
