"""Checks for notebook 0, "Start here" (``check(name)``): the warm-up year, three counts the student
writes a line of pandas for, and a written answer. A wrong year gets a hint that names what happened in
that year, so the slip itself teaches something; a wrong count gets the hint for its likely slip.
"""

from __future__ import annotations

import functools
from contextlib import suppress
from typing import Any

from helpers.checks import checker
from helpers.checks.answers import AnswerError, parse_date, parse_number, parse_whole_number, parse_words
from helpers.checks.kinds import event_table, judge, written
from helpers.display.feedback import Feedback, never_raises
from helpers.display.words import long_date, plural

__all__ = ["EXERCISES", "check", "check_categories", "check_experts_meetings", "check_month_dates"]
__all__ += ["check_signing_year", "signing_day"]


def signing_day() -> Any:
    """The day the INF Treaty was signed: the first row of the event table (background fact 1)."""
    return event_table()["date_start"].min()


_WHOLE = "Type the year as a whole number, for example 2001."
_HINT = "Hint: the table of events starts with the signing; look at the first date printed above."
_YEAR_HINTS: dict[int, str] = {
    1988: "1988 is the year the treaty entered into force (1 June 1988). It was signed some months earlier.",
    1991: "By May 1991 the last missiles had been destroyed. The signing came a few years before.",
    2001: "In 2001 the on-site inspections ended. The treaty itself is much older.",
    2019: "2019 is the year the treaty ended, when the US withdrawal took effect. Look for its beginning.",
}


def _reads(parse: Any, answer: Any) -> Any:
    with suppress(AnswerError):
        return parse(answer)


def _year(answer: Any) -> int:
    """The year in the answer (a whole number or a date), or an AnswerError saying what to write."""
    for year in (_reads(parse_whole_number, answer), getattr(_reads(parse_date, answer), "year", None)):
        if year is not None:
            return year
    if isinstance(answer, bool):
        raise AnswerError(f"True and False are not years. {_WHOLE}")
    if _reads(parse_number, answer) is not None:
        raise AnswerError("A year is a whole number, without a decimal point: for example 2001.")
    several = sum(word.isdigit() for word in _reads(parse_words, answer) or []) > 1
    raise AnswerError("Give one year only, for example 2001." if several else _WHOLE)


@never_raises
def check_signing_year(answer: Any) -> Feedback:
    """Check the warm-up answer: the year the INF Treaty was signed (a year, as a number or text, or a date).

    >>> print(check_signing_year(87))
    Not yet: Write the year in full, with four digits: for example 2001, not 01.
    """
    signed = signing_day()
    right = "Yes. Ronald Reagan and Mikhail Gorbachev signed the INF Treaty in Washington on "
    right += f"{long_date(signed)}."
    return judge(answer, _year, signed.year, right, functools.partial(_slips, signed=signed.year))


def _slips(year: int, signed: int) -> list[tuple[bool, str]]:
    """A hint for each wrong year: what happened in it, or which way to look."""
    four = "Write the year in full, with four digits: for example 2001, not 01."
    talks = set(event_table().query("phase == 'diplomacy'")["date_start"].dt.year)
    era = [
        (year in talks, "falls in the years of talks about the 9M729; the treaty is older."),
        (1900 <= year < signed, "is too early."),
        (signed < year <= 2100, "is too late."),
        (True, "does not look like a year of this story."),
    ]
    return [(0 <= year < 100, four), (year in _YEAR_HINTS, _YEAR_HINTS.get(year, ""))] + [
        (condition, f"{year} {text} {_HINT}") for condition, text in era
    ]


def _count(answer: Any, expected: int, what: tuple[str, str], slips: dict[int, str], how: str) -> Feedback:
    """Judge a count of rows: "Correct" for ``expected``, the hint for a known slip, else ``how``."""
    right = f"Yes: {plural(expected, *what)}. You wrote that line of pandas yourself."
    return judge(answer, parse_whole_number, expected, right, slips, how, how="Give a whole number.")


@never_raises
def check_experts_meetings(answer: Any) -> Feedback:
    """Exercise 2: how many rows of the table are experts meetings (a filter, then ``len``).

    >>> print(check_experts_meetings(2))  # doctest: +ELLIPSIS
    Not yet: That is the number of SVC sessions: change the category...
    """
    sizes = event_table()["category"].value_counts()
    slips = {int(sizes["SVC session"]): "That is the number of SVC sessions: change the category."}
    slips[len(event_table())] = "That counts every row: keep only the experts meetings with a filter first."
    how = 'Copy the filter above with "experts meeting" in place of "SVC session"; count its rows with len().'
    return _count(answer, int(sizes["experts meeting"]), ("experts meeting", "experts meetings"), slips, how)


@never_raises
def check_categories(answer: Any) -> Feedback:
    """Exercise 3: how many different categories the table uses (``.nunique()``).

    >>> print(check_categories(5))  # doctest: +ELLIPSIS
    Not yet: .head() showed only the five most common...
    """
    column = event_table()["category"]
    slips = {5: ".head() showed only the five most common. Count every category, with .nunique()."}
    slips[len(column)] = "That counts rows, not kinds: .nunique() counts each different value once."
    how = 'Try events["category"].nunique(): it counts the different values of a column.'
    return _count(answer, column.nunique(), ("category", "categories"), slips, how)


@never_raises
def check_month_dates(answer: Any) -> Feedback:
    """Exercise 4: how many events are dated only to the month (``date_precision`` is ``"month"``).

    >>> print(check_month_dates(57))  # doctest: +ELLIPSIS
    Not yet: Those are the events known to the day...
    """
    sizes, rows = event_table()["date_precision"].value_counts(), len(event_table())
    slips = {int(sizes["day"]): "Those are the events known to the day. Keep the rows dated to the month."}
    slips[rows - int(sizes["day"])] = "That counts years and rough dates too. Keep only month."
    how = 'Filter the rows whose date_precision is "month", as the SVC filter above does, then use len().'
    what = ("event dated only to the month", "events dated only to the month")
    return _count(answer, int(sizes["month"]), what, slips, how)


EXERCISES = {"answer_1": check_signing_year, "answer_2": check_experts_meetings}
EXERCISES |= {"answer_3": check_categories, "answer_4": check_month_dates}
EXERCISES |= {
    "think_1": never_raises(functools.partial(written, lesson="00", name="think_1", words=(15, 80)))
}
check = checker(EXERCISES)
