"""Date arithmetic for the withdrawal steps: days, calendar months and the 2018-2019 schedule.

Two kinds of period appear in the withdrawal story, and they are counted
differently:

* **days** - the US deadline of 4 December 2018 ran for 60 days, a fixed
  number of days: 4 December 2018 + 60 days = 2 February 2019;
* **calendar months** - the treaty's withdrawal notice runs for six months,
  counted on the calendar: 2 February 2019 + 6 months = 2 August 2019
  (181 days, because those six months hold 28 + 31 + 30 + 31 + 30 + 31 days).

The functions use :class:`pandas.Timestamp` for dates, :class:`pandas.Timedelta`
for days and :class:`pandas.DateOffset` for calendar months. When the start day
does not exist in the target month, pandas **clips to the last day of that
month**: 31 August + 6 months is 28 February (29 February in a leap year).

Dates may be given as ISO text (``"2018-12-04"``), as text with a month name
(``"4 December 2018"``), or as ``datetime.date``, ``datetime.datetime`` or
``pandas.Timestamp``. Text like ``"04/12/2018"`` is refused because it is
ambiguous (4 December or 12 April?). Bad input raises a :class:`ValueError`
that says what to write instead.
"""

from __future__ import annotations

import datetime as _dt
import re
from numbers import Integral, Real

import numpy as np
import pandas as pd

__all__ = [
    "ACTUAL_DEADLINE_DAYS",
    "ACTUAL_FINDING_DATE",
    "ACTUAL_NOTICE_MONTHS",
    "MONTH_NAMES",
    "add_period",
    "days_between",
    "long_date",
    "to_date",
    "whole_number",
    "withdrawal_schedule",
]

ACTUAL_FINDING_DATE = "2018-12-04"
"""The day Secretary Pompeo announced the material-breach finding at NATO headquarters."""

ACTUAL_DEADLINE_DAYS = 60
"""The US deadline: suspension of its obligations in 60 days unless Russia returned to compliance."""

ACTUAL_NOTICE_MONTHS = 6
"""Article XV(2) of the treaty: six months' notice of withdrawal."""

MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names (fixed, so output never depends on the machine's locale)."""
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_MONTH_WORD = re.compile("|".join(m[:3] for m in MONTH_NAMES), re.IGNORECASE)
_HOW_TO_WRITE = "Write a date as 'YYYY-MM-DD', for example '2018-12-04'."
_EARLIEST = pd.Timestamp("0001-01-01")
_LATEST = pd.Timestamp("9999-12-31")


def to_date(value: object) -> pd.Timestamp:
    """``value`` as a :class:`pandas.Timestamp` at midnight, or a clear :class:`ValueError`.

    Parameters
    ----------
    value : str, datetime.date, datetime.datetime, numpy.datetime64 or pandas.Timestamp
        Text must be ISO (``"2018-12-04"``) or name the month (``"4 December 2018"``).

    Returns
    -------
    pandas.Timestamp
        The date, with any time of day and time zone dropped.

    Raises
    ------
    ValueError
        If ``value`` is empty, missing, not a date, or ambiguous text such as ``"04/12/2018"``.

    Examples
    --------
    >>> to_date("2018-12-04")
    Timestamp('2018-12-04 00:00:00')
    >>> to_date("4 December 2018") == to_date("December 4, 2018") == to_date("2018-12-04")
    True
    >>> to_date("04/12/2018")
    Traceback (most recent call last):
    ...
    ValueError: '04/12/2018' is ambiguous (is 04 the day or the month?). Write a date as 'YYYY-MM-DD', ...
    """
    if isinstance(value, bool | Real | np.number):
        raise ValueError(f"{value!r} is a number, not a date. {_HOW_TO_WRITE}")
    if value is None or value is ...:
        raise ValueError(f"No date given. {_HOW_TO_WRITE}")
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise ValueError(f"The date is empty. {_HOW_TO_WRITE}")
        iso = _ISO.match(text)
        if iso:
            year, month, day = (int(part) for part in iso.groups())
            try:
                stamp = pd.Timestamp(year=year, month=month, day=day)
            except (ValueError, OverflowError):
                raise ValueError(f"{value!r} is not a real day on the calendar. {_HOW_TO_WRITE}") from None
        elif _MONTH_WORD.search(text):
            numbers = sorted(len(n) for n in re.findall(r"\d+", text))
            if numbers != [1, 4] and numbers != [2, 4]:
                raise ValueError(f"{value!r} needs a day, a month and a four-digit year. {_HOW_TO_WRITE}")
            try:
                stamp = pd.Timestamp(text)
            except (ValueError, OverflowError):
                raise ValueError(f"{value!r} could not be read as a date. {_HOW_TO_WRITE}") from None
        else:
            first = re.split(r"\D+", text)[0] or text
            raise ValueError(
                f"{value!r} is ambiguous (is {first} the day or the month?). {_HOW_TO_WRITE}"
                if re.fullmatch(r"\d{1,2}\D\d{1,2}\D\d{2,4}", text)
                else f"{value!r} could not be read as a date. {_HOW_TO_WRITE}"
            )
    elif isinstance(value, pd.Timestamp | _dt.date | np.datetime64):
        try:
            stamp = pd.Timestamp(value)
        except (ValueError, OverflowError):
            raise ValueError(f"{value!r} is outside the calendar used here (years 1 to 9999).") from None
    else:
        raise ValueError(f"{type(value).__name__} {value!r} is not a date. {_HOW_TO_WRITE}")
    if pd.isna(stamp):
        raise ValueError(f"{value!r} is not a date. {_HOW_TO_WRITE}")
    if stamp.tz is not None:
        stamp = stamp.tz_localize(None)
    return stamp.normalize()


def whole_number(value: object, name: str = "number") -> int:
    """``value`` as an ``int`` (accepting ``60``, ``60.0`` and ``"60"``), or a clear :class:`ValueError`.

    Examples
    --------
    >>> whole_number("60", "deadline_days"), whole_number(6.0)
    (60, 6)
    >>> whole_number(2.5, "notice_months")
    Traceback (most recent call last):
    ...
    ValueError: notice_months must be a whole number, not 2.5.
    """
    if isinstance(value, bool) or value is None or value is ...:
        raise ValueError(f"{name} must be a whole number, not {value!r}.")
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        if float(value).is_integer():
            return int(value)
        raise ValueError(f"{name} must be a whole number, not {value!r}.")
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
        return int(value)
    raise ValueError(f"{name} must be a whole number, not {value!r}.")


def add_period(date: object, days: object = None, months: object = None) -> pd.Timestamp:
    """The date ``months`` calendar months and then ``days`` days after ``date``.

    Days are counted one by one (:class:`pandas.Timedelta`); months on the
    calendar (:class:`pandas.DateOffset`): the same day number in a later month.
    If that day does not exist (31 August + 6 months), pandas clips to the last
    day of the month (28 February, or 29 in a leap year). Negative numbers
    count backwards.

    Parameters
    ----------
    date : str, datetime.date or pandas.Timestamp
        The start date (see :func:`to_date`).
    days : int, optional
        Days to add after the months.
    months : int, optional
        Calendar months to add first.

    Returns
    -------
    pandas.Timestamp

    Raises
    ------
    ValueError
        For a date that cannot be read, a period that is not a whole number, or
        a result outside years 1 to 9999.

    Examples
    --------
    The US deadline of 4 December 2018, and the six-month notice of 2 February 2019:

    >>> add_period("2018-12-04", days=60)
    Timestamp('2019-02-02 00:00:00')
    >>> add_period("2019-02-02", months=6)
    Timestamp('2019-08-02 00:00:00')

    Six months are not 180 days:

    >>> add_period("2019-02-02", days=180)
    Timestamp('2019-08-01 00:00:00')

    Month ends clip to the last day of the shorter month:

    >>> add_period("2019-08-31", months=6), add_period("2023-08-31", months=6)
    (Timestamp('2020-02-29 00:00:00'), Timestamp('2024-02-29 00:00:00'))
    >>> add_period("2018-08-31", months=6)
    Timestamp('2019-02-28 00:00:00')
    """
    start = to_date(date)
    n_days = 0 if days is None else whole_number(days, "days")
    n_months = 0 if months is None else whole_number(months, "months")
    try:
        result = start + pd.DateOffset(months=n_months) if n_months else start
        if n_days:
            result = result + pd.Timedelta(days=n_days)
    except (ValueError, OverflowError):
        result = pd.NaT
    if pd.isna(result) or not (_EARLIEST <= result <= _LATEST):
        raise ValueError(
            f"{long_date(start)} + {n_months} months + {n_days} days falls outside the calendar "
            "used here (years 1 to 9999). Try smaller numbers."
        )
    return result


def days_between(start: object, end: object) -> int:
    """The number of days from ``start`` to ``end`` (negative if ``end`` is earlier).

    The start day is not counted and the end day is: from 2 February to
    3 February is 1 day.

    Examples
    --------
    >>> days_between("2018-12-04", "2019-02-02")
    60
    >>> days_between("2019-02-02", "2019-08-02")
    181
    >>> days_between("2019-08-02", "2019-02-02")
    -181
    """
    return int((to_date(end) - to_date(start)).days)


def long_date(date: object) -> str:
    """A date written out in words, the same on every computer (no locale).

    Examples
    --------
    >>> long_date("2019-08-02")
    '2 August 2019'
    """
    stamp = to_date(date)
    return f"{stamp.day} {MONTH_NAMES[stamp.month - 1]} {stamp.year}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def withdrawal_schedule(
    finding_date: object = ACTUAL_FINDING_DATE,
    deadline_days: object = ACTUAL_DEADLINE_DAYS,
    notice_months: object = ACTUAL_NOTICE_MONTHS,
) -> pd.DataFrame:
    """The four steps from a material-breach finding to a withdrawal taking effect.

    The schedule follows the pattern of 2018-2019: a deadline of
    ``deadline_days`` after the finding; suspension of obligations and notice
    of withdrawal on the day the deadline ends; withdrawal effective
    ``notice_months`` calendar months after the notice.

    Parameters
    ----------
    finding_date : date-like, default "2018-12-04"
    deadline_days : int, default 60
        Must be 0 or more.
    notice_months : int, default 6
        Must be 0 or more (the treaty itself fixed six).

    Returns
    -------
    pandas.DataFrame
        One row per step, in order, with columns ``key`` (``finding``,
        ``suspension``, ``notice``, ``withdrawal``), ``step`` (plain words),
        ``date`` (datetime64), ``rule`` (how the date was worked out) and
        ``days_after_finding``.

    Raises
    ------
    ValueError
        For an unreadable date, a period that is not a whole number or is
        negative, or a result outside years 1 to 9999.

    Examples
    --------
    >>> schedule = withdrawal_schedule()
    >>> schedule[["key", "date", "days_after_finding"]]
              key       date  days_after_finding
    0     finding 2018-12-04                   0
    1  suspension 2019-02-02                  60
    2      notice 2019-02-02                  60
    3  withdrawal 2019-08-02                 241
    >>> withdrawal_schedule("2019-08-31", 0, 6).date.iloc[-1]
    Timestamp('2020-02-29 00:00:00')
    """
    finding = to_date(finding_date)
    n_days = whole_number(deadline_days, "deadline_days")
    n_months = whole_number(notice_months, "notice_months")
    if n_days < 0:
        raise ValueError(
            f"deadline_days must be 0 or more, not {n_days}: a deadline cannot end before it starts."
        )
    if n_months < 0:
        raise ValueError(f"notice_months must be 0 or more, not {n_months}: notice is given before leaving.")
    deadline = add_period(finding, days=n_days)
    effective = add_period(deadline, months=n_months)
    rows = [
        ("finding", "Material-breach finding; deadline set", finding, "the start date"),
        (
            "suspension",
            "Deadline ends; US obligations suspended",
            deadline,
            f"finding + {_plural(n_days, 'day')}",
        ),
        ("notice", "Notice of withdrawal given (Article XV)", deadline, "same day as the suspension"),
        (
            "withdrawal",
            "Withdrawal takes effect; treaty ends",
            effective,
            f"notice + {_plural(n_months, 'calendar month')}",
        ),
    ]
    frame = pd.DataFrame(rows, columns=["key", "step", "date", "rule"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["days_after_finding"] = (frame["date"] - finding).dt.days.astype("int64")
    return frame
