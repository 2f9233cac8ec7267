"""The stages of the withdrawal as a step (Gantt) chart: the 60 days, the six months' notice, the end.

One row per stage, on a shared time axis, with the key dates drawn as labelled
vertical lines. Every bar carries its name as text and its own hatching, so
colour is never the only cue; colours come from :mod:`helpers.display.style`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from helpers.display.figures import FigureOutput, new_figure, show_figure
from helpers.display.style import GREYS, INK, OKABE_ITO, PHASE_COLOURS, SIDE_COLOURS, category_style
from helpers.display.words import MONTH_NAMES, long_date
from helpers.history.withdrawal import withdrawal_schedule

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["RUSSIAN_STEPS", "stages_figure"]

RUSSIAN_STEPS: tuple[tuple[str, str], ...] = (
    ("2019-01-23", "9M729 shown to\nmilitary attachés"),
    ("2019-02-02", "Putin: 'mirror'\nsuspension"),
    ("2019-03-04", "decree\nsuspends"),
    ("2019-07-03", "federal law\non suspension"),
)
"""Russia's steps (background facts 14 and 16): fixed historical dates, not worked out from a schedule."""

_IN_FORCE = OKABE_ITO["bluish green"]
_DEADLINE = PHASE_COLOURS["withdrawal"]  # orange
_NOTICE = OKABE_ITO["sky blue"]
_ENDED = GREYS["border"]
_INK = INK


def _short(date: pd.Timestamp) -> str:
    """'4 Dec 2018' (month names spelled here, so no locale can change them)."""
    return f"{date.day} {MONTH_NAMES[date.month - 1][:3]} {date.year}"


def _month_label(x: float, position: int | None) -> str:
    """Tick label: the month, and the year under January and under the first tick."""
    import matplotlib.dates as mdates

    date = mdates.num2date(x)
    month = MONTH_NAMES[date.month - 1][:3]
    return f"{month}\n{date.year}" if date.month == 1 or position == 0 else month


def _notice_words(notice: pd.Timestamp, effective: pd.Timestamp) -> str:
    months = (effective.year - notice.year) * 12 + effective.month - notice.month
    return "six months' notice" if months == 6 else f"{months} months' notice"


