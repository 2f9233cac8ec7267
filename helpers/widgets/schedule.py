"""A "what if?" widget: change the finding date, the deadline or the notice and see the new schedule.

:func:`what_if_html` does the work and never raises, whatever it is given;
:func:`schedule_widget` wraps it in text boxes (ipywidgets is imported only
when the widget is built, so importing this module stays cheap).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from helpers.history.withdrawal import (
    ACTUAL_DEADLINE_DAYS,
    ACTUAL_FINDING_DATE,
    ACTUAL_NOTICE_MONTHS,
    long_date,
    whole_number,
    withdrawal_schedule,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["schedule_widget", "what_if_html"]

_BOX = "padding:0.6em 0.9em;border-radius:4px;margin-top:0.4em;font-size:1.05em;"
_PROBLEM = _BOX + "background:#fff8e1;color:#6d4c00;border-left:6px solid #6d4c00"
_RESULT = _BOX + "background:#ffffff;color:#1a1a1a;border-left:6px solid #0072B2"


def _problem(message: str) -> str:
    return (
        f'<div role="status" style="{_PROBLEM}"><span aria-hidden="true">\U0001f4a1</span> '
        f"<strong>Cannot work out a schedule yet:</strong> {html.escape(message)}</div>"
    )


def _blank(value: object) -> bool:
    return value is None or value is ... or (isinstance(value, str) and not value.strip())


def what_if_html(finding_date: object, deadline_days: object, notice_months: object) -> str:
    """The schedule for these inputs as an HTML block, or a friendly note on what to fix. Never raises.

    Parameters
    ----------
    finding_date : date-like or text
        The day of the material-breach finding (``"2018-12-04"`` in history).
    deadline_days : int or text
        Days until the suspension and notice (60 in history).
    notice_months : int or text
        Calendar months of notice before withdrawal takes effect (6 under Article XV).

    Returns
    -------
    str
        HTML: a sentence, a table of the four steps and notes comparing with 2018-2019;
        or a note saying what to change. Any text typed by the user is escaped.

    Examples
    --------
    >>> "2 August 2019" in what_if_html("2018-12-04", 60, 6)
    True
    >>> "Cannot work out a schedule yet" in what_if_html("next Tuesday", 60, 6)
    True
    >>> "&lt;b&gt;" in what_if_html("<b>", 60, 6)
    True
    """
    try:
        if _blank(finding_date):
            return _problem("type a finding date as YYYY-MM-DD, for example 2018-12-04.")
        if _blank(deadline_days) or _blank(notice_months):
            return _problem("give the deadline in days and the notice in months (whole numbers).")
        try:
            n_days = whole_number(deadline_days, "The deadline")
            n_months = whole_number(notice_months, "The notice")
            if n_days < 0 or n_months < 0:
                return _problem("use 0 or more days and months: a deadline or a notice cannot run backwards.")
            schedule = withdrawal_schedule(finding_date, n_days, n_months)
        except ValueError as error:
            return _problem(str(error))
        return _result_html(schedule, n_days, n_months)
    except Exception as error:  # a widget must never crash, whatever is typed
        return _problem(f"something unexpected went wrong ({type(error).__name__}). Try other values.")


def _result_html(schedule: pd.DataFrame, n_days: int, n_months: int) -> str:
    dates = dict(zip(schedule.key, schedule.date, strict=True))
    total = int(schedule.days_after_finding.iloc[3])
    sentence = (
        f"With a finding on <strong>{long_date(dates['finding'])}</strong> and a deadline of {n_days} "
        f"day{'s' if n_days != 1 else ''}, the suspension and the notice would fall on "
        f"<strong>{long_date(dates['suspension'])}</strong>, and the withdrawal would take effect on "
        f"<strong>{long_date(dates['withdrawal'])}</strong>: {total} days after the finding."
    )
    rows = "".join(
        f'<tr><td style="padding:0.2em 0.8em">{html.escape(step)}</td>'
        f'<td style="padding:0.2em 0.8em;white-space:nowrap">{long_date(date)}</td>'
        f'<td style="padding:0.2em 0.8em">{html.escape(rule)}</td></tr>'
        for step, date, rule in zip(schedule.step, schedule.date, schedule.rule, strict=True)
    )
    table = (
        '<table style="border-collapse:collapse;margin:0.5em 0">'
        '<thead><tr><th style="text-align:left;padding:0.2em 0.8em">step</th>'
        '<th style="text-align:left;padding:0.2em 0.8em">date</th>'
        '<th style="text-align:left;padding:0.2em 0.8em">how it is worked out</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    notes = []
    if dates["withdrawal"].day != dates["notice"].day:
        notes.append(
            f"The notice starts on day {dates['notice'].day} of its month, but the month "
            f"{n_months} months later has no such day, so the date moves to that month's last day "
            "(this is how pandas counts calendar months)."
        )
    if n_days != ACTUAL_DEADLINE_DAYS:
        notes.append("In history the deadline was 60 days: a US choice, not a rule of the treaty.")
    if n_months != ACTUAL_NOTICE_MONTHS:
        notes.append(
            "The treaty's Article XV fixed six months' notice: other numbers are a thought experiment."
        )
    notes.append("What happened: 4 December 2018, then 2 February 2019, then 2 August 2019.")
    note_items = "".join(f"<li>{note}</li>" for note in notes)
    return f'<div role="status" style="{_RESULT}"><p>{sentence}</p>{table}<ul>{note_items}</ul></div>'


def schedule_widget(
    finding_date: str = ACTUAL_FINDING_DATE,
    deadline_days: int = ACTUAL_DEADLINE_DAYS,
    notice_months: int = ACTUAL_NOTICE_MONTHS,
):
    """Three input boxes and a live schedule; a button puts back the 2018-2019 values.

    Returns
    -------
    ipywidgets.VBox
        Show it by making it the last line of a cell.

    Examples
    --------
    >>> box = schedule_widget()
    >>> days = box.children[0].children[1]
    >>> days.value = 90
    >>> "4 March 2019" in box.children[1].value
    True
    """
    import ipywidgets as widgets

    wide = {"description_width": "initial"}
    date_box = widgets.Text(
        value=str(finding_date),
        description="Finding date (YYYY-MM-DD):",
        placeholder="2018-12-04",
        continuous_update=False,
        style=wide,
        layout=widgets.Layout(width="27em"),
    )
    days_box = widgets.IntText(
        value=deadline_days, description="Deadline (days):", style=wide, layout=widgets.Layout(width="13em")
    )
    months_box = widgets.IntText(
        value=notice_months, description="Notice (months):", style=wide, layout=widgets.Layout(width="14em")
    )
    reset = widgets.Button(
        description="Back to 2018-19", tooltip="Put back 4 December 2018, 60 days, 6 months"
    )
    result = widgets.HTML(value=what_if_html(date_box.value, days_box.value, months_box.value))

    def update(_change: object = None) -> None:
        result.value = what_if_html(date_box.value, days_box.value, months_box.value)

    def back_to_history(_button: object) -> None:
        date_box.value = ACTUAL_FINDING_DATE
        days_box.value = ACTUAL_DEADLINE_DAYS
        months_box.value = ACTUAL_NOTICE_MONTHS

    for box in (date_box, days_box, months_box):
        box.observe(update, names="value")
    reset.on_click(back_to_history)
    controls = widgets.HBox(
        [date_box, days_box, months_box, reset], layout=widgets.Layout(flex_flow="row wrap")
    )
    return widgets.VBox([controls, result])
