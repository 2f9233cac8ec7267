"""The precision-aware timeline (lesson 2, explorer): a marker per known day, a box per vaguer date."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helpers.display.figures import FigureOutput, new_figure, show_figure, style_context
from helpers.display.style import GREYS, GROUP_COLOURS, INK, PHASE_COLOURS, category_group, category_style
from helpers.display.words import MONTH_NAMES, long_date, month_year, plot_text, plural

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "PHASE_SPANS", "ROW_ORDER", "TimelineDrawing", "compliance_reports_figure", "date_axis",
    "describe_timeline", "draw_timeline", "drawn_items", "phase_label", "row_labels", "timeline_figure",
]  # fmt: skip

ROW_ORDER: tuple[str, ...] = (
    "bilateral meeting", "experts meeting", "SVC session", "Russian statement", "Russian action",
    "compliance report", "US statement", "US measure", "allied consultation", "NATO statement",
    "treaty action",
)  # fmt: skip
"""Categories from top to bottom: US-Russian talks, Russia, the US alone, NATO, the treaty itself."""
PHASE_SPANS: dict[str, tuple[str, str]] = {
    "background": ("1900-01-01", "2012-12-31"),
    "diplomacy": ("2013-01-01", "2018-12-03"),
    "withdrawal": ("2018-12-04", "2019-08-02"),
}  # first and last day of each phase, as the data dictionary defines them (background: before 2013)
_LOOK: dict[str, dict] = {  # how the timeline's texts, points, boxes, legend and date labels look
    "phase": {"ha": "center", "va": "bottom", "fontsize": 11, "color": GREYS["soft ink"], "style": "italic"},
    "point": {"edgecolors": "white", "linewidths": 0.7, "zorder": 4},
    "box": {"linewidths": 2, "zorder": 3, "gid": "spans"},
    "rule": {"color": GREYS["grid"], "lw": 0.8, "zorder": 1},
    "legend": {"loc": "upper center", "bbox_to_anchor": (0.5, -0.09), "frameon": False, "handlelength": 2.2,
               "columnspacing": 1.4},
    "date": {"ha": "left", "va": "top", "fontsize": 12, "fontweight": "bold", "color": INK, "zorder": 6,
             "bbox": {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"}},
}  # fmt: skip
ROUGH_DATE = "only month, year or rough date known:\nthe event falls inside the box"  # in every legend


@dataclass(frozen=True)
class TimelineDrawing:
    """What :func:`draw_timeline` drew: day events as points, other events as spans."""

    points: int
    spans: int
    rows: tuple[str, ...]


def phase_label(ax: Axes, phase: str, x: float, y: float):
    """Write a phase's name above the plot at ``x`` (data units) and ``y`` (axes fraction).

    >>> phase_label(new_figure(4, 2)[1], "diplomacy", 0.5, 1.0).get_text()
    'diplomacy phase'
    """
    text = phase if phase == "withdrawal" else f"{phase} phase"
    return ax.text(x, y, text, transform=ax.get_xaxis_transform(), **_LOOK["phase"])


def row_labels(categories: Iterable[str]) -> list[str]:
    """The rows of a timeline, top first: known categories in :data:`ROW_ORDER`, then any others.

    >>> row_labels(["treaty action", "new kind", "bilateral meeting"])
    ['bilateral meeting', 'treaty action', 'new kind']
    """
    present = {str(c) for c in categories}
    return [c for c in ROW_ORDER if c in present] + sorted(present - set(ROW_ORDER))


def _days(values) -> np.ndarray:
    """matplotlib date numbers (days since 1970-01-01) for datetime-like values."""
    return np.asarray(values, dtype="datetime64[D]").astype("int64").astype(float)


def _stack_offsets(row: np.ndarray, day: np.ndarray, step: float = 0.26) -> tuple[np.ndarray, np.ndarray]:
    """Vertical offsets that pull apart events in the same row on the same day, and each group's size."""
    groups = pd.DataFrame({"row": row, "day": day}).groupby(["row", "day"], sort=False)
    rank, size = groups.cumcount().to_numpy(), groups["row"].transform("size").to_numpy()
    return np.clip((rank - (size - 1) / 2) * step, -0.42, 0.42), size


