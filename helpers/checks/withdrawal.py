"""Checks for lesson 3, "Withdrawal steps" (``check(name)``): each names the likely slip, never raises."""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd

from helpers.checks import checker
from helpers.checks.answers import AnswerError, parse_date, parse_days, parse_words
from helpers.checks.kinds import event_table, figure_parts, judge, written
from helpers.checks.sealed import AnswerKey, hidden
from helpers.display.feedback import Feedback, correct, never_raises, try_again
from helpers.display.words import long_date, month_year, plural
from helpers.history.stages import RUSSIAN_STEPS
from helpers.history.withdrawal import us_step_dates

__all__ = [
    "EXERCISES", "ORDER_STEPS", "SORT_SOLUTION", "WHAT_IF_EVENT", "order_solution", "order_steps",
    "WRITTEN_ANSWERS", "check", "check_days_left", "check_step_order", "check_steps_figure",
    "check_suspension_date", "check_suspension_or_withdrawal", "check_what_if", "check_withdrawal_date",
    "check_year_before",
]  # fmt: skip

SORT_SOLUTION: tuple[AnswerKey, ...] = (
    AnswerKey("suspension"), AnswerKey("withdrawal"), AnswerKey("suspension"), AnswerKey("withdrawal"),
    AnswerKey("suspension"),
)  # fmt: skip
"""The labels of the notebook's five statements of the "suspension or withdrawal?" exercise, in order."""
_SORT_WORDS = ("suspension", "withdrawal")

_SORT_HINTS: dict[int, str] = {
    1: hidden("A treaty that still exists and can be resumed has only been suspended."),
    2: hidden("Leaving the treaty, with six months' notice under Article XV, is withdrawal."),
    3: hidden(
        "Some news reports wrote 'withdraw in 60 days', but the US said it would suspend its obligations."
    ),
    4: hidden("On the day the six months' notice ran out, the US left the treaty."),
    5: hidden("Russia answered in kind, mirroring the US step: it suspended its participation."),
}

ORDER_STEPS = "ABCDE"
"""The letters of the steps of the "order the steps" exercise, as the notebook gives them."""

_dates = functools.cache(us_step_dates)


def order_steps() -> dict[str, tuple[pd.Timestamp, str]]:
    """Each step of :data:`ORDER_STEPS`: its day and its name, from the event table and Russia's steps."""
    us, russia = _dates(), [pd.Timestamp(day) for day, _ in RUSSIAN_STEPS]
    days = [us["withdrawal"], us["finding"], russia[0], us["suspension"], russia[2]]
    names = ["withdrawal effective", "finding", "Russia's 9M729 briefing", "US suspension and notice"]
    return dict(zip(ORDER_STEPS, zip(days, [*names, "Russian decree"], strict=True), strict=True))


def order_solution() -> str:
    """The letters of :data:`ORDER_STEPS` in time order, earliest first."""
    steps = order_steps()
    return "".join(sorted(steps, key=lambda letter: steps[letter][0]))


@never_raises
def check_suspension_date(answer: Any) -> Feedback:
    """Exercise: the day of the finding + 60 days.

    >>> print(check_suspension_date("2019-02-03"))
    Not yet: One day too many: 4 December 2018 is day 0, so the next day is day 1.
    """
    finding, due = _dates()["finding"], _dates()["suspension"]
    days, start, day = (due - finding).days, long_date(finding), pd.Timedelta(days=1)
    slips = {finding + pd.DateOffset(months=2): f"That is two calendar months, not {days} days."}
    slips[due + day] = f"One day too many: {start} is day 0, so the next day is day 1."
    slips[due - day] = f"One day early (the day it was announced): {start} is day 0."
    year = "Right day and month; check the year."
    right = f"Yes: {start} + {days} days = {long_date(due)}, the day the US suspension took effect."
    otherwise = (
        f"Not {days} days after {start}. Try {finding.date()!r} as pd.Timestamp + pd.Timedelta(days={days})."
    )

    def hints(date: pd.Timestamp) -> list[tuple[bool, str | None]]:
        return [((date.month, date.day) == (due.month, due.day), year), (True, slips.get(date))]

    return judge(answer, parse_date, due, right, hints, otherwise)


