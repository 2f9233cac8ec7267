"""Self-checks for lesson 2, "Diplomatic timeline": each returns a Feedback and never raises.

The right answers are worked out from the event and participants tables, so they stay true to the data.
"""

from __future__ import annotations

import functools
import itertools
from typing import Any

import pandas as pd

from helpers.checks import checker
from helpers.checks.answers import parse_date, parse_days, parse_whole_number
from helpers.checks.kinds import event_table, figure_parts, judge, written
from helpers.data.loading import load_participants
from helpers.display.feedback import Feedback, correct, never_raises, try_again
from helpers.display.words import long_date, month_year, plural

__all__ = ["check_busiest_year", "check_engagements", "check_first_acknowledgement", "check_meetings_figure"]
__all__ += ["WRITTEN_ANSWERS", "EXERCISES", "check", "check_days_of_denial", "check_ryabkov_events"]
__all__ += ["check_violation_reports", "engagement_counts"]

TIMELINE = "state-2018-timeline"
TWO_DATE_LINE = ("2018-02-14-huntsman-discusses-with-ryabkov", "2018-03-05-huntsman-discusses-with-ryabkov")
"""The two rows coded from the timeline's one line with two dates (Huntsman and Ryabkov)."""

_participants = functools.cache(lambda: load_participants(events=event_table()))
_WHOLE = "as a whole number, for example 12 (no quotes needed)."
_ROWS = f"(events[events['source_id'] == '{TIMELINE}'])"
_ACKNOWLEDGED = {  # known slips of the first-acknowledgement exercise, by what the date holds
    "ford": "On that day the US (Christopher Ford) made public the Russian name 9M729. Who spoke is the key: "
    "look for Russia's answer in the russian_response column.",
    "fact sheet": "On 8 December 2017 the US fact sheet said Russia had not even acknowledged the missile. "
    "Look a little later.",
    "2019-01-23": "On 23 January 2019 Russia showed the 9M729's launcher vehicle and launch canister (not "
    "the missile itself) to foreign military attaches, but the US timeline records an acknowledgement more "
    "than a year earlier. Look in the russian_response column.",
    "denial": "On that date Russia denied the violation. Look for the first 'acknowledgement'.",
}


def _timeline_rows() -> pd.DataFrame:
    """The rows of the State Department timeline (``source_id`` ``state-2018-timeline``), diplomacy phase."""
    events = event_table()
    return events[(events["source_id"] == TIMELINE) & (events["phase"] == "diplomacy")]


def engagement_counts() -> dict[int, str]:
    """Defensible counts of the fact sheet's US-Russian "engagements", and what each one counts.

    Every reading counts the bilateral meetings of the State Department timeline (diplomacy phase), adds
    any of the experts meetings, SVC sessions and Russia's recorded answers, and counts rows, or each
    line of the timeline once (rows coded from one line share its evidence). Allied consultations, NATO
    statements and US documents are not engagements with Russia. A count that two readings give says both.

    >>> all(count < 30 for count in engagement_counts())  # the fact sheet says "more than 30"
    True
    """
    timeline = _timeline_rows()
    per, said = (
        timeline["category"].value_counts(),
        timeline.query("category == 'Russian statement'").date_start,
    )
    more = {c: f"the {plural(int(per[c]), c)}" for c in ("experts meeting", "SVC session")}
    when = ", ".join(map(month_year, said.sort_values()))
    more["Russian statement"] = f"Russia's {plural(len(said), 'recorded answer')} ({when})"
    two = timeline.loc[timeline["evidence"].duplicated(keep=False), "date_start"]
    once = f", with the timeline's line of two dates ({' and '.join(map(long_date, two))}) counted once"
    readings: dict[int, list[str]] = {}
    for chosen in (c for size in range(4) for c in itertools.combinations(more, size)):
        rows = timeline[timeline["category"].isin(["bilateral meeting", *chosen])]
        parts = ["the bilateral meetings", *map(more.get, chosen)]
        what = ", ".join(parts[:-1]) + " and " + parts[-1] if chosen else "the bilateral meetings only"
        for count, how in {len(rows): "", rows["evidence"].nunique(): once}.items():
            readings.setdefault(count, []).append(what + how)
    return {count: "; or ".join(readings[count]) for count in sorted(readings)}


