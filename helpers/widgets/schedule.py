"""A "what if?" widget: change the finding date, the deadline or the notice and see the new schedule.

:func:`what_if_html` does the work and never raises; :func:`schedule_widget` wraps it in text boxes.
"""

from __future__ import annotations

from helpers.checks.answers import is_placeholder
from helpers.display.feedback import callout_html
from helpers.display.words import html_text, long_date, plural
from helpers.history.withdrawal import ACTUAL_DEADLINE_DAYS, ACTUAL_NOTICE_MONTHS, withdrawal_schedule

__all__ = ["schedule_widget", "what_if_html"]

_CELL = 'style="text-align:left;padding:0.2em 0.8em"'


def _problem(message: str) -> str:
    return callout_html("problem", html_text(message), label="Cannot work out a schedule yet", role="status")


def what_if_html(finding_date: object, deadline_days: object, notice_months: object) -> str:
    """The schedule for these inputs (as typed) as HTML, or a note on what to change. Never raises.

    >>> "2 August 2019" in what_if_html("2018-12-04", 60, 6)
    True
    >>> "Cannot work out a schedule yet" in what_if_html("next Tuesday", 60, 6)
    True
    >>> "&lt;b&gt;" in what_if_html("<b>", 60, 6)
    True
    """
    if any(is_placeholder(value) for value in (finding_date, deadline_days, notice_months)):
        return _problem("fill in all three boxes: a date such as 2018-12-04, a number of days and of months.")
    try:
        schedule = withdrawal_schedule(finding_date, deadline_days, notice_months)
    except ValueError as error:
        return _problem(str(error))
    except Exception as error:  # a widget must never crash, whatever is typed
        return _problem(f"something unexpected went wrong ({type(error).__name__}). Try other values.")
    dates = dict(zip(schedule.key, schedule.date, strict=True))
    n_days = int(schedule.days_after_finding.iloc[1])
    n_months = (dates["withdrawal"].to_period("M") - dates["notice"].to_period("M")).n
    sentence = (
        f"With a finding on <strong>{long_date(dates['finding'])}</strong> and a deadline of "
        f"{plural(n_days, 'day')}, the suspension and the notice would fall on "
        f"<strong>{long_date(dates['suspension'])}</strong>, and the withdrawal would take effect on "
        f"<strong>{long_date(dates['withdrawal'])}</strong>: "
        f"{plural(int(schedule.days_after_finding.iloc[-1]), 'day')} after the finding."
    )
    rows = "".join(
        f"<tr><td {_CELL}>{html_text(step)}</td><td {_CELL}>{long_date(date)}</td>"
        f"<td {_CELL}>{html_text(rule)}</td></tr>"
        for step, date, rule in zip(schedule.step, schedule.date, schedule.rule, strict=True)
    )
    head = "".join(f"<th {_CELL}>{name}</th>" for name in ("step", "date", "how it is worked out"))
    notes = []
    if dates["withdrawal"].day != dates["notice"].day:
        notes.append(
            f"The notice starts on day {dates['notice'].day} of its month; {plural(n_months, 'month')} later "
            "the month has no such day, so the date moves to its last day (how pandas counts months)."
        )
    if n_days != ACTUAL_DEADLINE_DAYS:
        notes.append(
            f"In history the deadline was {ACTUAL_DEADLINE_DAYS} days: a US choice, not a treaty rule."
        )
    if n_months != ACTUAL_NOTICE_MONTHS:
        notes.append("Article XV fixed six months' notice: other numbers are a thought experiment.")
    real = withdrawal_schedule().date.drop_duplicates()
    notes.append(f"What happened: {', then '.join(long_date(date) for date in real)}.")
    body = (
        f'<p>{sentence}</p><table style="border-collapse:collapse;margin:0.5em 0"><thead><tr>{head}</tr>'
        f"</thead><tbody>{rows}</tbody></table><ul>{''.join(f'<li>{note}</li>' for note in notes)}</ul>"
    )
    return callout_html("note", body, label="What if", role="status")


def schedule_widget(
    finding_date: str | None = None,
    deadline_days: object = ACTUAL_DEADLINE_DAYS,
    notice_months: object = ACTUAL_NOTICE_MONTHS,
):
    """Three text boxes and a live schedule (an ``ipywidgets.VBox``); a button puts back 2018-2019.

    >>> box = schedule_widget()
    >>> box.children[0].children[1].value = "90"
    >>> "4 March 2019" in box.children[1].value
    True
    """
    import ipywidgets as widgets

    real = str(withdrawal_schedule().date.iloc[0].date())

    def box(value: object, description: str, width: str) -> widgets.Text:
        look = {"style": {"description_width": "initial"}, "layout": {"width": width}}
        return widgets.Text(value=str(value), description=description, continuous_update=False, **look)

    date_box = box(finding_date or real, "Finding date (YYYY-MM-DD):", "27em")
    days_box = box(deadline_days, "Deadline (days):", "13em")
    months_box = box(notice_months, "Notice (months):", "14em")
    reset = widgets.Button(description="Back to 2018-19", tooltip="Put back the real values of 2018-2019")
    result = widgets.HTML(value=what_if_html(date_box.value, days_box.value, months_box.value))

    def update(_change: object = None) -> None:
        result.value = what_if_html(date_box.value, days_box.value, months_box.value)

    def back_to_history(_button: object) -> None:
        date_box.value, days_box.value = real, str(ACTUAL_DEADLINE_DAYS)
        months_box.value = str(ACTUAL_NOTICE_MONTHS)

    for text_box in (date_box, days_box, months_box):
        text_box.observe(update, names="value")
    reset.on_click(back_to_history)
    controls = widgets.HBox([date_box, days_box, months_box, reset], layout={"flex_flow": "row wrap"})
    return widgets.VBox([controls, result])
