"""Self-check exercises for lesson 2, the diplomatic timeline.

Each check takes the student's answer and returns a :class:`helpers.display.feedback.Feedback`;
none of them raises, whatever it is given. The right answers are worked out
from the bundled tables, so they stay true to the data.

Examples
--------
>>> print(check_busiest_year(2018))
Correct: Yes: 2018 has 19 events, more than any other year (2017 comes next with 17).
>>> check_busiest_year(...).status
'not answered yet'
"""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd

from helpers.checks.answers import AnswerError, parse_date, parse_whole_number
from helpers.display.feedback import Feedback, correct, never_raises, try_again
from helpers.display.words import long_date, plural

__all__ = [
    "check_busiest_year",
    "check_engagements",
    "check_first_acknowledgement",
    "check_meetings_figure",
    "check_ryabkov_events",
    "check_violation_reports",
    "engagement_counts",
]

TIMELINE = "state-2018-timeline"
CONTACT_CATEGORIES = ("bilateral meeting", "experts meeting", "SVC session")
TWO_DATE_LINE = ("2018-02-14-huntsman-discusses-with-ryabkov", "2018-03-05-huntsman-discusses-with-ryabkov")
"""The two rows coded from the timeline's one line with two dates (Huntsman and Ryabkov, 2018)."""


@functools.cache
def _events() -> pd.DataFrame:
    from helpers.data.loading import load_events

    return load_events()


@functools.cache
def _participants() -> pd.DataFrame:
    from helpers.data.loading import load_participants

    return load_participants(events=_events())


def _whole_number(answer: Any, what: str) -> int | Feedback:
    """``answer`` read as a whole number, or feedback that says how to write ``what``."""
    try:
        return parse_whole_number(answer)
    except AnswerError as error:
        return try_again(f"{error} Give {what} as a whole number, for example 12 (no quotes needed).")


def _timeline_rows() -> pd.DataFrame:
    """The rows of the State Department timeline (``source_id`` ``state-2018-timeline``), diplomacy phase."""
    events = _events()
    return events[(events["source_id"] == TIMELINE) & (events["phase"] == "diplomacy")]


def engagement_counts() -> dict[int, str]:
    """Defensible counts of the fact sheet's US-Russian "engagements", and what each one counts.

    All of them count rows of the State Department timeline (``source_id``
    ``state-2018-timeline``), which covers the diplomacy phase, and only rows
    in which the US deals with the Russian government: meetings and talks, and
    Russia's answers. Counting every timeline row is not among them (allied
    consultations, NATO statements and US documents are not engagements with
    Russia); :func:`check_engagements` answers that count with a hint.

    Examples
    --------
    >>> sorted(engagement_counts())
    [19, 22, 24, 27]
    """
    timeline = _timeline_rows()
    category = timeline["category"].astype(str)
    per = category.value_counts()

    def n(*names: str) -> int:
        return int(sum(per.get(name, 0) for name in names))

    said = timeline[category == "Russian statement"]["date_start"]
    when = ", ".join(f"{d:%B} {d.year}" for d in sorted(said))
    counts = {
        n("bilateral meeting"): "the bilateral meetings only (US and Russian officials meeting or talking)",
        n("bilateral meeting", "experts meeting"): (
            f"the bilateral meetings plus the {plural(n('experts meeting'), 'experts meeting')}"
        ),
        n(*CONTACT_CATEGORIES): (
            "every US-Russian contact category: bilateral meetings, experts meetings and the "
            f"{plural(n('SVC session'), 'Special Verification Commission session')}"
        ),
        n(*CONTACT_CATEGORIES, "Russian statement"): (
            "the bilateral meetings, experts meetings and SVC sessions plus Russia's "
            f"{plural(len(said), 'recorded answer')} to the US ({when})"
        ),
    }
    return counts