@never_raises
def check_engagements(answer: Any) -> Feedback:
    """Exercise: count the US-Russian engagements in the table (the fact sheet says "more than 30").

    >>> check_engagements(max(engagement_counts())).passed, check_engagements(30).passed
    (True, False)
    """
    counts, rows, every = engagement_counts(), len(_timeline_rows()), len(event_table())
    low, high = min(counts), max(counts)
    caveat = f" Every count of contacts with Russia in the table ({low} to {high}) stays below the fact "
    caveat += "sheet's 'more than 30': the timeline itself calls its list 'Some public highlights', so it "
    caveat += "leaves engagements out (a later US embassy FAQ counted 51). Say what you counted whenever you "
    caveat += "give a number."
    claim = "repeats the fact sheet's own claim ('more than 30 engagements'). Count the rows in the table "
    claim += f"instead: filter the timeline's rows (source_id '{TIMELINE}') to the categories you think are "
    claim += "engagements with Russia, then take len()."
    slips = {
        every: f"{every} is every row of the table, including the background before 2013, the withdrawal "
        "steps and NATO statements. Keep only the timeline's rows and the categories that are contacts "
        "with Russia.",
        51: "51 is the number a later US embassy FAQ gave, not a count from this table. Count the rows "
        "yourself: which categories are engagements with the Russian government?",
    } | {n: f"{n} {claim}" for n in (30, 31)}
    slips[rows] = f"Good start: you kept only the timeline's rows. But {rows} counts every one of them, and "
    slips[rows] += (
        "that includes allied consultations, NATO statements and US documents (compliance reports, "
    )
    slips[rows] += "statements, measures), which are not engagements with the Russian government. Keep only "
    slips[rows] += "the categories in which US and Russian officials meet or talk, and count again."

    def otherwise(n: int) -> str:
        return (
            f"No reasonable count of the table gives {n}. Start from the timeline's rows {_ROWS} and count "
            f"the bilateral meetings (the smallest defensible count is {low}), then decide whether experts "
            f"meetings, SVC sessions and Russia's answers count too (all of them together give {high})."
        )

    def right(n: int) -> str:
        return f"{n} is a defensible count, if you counted {counts[n]}." + caveat

    how = f"Give the number of engagements you counted {_WHOLE}"
    return judge(answer, parse_whole_number, counts.__contains__, right, slips, otherwise, how)


@never_raises
def check_busiest_year(answer: Any) -> Feedback:
    """Exercise: which year holds the most events (counted by the year of ``date_start``)?

    >>> print(check_busiest_year(1950))  # doctest: +ELLIPSIS
    Not yet: The table has no event starting in 1950. Count with events['date_start'].dt.year...
    """
    events = event_table()
    per_year = events["date_start"].dt.year.value_counts().sort_values(ascending=False, kind="stable")
    (best, most), (second, runner_up) = ((int(year), int(n)) for year, n in per_year.iloc[:2].items())
    slips = {int(year): f"{year} has {n} events, but {best} has {most}." for year, n in per_year.items()}
    if later := int(((events["date_start"].dt.year == best) & (events["phase"] == "withdrawal")).sum()):
        slips[second] += (
            f" Did you keep only the diplomacy phase? {plural(later, 'event')} of {best} belong to the "
            "withdrawal phase; the question asks about the whole table."
        )
    right = f"Yes: {best} has {most} events, more than any other year ({second} comes next with {runner_up})."
    count = "events['date_start'].dt.year.value_counts() and read the top line."
    otherwise = f"The table has no event starting in {{}}. Count with {count}".format
    return judge(answer, parse_whole_number, best, right, slips, otherwise, f"Give the year {_WHOLE}")