@never_raises
def check_withdrawal_date(answer: Any) -> Feedback:
    """Exercise: the day of the notice + six calendar months.

    >>> print(check_withdrawal_date("2019-08-01"))
    Not yet: 2 February 2019 + 180 days; the treaty counts six months.
    """
    notice, due = _dates()["notice"], _dates()["withdrawal"]
    later = due.to_period("M") + 1  # a reference site's month
    slips = dict.fromkeys(
        pd.date_range(later.start_time, later.end_time.normalize()),
        f"A reference site does say {month_year(later.start_time)}, but that is wrong: count six calendar "
        "months from the notice.",
    )
    slips[_dates()["finding"] + pd.DateOffset(months=6)] = "Count from the notice, not the finding."
    slips[notice + pd.Timedelta(days=180)] = f"{long_date(notice)} + 180 days; the treaty counts six months."
    right = f"Yes: six calendar months after {long_date(notice)} is {long_date(due)}."
    otherwise = f"Not six calendar months after {long_date(notice)}. Try adding pd.DateOffset(months=6)."
    return judge(answer, parse_date, due, right, slips, otherwise)


@never_raises
def check_days_left(answer: Any) -> Feedback:
    """Exercise: days from the notice to the withdrawal taking effect: a number, or a Timedelta.

    >>> print(check_days_left(pd.Timestamp("2019-08-02") - pd.Timestamp("2019-02-02")))
    Correct: Yes: 181 days, from 2 February 2019 to 2 August 2019.
    """
    dates = _dates()
    notice, end, finding = dates["notice"], dates["withdrawal"], dates["finding"]
    due = (end - notice).days
    slips = {(end - finding).days: "That counts from the finding; start from the notice."}
    slips[(dates["suspension"] - finding).days] = "That is the deadline before the notice."
    slips[due + 1] = "You counted both the first and the last day; count only one of them."
    slips[180] = "Six months are not always 6 x 30 days: subtract the dates instead."
    right = f"Yes: {due} days, from {long_date(notice)} to {long_date(end)}."

    reversed_ = "The answer should be positive: subtract the earlier date from the later one."
    otherwise = (
        f"Not the days from {long_date(notice)} to {long_date(end)}: subtract one date from the other."
    )
    hints = lambda d: [(d < 0, reversed_), (True, slips.get(d))]  # noqa: E731
    return judge(answer, parse_days, due, right, hints, otherwise)


@never_raises
def check_suspension_or_withdrawal(answer: Any) -> Feedback:
    """Exercise: label each statement of the notebook "suspension" or "withdrawal" (:data:`SORT_SOLUTION`).

    >>> print(check_suspension_or_withdrawal(["suspension"] * 5))  # doctest: +ELLIPSIS
    Not yet: 3 of 5 right. Look again at statement 2: Leaving the treaty...
    """
    n = len(SORT_SOLUTION)
    try:
        words = [  # 'suspend', 'Suspended', 's' -> 'suspension'; 'withdraw', 'w' -> 'withdrawal'
            next((f for f in _SORT_WORDS if w == f[0] or (len(w) >= 6 and w[:6] == f[:6])), w)
            for w in parse_words(answer)
        ]
    except AnswerError as error:
        return try_again(f'{error} Give a list of {n} words, for example ["suspension", "withdrawal", ...].')
    if len(words) != n:
        return try_again(f"Give exactly {n} words, one per statement, in order (you gave {len(words)}).")
    if odd := [word for word in words if word not in _SORT_WORDS]:
        return try_again(f'Use only "suspension" or "withdrawal" (not {odd[0]!r}).')
    wrong = [i for i, w, s in zip(range(1, n + 1), words, SORT_SOLUTION, strict=True) if w != s]
    if not wrong:
        return correct(
            "All five right. Suspension pauses obligations while the treaty still exists; "
            "withdrawal ends a party's membership."
        )
    more = f" (and {', '.join(map(str, wrong[1:]))})" if len(wrong) > 1 else ""
    return try_again(
        f"{n - len(wrong)} of {n} right. Look again at statement {wrong[0]}: {_SORT_HINTS[wrong[0]]}{more}"
    )


