"""Figures for lesson 2, the diplomatic timeline: events by date, by year, by person and by Russia's answer.

Every function here returns a matplotlib figure (not attached to pyplot) or a
small table; the notebook shows each figure with
:func:`helpers.display.figures.show_figure` and a text description.

Dates are drawn as honestly as the sources give them. An event whose day is
known is a filled marker. An event known only to the month or the year, or
only roughly, is a bar with end caps from the first to the last day it could
have happened, with a hollow marker in its middle: the event took place
somewhere on the bar.

Examples
--------
>>> import helpers
>>> events = helpers.load_events()
>>> fig = plot_timeline(events)
>>> drawn = drawn_items(fig)
>>> drawn.points + drawn.spans == int((events.date_end >= "2013-01-01").sum())
True
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helpers.display.style import OKABE_ITO, PHASE_COLOURS, SIDE_COLOURS, category_style

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "COLOUR_GROUPS",
    "PHASE_SPANS",
    "phase_label",
    "RESPONSE_ORDER",
    "ROW_ORDER",
    "TimelineDrawing",
    "display_date",
    "draw_timeline",
    "drawn_items",
    "events_per_year",
    "meeting_matrix",
    "people",
    "plot_compliance_reports",
    "plot_events_per_year",
    "plot_meeting_matrix",
    "plot_russian_responses",
    "plot_timeline",
    "plot_top_participants",
    "top_participants",
]

ROW_ORDER: tuple[str, ...] = (
    "bilateral meeting",
    "experts meeting",
    "SVC session",
    "Russian statement",
    "Russian action",
    "compliance report",
    "US statement",
    "US measure",
    "allied consultation",
    "NATO statement",
    "treaty action",
)
"""Categories from top to bottom: US-Russian talks, Russia, the US alone, NATO, the treaty itself."""

COLOUR_GROUPS: dict[str, str] = {
    OKABE_ITO["blue"]: "US-Russian talks",
    OKABE_ITO["vermillion"]: "Russia acts or answers",
    OKABE_ITO["sky blue"]: "US reports, statements, measures",
    OKABE_ITO["bluish green"]: "NATO and allies",
    OKABE_ITO["black"]: "steps in the treaty's life",
}
"""What each category colour means (the marker shape tells categories of one colour apart)."""

PHASE_SPANS: dict[str, tuple[str, str]] = {
    "background": ("1900-01-01", "2012-12-31"),
    "diplomacy": ("2013-01-01", "2018-12-03"),
    "withdrawal": ("2018-12-04", "2019-08-02"),
}
"""First and last day of each phase, as the data dictionary defines them (background: all before 2013)."""


def phase_label(ax, phase: str, x: float, y: float):
    """Write a phase's name above the plot at ``x`` (data units) and ``y`` (axes fraction).

    The one place that words and styles the phase labels, for the lesson's figures and the explorer.

    Examples
    --------
    >>> from helpers.display.figures import new_figure
    >>> fig, ax = new_figure(4, 2)
    >>> phase_label(ax, "diplomacy", 0.5, 1.0).get_text()
    'diplomacy phase'
    """
    return ax.text(
        x,
        y,
        phase if phase == "withdrawal" else f"{phase} phase",
        transform=ax.get_xaxis_transform(),
        ha="center",
        va="bottom",
        fontsize=11,
        color="#555555",
        style="italic",
    )


RESPONSE_ORDER: tuple[str, ...] = ("denial", "acknowledgement", "refusal", "suspension")
"""Russia's answers that the sources date, in the order they first appear."""

_RESPONSE_MARKERS = {"denial": "o", "acknowledgement": "^", "refusal": "s", "suspension": "D"}
_MUTED = "#B8B8B8"
_INK = "#1a1a1a"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ONE_DAY = pd.Timedelta(days=1)


# --------------------------------------------------------------------------- small helpers


def _day(ts: pd.Timestamp) -> str:
    return f"{ts.day} {_MONTHS[ts.month - 1]} {ts.year}"