def date_axis(ax: Axes) -> None:
    """Tick the date axis of ``ax`` (limits set) every 1 or 3 months (year under Jan) or 1, 2 or 5 years.

    >>> fig, ax = new_figure(); _ = ax.set_xlim(pd.Timestamp("2018-10-20"), pd.Timestamp("2019-10-01"))
    >>> date_axis(ax)
    >>> [ax.xaxis.get_major_formatter()(x, i) for i, x in enumerate(ax.get_xticks()[:4])]
    ['Nov\\n2018', 'Dec', 'Jan\\n2019', 'Feb']
    """
    from matplotlib import dates as mdates
    from matplotlib.ticker import FuncFormatter

    left, right = ax.get_xlim()
    span = (right - left) / 365.25

    def month(x: float, position: int | None) -> str:
        date = mdates.num2date(x)
        name = MONTH_NAMES[date.month - 1][:3]
        return f"{name}\n{date.year}" if date.month == 1 or position == 0 else name

    if span <= 2:
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=None if span <= 1.2 else (1, 4, 7, 10)))
        ax.xaxis.set_major_formatter(FuncFormatter(month))
    else:
        ax.xaxis.set_major_locator(mdates.YearLocator(1 if span <= 11 else 2 if span <= 21 else 5))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def _legend(ax: Axes, groups: list[str], highlight: set[str] | None, labels: list[str], boxes: bool):
    from matplotlib.colors import to_rgba
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    def key(colour: str, label: str, marker: str = "s") -> Line2D:
        return Line2D([], [], marker=marker, markersize=11, linestyle="", color=colour, label=label)

    if highlight is None:
        other = category_style("other")[0]
        handles = [key(GROUP_COLOURS.get(g, other), g) for g in [*GROUP_COLOURS, "other"] if g in groups]
    else:
        handles = [key(*category_style(c)[:1], c, category_style(c)[1]) for c in labels if c in highlight]
        handles.append(key(GREYS["muted"], "other events"))
    grey = GREYS["key"]
    handles.append(key(grey, "exact day known", "o"))
    if boxes:
        handles.append(Patch(facecolor=to_rgba(grey, 0.3), edgecolor=grey, lw=2, label=ROUGH_DATE))
    ax.legend(handles=handles, ncol=min(len(handles), 3), **_LOOK["legend"])


def draw_timeline(
    ax: Axes,
    events: pd.DataFrame,
    *,
    highlight: str | Iterable[str] | None = None,
    xlim: tuple[object, object] | None = None,
    rows: list[str] | None = None,
    legend: bool = True,
    marker_size: float = 150,
) -> TimelineDrawing:
    """Draw ``events`` on ``ax``: one row per category, points for known days, boxes for vaguer dates.

    ``ax`` is not cleared; ``highlight``: categories in colour (others grey); ``rows``: top first (default
    :func:`row_labels`); the legend is keyed by group name; ``marker_size``: area in points².

    >>> import helpers; fig, ax = new_figure()
    >>> months = helpers.load_events().query("date_precision == 'month'")
    >>> draw_timeline(ax, months, legend=False).spans == len(months)
    True
    """
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import to_rgba

    chosen = {highlight} if isinstance(highlight, str) else None if highlight is None else set(highlight)
    categories = events["category"].astype(str).to_numpy()
    labels = list(rows) if rows is not None else row_labels(categories)
    row_of = {label: len(labels) - 1 - i for i, label in enumerate(labels)}
    x0, x1 = _days(events["date_start"]), _days(events["date_end"]) + 1
    is_span = (events["date_precision"].astype(str) != "day").to_numpy()
    offsets, group_size = _stack_offsets(categories, x0)
    y = np.array([row_of.get(c, -1) for c in categories], dtype=float) + offsets
    muted = set() if chosen is None else set(categories) - chosen

    def colour_of(category: str) -> str:
        return GREYS["muted"] if category in muted else category_style(category)[0]

    with style_context():
        ax.set_autoscale_on(False)  # the limits are set below: no need to track every artist's extent
        for category in dict.fromkeys(categories[~is_span]):
            on_day = (categories == category) & ~is_span
            look = {"marker": category_style(category)[1], "color": colour_of(category), **_LOOK["point"]}
            size = marker_size * (0.6 if category in muted else 1)
            ax.scatter(x0[on_day], y[on_day], s=size, gid=f"points|{category}", **look)
        if is_span.any():
            half = np.where(group_size[is_span] > 1, 0.12, 0.21)
            a, b, lo, hi = x0[is_span], x1[is_span], y[is_span] - half, y[is_span] + half
            corners = np.stack([a, lo, a, hi, b, hi, b, lo], axis=1).reshape(-1, 4, 2)
            colours = [colour_of(c) for c in categories[is_span]]
            fill = [to_rgba(c, 0.3) for c in colours]
            ax.add_collection(PolyCollection(corners, facecolors=fill, edgecolors=colours, **_LOOK["box"]))
        ax.set_yticks(range(len(labels)), [plot_text(label) for label in labels[::-1]])
        ax.set_ylim(-0.7, max(len(labels), 1) - 0.3)
        ax.hlines(range(len(labels)), 0, 1, transform=ax.get_yaxis_transform(), **_LOOK["rule"])
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        pad = max((x1.max() - x0.min()) * 0.02, 20) if len(events) else 0
        left, right = (x0.min() - pad, x1.max() + pad) if len(events) else _days(["2013-01-01", "2019-12-31"])
        if xlim is not None:
            left, right = _days([pd.Timestamp(d) for d in xlim])
        ax.set_xlim(left, right)
        date_axis(ax)
        ax.grid(axis="x", color=GREYS["grid"], linewidth=0.8)
        ax.set_axisbelow(True)
        for phase, (begin, finish) in PHASE_SPANS.items():
            a, b = max(_days([begin])[0], left), min(_days([finish])[0] + 1, right)
            if b > a:
                ax.axvspan(a, b, color=PHASE_COLOURS[phase], alpha=0.13, zorder=0, lw=0)
                if (b - a) / (right - left) >= 0.09:  # wide enough for a label
                    phase_label(ax, phase, (a + b) / 2, 1.005)
        if legend and len(events):
            groups = list(dict.fromkeys(category_group(c) for c in categories))
            _legend(ax, groups, chosen, labels, bool(is_span.any()))
    return TimelineDrawing(points=int((~is_span).sum()), spans=int(is_span.sum()), rows=tuple(labels))


