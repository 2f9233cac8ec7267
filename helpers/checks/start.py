"""Self-check for the warm-up exercise of notebook 0, "Start here": the year the INF Treaty was signed.

The answer is read by :mod:`helpers.checks.answers` (a whole number, or a date in that year); a
wrong year gets a hint that names what happened in that year, so the slip itself teaches something.

Examples
--------
>>> print(check_signing_year(1987))
Correct: Yes. Ronald Reagan and Mikhail Gorbachev signed the INF Treaty in Washington on 8 December 1987.
>>> print(check_signing_year(...))
Not answered yet: Replace the ... with your answer, then run this cell again.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from helpers.checks.answers import AnswerError, parse_date, parse_number, parse_whole_number, parse_words
from helpers.display.feedback import Feedback, correct, never_raises, try_again

__all__ = ["SIGNING_YEAR", "check_signing_year"]

SIGNING_YEAR = 1987
"""The year the INF Treaty was signed (background fact 1: 8 December 1987, Washington)."""

_WHOLE = "Type the year as a whole number, for example 2001."
_CORRECT = "Yes. Ronald Reagan and Mikhail Gorbachev signed the INF Treaty in Washington on 8 December 1987."
_HINT = "Hint: the table of events starts with the signing; look at the first date printed above."
_YEAR_HINTS: dict[int, str] = {
    1988: "1988 is the year the treaty entered into force (1 June 1988). It was signed some months earlier.",
    1991: "By May 1991 the last missiles had been destroyed. The signing came a few years before.",
    2001: "In 2001 the on-site inspections ended. The treaty itself is much older.",
    2019: "2019 is the year the treaty ended, when the US withdrawal took effect. Look for its beginning.",
}


def _year_of(answer: Any) -> int | Feedback:
    """The year in the answer (a whole number or a date), or feedback saying why there is none."""
    if isinstance(answer, bool):
        return try_again(f"True and False are not years. {_WHOLE}")
    for parse in (parse_whole_number, lambda value: parse_date(value).year):
        with suppress(AnswerError):
            return parse(answer)
    with suppress(AnswerError):
        parse_number(answer)  # a number, but not a whole one
        return try_again("A year is a whole number, without a decimal point: for example 2001.")
    with suppress(AnswerError):
        if sum(word.isdigit() for word in parse_words(answer)) > 1:
            return try_again("Give one year only, for example 2001.")
    return try_again(_WHOLE)


@never_raises
def check_signing_year(answer: Any) -> Feedback:
    """Check the warm-up answer: the year the INF Treaty was signed (``1987``, ``"1987"`` or a 1987 date).

    Examples
    --------
    >>> check_signing_year("8 December 1987").passed
    True
    >>> print(check_signing_year(87))
    Not yet: Write the year in full, with four digits: for example 2001, not 01.
    """
    year = _year_of(answer)
    if isinstance(year, Feedback):
        return year
    if year == SIGNING_YEAR:
        return correct(_CORRECT)
    if 0 <= year < 100:
        return try_again("Write the year in full, with four digits: for example 2001, not 01.")
    if year in _YEAR_HINTS:
        return try_again(_YEAR_HINTS[year])
    if 2013 <= year <= 2018:
        return try_again(f"{year} falls in the years of talks about the 9M729; the treaty is older. {_HINT}")
    if 1900 <= year < SIGNING_YEAR:
        return try_again(f"{year} is too early. {_HINT}")
    if SIGNING_YEAR < year <= 2100:
        return try_again(f"{year} is too late. {_HINT}")
    return try_again(f"{year} does not look like a year of this story. {_HINT}")