def display_date(start: pd.Timestamp, end: pd.Timestamp, precision: str) -> str:
    """A short, honest label for an event's date.

    Parameters
    ----------
    start, end : Timestamp
        The first and last day the event could have happened.
    precision : str
        ``day``, ``month``, ``year`` or ``approximate``.

    Examples
    --------
    >>> ts = pd.Timestamp
    >>> display_date(ts("2017-12-09"), ts("2017-12-09"), "day")
    '9 Dec 2017'
    >>> display_date(ts("2016-11-15"), ts("2016-11-16"), "day")
    '15-16 Nov 2016'
    >>> display_date(ts("2013-05-01"), ts("2013-05-31"), "month")
    'May 2013'
    >>> display_date(ts("2004-01-01"), ts("2004-12-31"), "year")
    '2004'
    >>> display_date(ts("2004-01-01"), ts("2006-12-31"), "approximate")
    'about 2004-2006'
    >>> display_date(ts("2014-07-31"), ts("2014-08-31"), "approximate")
    'between 31 Jul 2014 and 31 Aug 2014'
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if precision == "day":
        if start == end:
            return _day(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}-{end.day} {_MONTHS[start.month - 1]} {start.year}"
        return f"{_day(start)} - {_day(end)}"
    whole_years = start.is_year_start and end.is_year_end
    if precision == "year" or (precision == "approximate" and whole_years):
        years = str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
        return years if precision == "year" else f"about {years}"
    if precision == "month":
        first = f"{_MONTHS[start.month - 1]} {start.year}"
        last = f"{_MONTHS[end.month - 1]} {end.year}"
        return first if first == last else f"{first} - {last}"
    return f"between {_day(start)} and {_day(end)}"


def _date_numbers(values) -> np.ndarray:
    """matplotlib date numbers (days since 1970-01-01) for datetime-like values."""
    days = np.asarray(values, dtype="datetime64[D]").astype("int64")
    return days.astype(float)


def _year_locator(first_year: int, last_year: int):
    from matplotlib import dates as mdates

    span = last_year - first_year
    base = 1 if span <= 10 else 2 if span <= 20 else 5
    return mdates.YearLocator(base), mdates.DateFormatter("%Y")


def _row_labels(categories: pd.Series) -> list[str]:
    present = set(categories.astype(str))
    return [c for c in ROW_ORDER if c in present] + sorted(present - set(ROW_ORDER))


def _styled(function: Callable) -> Callable:
    """Run a drawing function inside the collection's matplotlib style (fonts, colours)."""

    @functools.wraps(function)
    def styled(*args, **kwargs):
        from helpers.display.figures import style_context

        with style_context():
            return function(*args, **kwargs)

    return styled


def _new_figure(width: float, height: float, ncols: int = 1):
    """A figure with one axes (or a row of ``ncols``), constrained layout, house style."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(1, ncols)
    return fig, axes


# --------------------------------------------------------------------------- the timeline


@dataclass(frozen=True)
class TimelineDrawing:
    """What :func:`draw_timeline` drew: day events as points, other events as spans."""

    points: int
    spans: int
    rows: tuple[str, ...]


def _stack_offsets(row: np.ndarray, day: np.ndarray, step: float = 0.26) -> tuple[np.ndarray, np.ndarray]:
    """Vertical offsets that pull apart events in the same row on the same day, and each group's size."""
    if len(row) == 0:
        return np.zeros(0), np.zeros(0, dtype=int)
    keys = pd.DataFrame({"row": row, "day": day})
    groups = keys.groupby(["row", "day"], sort=False)
    rank = groups.cumcount().to_numpy()
    size = groups["row"].transform("size").to_numpy()
    return np.clip((rank - (size - 1) / 2) * step, -0.42, 0.42), size


def _box_vertices(x0: np.ndarray, x1: np.ndarray, y: np.ndarray, half) -> np.ndarray:
    """Corners of boxes from ``x0`` to ``x1`` and ``half`` above and below ``y``: shape (n, 4, 2)."""
    return np.stack(
        [
            np.column_stack([x0, y - half]),
            np.column_stack([x0, y + half]),
            np.column_stack([x1, y + half]),
            np.column_stack([x1, y - half]),
        ],
        axis=1,
    )