@never_raises
def check_first_acknowledgement(answer: Any) -> Feedback:
    """Exercise: the date on which the US timeline records Russia's first acknowledgement of the 9M729.

    >>> print(check_first_acknowledgement(2017))  # doctest: +ELLIPSIS
    Not yet: Right year. Now give the day, ...
    """
    events = event_table()
    day = events.loc[events["russian_response"].astype(str) == "acknowledgement", "date_start"].min()
    if isinstance(answer, int) and not isinstance(answer, bool) and answer == day.year:
        return try_again("Right year. Now give the day, for example as text: 'YYYY-MM-DD'.")
    known = {
        "denial": events.loc[events["russian_response"].astype(str) == "denial", "date_start"],
        "2019-01-23": [pd.Timestamp("2019-01-23")],
        "fact sheet": [
            *events.loc[events["source_id"] == "state-2017-at-a-glance", "date_start"],
            "2017-12-08",
        ],
        "ford": events.loc[events["event_id"] == "2017-11-29-ford-names-9m729", "date_start"],
    }
    right = (
        f"Yes: the US timeline records that on {long_date(day)} Deputy Foreign Minister Ryabkov publicly "
        "acknowledged that the 9M729 exists, while denying that it could fly to ranges the treaty bans. It "
        "was an acknowledgement of the missile, not of a violation."
    )
    slips = {pd.Timestamp(when): _ACKNOWLEDGED[slip] for slip, days in known.items() for when in days}
    if day.day <= 12 and day.day != day.month:  # the same day with its day and month reversed
        swapped = pd.Timestamp(year=day.year, month=day.day, day=day.month)
        slips[swapped] = f"That is {long_date(swapped)}: day and month reversed? Write 'YYYY-MM-DD'."
    otherwise = (
        "Not that date. Filter the rows where russian_response is 'acknowledgement' and read date_start."
    )
    return judge(
        answer, parse_date, day, right, slips, otherwise, "Look for russian_response == 'acknowledgement'."
    )


@never_raises
def check_days_of_denial(answer: Any) -> Feedback:
    """Exercise: days from Russia's first recorded denial to its first acknowledgement (number or Timedelta).

    >>> print(check_days_of_denial(-1628))  # doctest: +ELLIPSIS
    Not yet: The answer should be positive: subtract the earlier date from the later one...
    """
    said = event_table().groupby("russian_response", observed=True)["date_start"].min()
    first, known = said["denial"], said["acknowledgement"]
    days = (known - first).days
    slips = {days + 1: "You counted both the first and the last day; subtracting the dates counts one."}
    slips[known.year - first.year] = "That is years; give the number of days (a Timedelta, or its .days)."
    right = f"Yes: {days} days, from {long_date(first)} to {long_date(known)}, by the US timeline's account."
    otherwise = "Take the earliest date_start of the 'denial' rows and of the 'acknowledgement' rows, and "
    otherwise += "subtract the first from the second: pandas gives a Timedelta."
    reversed_ = "The answer should be positive: subtract the earlier date from the later one (reversed?)."
    hints = lambda d: [(d < 0, reversed_), (True, slips.get(d))]  # noqa: E731
    return judge(answer, parse_days, days, right, hints, otherwise, "Give the number of days.")


@never_raises
def check_violation_reports(answer: Any) -> Feedback:
    """Exercise: how many of the yearly US compliance reports found Russia in violation of the treaty?

    >>> print(check_violation_reports(1))  # doctest: +ELLIPSIS
    Not yet: The 2014 report was the first to find a violation, ...
    """
    reports = event_table().query("category == 'compliance report'")
    total, years = len(reports), ", ".join(str(year) for year in sorted(reports["date_start"].dt.year))
    close = "Close, but count again: filter category == 'compliance report' and count the rows. Every "
    slips = dict.fromkeys(range(2, total), close + "report in the table affirms a violation.")
    slips[1] = "The 2014 report was the first to find a violation, but the later reports 'affirm Russia's "
    slips[1] += "continuing violation': they find Russia in violation too. Count every compliance report."
    right = f"Yes: all {total} reports in the table ({years}) found Russia in violation. The 2014 report "
    right += "made the first finding; each later one said the violation continued."
    otherwise = "Filter the table to category == 'compliance report' and count the rows; then check in the "
    otherwise += "evidence column that each one finds a violation."
    return judge(
        answer, parse_whole_number, total, right, slips, otherwise, f"Give the number of reports {_WHOLE}"
    )