@never_raises
def check_engagements(answer: Any) -> Feedback:
    """Exercise: count the US-Russian engagements in the table (the fact sheet says "more than 30").

    Examples
    --------
    >>> check_engagements(19).passed, check_engagements(24).passed, check_engagements(52).passed
    (True, True, False)
    >>> print(check_engagements(51))  # doctest: +ELLIPSIS
    Not yet: 51 is the number a later US embassy FAQ gave, ...
    """
    number = _whole_number(answer, "the number of engagements you counted")
    if isinstance(number, Feedback):
        return number
    counts = engagement_counts()
    low, high = min(counts), max(counts)
    caveat = (
        f" Every count of contacts with Russia in the table ({low} to {high}) stays below the fact "
        "sheet's 'more than 30': the timeline itself calls its list 'Some public highlights', so it "
        "leaves engagements out (a later US embassy FAQ counted 51). Say what you counted whenever "
        "you give a number."
    )
    if number in counts:
        return correct(f"{number} is a defensible count: {counts[number]}." + caveat)
    if number == len(_timeline_rows()):
        return try_again(
            f"Good start: you kept only the timeline's rows. But {number} counts every one of them, "
            "and that includes allied consultations, NATO statements and US documents (compliance "
            "reports, statements, measures), which are not engagements with the Russian government. "
            "Keep only the categories in which US and Russian officials meet or talk, and count again."
        )
    if number in (30, 31):
        return try_again(
            f"{number} repeats the fact sheet's own claim ('more than 30 engagements'). Count the rows "
            "in the table instead: filter the timeline's rows (source_id 'state-2018-timeline') to the "
            "categories you think are engagements with Russia, then take len()."
        )
    if number == 51:
        return try_again(
            "51 is the number a later US embassy FAQ gave, not a count from this table. Count the rows "
            "yourself: which categories are engagements with the Russian government?"
        )
    if number == len(_events()):
        return try_again(
            f"{number} is every row of the table, including the background before 2013, the withdrawal "
            "steps and NATO statements. Keep only the timeline's rows and the categories that are "
            "contacts with Russia."
        )
    return try_again(
        f"No reasonable count of the table gives {number}. Start from the timeline's rows "
        f"(events[events['source_id'] == '{TIMELINE}']) and count the bilateral meetings "
        f"(the smallest defensible count, {low}), then decide whether experts meetings, SVC sessions "
        f"and Russia's answers count too (all of them together give {high})."
    )


@never_raises
def check_busiest_year(answer: Any) -> Feedback:
    """Exercise: which year holds the most events (counted by the year of ``date_start``)?

    Examples
    --------
    >>> print(check_busiest_year(2017))  # doctest: +ELLIPSIS
    Not yet: 2017 has 17 events, but 2018 has 19. ...
    >>> check_busiest_year("2018").passed
    True
    """
    year = _whole_number(answer, "the year")
    if isinstance(year, Feedback):
        return year
    per_year = _events()["date_start"].dt.year.value_counts()
    ranked = per_year.sort_values(ascending=False, kind="stable")
    best, best_count = int(ranked.index[0]), int(ranked.iloc[0])
    second, second_count = int(ranked.index[1]), int(ranked.iloc[1])
    if year == best:
        return correct(
            f"Yes: {best} has {best_count} events, more than any other year "
            f"({second} comes next with {second_count})."
        )
    if year not in per_year.index:
        return try_again(
            f"The table has no event starting in {year}. Count with "
            "events['date_start'].dt.year.value_counts() and read the top line."
        )
    count = int(per_year[year])
    in_best = _events()[_events()["date_start"].dt.year == best]
    later = int((in_best["phase"] == "withdrawal").sum())
    hint = ""
    if year == second and later:
        hint = (
            f" Did you keep only the diplomacy phase? {plural(later, 'event')} of {best} belong to the "
            "withdrawal phase; the question asks about the whole table."
        )
    return try_again(f"{year} has {count} events, but {best} has {best_count}.{hint}")