def _add_boxes(ax: Axes, x0: np.ndarray, x1: np.ndarray, y: np.ndarray, half, colours: list) -> None:
    """Boxes from ``x0`` to ``x1`` (date numbers) around ``y``: events whose exact day is not known."""
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import to_rgba

    ax.add_collection(
        PolyCollection(
            _box_vertices(x0, x1, y, half),
            facecolors=[to_rgba(c, 0.3) for c in colours],
            edgecolors=colours,
            linewidths=2,
            zorder=3,
            gid="spans",
        )
    )


def _precision_handles(*, boxes: bool) -> list:
    """Legend entries that explain points (exact day) and boxes (rough date)."""
    from matplotlib.colors import to_rgba
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    dot = Line2D([], [], marker="o", markersize=10, linestyle="", color="#444444", label="exact day known")
    handles: list = [dot]
    if boxes:
        handles.append(
            Patch(
                facecolor=to_rgba("#444444", 0.3),
                edgecolor="#444444",
                linewidth=2,
                label="only month, year or rough date known:\nthe event falls inside the box",
            )
        )
    return handles


@_styled
def draw_timeline(
    ax: Axes,
    events: pd.DataFrame,
    *,
    highlight: str | Iterable[str] | None = None,
    xlim: tuple[str | pd.Timestamp, str | pd.Timestamp] | None = None,
    phases: bool = True,
    legend: bool = True,
    marker_size: float = 150,
    box_height: float = 0.42,
) -> TimelineDrawing:
    """Draw ``events`` on ``ax``: one row per category, points for known days, boxes for vaguer dates.

    Parameters
    ----------
    ax : matplotlib Axes
        Where to draw (it is not cleared first).
    events : pandas.DataFrame
        Events with ``date_start``, ``date_end``, ``date_precision`` and ``category``.
    highlight : str or list of str, optional
        Categories to draw in colour; the others are drawn in light grey.
    xlim : pair of dates, optional
        The date range to show; by default the events' own range.
    phases : bool
        Shade the diplomacy and withdrawal phases behind the events.
    legend : bool
        Add a legend that explains colours, points and bars.
    marker_size : float
        Area of the markers, in points squared.
    box_height : float
        Height of the boxes for imprecise dates, as a share of the space between rows.

    Returns
    -------
    TimelineDrawing
        How many points and spans were drawn, and the row labels from top to bottom.

    Examples
    --------
    >>> import helpers
    >>> from helpers.display.figures import new_figure
    >>> fig, ax = new_figure()
    >>> months = helpers.load_events().query("date_precision == 'month'")
    >>> draw_timeline(ax, months, legend=False).spans == len(months)
    True
    """
    from matplotlib.lines import Line2D

    if isinstance(highlight, str):
        highlight = {highlight}
    highlight = set(highlight) if highlight is not None else None

    labels = _row_labels(events["category"]) if len(events) else []
    row_of = {label: len(labels) - 1 - i for i, label in enumerate(labels)}
    start = events["date_start"].to_numpy(dtype="datetime64[D]")
    end_exclusive = events["date_end"].to_numpy(dtype="datetime64[D]") + np.timedelta64(1, "D")
    categories = events["category"].astype(str).to_numpy()
    row_names = categories
    is_span = (events["date_precision"].astype(str) != "day").to_numpy()
    y = np.array([row_of[name] for name in row_names], dtype=float)
    offsets, group_size = _stack_offsets(row_names, start.astype("int64"))
    y += offsets
    x0 = start.astype("int64").astype(float)
    x1 = end_exclusive.astype("int64").astype(float)

    def colour_of(category: str) -> tuple[str, float]:
        if highlight is not None and category not in highlight:
            return _MUTED, 0.8
        return category_style(category)[0], 1.0

    points = spans = 0
    for category in dict.fromkeys(categories):
        colour, alpha = colour_of(category)
        marker = category_style(category)[1]
        size = marker_size if alpha == 1.0 else marker_size * 0.6
        on_day = (categories == category) & ~is_span
        if on_day.any():
            ax.scatter(
                x0[on_day],
                y[on_day],
                s=size,
                marker=marker,
                color=colour,
                alpha=alpha,
                edgecolors="white",
                linewidths=0.7,
                zorder=4,
                gid=f"points|{category}",
            )
            points += int(on_day.sum())
    if is_span.any():
        half = np.where(group_size[is_span] > 1, min(box_height, 0.24), box_height) / 2
        colours = [colour_of(c)[0] for c in categories[is_span]]
        _add_boxes(ax, x0[is_span], x1[is_span], y[is_span], half, colours)
        spans = int(is_span.sum())

    # axes: rows, dates, phases
    ax.set_yticks(range(len(labels)), [label.replace("$", r"\$") for label in labels[::-1]])
    ax.set_ylim(-0.7, max(len(labels), 1) - 0.3)
    for row in range(len(labels)):
        ax.axhline(row, color="#e6e6e6", linewidth=0.8, zorder=1)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    if xlim is not None:
        left, right = (_date_numbers([pd.Timestamp(d)])[0] for d in xlim)
    elif len(events):
        left, right = float(x0.min()), float(x1.max())
        pad = max((right - left) * 0.02, 20)
        left, right = left - pad, right + pad
    else:
        left, right = _date_numbers([pd.Timestamp("2013-01-01"), pd.Timestamp("2019-12-31")])
    ax.set_xlim(left, right)
    first_year = int(np.datetime64(int(left), "D").astype("datetime64[Y]").astype(int) + 1970)
    last_year = int(np.datetime64(int(right), "D").astype("datetime64[Y]").astype(int) + 1970)
    locator, formatter = _year_locator(first_year, last_year)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(formatter)
    ax.grid(axis="x", color="#e6e6e6", linewidth=0.8)
    ax.set_axisbelow(True)
    if phases:
        for phase, (begin, finish) in PHASE_SPANS.items():
            a, b = _date_numbers([pd.Timestamp(begin), pd.Timestamp(finish) + _ONE_DAY])
            if b <= left or a >= right:
                continue
            ax.axvspan(max(a, left), min(b, right), color=PHASE_COLOURS[phase], alpha=0.13, zorder=0, lw=0)
            if (min(b, right) - max(a, left)) / (right - left) < 0.09:
                continue  # too narrow for a label
            phase_label(ax, phase, (max(a, left) + min(b, right)) / 2, 1.005)
    if legend and len(events):
        present = dict.fromkeys(colour_of(c)[0] for c in categories)
        if highlight is None:
            handles = [
                Line2D(
                    [], [], marker="s", markersize=11, linestyle="", color=colour, label=COLOUR_GROUPS[colour]
                )
                for colour in COLOUR_GROUPS
                if colour in present
            ]
        else:
            handles = [
                Line2D(
                    [],
                    [],
                    marker=category_style(c)[1],
                    markersize=12,
                    linestyle="",
                    color=colour_of(c)[0],
                    label=c,
                )
                for c in labels
                if c in highlight
            ]
            if _MUTED in present:
                handles.append(
                    Line2D(
                        [], [], marker="s", markersize=11, linestyle="", color=_MUTED, label="other events"
                    )
                )
        handles += _precision_handles(boxes=spans > 0)
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.09),
            ncol=min(len(handles), 3),
            frameon=False,
            handlelength=2.2,
            columnspacing=1.4,
        )
    return TimelineDrawing(points=points, spans=spans, rows=tuple(labels))