@never_raises
def check_step_order(answer: Any) -> Feedback:
    """Exercise: put the steps in :data:`ORDER_STEPS` in time order (earliest first).

    >>> check_step_order("B, C, D, E, A").passed, check_step_order(["b", "c", "d", "e", "a"]).passed
    (True, True)
    """
    try:
        letters = [c.upper() for c in "".join(parse_words(answer)) if c.isalpha()]
    except AnswerError:
        return try_again('Give the letters in order as text, for example "ABCDE", or as a list.')
    if sorted(letters) != sorted(ORDER_STEPS):
        missing = [x for x in ORDER_STEPS if x not in letters]
        extra = sorted({x for x in letters if x not in ORDER_STEPS or letters.count(x) > 1})
        pairs = (("missing", missing), ("unknown or repeated", extra))
        detail = "; ".join(f"{what}: {', '.join(xs)}" for what, xs in pairs if xs)
        return try_again(f"Use each letter A to E exactly once ({detail}).")
    solution, steps = order_solution(), order_steps()
    if "".join(letters) == solution:
        named = [f"{steps[x][1]} ({long_date(steps[x][0])})" for x in solution]
        return correct(f"Yes: {', '.join(named)}.")
    if letters[0] != solution[0]:
        return try_again("Start with the step that set the 60-day clock running.")
    place = next(i for i, (a, b) in enumerate(zip(letters, solution, strict=True)) if a != b)
    return try_again(
        f"The first {place} {'step is' if place == 1 else 'steps are'} in place; step {letters[place]} is "
        "not next. Check the dates in the table of events above."
    )


def _days(numbers: Any) -> set[pd.Timestamp] | None:
    """The days that matplotlib day numbers stand for (None if they are not dates)."""
    import matplotlib.dates as mdates

    try:
        return {pd.Timestamp(mdates.num2date(float(n))).tz_localize(None).normalize() for n in numbers}
    except (TypeError, ValueError, OverflowError):
        return None


@never_raises
def check_steps_figure(answer: Any) -> Feedback:
    """Exercise: add Russia's steps (:data:`~helpers.history.stages.RUSSIAN_STEPS`) as a second series.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot(pd.to_datetime(["2018-12-04", "2019-02-02"]), [1, 1], "o")
    >>> print(check_steps_figure(fig)); plt.close(fig)  # doctest: +ELLIPSIS
    Not yet: Draw the US steps, then add Russia's steps with a second ax.plot(...) call, ...
    """
    parts = figure_parts(answer)
    if parts is None:
        return try_again("Give the figure itself: end your cell with answer_7 = fig.")
    series = [days for days in (_days(x) for x, _ in parts.lines) if days is not None]
    russia = {pd.Timestamp(date) for date, _ in RUSSIAN_STEPS}
    if len(series) < 2:
        return try_again(
            "Draw the US steps, then add Russia's steps with a second ax.plot(...) call, on a row of "
            'their own (for example ["Russia"] * 4 as the y values).'
        )
    best = max(series[1:], key=lambda days: len(days & russia))
    if best != russia:
        wrong = sorted(russia ^ best)[0]
        where = "is missing" if wrong in russia else "has a day that is not one of Russia's steps:"
        return try_again(f"The second series {where} {long_date(wrong)}. Sections 5 and 9 give the dates.")
    if "russia" not in parts.title.lower() and "both" not in parts.title.lower():
        return try_again("The points are right. Now change the title, so that it says both sides are shown.")
    return correct(
        f"Yes: the chart now shows Russia's {len(russia)} steps beside the US steps. Russia answered "
        "on the day of the US suspension, and made its suspension formal weeks and months later."
    )