@never_raises
def check_first_acknowledgement(answer: Any) -> Feedback:
    """Exercise: on what date did Russia first acknowledge that the 9M729 exists?

    Accepts a date, a Timestamp or text such as ``"2017-12-09"`` or ``"9 December 2017"``.

    Examples
    --------
    >>> check_first_acknowledgement("2017-12-09").passed
    True
    >>> print(check_first_acknowledgement(2017))  # doctest: +ELLIPSIS
    Not yet: Right year. Now give the day, ...
    """
    events = _events()
    acknowledged = events[events["russian_response"].astype(str) == "acknowledgement"].sort_values(
        "date_start"
    )
    first = acknowledged.iloc[0]
    day = first["date_start"]
    label = long_date(day)
    if isinstance(answer, int) and not isinstance(answer, bool) and answer == day.year:
        return try_again("Right year. Now give the day, for example as text: 'YYYY-MM-DD'.")
    try:
        when = parse_date(answer)
    except AnswerError as error:
        return try_again(f"{error} Look for russian_response == 'acknowledgement'.")
    if when == day:
        return correct(
            f"Yes: on {label} Deputy Foreign Minister Ryabkov publicly acknowledged that the 9M729 exists, "
            "while denying that it could fly to ranges the treaty bans. It was an acknowledgement of the "
            "missile, not of a violation."
        )
    same_day = events[events["date_start"] == when]
    if (same_day["event_id"] == "2017-11-29-ford-names-9m729").any():
        return try_again(
            "On that day the US (Christopher Ford) made public the Russian name 9M729. Who spoke is the "
            "key: look for Russia's answer in the russian_response column."
        )
    if (same_day["source_id"] == "state-2017-at-a-glance").any() or when == pd.Timestamp("2017-12-08"):
        return try_again(
            "On 8 December 2017 the US fact sheet said Russia had not even acknowledged the missile. "
            "Look a little later."
        )
    if when == pd.Timestamp("2019-01-23"):
        return try_again(
            "On 23 January 2019 Russia showed the missile to foreign military attaches, but it had "
            "acknowledged its existence more than a year earlier. Look in the russian_response column."
        )
    if (same_day["russian_response"].astype(str) == "denial").any():
        return try_again("On that date Russia denied the violation. Look for the first 'acknowledgement'.")
    return try_again(
        "Not that date. Filter the rows where russian_response is 'acknowledgement' and read date_start."
    )


@never_raises
def check_violation_reports(answer: Any) -> Feedback:
    """Exercise: how many of the yearly US compliance reports found Russia in violation of the treaty?

    Examples
    --------
    >>> check_violation_reports(5).passed
    True
    >>> print(check_violation_reports(1))  # doctest: +ELLIPSIS
    Not yet: The 2014 report was the first to find a violation, ...
    """
    number = _whole_number(answer, "the number of reports")
    if isinstance(number, Feedback):
        return number
    reports = _events()[_events()["category"] == "compliance report"]
    years = ", ".join(str(y) for y in sorted(reports["date_start"].dt.year))
    total = len(reports)
    if number == total:
        return correct(
            f"Yes: all {total} reports in the table ({years}) found Russia in violation. The 2014 report "
            "made the first finding; each later one said the violation continued."
        )
    if number == 1:
        return try_again(
            "The 2014 report was the first to find a violation, but the later reports 'affirm Russia's "
            "continuing violation': they find Russia in violation too. Count every compliance report."
        )
    if 1 < number < total:
        return try_again(
            "Close, but count again: filter category == 'compliance report' and count the rows. "
            "Every report in the table affirms a violation."
        )
    return try_again(
        "Filter the table to category == 'compliance report' and count the rows; then check in the "
        "evidence column that each one finds a violation."
    )