def drawn_items(fig: Figure) -> TimelineDrawing:
    """Count what a timeline figure shows: day events (points) and spans, read from the drawn artists.

    Examples
    --------
    >>> import helpers
    >>> drawn_items(plot_timeline(helpers.load_events(), include_background=True)).spans
    13
    """
    points = spans = 0
    rows: tuple[str, ...] = ()
    for ax in fig.axes:
        for collection in ax.collections:
            gid = collection.get_gid() or ""
            if gid.startswith("points|"):
                points += len(collection.get_offsets())
            elif gid == "spans":
                spans += len(collection.get_paths())
        if not rows:
            ticks = zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels()), strict=True)
            rows = tuple(label for _, label in sorted(ticks, key=lambda tick: -tick[0]))
    return TimelineDrawing(points=points, spans=spans, rows=rows)


@_styled
def plot_timeline(
    events: pd.DataFrame,
    *,
    include_background: bool = False,
    highlight: str | Iterable[str] | None = None,
    width: float = 13,
) -> Figure:
    """Every event on one timeline, a row per category; 2013-2019 unless background is included.

    Parameters
    ----------
    events : pandas.DataFrame
        The events table (from :func:`helpers.load_events`).
    include_background : bool
        Also show the events before 2013 (signing, entry into force, eliminations, ...);
        the axis then runs from 1987.
    highlight : str or list of str, optional
        Categories to draw in colour; all others are light grey.
    width : float
        Figure width in inches.

    Examples
    --------
    >>> import helpers
    >>> fig = plot_timeline(helpers.load_events())
    >>> drawn_items(fig).rows[:3]
    ('bilateral meeting', 'experts meeting', 'SVC session')
    """
    if include_background:
        shown = events
        first = min(events["date_start"].min().year, 2013) if len(events) else 2013
        xlim = (f"{first}-01-01", "2019-12-31")
    else:
        shown = events[events["date_end"] >= pd.Timestamp("2013-01-01")]
        xlim = ("2013-01-01", "2019-12-31")
    n_rows = max(shown["category"].astype(str).nunique(), 1)
    fig, ax = _new_figure(width, 1.9 + 0.48 * n_rows)
    draw_timeline(ax, shown, highlight=highlight, xlim=xlim)
    return fig


