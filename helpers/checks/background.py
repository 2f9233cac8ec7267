"""Checks for the exercises of lesson 1 ("Treaty background").

Each check takes the student's answer, returns a :class:`helpers.display.feedback.Feedback`
and never raises. A wrong answer gets a hint aimed at the likely slip (the
total instead of one side, counting from the signing instead of entry into
force, and so on).
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
from collections.abc import Iterable
from typing import Any

import numpy as np

from helpers.display.feedback import Feedback, correct, never_raises, try_again
from helpers.history.treaty import classify_missile, eliminations, normalise_launch_mode

__all__ = [
    "CLASSIFY_CASES",
    "check_classify_cases",
    "check_inspection_years",
    "check_not_covered",
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

_FILLER = {"and", "or", "launched", "missile", "missiles", "the"}

_CASE_HINTS: dict[str, str] = {
    "A": "A: exactly 1,000 km is still inside the shorter-range band (500 up to and including 1,000 km).",
    "B": "B: a sea-launched missile was not covered, whatever its range.",
    "C": "C: 480 km is below the 500 km lower limit.",
    "D": "D: exactly 5,500 km is the top of the intermediate-range band, and still inside it.",
    "E": "E: an air-launched missile was not covered, whatever its range.",
}


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


@never_raises
def check_us_eliminated(answer: Any) -> Feedback:
    """Exercise 1: how many missiles did the United States eliminate? (846)

    Examples
    --------
    >>> print(check_us_eliminated(846))
    Correct: Yes: 846 US missiles (234 Pershing II + 169 Pershing IA + 443 GLCMs).
    >>> check_us_eliminated(2692).passed, check_us_eliminated("846").passed
    (False, True)
    """
    if isinstance(answer, str) and answer.strip().replace(",", "").isdigit():
        answer = int(answer.strip().replace(",", ""))
    if not _is_number(answer):
        return try_again("Give a whole number, for example 123 (no quotes needed).")
    table = eliminations()
    us = table[table.side == "United States"]
    total_us = int(us.missiles.sum())
    if answer == total_us:
        return correct("Yes: 846 US missiles (234 Pershing II + 169 Pershing IA + 443 GLCMs).")
    if answer == int(table.missiles.sum()):
        return try_again("That is both sides together. Keep only the rows where side is 'United States'.")
    if answer == int(table[table.side == "Soviet Union"].missiles.sum()):
        return try_again("That is the Soviet total. The question asks about the United States.")
    if answer == 2600:
        return try_again(
            "2,600 is the op-ed's rounded figure for both sides. Use the table for the US alone."
        )
    if answer in set(us.missiles.astype(int)):
        return try_again("That is one US system only. Add up all three US systems.")
    return try_again("Not quite. Add up the 'missiles' column for the three US systems in the table.")


@never_raises
def check_inspection_years(answer: Any) -> Feedback:
    """Exercise 2: years from entry into force (1 June 1988) to the end of inspections (31 May 2001). (13)

    Any number within 0.1 of 13 passes, so an exact calculation in days divided by
    365.25 (about 12.997) counts as right.

    Examples
    --------
    >>> check_inspection_years(13).passed, check_inspection_years(12.997).passed
    (True, True)
    >>> print(check_inspection_years(14))
    Not yet: Did you count from the signing in December 1987? Start from entry into force, 1 June 1988.
    """
    if isinstance(answer, dt.timedelta):
        return try_again(
            f"You have a time span of {answer.days:,} days. Turn it into years: divide the days by 365.25."
        )
    if isinstance(answer, str):
        found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:years?)?\s*", answer.lower())
        answer = float(found.group(1)) if found else None
    if not _is_number(answer):
        return try_again("Give a number of years, for example 7.")
    years = float(answer)
    if abs(years - 13) <= 0.1:
        return correct("Yes: 13 years, from 1 June 1988 to midnight on 31 May 2001.")
    if abs(years - 14) <= 0.1:
        return try_again(
            "Did you count from the signing in December 1987? Start from entry into force, 1 June 1988."
        )
    if abs(years - 10) <= 0.1:
        return try_again(
            "Did you start when the eliminations ended (1991)? Start from entry into force, 1988."
        )
    if years > 100:
        return try_again("That looks like days, not years. Divide the number of days by 365.25.")
    return try_again("Not quite. Subtract 1 June 1988 from 31 May 2001 and give the answer in years.")


def _as_verdict(value: Any) -> bool | None:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in {"banned", "yes", "true"}:
            return True
        if word in {"not banned", "allowed", "no", "false"}:
            return False
    return None


@never_raises
def check_classify_cases(answer: Any) -> Feedback:
    """Exercise 3: a list of five True/False verdicts for :data:`CLASSIFY_CASES` A to E.

    Examples
    --------
    >>> check_classify_cases([True, False, False, True, False]).passed
    True
    >>> print(check_classify_cases([False, False, False, True, False]))
    Not yet: 4 of 5 right. Look again at A: exactly 1,000 km is still inside the shorter-range band (500 up to
    and including 1,000 km).
    """
    if isinstance(answer, str) or not isinstance(answer, Iterable):
        return try_again("Give a list of five True/False values in square brackets, e.g. [True, False, ...].")
    given = list(answer)
    if len(given) != len(CLASSIFY_CASES):
        return try_again(
            f"Give one True/False per missile: {len(CLASSIFY_CASES)} values (you gave {len(given)})."
        )
    verdicts = [_as_verdict(v) for v in given]
    if any(v is None for v in verdicts):
        return try_again("Use True (banned) or False (not banned) for each missile.")
    expected = [classify_missile(km, mode, kind).banned for _, km, mode, kind in CLASSIFY_CASES]
    wrong = [
        case[0] for case, got, want in zip(CLASSIFY_CASES, verdicts, expected, strict=True) if got != want
    ]
    if not wrong:
        return correct(
            "All five right: only A and D, the ground-launched ones from 500 to 5,500 km, were banned."
        )
    right = len(CLASSIFY_CASES) - len(wrong)
    hints = " ".join(_CASE_HINTS[letter] for letter in wrong)
    return try_again(f"{right} of {len(CLASSIFY_CASES)} right. Look again at {hints}")


@never_raises
def check_not_covered(answer: Any) -> Feedback:
    """Exercise 4: which launch modes did the treaty leave out? ({"sea", "air"})

    Accepts a list, tuple or set of words, or one piece of text such as "sea and air".

    Examples
    --------
    >>> check_not_covered({"sea", "air"}).passed, check_not_covered("air-launched, sea-launched").passed
    (True, True)
    >>> print(check_not_covered(["sea"]))
    Not yet: Sea is right, but one more launch mode was left out. Think of aircraft.
    """
    if isinstance(answer, str):
        items: list[Any] = [w for w in re.split(r"[^a-z-]+", answer.lower()) if w and w not in _FILLER]
    elif isinstance(answer, Iterable):
        items = list(answer)
    else:
        return try_again('Give the launch modes as a list of words, e.g. ["...", "..."].')
    modes = {normalise_launch_mode(item) for item in items}
    unknown = len(items) > 0 and None in modes
    modes.discard(None)
    if "ground" in modes:
        return try_again(
            "Ground-launched missiles are exactly what the treaty banned. Which launch modes were left out?"
        )
    if unknown:
        return try_again('Use only the words "ground", "sea" or "air".')
    if modes == {"sea", "air"}:
        return correct("Yes: sea-launched and air-launched missiles were not covered, whatever their range.")
    if modes == {"sea"}:
        return try_again("Sea is right, but one more launch mode was left out. Think of aircraft.")
    if modes == {"air"}:
        return try_again(
            "Air is right, but one more launch mode was left out. Think of ships and submarines."
        )
    return try_again('Give at least one launch mode: "ground", "sea" or "air".')