def drawn_items(fig: Figure) -> TimelineDrawing:
    """Count what a timeline figure shows: day events (points) and spans, read from the drawn artists.

    >>> import helpers; events = helpers.load_events()
    >>> drawn = drawn_items(timeline_figure(events, include_background=True).figure)
    >>> drawn.spans == sum(events.date_precision != "day")
    True
    """
    drawn = [(c.get_gid() or "", c) for ax in fig.axes for c in ax.collections]
    points = sum(len(c.get_offsets()) for gid, c in drawn if gid.startswith("points|"))
    spans = sum(len(c.get_paths()) for gid, c in drawn if gid == "spans")
    ticks = [(t.get_position()[1], t.get_text()) for t in fig.axes[0].get_yticklabels()]
    return TimelineDrawing(points, spans, tuple(label for _, label in sorted(ticks, key=lambda t: -t[0])))


def describe_timeline(events: pd.DataFrame, when: str) -> str:
    """Alt text for a timeline of ``events``: each row's count and first and last month, and the boxes.

    >>> import helpers; e = helpers.load_events()
    >>> describe_timeline(e[e.category == "SVC session"], "2013 to 2019")  # doctest: +ELLIPSIS
    'Timeline of 2 events, 2013 to 2019, one row per category: SVC session 2 (November 2016 to December...'
    """
    if len(events) == 0:
        return f"An empty timeline: no events, {when}."
    groups = events.groupby(events["category"].astype(str))
    rows = groups.agg(n=("category", "size"), first=("date_start", "min"), last=("date_end", "max"))
    parts = []
    for category, (n, first, last) in rows.loc[row_labels(rows.index)].iterrows():
        first, last = month_year(first), month_year(last)
        parts.append(f"{category} {n:,} ({first if first == last else f'{first} to {last}'})")
    text = f"Timeline of {plural(len(events), 'event')}, {when}, one row per category: {'; '.join(parts)}."
    vague = int((events["date_precision"].astype(str) != "day").sum())
    if vague:
        text += f" {vague:,} with only a month, year or rough date are drawn as boxes."
    return text


def timeline_figure(
    events: pd.DataFrame,
    *,
    include_background: bool = False,
    highlight: str | Iterable[str] | None = None,
    caption: str | None = None,
    width: float = 13,
) -> FigureOutput:
    """Every event on one timeline, a row per category; 2013-2019 unless ``include_background``.

    ``highlight`` names the categories drawn in colour (others grey); ``caption`` defaults to the alt text.

    >>> import helpers; out = timeline_figure(helpers.load_events())
    >>> drawn_items(out.figure).rows[:3], out.alt[:12]
    (('bilateral meeting', 'experts meeting', 'SVC session'), 'Timeline of ')
    """
    shown = events if include_background else events[events["date_end"] >= pd.Timestamp("2013-01-01")]
    first = min(events["date_start"].min().year, 2013) if include_background and len(events) else 2013
    fig, ax = new_figure(width, 1.9 + 0.48 * max(shown["category"].nunique(), 1))
    draw_timeline(ax, shown, highlight=highlight, xlim=(f"{first}-01-01", "2019-12-31"))
    return show_figure(fig, describe_timeline(shown, f"{first} to 2019"), caption)


def compliance_reports_figure(events: pd.DataFrame, *, caption: str | None = None) -> FigureOutput:
    """The timeline 2013-2019 with the yearly US compliance reports in colour and marked by date.

    >>> import helpers; events = helpers.load_events()
    >>> drawn = drawn_items(compliance_reports_figure(events).figure)
    >>> drawn.points + drawn.spans == int((events.date_end >= "2013").sum())
    True
    """
    out = timeline_figure(events, highlight="compliance report")
    ax = out.figure.axes[0]
    reports = events.loc[events.category.eq("compliance report")].sort_values("date_start")
    rows = drawn_items(out.figure).rows
    row = len(rows) - 1 - rows.index("compliance report") if "compliance report" in rows else 0
    for x, day in zip(_days(reports["date_start"]), reports["date_start"], strict=True):
        ax.axvline(x, color=category_style("compliance report")[0], linestyle="--", linewidth=1.2, zorder=2)
        ax.annotate(long_date(day), xy=(x, row), xytext=(7, -9), textcoords="offset points", **_LOOK["date"])
    dates = ", ".join(long_date(d) for d in reports["date_start"])
    what = f"{plural(len(reports), 'compliance report')} highlighted and dated: {dates or 'none'}"
    return show_figure(out.figure, f"The 2013-2019 timeline in grey with {what}.", caption)