@_styled
def plot_compliance_reports(events: pd.DataFrame, *, width: float = 13) -> Figure:
    """The timeline 2013-2019 with the yearly US compliance reports in colour and marked by date.

    Examples
    --------
    >>> import helpers
    >>> fig = plot_compliance_reports(helpers.load_events())
    >>> [len(c.get_offsets()) for c in fig.axes[0].collections if c.get_gid() == "points|compliance report"]
    [5]
    """
    fig = plot_timeline(events, highlight="compliance report", width=width)
    ax = fig.axes[0]
    reports = events[events["category"] == "compliance report"].sort_values("date_start")
    rows = drawn_items(fig).rows
    row = len(rows) - 1 - rows.index("compliance report") if "compliance report" in rows else 0
    for _, report in reports.iterrows():
        x = _date_numbers([report["date_start"]])[0]
        ax.axvline(x, color=category_style("compliance report")[0], linestyle="--", linewidth=1.2, zorder=2)
        ax.annotate(
            _day(report["date_start"]),
            xy=(x, row),
            xytext=(7, -9),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=12,
            fontweight="bold",
            color=_INK,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.9},
            zorder=6,
        )
    return fig


# --------------------------------------------------------------------------- counts by year


def events_per_year(events: pd.DataFrame, start: int = 2013, end: int = 2019) -> pd.DataFrame:
    """A table of event counts: one row per year (of ``date_start``), one column per category.

    Years without events get a row of zeros; categories with no events in the
    range are left out. Columns follow :data:`ROW_ORDER`.

    Examples
    --------
    >>> import helpers
    >>> table = events_per_year(helpers.load_events())
    >>> table.sum(axis=1).to_dict()
    {2013: 4, 2014: 5, 2015: 5, 2016: 7, 2017: 17, 2018: 19, 2019: 4}
    """
    year = events["date_start"].dt.year
    inside = events[(year >= start) & (year <= end)]
    table = pd.crosstab(inside["date_start"].dt.year, inside["category"].astype(str))
    table = table.reindex(range(start, end + 1), fill_value=0)
    table.index.name = "year"
    table.columns.name = "category"
    order = _row_labels(pd.Series(table.columns))
    return table[[c for c in order if table[c].sum() > 0]]


