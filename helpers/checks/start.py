"""Self-check for the warm-up exercise of notebook 0, "Start here": the year the INF Treaty was signed.

A wrong year gets a hint that names what happened in that year, so the slip itself teaches something.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from helpers.checks.answers import AnswerError, parse_date, parse_number, parse_whole_number, parse_words
from helpers.checks.kinds import judge
from helpers.display.feedback import Feedback, never_raises

__all__ = ["SIGNING_YEAR", "check_signing_year"]

SIGNING_YEAR = 1987
"""The year the INF Treaty was signed (background fact 1: 8 December 1987, Washington)."""

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
    """Check the warm-up answer: the year the INF Treaty was signed (``1987``, ``"1987"`` or a 1987 date).

    Examples
    --------
    >>> print(check_signing_year("8 December 1987"))
    Correct: Yes. Ronald Reagan and Mikhail Gorbachev signed the INF Treaty in Washington on 8 December 1987.
    >>> print(check_signing_year(87))
    Not yet: Write the year in full, with four digits: for example 2001, not 01.
    """
    right = "Yes. Ronald Reagan and Mikhail Gorbachev signed the INF Treaty in Washington on 8 December 1987."
    return judge(answer, _year, SIGNING_YEAR, right, _slips)


def _slips(year: int) -> list[tuple[bool, str]]:
    """A hint for each wrong year: what happened in it, or which way to look."""
    four = "Write the year in full, with four digits: for example 2001, not 01."
    era = [
        (2013 <= year <= 2018, "falls in the years of talks about the 9M729; the treaty is older."),
        (1900 <= year < SIGNING_YEAR, "is too early."),
        (SIGNING_YEAR < year <= 2100, "is too late."),
        (True, "does not look like a year of this story."),
    ]
    return [(0 <= year < 100, four), (year in _YEAR_HINTS, _YEAR_HINTS.get(year, ""))] + [
        (condition, f"{year} {text} {_HINT}") for condition, text in era
    ]
