"""The US withdrawal of 2018-2019 as dates: the real steps from the event table, and imagined schedules."""

from __future__ import annotations

import pandas as pd

from helpers.checks import answers
from helpers.display.words import plural

__all__ = [
    "ACTUAL_DEADLINE_DAYS", "ACTUAL_NOTICE_MONTHS", "US_STEP_EVENTS", "us_step_dates", "withdrawal_schedule"
]  # fmt: skip

ACTUAL_DEADLINE_DAYS = 60
"""The US deadline: suspension of its obligations in 60 days unless Russia returned to compliance."""

ACTUAL_NOTICE_MONTHS = 6
"""Article XV(2) of the treaty: six months' notice of withdrawal."""

US_STEP_EVENTS: dict[str, str] = {
    "finding": "2018-12-04-us-finds-material-breach",
    "suspension": "2019-02-02-us-suspends-obligations",
    "notice": "2019-02-02-us-gives-withdrawal-notice",
    "withdrawal": "2019-08-02-us-withdrawal-takes-effect",
}
"""The ``event_id`` of each US step in ``data/events.csv``."""


def us_step_dates(events: pd.DataFrame | None = None) -> dict[str, pd.Timestamp]:
    """The date of each US step, looked up in the event table (by default the real one).

    >>> dates = us_step_dates()
    >>> dates["suspension"] - dates["finding"], dates["withdrawal"].date()
    (Timedelta('60 days 00:00:00'), datetime.date(2019, 8, 2))
    """
    if events is None:
        from helpers.data.loading import load_events

        events = load_events()
    start = events.set_index("event_id").date_start
    return {key: pd.Timestamp(start[event_id]) for key, event_id in US_STEP_EVENTS.items()}


def withdrawal_schedule(
    finding_date: object = None,
    deadline_days: object = ACTUAL_DEADLINE_DAYS,
    notice_months: object = ACTUAL_NOTICE_MONTHS,
) -> pd.DataFrame:
    """The four steps from a material-breach finding to a withdrawal taking effect.

    A deadline ``deadline_days`` after the finding (read by ``helpers.checks.answers``; default the real
    one); suspension and notice when it ends; withdrawal ``notice_months`` calendar months later. Columns
    ``key``, ``step``, ``date``, ``rule``, ``days_after_finding``; a bad value raises ``AnswerError``.

    >>> withdrawal_schedule()[["key", "date", "days_after_finding"]]
              key       date  days_after_finding
    0     finding 2018-12-04                   0
    1  suspension 2019-02-02                  60
    2      notice 2019-02-02                  60
    3  withdrawal 2019-08-02                 241
    >>> withdrawal_schedule("2019-07-02", "60", 6).date.iloc[-1]  # 31 August + 6 months
    Timestamp('2020-02-29 00:00:00')
    """
    finding = us_step_dates()["finding"] if finding_date is None else answers.parse_date(finding_date)
    n_days = answers.parse_days(deadline_days)
    n_months = answers.parse_whole_number(notice_months)
    if n_days < 0 or n_months < 0:
        why = "Use 0 or more days and months: a deadline or a notice cannot run backwards."
        raise answers.AnswerError(why)
    try:
        deadline = finding + pd.Timedelta(days=n_days)
        effective = deadline + pd.DateOffset(months=n_months)
    except (ValueError, OverflowError):
        effective = None
    first, last = answers.FIRST_YEAR, answers.LAST_YEAR
    if effective is None or not first <= effective.year <= last:
        why = f"That schedule would end outside the years {first} to {last}. Try smaller numbers."
        raise answers.AnswerError(why)
    days, months = f"finding + {plural(n_days, 'day')}", f"notice + {plural(n_months, 'calendar month')}"
    rows = [
        ("finding", "Material-breach finding; deadline set", finding, "the start date"),
        ("suspension", "Deadline ends; US obligations suspended", deadline, days),
        ("notice", "Notice of withdrawal given (Article XV)", deadline, "same day as the suspension"),
        ("withdrawal", "Withdrawal takes effect; treaty ends", effective, months),
    ]
    frame = pd.DataFrame(rows, columns=["key", "step", "date", "rule"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["days_after_finding"] = (frame["date"] - finding).dt.days.astype("int64")
    return frame
