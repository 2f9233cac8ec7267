"""The withdrawal as a step chart: one row per stage, key dates as lines; bars named and hatched."""

from __future__ import annotations

import pandas as pd

from helpers.display.figures import FigureOutput, new_figure, show_figure
from helpers.display.style import GREYS, INK, OKABE_ITO, PHASE_COLOURS, SIDE_COLOURS, category_style
from helpers.display.words import MONTH_NAMES, long_date
from helpers.history.timeline import date_axis
from helpers.history.withdrawal import withdrawal_schedule

__all__ = ["RUSSIAN_STEPS", "stages_figure"]

RUSSIAN_STEPS: tuple[tuple[str, str], ...] = (
    ("2019-01-23", "launcher, canister\nshown to attachés"),
    ("2019-02-02", "Putin: 'mirror'\nsuspension"),
    ("2019-03-04", "decree\nsuspends"),
    ("2019-07-03", "federal law\non suspension"),
)
"""Russia's steps (background facts 14 and 16): fixed historical dates, not worked out from a schedule.
On 23 January 2019 Russia showed the 9M729's launcher vehicle and launch canister to military attachés
(fact 16); its Foreign Ministry called the event a demonstration of the missile."""

_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"}
# fmt: off
_LOOK: dict[str, dict] = {  # the labels of the bars, of Russia's steps and of the key dates
    "bar": {"ha": "center", "va": "center", "fontsize": 13, "fontweight": "bold",
            "bbox": {**_BOX, "alpha": 0.85}},
    "step": {"ha": "center", "fontsize": 11.5, "linespacing": 1.05, "zorder": 4,
             "textcoords": "offset points", "bbox": {**_BOX, "boxstyle": "round,pad=0.15"}},
    "date": {"ha": "center", "va": "bottom", "fontsize": 12.5, "fontweight": "bold", "linespacing": 1.1,
             "bbox": _BOX, "zorder": 4},
}
# fmt: on


def _short(date: pd.Timestamp) -> str:
    """'4 Dec 2018' (month names spelled here, so no locale can change them)."""
    return f"{date.day} {MONTH_NAMES[date.month - 1][:3]} {date.year}"


def _key_dates(schedule: pd.DataFrame | None) -> tuple:
    """The finding, suspension, notice and effective dates of ``schedule``, and the notice in words."""
    schedule = withdrawal_schedule() if schedule is None else schedule
    when = dict(zip(schedule.key, schedule.date, strict=True))
    notice, effective = when["notice"], when["withdrawal"]
    months = (effective.year - notice.year) * 12 + effective.month - notice.month
    words = "six months' notice" if months == 6 else f"{months} months' notice"
    return when["finding"], when["suspension"], notice, effective, words