@never_raises
def check_ryabkov_events(answer: Any) -> Feedback:
    """Exercise: in how many bilateral meetings does Sergei Ryabkov take part (participants and events)?

    >>> print(check_ryabkov_events(0))  # doctest: +ELLIPSIS
    Not yet: Keep Ryabkov's rows of people_at whose category is 'bilateral meeting' (two conditions, ...
    """
    people, events = _participants(), event_table()
    ids = people.loc[people["name"] == "Sergei Ryabkov", "event_id"]
    his = events[events["event_id"].isin(ids)]["category"].astype(str).value_counts()
    total, meetings, others = len(set(ids)), int(his.pop("bilateral meeting")), his.to_dict()
    two = " (two of them come from one line of the timeline that gives two dates, 14 February and 5 March "
    two += "2018, which the table counts as two meetings)"
    right = f"Yes: Ryabkov took part in {meetings} bilateral meetings" + two * (
        set(TWO_DATE_LINE) <= set(ids)
    )
    right += "; his other events are " + " and ".join(plural(n, category) for category, n in others.items())
    right += f". No other Russian official takes part in as many events as his {total}."
    slips = {total: f"{total} counts every event he takes part in, his statements too. Keep the meetings."}
    otherwise = "Keep Ryabkov's rows of people_at whose category is 'bilateral meeting' (two conditions, "
    otherwise += "joined with &), then count the distinct event_id values with .nunique()."
    return judge(answer, parse_whole_number, meetings, right, slips, otherwise, f"Give a number {_WHOLE}")


@never_raises
def check_meetings_figure(figure: Any) -> Feedback:
    """Exercise: a bar chart of the bilateral meetings per year (from 2013), with a title.

    >>> from helpers.display.figures import new_figure
    >>> meetings = event_table().query("category == 'bilateral meeting'")
    >>> fig, ax = new_figure()
    >>> bars = ax.bar(*zip(*meetings.groupby(meetings["date_start"].dt.year).size().items()))
    >>> print(check_meetings_figure(fig))  # doctest: +ELLIPSIS
    Not yet: The bars are right. Now give the figure a title...
    """
    parts = figure_parts(figure)
    if parts is None or not parts.axes:
        return try_again(
            "Give the figure itself: draw it with fig, ax = plt.subplots() and ax.bar(...), then write "
            "answer_2 = fig."
        )
    tops: dict[int, float] = {}
    for position, _, end in (bar for group in parts.bars for bar in group if bar[1] > 0):
        tops[round(position)] = max(tops.get(round(position), 0.0), end)
    drawn = {year: round(top) for year, top in tops.items() if top}
    events = event_table()
    meetings = events[events["category"] == "bilateral meeting"]
    want = {int(y): int(n) for y, n in meetings.groupby(meetings["date_start"].dt.year).size().items()}
    every = events.groupby(events["date_start"].dt.year).size()
    if not drawn:
        return try_again("The figure has no bars yet. Draw them with ax.bar(per_year.index, per_year).")
    if drawn != want and all(year >= 2013 and drawn[year] == every.get(year) for year in drawn):
        return try_again(
            "These bars count every event of each year. Keep only the rows whose category is "
            "'bilateral meeting' before you count them per year."
        )
    if drawn != want:
        return try_again(
            "The bars do not match the bilateral meetings per year. Filter events[events['category'] == "
            "'bilateral meeting'], count with .groupby('year').size(), and draw that Series with "
            "ax.bar(per_year.index, per_year)."
        )
    if not parts.title:
        return try_again("The bars are right. Now give the figure a title with ax.set_title('...').")
    return correct(
        f"Yes: one bar a year, {plural(len(meetings), 'bilateral meeting')} in all, titled '{parts.title}'. "
        "The same few lines draw any count you make with groupby."
    )


WRITTEN_ANSWERS = ("answer_7", "think_1", "think_2")
"""The written answers: their checklists are rows of ``data/model-answers/checklists.csv``."""

EXERCISES = {"answer_1": check_busiest_year, "answer_2": check_meetings_figure, "answer_3": check_engagements}
EXERCISES |= {"answer_4": check_ryabkov_events, "answer_5": check_first_acknowledgement}
EXERCISES |= {"answer_6": check_days_of_denial, "answer_8": check_violation_reports}
EXERCISES |= {
    name: never_raises(functools.partial(written, lesson="02", name=name, words=words))
    for name in WRITTEN_ANSWERS
    for words in [(40, 100) if name == "answer_7" else (15, 150)]
}
check = checker(EXERCISES)
