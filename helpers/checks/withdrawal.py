"""Self-checks for lesson 3, "Withdrawal steps".

Each check returns a :class:`helpers.display.feedback.Feedback` and never raises: an
unanswered cell (``...``) gets "not answered yet", a wrong answer a hint aimed
at the likely slip (counting a day twice, treating six months as 180 days,
confusing suspension and withdrawal), and an answer of an odd type a note on
what to write instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from helpers.display.feedback import Feedback, correct, is_unanswered, never_raises, not_answered, try_again
from helpers.history.withdrawal import long_date, to_date, whole_number

__all__ = [
    "ORDER_STEPS",
    "ORDER_SOLUTION",
    "SORT_SOLUTION",
    "SORT_STATEMENTS",
    "check_days_left",
    "check_step_order",
    "check_suspension_date",
    "check_suspension_or_withdrawal",
    "check_withdrawal_date",
]

SUSPENSION_DATE = pd.Timestamp("2019-02-02")
WITHDRAWAL_DATE = pd.Timestamp("2019-08-02")
DAYS_LEFT = 181

SORT_STATEMENTS: dict[int, str] = {
    1: "The treaty still exists, and the party can go back to carrying out its obligations.",
    2: "The party leaves the treaty for good; under Article XV it must give six months' notice first.",
    3: "What the United States said on 4 December 2018 it would do in 60 days unless Russia returned "
    "to compliance.",
    4: "What took effect on 2 August 2019.",
    5: "President Putin's 'mirror response', announced on 2 February 2019.",
}
"""The statements of the "suspension or withdrawal?" exercise, numbered as in the notebook."""

SORT_SOLUTION: tuple[str, ...] = ("suspension", "withdrawal", "suspension", "withdrawal", "suspension")

_SORT_HINTS: dict[int, str] = {
    1: "A treaty that still exists and can be resumed has only been suspended.",
    2: "Leaving the treaty, with six months' notice under Article XV, is withdrawal.",
    3: "Some news reports wrote 'withdraw in 60 days', but the US said it would suspend its obligations.",
    4: "On 2 August 2019 the six months' notice ran out: the US left the treaty.",
    5: "Russia answered with a 'mirror' step: it suspended its participation.",
}

ORDER_STEPS: dict[str, str] = {
    "A": "The US withdrawal takes effect and the treaty ends.",
    "B": "Secretary Pompeo announces the material-breach finding at NATO headquarters.",
    "C": "Russia shows the 9M729 to foreign military attachés near Moscow.",
    "D": "The US suspends its obligations and gives six months' notice of withdrawal.",
    "E": "A Russian presidential decree formally suspends Russia's participation.",
}
"""The steps of the "order the steps" exercise, lettered as in the notebook."""

ORDER_SOLUTION = "BCDEA"

_WORDS = {
    "suspension": "suspension",
    "suspend": "suspension",
    "suspended": "suspension",
    "s": "suspension",
    "withdrawal": "withdrawal",
    "withdraw": "withdrawal",
    "withdrawn": "withdrawal",
    "w": "withdrawal",
}


def _date_or_feedback(answer: Any) -> pd.Timestamp | Feedback:
    try:
        return to_date(answer)
    except ValueError as error:
        return try_again(f"That is not a date I can read. {error}")


@never_raises
def check_suspension_date(answer: Any) -> Feedback:
    """Exercise: 4 December 2018 + 60 days.

    Examples
    --------
    >>> print(check_suspension_date("2019-02-02"))
    Correct: Yes: 4 December 2018 + 60 days = 2 February 2019, the day the US suspension took effect.
    >>> check_suspension_date("2019-02-04").passed
    False
    """
    date = _date_or_feedback(answer)
    if isinstance(date, Feedback):
        return date
    if date == SUSPENSION_DATE:
        return correct(
            "Yes: 4 December 2018 + 60 days = 2 February 2019, the day the US suspension took effect."
        )
    if date == pd.Timestamp("2019-02-01"):
        return try_again(
            "1 February is the day Secretary Pompeo announced the suspension, one day early. "
            "Count on 60 days from 4 December: 27 days are left in December and 31 in January."
        )
    if date == pd.Timestamp("2019-02-03"):
        return try_again("One day too many: 4 December itself is day 0, so 5 December is day 1.")
    if date == pd.Timestamp("2019-02-04"):
        return try_again(
            "That is two calendar months after 4 December. 60 days is a little shorter, because "
            "December and January have 31 days each."
        )
    if date.month == 2 and date.day == 2:
        return try_again("Right day and month; check the year. The 60 days ran into the new year.")
    return try_again(
        f"{long_date(date)} is not 60 days after 4 December 2018. Try add_period('2018-12-04', days=60), "
        "or count: 27 days left in December, 31 in January, then the rest in February."
    )


@never_raises
def check_withdrawal_date(answer: Any) -> Feedback:
    """Exercise: 2 February 2019 + six calendar months.

    Examples
    --------
    >>> check_withdrawal_date("2019-08-02").passed
    True
    >>> print(check_withdrawal_date("2019-08-01"))  # doctest: +ELLIPSIS
    Not yet: That is 2 February + 180 days. The treaty counts calendar months...
    """
    date = _date_or_feedback(answer)
    if isinstance(date, Feedback):
        return date
    if date == WITHDRAWAL_DATE:
        return correct("Yes: six calendar months after 2 February 2019 is 2 August 2019.")
    if date == pd.Timestamp("2019-08-01"):
        return try_again(
            "That is 2 February + 180 days. The treaty counts calendar months: the same day number, "
            "six months on. Try add_period('2019-02-02', months=6)."
        )
    if date.year == 2019 and date.month == 9:
        return try_again(
            "One reference site does say the US withdrew in September 2019, but that is wrong. "
            "Count six calendar months from the notice of 2 February 2019."
        )
    if date.year == 2019 and date.month == 6:
        return try_again("Count the six months from the notice (2 February 2019), not from the finding.")
    return try_again(
        f"{long_date(date)} is not six calendar months after 2 February 2019. "
        "Try add_period('2019-02-02', months=6)."
    )


@never_raises
def check_days_left(answer: Any) -> Feedback:
    """Exercise: days from the suspension (2 Feb 2019) to the withdrawal taking effect (2 Aug 2019).

    Examples
    --------
    >>> print(check_days_left(181))
    Correct: Yes: 181 days (28 + 31 + 30 + 31 + 30 + 31), from 2 February to 2 August 2019.
    >>> check_days_left(180).passed, check_days_left(True).passed
    (False, False)
    """
    if isinstance(answer, bool):
        return try_again("Give a whole number of days, such as 100, not True or False.")
    try:
        days = whole_number(answer, "The number of days")
    except ValueError:
        return try_again(f"Give a whole number of days, such as 100, not {answer!r}.")
    if days == DAYS_LEFT:
        return correct("Yes: 181 days (28 + 31 + 30 + 31 + 30 + 31), from 2 February to 2 August 2019.")
    if days == 180:
        return try_again(
            "Six months are not always 6 x 30 days. Count the real months February to July, "
            "or use days_between('2019-02-02', '2019-08-02')."
        )
    if days == 182:
        return try_again("You counted both the first and the last day; count only one of them.")
    if days == 241:
        return try_again("That counts from the finding of 4 December 2018; start from the suspension.")
    if days == 60:
        return try_again("60 days is the deadline before the suspension; count what came after it.")
    if days < 0:
        return try_again("The answer should be positive: 2 August comes after 2 February.")
    return try_again(
        f"Not {days}. Count the days from 2 February 2019 to 2 August 2019, for example with days_between."
    )


def _words(answer: Any) -> list[str] | None:
    if isinstance(answer, str):
        parts = [p for p in re.split(r"[,;\s]+", answer) if p]
    elif isinstance(answer, Mapping):
        parts = [answer.get(k, answer.get(str(k), "")) for k in SORT_STATEMENTS]
    elif isinstance(answer, Iterable):
        parts = list(answer)
    else:
        return None
    return [p if is_unanswered(p) else _WORDS.get(str(p).strip().lower(), str(p)) for p in parts]


@never_raises
def check_suspension_or_withdrawal(answer: Any) -> Feedback:
    """Exercise: label each statement in :data:`SORT_STATEMENTS` "suspension" or "withdrawal".

    Examples
    --------
    >>> check_suspension_or_withdrawal(list(SORT_SOLUTION)).passed
    True
    >>> print(check_suspension_or_withdrawal(["suspension"] * 5))  # doctest: +ELLIPSIS
    Not yet: 3 of 5 right. Look again at statement 2: Leaving the treaty...
    """
    words = _words(answer)
    n = len(SORT_STATEMENTS)
    if words is None:
        return try_again(f'Give a list of {n} words, for example ["suspension", "withdrawal", ...].')
    if len(words) != n:
        return try_again(f"Give exactly {n} words, one per statement, in order (you gave {len(words)}).")
    if all(is_unanswered(w) for w in words):
        return not_answered()
    blank = [i for i, w in zip(SORT_STATEMENTS, words, strict=True) if is_unanswered(w)]
    if blank:
        return try_again(f'Statement {blank[0]} has no answer yet: write "suspension" or "withdrawal".')
    odd = [str(w) for w in words if w not in ("suspension", "withdrawal")]
    if odd:
        return try_again(f'Use only "suspension" or "withdrawal" (not {odd[0]!r}).')
    wrong = [
        i for i, (w, s) in zip(SORT_STATEMENTS, zip(words, SORT_SOLUTION, strict=True), strict=True) if w != s
    ]
    if not wrong:
        return correct(
            "All five right. Suspension pauses obligations while the treaty still exists; "
            "withdrawal ends a party's membership."
        )
    first = wrong[0]
    more = f" (and {', '.join(str(i) for i in wrong[1:])})" if len(wrong) > 1 else ""
    return try_again(
        f"{n - len(wrong)} of {n} right. Look again at statement {first}: {_SORT_HINTS[first]}{more}"
    )


def _letters(answer: Any) -> list[str] | None:
    if isinstance(answer, str):
        return [c.upper() for c in answer if c.isalpha()]
    if isinstance(answer, Iterable) and not isinstance(answer, Mapping):
        return [str(item).strip().upper() for item in answer]
    return None


@never_raises
def check_step_order(answer: Any) -> Feedback:
    """Exercise: put the steps in :data:`ORDER_STEPS` in time order (earliest first).

    Examples
    --------
    >>> check_step_order("B, C, D, E, A").passed, check_step_order(["b", "c", "d", "e", "a"]).passed
    (True, True)
    >>> print(check_step_order("BDCEA"))  # doctest: +ELLIPSIS
    Not yet: The first 1 step is in place; ...
    """
    letters = _letters(answer)
    expected = sorted(ORDER_STEPS)
    if letters is None:
        return try_again('Give the letters in order as text, for example "ABCDE", or as a list.')
    if sorted(letters) != expected:
        missing = [x for x in expected if x not in letters]
        extra = sorted({x for x in letters if x not in expected or letters.count(x) > 1})
        detail = []
        if missing:
            detail.append(f"missing: {', '.join(missing)}")
        if extra:
            detail.append(f"unknown or repeated: {', '.join(extra)}")
        return try_again(f"Use each letter A to E exactly once ({'; '.join(detail)}).")
    if "".join(letters) == ORDER_SOLUTION:
        return correct(
            "Yes: finding (4 Dec 2018), 9M729 display (23 Jan 2019), US suspension and notice "
            "(2 Feb 2019), Russian decree (4 Mar 2019), withdrawal effective (2 Aug 2019)."
        )
    if letters[0] != ORDER_SOLUTION[0]:
        return try_again("Start with the step that set the 60-day clock running.")
    in_place = next(i for i, (a, b) in enumerate(zip(letters, ORDER_SOLUTION, strict=True)) if a != b)
    steps = "step is" if in_place == 1 else "steps are"
    return try_again(
        f"The first {in_place} {steps} in place; step {letters[in_place]} is not next. "
        "Check the dates in the table of events above."
    )