@_styled
def plot_events_per_year(events: pd.DataFrame, start: int = 2013, end: int = 2019) -> Figure:
    """Stacked bars: how many events of each category each year holds.

    Categories that share a colour are told apart by a hatch pattern.

    Examples
    --------
    >>> import helpers
    >>> fig = plot_events_per_year(helpers.load_events())
    >>> len(fig.axes[0].patches)  # one bar segment per year (7) and category (11)
    77
    """
    table = events_per_year(events, start, end)
    fig, ax = _new_figure(12, 6.2)
    bottom = np.zeros(len(table))
    seen_in_group: dict[str, int] = {}
    hatches = (None, "///", "..", "xx")
    for category in table.columns:
        colour = category_style(category)[0]
        index = seen_in_group.get(colour, 0)
        seen_in_group[colour] = index + 1
        values = table[category].to_numpy()
        ax.bar(
            table.index,
            values,
            bottom=bottom,
            color=colour,
            edgecolor="white",
            linewidth=1,
            hatch=hatches[index % len(hatches)],
            hatchcolor="white" if colour not in (OKABE_ITO["sky blue"],) else _INK,
            label=category,
            width=0.72,
        )
        bottom += values
    for year, total in zip(table.index, bottom, strict=True):
        ax.text(year, total + 0.3, str(int(total)), ha="center", va="bottom", fontsize=13, fontweight="bold")
    ax.set_xticks(table.index)
    ax.set_ylabel("events (counted in the year they start)")
    ax.set_ylim(0, max(bottom.max(), 1) * 1.12)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", color="#e6e6e6")
    ax.set_axisbelow(True)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return fig


# --------------------------------------------------------------------------- people


def people(participants: pd.DataFrame) -> pd.DataFrame:
    """Only the people in a participants table (a body, such as "Russian Government", has no title).

    Examples
    --------
    >>> import helpers
    >>> p = helpers.load_participants()
    >>> "Russian Government" in set(people(p).name), "Sergei Ryabkov" in set(people(p).name)
    (False, True)
    """
    return participants[participants["title"].notna() & (participants["title"].astype(str).str.strip() != "")]


def _recent_event_ids(events: pd.DataFrame, start: int, categories: Sequence[str] | None) -> pd.Series:
    chosen = events[events["date_end"].dt.year >= start]
    if categories is not None:
        chosen = chosen[chosen["category"].astype(str).isin(list(categories))]
    return chosen["event_id"]


def top_participants(
    events: pd.DataFrame,
    participants: pd.DataFrame,
    *,
    side: str,
    n: int = 8,
    start: int = 2013,
    categories: Sequence[str] | None = None,
) -> pd.Series:
    """The people of one side who take part in the most events from ``start`` on.

    Returns a Series: the number of events per person, largest first (ties by
    name). Everyone tied with the ``n``-th person is kept, so the list can be
    longer than ``n``.

    Examples
    --------
    >>> import helpers
    >>> top = top_participants(helpers.load_events(), helpers.load_participants(), side="Russia", n=3)
    >>> top.index[0], int(top.iloc[0])
    ('Sergei Ryabkov', 10)
    """
    ids = _recent_event_ids(events, start, categories)
    who = people(participants)
    who = who[(who["side"].astype(str) == side) & who["event_id"].isin(ids)]
    counts = who.groupby("name")["event_id"].nunique()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")
    counts.name = "events"
    if len(counts) > n:
        counts = counts[counts >= counts.iloc[n - 1]]
    return counts


