"""The one reader of students' answers (checks and widgets alike): dates, numbers, days, words.

Each raises :class:`AnswerError` (a ``ValueError``) with a sentence a student can act on. Dates: ISO,
year first (``2019/02/02``), written out, or a ``Timestamp``, from 1900 to 2100; a numeric date whose
day and month could swap (``9/12/2017``) is refused, one that cannot (``13/12/2017``) is read.
"""

from __future__ import annotations

import datetime as dt
import re
from numbers import Integral, Real
from typing import Any

import numpy as np
import pandas as pd

from helpers.display.words import MONTH_NAMES, normalise

__all__ = [
    "AnswerError", "is_placeholder", "parse_date", "parse_days", "parse_number", "parse_whole_number",
    "parse_words"
]  # fmt: skip

HOW_TO_WRITE_A_DATE = "Write the date as 'YYYY-MM-DD', for example '2018-12-04'."
FIRST_YEAR, LAST_YEAR = 1900, 2100

_YEAR_FIRST = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_YEAR_LAST = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})")
_MONTH_WORD = re.compile("|".join(name[:3] for name in MONTH_NAMES), re.IGNORECASE)
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


class AnswerError(ValueError):
    """An answer that cannot be read; the message says what to write instead."""


def is_placeholder(value: Any) -> bool:
    """Whether ``value`` is still the answer cell's placeholder: ``...``, ``None`` or blank text.

    >>> is_placeholder(...), is_placeholder("  "), is_placeholder(0)
    (True, True, False)
    """
    return value is ... or value is None or (isinstance(value, str) and not value.strip())


def _day(year: int, month: int, day: int, text: str) -> pd.Timestamp:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise AnswerError(f"{text!r}: the year must be between {FIRST_YEAR} and {LAST_YEAR}.")
    try:
        return pd.Timestamp(year=year, month=month, day=day)
    except ValueError:
        raise AnswerError(f"{text!r} is not a day on the calendar. {HOW_TO_WRITE_A_DATE}") from None


def parse_date(value: Any) -> pd.Timestamp:
    """``value`` as a date at midnight, or an :class:`AnswerError` saying what to write.

    >>> parse_date("2019-02-02") == parse_date("2019/02/02") == parse_date("2 February 2019")
    True
    >>> parse_date("Feb 2, 2019").date(), parse_date("13/12/2017").date()
    (datetime.date(2019, 2, 2), datetime.date(2017, 12, 13))
    >>> parse_date("9/12/2017")
    Traceback (most recent call last):
    ...
    helpers.checks.answers.AnswerError: '9/12/2017' could be 9 December or 12 September. Write the date ...
    """
    if isinstance(value, bool | Real | np.number):
        raise AnswerError(f"{value!r} is a number, not a date. {HOW_TO_WRITE_A_DATE}")
    if isinstance(value, pd.Timestamp | dt.date | np.datetime64):
        stamp = pd.Timestamp(value)
        if pd.isna(stamp):
            raise AnswerError(f"That is an empty date. {HOW_TO_WRITE_A_DATE}")
        return _day(stamp.year, stamp.month, stamp.day, str(value))
    if not isinstance(value, str) or not value.strip():
        raise AnswerError(f"{value!r} is not a date. {HOW_TO_WRITE_A_DATE}")
    text = value.strip()
    if match := _YEAR_FIRST.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return _day(year, month, day, text)
    if match := _YEAR_LAST.fullmatch(text):
        first, second, year = (int(part) for part in match.groups())
        if first <= 12 and second <= 12 and first != second:
            raise AnswerError(
                f"{text!r} could be {first} {MONTH_NAMES[second - 1]} or {second} {MONTH_NAMES[first - 1]}. "
                + HOW_TO_WRITE_A_DATE
            )
        day, month = (first, second) if second <= 12 else (second, first)
        return _day(year, month, day, text)
    if _MONTH_WORD.search(text) and re.search(r"\b\d{4}\b", text) and re.search(r"\b\d{1,2}\b", text):
        try:
            stamp = pd.Timestamp(text)
        except (ValueError, OverflowError):
            stamp = pd.NaT
        if not pd.isna(stamp):
            return _day(stamp.year, stamp.month, stamp.day, text)
    raise AnswerError(f"{text!r} could not be read as a date. {HOW_TO_WRITE_A_DATE}")


def parse_number(value: Any) -> float:
    """A number from a number or text such as ``"1,000"`` or ``" 12.5 "``.

    >>> parse_number("1,000"), parse_number(12.5), parse_number(" 480 km")
    (1000.0, 12.5, 480.0)
    """
    if isinstance(value, bool):
        raise AnswerError(f"{value!r} is True or False, not a number.")
    if isinstance(value, Real | np.number):
        number = float(value)
    elif isinstance(value, str) and (match := _NUMBER.fullmatch(re.sub(r"\s*km$", "", value.strip()))):
        number = float(match.group().replace(",", ""))
    else:
        raise AnswerError(f"{value!r} is not a number. Write digits, for example 1000 or 1,000.")
    if not np.isfinite(number):
        raise AnswerError(f"{value!r} is not a number that can be counted.")
    return number


def parse_whole_number(value: Any) -> int:
    """A whole number from ``60``, ``60.0``, ``"60"`` or ``"1,000"``.

    >>> parse_whole_number("1,000"), parse_whole_number(6.0)
    (1000, 6)
    >>> parse_whole_number(12.99)
    Traceback (most recent call last):
    ...
    helpers.checks.answers.AnswerError: 12.99 is not a whole number. Round it, or count again.
    """
    if isinstance(value, Integral) and not isinstance(value, bool):
        return int(value)
    number = parse_number(value)
    if not number.is_integer():
        raise AnswerError(f"{value!r} is not a whole number. Round it, or count again.")
    return int(number)


def parse_days(value: Any) -> int:
    """A number of days from a whole number or a :class:`pandas.Timedelta` of whole days.

    >>> parse_days(pd.Timestamp("2019-08-02") - pd.Timestamp("2019-02-02")), parse_days("60")
    (181, 60)
    """
    if isinstance(value, pd.Timedelta | dt.timedelta | np.timedelta64):
        delta = pd.Timedelta(value)
        if pd.isna(delta) or delta % pd.Timedelta(days=1):
            raise AnswerError(f"{value!r} is not a whole number of days.")
        return int(delta.days)
    return parse_whole_number(value)


def parse_words(value: Any) -> list[str]:
    """A list of normalised words from a list, a tuple or text separated by commas, 'and' or spaces.

    >>> parse_words(["Sea", " AIR "]), parse_words("sea, air and space")
    (['sea', 'air'], ['sea', 'air', 'space'])
    """
    if isinstance(value, str):
        parts = re.split(r"\s*(?:,|;|\band\b|\s)\s*", normalise(value))
    elif isinstance(value, list | tuple | set | pd.Series | np.ndarray):
        parts = [normalise(item) for item in value if isinstance(item, str)]
        if len(parts) != len(value):
            raise AnswerError('Every item of the list must be text in quotes, like "sea".')
    else:
        raise AnswerError(f'{value!r} is not a list of words. Write them in quotes, like ["sea", "air"].')
    return [part for part in parts if part]