@never_raises
def check_ryabkov_events(answer: Any) -> Feedback:
    """Exercise: in how many events does Sergei Ryabkov take part (participants table)?

    Examples
    --------
    >>> check_ryabkov_events(10).passed
    True
    >>> print(check_ryabkov_events(8))  # doctest: +ELLIPSIS
    Not yet: 8 counts only his bilateral meetings...
    """
    number = _whole_number(answer, "the number of events")
    if isinstance(number, Feedback):
        return number
    people = _participants()
    ids = people.loc[people["name"] == "Sergei Ryabkov", "event_id"]
    total = int(ids.nunique())
    events = _events()
    meetings = int((events["event_id"].isin(ids) & (events["category"] == "bilateral meeting")).sum())
    if number == total:
        two_dates = set(TWO_DATE_LINE) <= set(ids)
        note = (
            " (Two of the meetings come from one line of the timeline that gives two dates, 14 February "
            "and 5 March 2018: the table counts it as two meetings.)"
            if two_dates
            else ""
        )
        return correct(
            f"Yes: Ryabkov appears in {total} events: {meetings} bilateral meetings and {total - meetings} "
            "Russian statements he delivered. No other Russian official appears in as many." + note
        )
    if number == meetings:
        return try_again(
            f"{meetings} counts only his bilateral meetings. The question asks about every event he takes "
            "part in, including his statements."
        )
    return try_again(
        "Filter the participants table: participants[participants['name'] == 'Sergei Ryabkov'], "
        "then count the distinct event_id values with .nunique()."
    )


def _bar_tops(figure: Any) -> tuple[dict[int, float], str] | Feedback:
    """The height of each bar (stacked bars added up) by its rounded x position, and the title."""
    fig = getattr(figure, "figure", figure)  # a FigureOutput, an Axes or a Figure
    axes = getattr(fig, "axes", None)
    if not isinstance(axes, list) or not axes:
        return try_again(
            "Give the figure itself: draw it with fig, ax = plt.subplots() and ax.bar(...), "
            "then write answer_6 = fig."
        )
    from matplotlib.patches import Rectangle

    tops: dict[int, float] = {}
    for ax in axes:
        for bar in ax.patches:
            if isinstance(bar, Rectangle) and bar.get_height() > 0:
                x = round(bar.get_x() + bar.get_width() / 2)
                tops[x] = max(tops.get(x, 0.0), bar.get_y() + bar.get_height())
    titles = [ax.get_title(loc) for ax in axes for loc in ("left", "center", "right")]
    suptitle = getattr(fig, "_suptitle", None)
    titles.append(suptitle.get_text() if suptitle is not None else "")
    return tops, " ".join(t for t in titles if t).strip()


@never_raises
def check_meetings_figure(figure: Any) -> Feedback:
    """Exercise: a bar chart of the bilateral meetings per year (from 2013), with a title.

    Examples
    --------
    >>> from helpers.display.figures import new_figure
    >>> meetings = _events().query("category == 'bilateral meeting'")
    >>> per_year = meetings.groupby(meetings["date_start"].dt.year).size()
    >>> fig, ax = new_figure()
    >>> bars = ax.bar(per_year.index, per_year)
    >>> print(check_meetings_figure(fig))  # doctest: +ELLIPSIS
    Not yet: The bars are right. Now give the figure a title...
    >>> _ = ax.set_title("Bilateral meetings per year")
    >>> check_meetings_figure(fig).passed
    True
    """
    read = _bar_tops(figure)
    if isinstance(read, Feedback):
        return read
    tops, title = read
    events = _events()
    meetings = events[events["category"] == "bilateral meeting"]
    expected = meetings.groupby(meetings["date_start"].dt.year).size()
    all_events = events.groupby(events["date_start"].dt.year).size()
    drawn = {year: int(round(height)) for year, height in tops.items() if height}
    want = {int(y): int(n) for y, n in expected.items()}
    every = {int(y): int(n) for y, n in all_events.items() if y >= 2013}
    if not drawn:
        return try_again("The figure has no bars yet. Draw them with ax.bar(per_year.index, per_year).")
    if drawn != want and all(drawn[y] == every.get(y) for y in drawn):
        return try_again(
            "These bars count every event of each year. Keep only the rows whose category is "
            "'bilateral meeting' before you count them per year."
        )
    if drawn != want:
        return try_again(
            "The bars do not match the bilateral meetings per year. Filter "
            "events[events['category'] == 'bilateral meeting'], count with .groupby('year').size(), "
            "and draw that Series with ax.bar(per_year.index, per_year)."
        )
    if not title:
        return try_again("The bars are right. Now give the figure a title with ax.set_title('...').")
    return correct(
        f"Yes: one bar a year, {plural(len(meetings), 'bilateral meeting')} in all, titled '{title}'. "
        "The same few lines draw any count you make with groupby."
    )