@_styled
def plot_top_participants(
    events: pd.DataFrame,
    participants: pd.DataFrame,
    *,
    n: int = 8,
    start: int = 2013,
    categories: Sequence[str] | None = None,
) -> Figure:
    """Two panels of horizontal bars: the US and the Russian people in the most events.

    Examples
    --------
    >>> import helpers
    >>> fig = plot_top_participants(helpers.load_events(), helpers.load_participants(), n=5)
    >>> [len(ax.patches) for ax in fig.axes]  # ties with the fifth are kept
    [10, 5]
    """
    sides = ("United States", "Russia")
    options = {"n": n, "start": start, "categories": categories}
    tables = [top_participants(events, participants, side=side, **options) for side in sides]
    longest = max((len(t) for t in tables), default=1)
    most = max((int(t.max()) for t in tables if len(t)), default=1)
    fig, axes = _new_figure(13, 0.5 * max(longest, 1) + 1.8, ncols=2)
    for ax, side, counts in zip(axes, sides, tables, strict=True):
        positions = longest - 1 - np.arange(len(counts))  # the first person at the top
        ax.barh(positions, counts.to_numpy(), color=SIDE_COLOURS[side], height=0.65)
        ax.set_yticks(positions, list(counts.index))
        for y, value in zip(positions, counts.to_numpy(), strict=True):
            ax.text(value + 0.1, y, str(int(value)), va="center", fontsize=13)
        ax.set_title(side, color=_INK, loc="left", fontweight="bold")
        ax.set_xlabel("events taking part in")
        ax.set_xlim(0, most + 1)  # the same scale in both panels
        ax.set_ylim(-0.6, longest - 0.4)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.tick_params(axis="y", length=0)
    return fig


def meeting_matrix(
    events: pd.DataFrame,
    participants: pd.DataFrame,
    categories: Sequence[str] = ("bilateral meeting",),
) -> pd.DataFrame:
    """How often each US person met each Russian person: a count per pair over the chosen categories.

    Rows are US people, columns Russian people (bodies left out), both sorted
    by how many meetings they had, most first.

    Examples
    --------
    >>> import helpers
    >>> m = meeting_matrix(helpers.load_events(), helpers.load_participants())
    >>> int(m.loc["Jon Huntsman", "Sergei Ryabkov"]), int(m.loc["John Bolton", "Nikolai Patrushev"])
    (3, 2)
    """
    ids = events.loc[events["category"].astype(str).isin(list(categories)), "event_id"]
    who = people(participants)
    who = who[who["event_id"].isin(ids)]
    us = who[who["side"].astype(str) == "United States"][["event_id", "name"]]
    ru = who[who["side"].astype(str) == "Russia"][["event_id", "name"]]
    pairs = us.merge(ru, on="event_id", suffixes=("_us", "_ru"))
    matrix = pd.crosstab(pairs["name_us"], pairs["name_ru"])
    if matrix.empty:
        return matrix

    def by_meetings(frame: pd.DataFrame) -> pd.Series:
        return frame.groupby("name")["event_id"].nunique()

    row_order = by_meetings(us[us["event_id"].isin(pairs["event_id"])]).reindex(matrix.index)
    col_order = by_meetings(ru[ru["event_id"].isin(pairs["event_id"])]).reindex(matrix.columns)
    rows = sorted(matrix.index, key=lambda name: (-row_order[name], name))
    cols = sorted(matrix.columns, key=lambda name: (-col_order[name], name))
    matrix = matrix.loc[rows, cols]
    matrix.index.name = "United States"
    matrix.columns.name = "Russia"
    return matrix