def _draw_stages(schedule: pd.DataFrame | None = None, *, russia: bool = True) -> Figure:
    """Draw the stages of ``schedule`` as a step chart (see :func:`stages_figure`)."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    if schedule is None:
        schedule = withdrawal_schedule()
    when = dict(zip(schedule.key, schedule.date, strict=True))
    finding, suspension, notice, effective = (
        when[k] for k in ("finding", "suspension", "notice", "withdrawal")
    )
    start = finding - pd.Timedelta(days=45)
    end = effective + pd.Timedelta(days=60)

    rows = ["INF Treaty", "US deadline", "Withdrawal notice"] + (["Russia"] if russia else [])
    fig, ax = new_figure(13, 6.8 if russia else 5.6)
    y = {name: len(rows) - 1 - i for i, name in enumerate(rows)}
    if russia:
        y["Russia"] -= 0.3  # room for the labels above and below Russia's markers
    height = 0.56

    def bar(row: str, left, right, colour, label, *, hatch=None, ink=_INK, edge=_INK) -> None:
        width = (right - left).days
        ax.barh(
            y[row],
            width,
            left=left,
            height=height,
            color=colour,
            hatch=hatch,
            edgecolor=edge,
            linewidth=1.2,
        )
        if label and width > 0:
            middle = left + pd.Timedelta(days=width / 2)
            ax.text(
                middle,
                y[row],
                label,
                ha="center",
                va="center",
                fontsize=13,
                color=ink,
                fontweight="bold",
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
            )

    bar("INF Treaty", start, suspension, _IN_FORCE, "in force since 1 June 1988")
    bar(
        "INF Treaty",
        suspension,
        effective,
        "white",
        "in force, obligations suspended",
        hatch="//",
        edge=_IN_FORCE,
    )
    bar("INF Treaty", effective, end, _ENDED, "ended", hatch="xx", edge=GREYS["line"])
    n_days = (suspension - finding).days
    bar("US deadline", finding, suspension, _DEADLINE, f"{n_days} days", hatch="..")
    n_notice = (effective - notice).days
    bar(
        "Withdrawal notice",
        notice,
        effective,
        _NOTICE,
        f"{_notice_words(notice, effective)} ({n_notice} days)",
        hatch="\\\\",
    )

    if russia:
        colour, marker = category_style("Russian action")
        for index, (date_text, label) in enumerate(RUSSIAN_STEPS):
            date = pd.Timestamp(date_text)
            ax.plot(
                date, y["Russia"], marker=marker, markersize=12, color=colour, markeredgecolor=_INK, zorder=3
            )
            above = index % 2 == 0
            ax.annotate(
                f"{_short(date)}: {label}" if "\n" not in label else f"{_short(date)}\n{label}",
                (date, y["Russia"]),
                xytext=(0, 16 if above else -16),
                textcoords="offset points",
                ha="center",
                va="bottom" if above else "top",
                fontsize=11.5,
                color=_INK,
                linespacing=1.05,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
                zorder=4,
            )
        ax.axhspan(y["Russia"] - 0.5, y["Russia"] + 0.5, color=SIDE_COLOURS["Russia"], alpha=0.06, zorder=0)

    # Two tiers of labels, so the finding and the suspension (only weeks apart) never overlap.
    key_dates = [
        (finding, f"{_short(finding)}\nmaterial-breach finding", 0.85),
        (suspension, f"{_short(suspension)}\nsuspension + notice", 0.1),
        (effective, f"{_short(effective)}\nwithdrawal takes effect", 0.1),
    ]
    top = len(rows) - 0.5
    for date, label, lift in key_dates:
        ax.axvline(date, color=_INK, linestyle="--", linewidth=1.3, zorder=1)
        ax.text(
            date,
            top + lift,
            label,
            ha="center",
            va="bottom",
            fontsize=12.5,
            fontweight="bold",
            color=_INK,
            linespacing=1.1,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"},
            zorder=4,
        )

    ax.set_yticks([y[name] for name in rows], rows, fontsize=14)
    ax.set_ylim(y[rows[-1]] - 0.5 - (0.35 if russia else 0), top + 1.65)
    ax.set_xlim(start, end)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(_month_label))
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color=GREYS["grid"], linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    ax.set_title("The steps of the US withdrawal from the INF Treaty", loc="left", pad=12, fontsize=16)
    return fig


def _alt_text(schedule: pd.DataFrame | None = None, *, russia: bool = True) -> str:
    """A text description of the step chart, for the alt text and the caption.

    Examples
    --------
    >>> print(_alt_text(russia=False))  # doctest: +NORMALIZE_WHITESPACE
    Step chart of the end of the INF Treaty. The treaty, in force since 1 June 1988, is fully in force
    until 2 February 2019. A 60-day US deadline runs from the material-breach finding on 4 December 2018
    to 2 February 2019, when the US suspends its obligations and gives six months' notice of withdrawal.
    The notice runs for 181 days, during which the treaty is still in force but its obligations are
    suspended, until the withdrawal takes effect on 2 August 2019; after that the treaty has ended.
    """
    if schedule is None:
        schedule = withdrawal_schedule()
    when = dict(zip(schedule.key, schedule.date, strict=True))
    finding, suspension = long_date(when["finding"]), long_date(when["suspension"])
    deadline_days = (when["suspension"] - when["finding"]).days
    notice_days = (when["withdrawal"] - when["notice"]).days
    notice = _notice_words(when["notice"], when["withdrawal"])
    text = (
        "Step chart of the end of the INF Treaty. The treaty, in force since 1 June 1988, is fully in force "
        f"until {suspension}. A {deadline_days}-day US deadline runs from the material-breach finding on "
        f"{finding} to {suspension}, when the US suspends its obligations and gives {notice} of withdrawal. "
        f"The notice runs for {notice_days} days, during which the treaty is still in force but its "
        "obligations are suspended, until the withdrawal takes effect on "
        f"{long_date(when['withdrawal'])}; after that the treaty has ended."
    )
    if russia:
        marks = [f"{long_date(date)} ({' '.join(label.split())})" for date, label in RUSSIAN_STEPS]
        text += f" A row for Russia marks {', '.join(marks[:-1])} and {marks[-1]}."
    return text


def stages_figure(schedule: pd.DataFrame | None = None, *, russia: bool = True) -> FigureOutput:
    """The step chart with its alt text, computed from the dates it draws (the last line of a cell).

    Parameters
    ----------
    schedule : pandas.DataFrame, optional
        A table from :func:`helpers.history.withdrawal.withdrawal_schedule`; by default the real one.
    russia : bool, default True
        Add a row with Russia's own steps (:data:`RUSSIAN_STEPS`). They are historical dates, so
        leave them out for an imagined schedule.

    Examples
    --------
    >>> out = stages_figure()
    >>> out.alt.startswith("Step chart of the end of the INF Treaty.")
    True
    >>> [label.get_text() for label in out.figure.axes[0].get_yticklabels()]
    ['INF Treaty', 'US deadline', 'Withdrawal notice', 'Russia']
    """
    return show_figure(_draw_stages(schedule, russia=russia), _alt_text(schedule, russia=russia))