def _draw_stages(schedule: pd.DataFrame | None, russia: bool):
    """The step chart of ``schedule`` (see :func:`stages_figure`)."""
    finding, suspension, notice, effective, notice_words = _key_dates(schedule)
    start, end = finding - pd.Timedelta(days=45), effective + pd.Timedelta(days=60)
    rows = ["INF Treaty", "US deadline", "Withdrawal notice"] + (["Russia"] if russia else [])
    fig, ax = new_figure(13, 6.8 if russia else 5.6)
    y = {name: len(rows) - 1 - i - (0.3 if name == "Russia" else 0) for i, name in enumerate(rows)}
    in_force = OKABE_ITO["bluish green"]
    deadline = f"{(suspension - finding).days} days"
    notice_text = f"{notice_words} ({(effective - notice).days} days)"
    bars = [  # row, from, to, colour, label, hatch, edge colour
        ("INF Treaty", start, suspension, in_force, "in force since 1 June 1988", None, INK),
        ("INF Treaty", suspension, effective, "white", "in force, obligations suspended", "//", in_force),
        ("INF Treaty", effective, end, GREYS["border"], "ended", "xx", GREYS["line"]),
        ("US deadline", finding, suspension, PHASE_COLOURS["withdrawal"], deadline, "..", INK),
        ("Withdrawal notice", notice, effective, OKABE_ITO["sky blue"], notice_text, "\\\\", INK),
    ]
    for row, left, right, colour, label, hatch, edge in bars:
        width = (right - left).days
        ax.barh(y[row], width, left=left, height=0.56, color=colour, hatch=hatch, edgecolor=edge, lw=1.2)
        if label and width > 0:
            ax.text(left + pd.Timedelta(days=width / 2), y[row], label, **_LOOK["bar"])
    if russia:
        colour, marker = category_style("Russian action")
        for index, (day, label) in enumerate(RUSSIAN_STEPS):
            date, above = pd.Timestamp(day), index % 2 == 0
            ax.plot(date, y["Russia"], marker=marker, ms=12, color=colour, markeredgecolor=INK, zorder=3)
            where = {"xytext": (0, 16 if above else -16), "va": "bottom" if above else "top"}
            ax.annotate(f"{_short(date)}\n{label}", (date, y["Russia"]), **where, **_LOOK["step"])
        ax.axhspan(y["Russia"] - 0.5, y["Russia"] + 0.5, color=SIDE_COLOURS["Russia"], alpha=0.06, zorder=0)
    top = len(rows) - 0.5
    # Two tiers of labels, so the finding and the suspension (only weeks apart) never overlap.
    marks = [(finding, "material-breach finding", 0.85), (suspension, "suspension + notice", 0.1)]
    for date, what, lift in [*marks, (effective, "withdrawal takes effect", 0.1)]:
        ax.axvline(date, color=INK, linestyle="--", linewidth=1.3, zorder=1)
        ax.text(date, top + lift, f"{_short(date)}\n{what}", **_LOOK["date"])
    ax.set_yticks([y[name] for name in rows], rows, fontsize=14)
    ax.set_ylim(y[rows[-1]] - 0.5 - (0.35 if russia else 0), top + 1.65)
    ax.set_xlim(start, end)
    date_axis(ax)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color=GREYS["grid"], linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    ax.set_title("The steps of the US withdrawal from the INF Treaty", loc="left", pad=12, fontsize=16)
    return fig


def _alt_text(schedule: pd.DataFrame | None, russia: bool) -> str:
    """A text description of the step chart, computed from its dates."""
    finding, suspension, notice, effective, notice_words = _key_dates(schedule)
    text = (
        "Step chart of the end of the INF Treaty. The treaty, in force since 1 June 1988, is fully in force "
        f"until {long_date(suspension)}. A {(suspension - finding).days}-day US deadline runs from the "
        f"material-breach finding on {long_date(finding)} to {long_date(suspension)}, when the US suspends "
        f"its obligations and gives {notice_words} of withdrawal. The notice runs for "
        f"{(effective - notice).days} days, during which the treaty is still in force but its obligations "
        f"are suspended, until the withdrawal takes effect on {long_date(effective)}; after that the treaty "
        "has ended."
    )
    if russia:
        marks = [f"{long_date(date)} ({' '.join(label.split())})" for date, label in RUSSIAN_STEPS]
        text += f" A row for Russia marks {', '.join(marks[:-1])} and {marks[-1]}."
    return text


def stages_figure(schedule: pd.DataFrame | None = None, *, russia: bool = True) -> FigureOutput:
    """The step chart of ``schedule`` (default the real one) with alt text computed from its dates.

    ``russia`` adds a row of Russia's own (historical) steps; leave it out for an imagined schedule.

    >>> out = stages_figure(russia=False)
    >>> out.alt[:40]
    'Step chart of the end of the INF Treaty.'
    >>> [label.get_text() for label in out.figure.axes[0].get_yticklabels()]
    ['INF Treaty', 'US deadline', 'Withdrawal notice']
    """
    return show_figure(_draw_stages(schedule, russia), _alt_text(schedule, russia))