@_styled
def plot_meeting_matrix(matrix: pd.DataFrame) -> Figure:
    """A grid of US people (rows) by Russian people (columns); each cell shows how often they met.

    Examples
    --------
    >>> import helpers
    >>> m = meeting_matrix(helpers.load_events(), helpers.load_participants())
    >>> fig = plot_meeting_matrix(m)
    >>> sum(t.get_text() not in ("", "·") for t in fig.axes[0].texts) == int((m > 0).sum().sum())
    True
    """
    fig, ax = _new_figure(2.6 + 1.45 * max(matrix.shape[1], 1), 1.6 + 0.5 * max(matrix.shape[0], 1))
    values = matrix.to_numpy()
    top = max(int(values.max()) if values.size else 1, 1)
    ax.imshow(values, cmap="Blues", vmin=0, vmax=top * 1.25, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            count = int(values[i, j])
            ax.text(
                j,
                i,
                str(count) if count else "·",
                ha="center",
                va="center",
                fontsize=14 if count else 12,
                fontweight="bold" if count else "normal",
                color="white" if count > top * 0.6 else _INK,
            )
    ax.set_xticks(range(values.shape[1]), [name.replace(" ", "\n", 1) for name in matrix.columns])
    ax.set_yticks(range(values.shape[0]), list(matrix.index))
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_xticks(np.arange(-0.5, values.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, values.shape[0]), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    ax.set_ylabel("United States", color=SIDE_COLOURS["United States"], fontweight="bold")
    ax.set_xlabel("Russia", color=SIDE_COLOURS["Russia"], fontweight="bold")
    ax.xaxis.set_label_position("top")
    return fig


# --------------------------------------------------------------------------- Russia's answers


@_styled
def plot_russian_responses(events: pd.DataFrame, *, width: float = 13) -> Figure:
    """Russia's recorded answers over time, one row per kind of answer, joined in date order.

    The first event of each kind is labelled with its date. A bar marks an
    answer whose date is known only roughly.

    Examples
    --------
    >>> import helpers
    >>> fig = plot_russian_responses(helpers.load_events())
    >>> drawn = drawn_items(fig)
    >>> drawn.points + drawn.spans, drawn.rows
    (8, ('denial (5 entries)', 'acknowledgement (1 entry)', 'refusal (1 entry)', 'suspension (1 entry)'))
    """
    answers = events[events["russian_response"].notna()].sort_values(["date_start", "date_end"])
    kinds = [k for k in RESPONSE_ORDER if (answers["russian_response"].astype(str) == k).any()]
    kinds += sorted(set(answers["russian_response"].astype(str)) - set(kinds))
    fig, ax = _new_figure(width, 1.9 + 0.75 * max(len(kinds), 1))
    colour = OKABE_ITO["vermillion"]
    row_of = {kind: len(kinds) - 1 - i for i, kind in enumerate(kinds)}
    kind = answers["russian_response"].astype(str).to_numpy()
    y = np.array([row_of[k] for k in kind], dtype=float)
    x0 = _date_numbers(answers["date_start"])
    x1 = _date_numbers(answers["date_end"] + _ONE_DAY)
    vague = (answers["date_precision"].astype(str) != "day").to_numpy()
    middle = np.where(vague, (x0 + x1) / 2, x0)
    ax.plot(middle, y, color="#999999", linewidth=1.2, linestyle=":", zorder=2)
    for k in kinds:
        on_day = (kind == k) & ~vague
        if on_day.any():
            marker = _RESPONSE_MARKERS.get(k, "o")
            ax.scatter(x0[on_day], y[on_day], s=170, marker=marker, color=colour, zorder=4, gid=f"points|{k}")
    if vague.any():
        _add_boxes(ax, x0[vague], x1[vague], y[vague], 0.2, [colour] * int(vague.sum()))
    for k in kinds:
        of_kind = answers[answers["russian_response"].astype(str) == k]
        marks = [("first: " if len(of_kind) > 1 else "", of_kind.iloc[0], "left")]
        if len(of_kind) > 1:
            marks.append(("last: ", of_kind.iloc[-1], "right"))
        for prefix, event, align in marks:
            label = display_date(event["date_start"], event["date_end"], str(event["date_precision"]))
            edge = event["date_start"] if align == "left" else event["date_end"] + _ONE_DAY
            ax.annotate(
                prefix + label,
                xy=(_date_numbers([edge])[0], row_of[k]),
                xytext=(0, 16),
                textcoords="offset points",
                ha="right" if align == "right" or k == "suspension" else "left",
                va="bottom",
                fontsize=12,
            )
    counts = answers["russian_response"].astype(str).value_counts()
    ax.set_yticks(
        [row_of[k] for k in kinds],
        [f"{k} ({counts[k]} {'entry' if counts[k] == 1 else 'entries'})" for k in kinds],
    )
    ax.set_ylim(-0.6, len(kinds) - 0.2)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlim(*_date_numbers([pd.Timestamp("2013-01-01"), pd.Timestamp("2019-12-31")]))
    locator, formatter = _year_locator(2013, 2019)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(formatter)
    ax.grid(axis="x", color="#e6e6e6")
    ax.set_axisbelow(True)
    if len(answers):
        ax.legend(
            handles=_precision_handles(boxes=bool(vague.any())),
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12),
            ncol=2,
            frameon=False,
        )
    return fig