WHAT_IF_EVENT = "2018-10-20-trump-states-intent-to-exit"
"""Exercise 8 imagines the 60 days starting on this event's day, with the same rules."""


@never_raises
def check_what_if(answer: Any) -> Feedback:
    """Exercise 8: the withdrawal date had the 60 days started on the day of :data:`WHAT_IF_EVENT`.

    >>> print(check_what_if("2019-06-17"))
    Not yet: Six months are not 180 days: add pd.DateOffset(months=6) to the 60 days' end.
    """
    start = event_table().set_index("event_id").date_start[WHAT_IF_EVENT]
    ends, day, six = start + pd.Timedelta(days=60), pd.Timedelta(days=1), pd.DateOffset(months=6)
    slips = [
        (ends, "That is the end of the 60 days; the six months' notice starts there."),
        (start + six, "You left out the 60 days: add them first, then six months."),
        (ends + 180 * day, "Six months are not 180 days: add pd.DateOffset(months=6) to the 60 days' end."),
        (ends + six + day, f"One day late: {long_date(start)} is day 0 of the 60."),
        (ends + six - day, "One day early."),
        (start + pd.DateOffset(months=8), "Two calendar months are not 60 days: count days first."),
    ]
    right = f"Yes: {long_date(start)} + 60 days = {long_date(ends)}; + six months = {long_date(ends + six)}."

    early = "That is before the 60 days start: add to the date, do not subtract."
    hints = lambda date: [(date < start, early), (True, " ".join(h for when, h in slips if when == date))]  # noqa: E731
    otherwise = "First add pd.Timedelta(days=60) to the day of the statement, then pd.DateOffset(months=6)."
    return judge(answer, parse_date, ends + six, right, hints, otherwise)


@never_raises
def check_year_before(answer: Any) -> Feedback:
    """Exercise 6: the rows of ``events`` dated in the twelve months before the finding (a DataFrame).

    >>> print(check_year_before(event_table().head(0)))
    Not yet: No rows: filter events (the whole table), not steps, which starts at the finding.
    """
    if not isinstance(answer, pd.DataFrame) or "event_id" not in answer:
        return try_again("Give the filtered table itself: answer_6 = events[...] (a DataFrame).")
    events, finding = event_table(), _dates()["finding"]
    start, got, back = events.date_start, set(answer["event_id"]), finding - pd.DateOffset(months=12)
    year = set(events.event_id[(start >= back) & (start < finding)])
    if got == year:
        days = start[events.event_id.isin(year)]
        return correct(
            f"Yes: {plural(len(year), 'row')}, from {long_date(days.min())} to {long_date(days.max())}: "
            "the year of diplomacy that led to the finding (lesson 2 follows it)."
        )
    slips = [
        (not got, "No rows: filter events (the whole table), not steps, which starts at the finding."),
        (got <= set(events.event_id[start >= finding]), "Those rows come after the finding: dates reversed?"),
        (got == year | set(events.event_id[start == finding]), "That keeps the finding's own day too."),
        (got < year, "Rows from the first days of the year are missing: 12 months are not 360 days."),
    ]
    why = f"Keep date_start from {long_date(back)} (finding - pd.DateOffset(months=12)) to before finding."
    return try_again(next((hint for slip, hint in slips if slip), why))


WRITTEN_ANSWERS = ("answer_5", "think_1", "think_2", "think_3", "think_4", "think_5")
"""The written answers: their checklists are rows of ``data/model-answers/checklists.csv``."""

EXERCISES = {"answer_1": check_suspension_date, "answer_2": check_suspension_or_withdrawal}
EXERCISES |= {"answer_3": check_withdrawal_date, "answer_4": check_days_left, "answer_6": check_year_before}
EXERCISES |= {"answer_7": check_steps_figure, "answer_8": check_what_if, "answer_9": check_step_order}
EXERCISES |= {
    name: never_raises(functools.partial(written, lesson="03", name=name, words=words))
    for name in WRITTEN_ANSWERS
    for words in [(40, 120) if name == "answer_5" else (15, 150)]
}
check = checker(EXERCISES)
