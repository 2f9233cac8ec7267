"""An interactive explorer for the event table: filter by years, category, side or person, and text.

``TimelineExplorer()`` shows a small dashboard in a notebook: controls, a
count of matching events, a timeline figure (with alt text), a list of the
matching events with their evidence and source, and a button that exports
the selection as a spreadsheet-safe CSV file.

Every control can also be set from code, and the state updates at once::

    ex = TimelineExplorer()
    ex.year_range.value = (2014, 2015)
    ex.search.value = "Ryabkov"
    ex.selection          # the matching events, as a DataFrame

Nothing a student types or picks raises an error: a reversed year range is
put in order, an empty category selection means "all categories", search
text is plain text (never a pattern), and a filter that matches nothing
shows a friendly message.

Examples
--------
>>> ex = TimelineExplorer()
>>> ex.year_range.value = (2016, 2016)
>>> len(ex.selection)
7
>>> ex.search.value = "RYABKOV"
>>> ex.selection.event_id.tolist()
['2016-02-16-gottemoeller-meets-ryabkov', '2016-04-08-gottemoeller-meets-ryabkov']
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgba
from traitlets import validate

from helpers.data.export import download_link_html, to_safe_csv
from helpers.display.style import PHASE_COLOURS, category_style
from helpers.history.timeline import (
    COLOUR_GROUPS,
    PHASE_SPANS,
    ROW_ORDER,
    _box_vertices,
    _stack_offsets,
    _year_locator,
    display_date,
    phase_label,
)

__all__ = ["EXPORT_FILENAME", "TimelineExplorer", "YearRangeSlider", "legend_html", "normalise_text"]

EXPORT_FILENAME = "inf-events-selection.csv"
"""The file the export button writes, in the notebook's folder."""

ANYONE = "Anyone"
_SIDES = ("United States", "Russia", "Soviet Union", "NATO")
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
_MAX_LINK_BYTES = 5_000_000


def normalise_text(text: str) -> str:
    """Text as the search compares it: Unicode-normalised, case-folded, with plain quotes and dashes.

    Examples
    --------
    >>> normalise_text("Russia\u2019s  “9M729”")
    'russia\\'s  "9m729"'
    """
    return unicodedata.normalize("NFKC", str(text)).casefold().translate(_QUOTES)


class YearRangeSlider(widgets.IntRangeSlider):
    """An ``IntRangeSlider`` that accepts a reversed pair, such as ``(2018, 2014)``, and puts it in order.

    Examples
    --------
    >>> slider = YearRangeSlider(min=2013, max=2019, value=(2013, 2019))
    >>> slider.value = (2018, 2014)
    >>> slider.value
    (2014, 2018)
    >>> slider.value = (1900, 2100)
    >>> slider.value
    (2013, 2019)
    """

    @validate("value")
    def _validate_value(self, proposal: dict[str, Any]) -> tuple[int, int]:
        lower, upper = sorted(int(v) for v in proposal["value"])
        lower = min(max(lower, self.min), self.max)
        upper = min(max(upper, self.min), self.max)
        return lower, upper


class _LivePlot:
    """One figure whose artists are created once and then only given new data (fast to redraw).

    One row per category of the whole table, so rows stay in place while the
    filters change. Day events are filled markers; events with a month, year
    or rough date are boxes from the first to the last possible day.
    """

    def __init__(self, categories: list[str], dpi: float = 80) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.collections import PolyCollection
        from matplotlib.figure import Figure

        from helpers.display.figures import style_context

        self.categories = categories
        n = max(len(categories), 1)
        self.row_of = {c: n - 1 - i for i, c in enumerate(categories)}
        with style_context():
            fig = Figure(figsize=(11, 1.3 + 0.36 * n), dpi=dpi)
            ax = fig.add_subplot()
            fig.subplots_adjust(
                left=0.19, right=0.965, top=1 - 0.35 / (1.3 + 0.36 * n), bottom=0.5 / (1.3 + 0.36 * n)
            )
            ax.set_yticks(range(n), [c.replace("$", r"\$") for c in categories[::-1]] or [""])
            ax.set_ylim(-0.7, n - 0.3)
            ax.tick_params(axis="y", length=0)
            ax.spines["left"].set_visible(False)
            for row in range(n):
                ax.axhline(row, color="#e6e6e6", linewidth=0.8, zorder=1)
            ax.grid(axis="x", color="#e6e6e6", linewidth=0.8)
            ax.set_axisbelow(True)
            self.phase_labels = {}
            for phase, (begin, finish) in PHASE_SPANS.items():
                a = np.datetime64(begin, "D").astype("int64")
                b = (np.datetime64(finish, "D") + np.timedelta64(1, "D")).astype("int64")
                ax.axvspan(a, b, color=PHASE_COLOURS[phase], alpha=0.13, zorder=0, lw=0)
                self.phase_labels[phase] = (
                    float(a),
                    float(b),
                    phase_label(ax, phase, 0, 1.01),
                )
            self.points = {}
            for category in categories:
                colour, marker = category_style(category)
                self.points[category] = ax.scatter(
                    np.empty(0),
                    np.empty(0),
                    s=130,
                    marker=marker,
                    color=colour,
                    edgecolors="white",
                    linewidths=0.7,
                    zorder=4,
                    gid=f"points|{category}",
                )
            self.boxes = PolyCollection([], linewidths=2, zorder=3, gid="spans")
            ax.add_collection(self.boxes)
            self.empty = ax.text(
                0.5,
                0.5,
                "No events match these filters.\nWiden the years, clear the categories or the search, "
                "or choose Anyone.",
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=16,
                linespacing=1.6,
                visible=False,
                zorder=6,
                bbox={"boxstyle": "round,pad=0.6", "facecolor": "white", "edgecolor": "#999999"},
            )
        self.figure, self.ax = fig, ax
        self.canvas = FigureCanvasAgg(fig)
        self._dynamic = [*self.points.values(), self.boxes, self.empty]
        self._background = None
        self._background_key: tuple | None = None
        colours = {c: category_style(c)[0] for c in categories}
        self._colour = np.array([colours[c] for c in categories], dtype=object)
        self._rgba_fill = {c: to_rgba(colours[c], 0.3) for c in categories}

    def show(self, frame: pd.DataFrame, codes: np.ndarray, lower: int, upper: int) -> None:
        """Draw ``frame`` (date_start, date_end, date_precision) whose categories are ``codes``."""
        left = float(np.datetime64(f"{lower:04d}-01-01", "D").astype("int64"))
        right = float(np.datetime64(f"{upper + 1:04d}-01-01", "D").astype("int64")) - 0.5
        ax = self.ax
        ax.set_xlim(left, right)
        if upper - lower <= 1:
            from matplotlib import dates as mdates

            locator, formatter = mdates.MonthLocator(bymonth=(1, 4, 7, 10)), mdates.DateFormatter("%b %Y")
        else:
            locator, formatter = _year_locator(lower, upper)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(formatter)
        for a, b, label in self.phase_labels.values():
            shown_a, shown_b = max(a, left), min(b, right)
            wide = (shown_b - shown_a) / (right - left) >= 0.09
            label.set_visible(wide)
            if wide:
                label.set_x((shown_a + shown_b) / 2)

        start = frame["date_start"].to_numpy(dtype="datetime64[D]").astype("int64")
        end = frame["date_end"].to_numpy(dtype="datetime64[D]").astype("int64") + 1
        vague = frame["date_precision"].to_numpy() != "day"
        rows = (
            np.array([self.row_of[c] for c in self.categories], dtype=float)[codes]
            if len(codes)
            else np.zeros(0)
        )
        offsets, group_size = _stack_offsets(codes, start)
        y = rows + offsets
        x0 = start.astype(float)
        for index, category in enumerate(self.categories):
            on_day = (codes == index) & ~vague
            self.points[category].set_offsets(np.column_stack([x0[on_day], y[on_day]]))
        if vague.any():
            half = np.where(group_size[vague] > 1, 0.12, 0.21)
            self.boxes.set_verts(_box_vertices(x0[vague], end[vague].astype(float), y[vague], half))
            names = [self.categories[c] for c in codes[vague]]
            self.boxes.set_facecolor([self._rgba_fill[c] for c in names])
            self.boxes.set_edgecolor(list(self._colour[codes[vague]]))
        else:
            self.boxes.set_verts([])
        self.empty.set_visible(len(codes) == 0)

    def show_empty(self, lower: int, upper: int) -> None:
        """No events: an empty timeline with a message in its middle."""
        empty = pd.DataFrame(
            {"date_start": pd.to_datetime([]), "date_end": pd.to_datetime([]), "date_precision": []}
        )
        self.show(empty, np.zeros(0, dtype=np.int64), lower, upper)

    def render_png(self) -> bytes:
        """The figure as PNG bytes.

        Everything that depends only on the year range (axes, labels, phases)
        is drawn once per range and kept as a background image; a change of
        category, side, person or search text redraws only the events on it.
        """
        from PIL import Image

        key = (self.ax.get_xlim(), self.figure.dpi, self.figure.get_size_inches().tobytes())
        if key != self._background_key:
            for artist in self._dynamic:
                artist.set_animated(True)
            try:
                self.canvas.draw()
            finally:
                for artist in self._dynamic:
                    artist.set_animated(False)
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            self._background_key = key
        else:
            self.canvas.restore_region(self._background)
        for artist in self._dynamic:
            if artist.get_visible():
                self.ax.draw_artist(artist)
        pixels = np.asarray(self.canvas.buffer_rgba())[:, :, :3]
        buffer = io.BytesIO()
        Image.fromarray(pixels).save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()


def legend_html() -> str:
    """The explorer figure's legend as HTML (colour groups, points and boxes), below the image."""
    swatch = (
        '<span aria-hidden="true" style="display:inline-block;width:0.9em;height:0.9em;'
        'background:{};margin:0 0.3em 0 1em;vertical-align:middle"></span>'
    )
    entry = '<span style="white-space:nowrap">{}</span> '
    parts = [entry.format(swatch.format(c) + html.escape(label)) for c, label in COLOUR_GROUPS.items()]
    parts.append(
        entry.format('<span aria-hidden="true" style="margin:0 0.3em 0 1em">\u25cf</span>exact day known')
    )
    parts.append(
        entry.format(
            '<span aria-hidden="true" style="display:inline-block;width:1.6em;height:0.8em;'
            "border:2px solid #444;background:rgba(68,68,68,0.3);margin:0 0.3em 0 1em;"
            'vertical-align:middle"></span>'
            "only month, year or a rough date known: the event falls inside the box"
        )
    )
    return '<div style="font-size:0.95em;line-height:1.8">' + "".join(parts) + "</div>"


class TimelineExplorer:
    """Explore the events: pick years, categories, a side or a person, and search the text.

    Parameters
    ----------
    events : pandas.DataFrame, optional
        The events (as :func:`helpers.load_events` gives them). By default the
        collection's own table, with its participants and sources.
    participants : pandas.DataFrame, optional
        Who took part in each event. When ``events`` is given without
        participants, the side-or-person filter offers only "Anyone".
    sources : pandas.DataFrame, optional
        The sources table, used to name each event's source in the list.
    max_points : int
        At most this many events are drawn; a larger selection is shown by an
        evenly spaced sample, and the figure says so.
    max_rows : int
        At most this many events are listed; the list says how many more match.
    export_folder : str or Path, optional
        Where the export button writes ``inf-events-selection.csv``; by default
        the current folder (in JupyterLab, the notebook's folder).
    dpi : float
        Resolution of the figure image.

    Attributes
    ----------
    year_range : YearRangeSlider
        First and last year (an event matches if any part of it falls in them).
    categories : ipywidgets.SelectMultiple
        The categories to show; none selected means all.
    side_or_person : ipywidgets.Dropdown
        "Anyone", a side ("United States", "Russia", ...) or a person's name.
    search : ipywidgets.Text
        Plain text to find in the summary, evidence, event id or participant names.
    reset_button, export_button : ipywidgets.Button
        Clear all filters; write and offer the selection as CSV.
    count_label : ipywidgets.HTML
        How many events match.
    figure : matplotlib.figure.Figure
        The timeline of the selection (the same Figure object, redrawn on each change).
    figure_html : ipywidgets.HTML
        The figure as an ``<img>`` with alt text, and a caption.
    figure_alt : str
        The figure's current text description.
    list_html : ipywidgets.HTML
        The matching events: date, category, summary, evidence and source.
    export_output : ipywidgets.HTML
        Where the export result and download link appear.
    widget : ipywidgets.VBox
        Everything above, laid out; the explorer displays as this widget.
    last_update_seconds : float
        How long the last update took (filter, figure, image, list).
    """

    def __init__(
        self,
        events: pd.DataFrame | None = None,
        participants: pd.DataFrame | None = None,
        *,
        sources: pd.DataFrame | None = None,
        max_points: int = 1500,
        max_rows: int = 200,
        export_folder: str | Path | None = None,
        dpi: float = 80,
    ) -> None:
        if events is None:
            from helpers.data.loading import load_tables

            tables = load_tables()
            events = tables.events
            participants = tables.participants if participants is None else participants
            sources = tables.sources if sources is None else sources
        self.max_points = max(int(max_points), 1)
        self.max_rows = max(int(max_rows), 0)
        self.export_folder = Path(export_folder) if export_folder is not None else None
        self.dpi = dpi
        self.last_export_path: Path | None = None
        self.last_update_seconds = 0.0
        self._updating_paused = False

        self._prepare(events, participants, sources)
        self._build_controls()
        self._build_figure()
        self._mask_now = np.ones(len(self._frame), dtype=bool)
        self.update()

    # ----------------------------------------------------------------------- preparation (once)

    def _prepare(self, events: pd.DataFrame, participants: pd.DataFrame | None, sources: pd.DataFrame | None):
        self._columns = list(events.columns)
        frame = events.sort_values(["date_start", "date_end", "event_id"], kind="stable").reset_index(
            drop=True
        )
        self._frame = frame
        self.total = len(frame)
        self._y0 = frame["date_start"].dt.year.to_numpy(dtype="int64")
        self._y1 = frame["date_end"].dt.year.to_numpy(dtype="int64")
        category = frame["category"].astype(str)
        known = [c for c in ROW_ORDER if c in set(category)]
        self._category_options = known + sorted(set(category) - set(known))
        self._category_codes = pd.Categorical(category, categories=self._category_options).codes
        self._plot_frame = pd.DataFrame(
            {
                "date_start": frame["date_start"],
                "date_end": frame["date_end"],
                "date_precision": frame["date_precision"].astype(str),
            }
        )

        if participants is None:
            participants = pd.DataFrame(columns=["event_id", "name", "name_in_source", "title", "side"])
        participants = participants[participants["event_id"].isin(frame["event_id"])]
        self._participants = participants
        self._positions_of = pd.Index(frame["event_id"])
        # Text columns for the side-or-person filter, converted once rather than on every first choice.
        self._participant_sides = participants["side"].astype(str).to_numpy()
        self._participant_names = participants["name"].astype(str).to_numpy()
        self._participant_events = participants["event_id"].to_numpy()
        self._side_names = frozenset(self._participant_sides)

        names = participants["name"].astype(str)
        if "name_in_source" in participants:
            names = names + " " + participants["name_in_source"].fillna("").astype(str)
        by_event: dict[str, list[str]] = {}
        for event_id, name in zip(participants["event_id"].astype(str), names, strict=True):
            by_event.setdefault(event_id, []).append(name)
        who = pd.Series([" ".join(by_event.get(e, ())) for e in frame["event_id"].astype(str)], dtype=object)
        text = (
            frame["summary"].fillna("").astype(str)
            + "\n"
            + frame["evidence"].fillna("").astype(str)
            + "\n"
            + frame["event_id"].astype(str)
            + "\n"
            + who.astype(str)
        )
        self._search_text = text.map(normalise_text).to_numpy(dtype=object)
        self._search_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._who_cache: dict[str, np.ndarray] = {}

        self._source_names: dict[str, str] = {}
        if sources is not None and len(sources):
            for row in sources.itertuples(index=False):
                year = f", {row.date_published.year}" if pd.notna(row.date_published) else ""
                self._source_names[str(row.source_id)] = f"{row.publisher}: {row.title}{year}"

    def _who_options(self) -> list[tuple[str, str]]:
        options = [(ANYONE, ANYONE)]
        sides = self._participants["side"].astype(str)
        present = [s for s in _SIDES if (sides == s).any()] + sorted(set(sides) - set(_SIDES))
        options += [(f"Side: {side}", side) for side in present]
        titled = self._participants["title"].notna() & (
            self._participants["title"].astype(str).str.strip() != ""
        )
        people = self._participants[titled].drop_duplicates("name")
        taken = {value for _, value in options}
        for name, side in sorted(zip(people["name"].astype(str), people["side"].astype(str), strict=True)):
            if name not in taken:
                options.append((f"{name} ({side})", name))
                taken.add(name)
        return options

    def _build_controls(self) -> None:
        first = int(self._y0.min()) if self.total else 2013
        last = int(self._y1.max()) if self.total else 2019
        start = 2013 if first <= 2013 <= last else first
        wide = {"description_width": "initial"}
        self.year_range = YearRangeSlider(
            min=first,
            max=last,
            value=(start, last),
            step=1,
            description="Years",
            continuous_update=False,
            style=wide,
            layout=widgets.Layout(width="32em"),
        )
        self.categories = widgets.SelectMultiple(
            options=self._category_options,
            value=(),
            rows=min(max(len(self._category_options), 3), 11),
            description="Categories",
            style=wide,
            layout=widgets.Layout(width="22em"),
        )
        self.side_or_person = widgets.Dropdown(
            options=self._who_options(),
            value=ANYONE,
            description="Side or person",
            style=wide,
            layout=widgets.Layout(width="28em"),
        )
        self.search = widgets.Text(
            value="",
            placeholder="e.g. Ryabkov, experts, 9M729",
            description="Search",
            continuous_update=True,
            style=wide,
            layout=widgets.Layout(width="28em"),
        )
        self.reset_button = widgets.Button(
            description="Reset filters", icon="undo", tooltip="Show every event"
        )
        self.export_button = widgets.Button(
            description="Export selection as CSV",
            icon="download",
            tooltip=f"Save the matching events as {EXPORT_FILENAME}",
            layout=widgets.Layout(width="auto"),
        )
        self.count_label = widgets.HTML()
        self.figure_html = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.list_html = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.legend_html = widgets.HTML(legend_html())
        self.export_output = widgets.HTML()
        hint = widgets.HTML(
            '<span style="font-size:0.9em;color:#444">Categories: none selected means all; '
            "Ctrl-click (Cmd-click on a Mac) picks several.</span>"
        )
        self.widget = widgets.VBox(
            [
                widgets.HBox(
                    [
                        widgets.VBox(
                            [self.year_range, self.side_or_person, self.search, self.reset_button],
                            layout=widgets.Layout(margin="0 2em 0 0"),
                        ),
                        widgets.VBox([self.categories, hint]),
                    ],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.count_label,
                self.figure_html,
                self.legend_html,
                self.list_html,
                widgets.HBox(
                    [self.export_button, self.export_output], layout=widgets.Layout(align_items="center")
                ),
            ],
            layout=widgets.Layout(width="100%"),
        )
        for control in (self.year_range, self.categories, self.side_or_person, self.search):
            control.observe(self._on_change, names="value")
        self.reset_button.on_click(lambda _button: self.reset())
        self.export_button.on_click(self._on_export)

    def _build_figure(self) -> None:
        self._plot = _LivePlot(self._category_options, dpi=self.dpi)
        self.figure = self._plot.figure
        self.figure_alt = ""

    # ----------------------------------------------------------------------- filtering

    def _who_mask(self, who: str) -> np.ndarray:
        mask = self._who_cache.get(who)
        if mask is None:
            column = self._participant_sides if who in self._side_names else self._participant_names
            ids = pd.unique(self._participant_events[column == who])
            positions = self._positions_of.get_indexer(ids)
            mask = np.zeros(self.total, dtype=bool)
            mask[positions[positions >= 0]] = True
            self._who_cache[who] = mask
        return mask

    def _search_mask(self, needle: str) -> np.ndarray:
        cached = self._search_cache.get(needle)
        if cached is not None:
            self._search_cache.move_to_end(needle)
            return cached
        # A row that holds ``needle`` also holds every part of it: search only the rows
        # that matched the longest earlier search text contained in this one (typing).
        base = None
        for earlier, mask in self._search_cache.items():
            if earlier in needle and (base is None or len(earlier) > len(base[0])):
                base = (earlier, mask)
        candidates = np.flatnonzero(base[1]) if base is not None else np.arange(self.total)
        texts = self._search_text[candidates]
        found = np.fromiter((needle in text for text in texts), dtype=bool, count=len(texts))
        mask = np.zeros(self.total, dtype=bool)
        mask[candidates[found]] = True
        self._search_cache[needle] = mask
        if len(self._search_cache) > 32:
            self._search_cache.popitem(last=False)
        return mask

    def _current_mask(self) -> np.ndarray:
        lower, upper = sorted(self.year_range.value)
        mask = (self._y1 >= lower) & (self._y0 <= upper)
        chosen = [
            self._category_options.index(c) for c in self.categories.value if c in self._category_options
        ]
        if chosen:
            mask &= np.isin(self._category_codes, chosen)
        who = self.side_or_person.value
        if who and who != ANYONE:
            mask &= self._who_mask(str(who))
        needle = normalise_text(self.search.value or "").strip()
        if needle:
            mask &= self._search_mask(needle)
        return mask

    @property
    def selection(self) -> pd.DataFrame:
        """The events that match the current filters, in date order, with the table's own columns."""
        return self._frame.loc[self._mask_now, self._columns].reset_index(drop=True)

    # ----------------------------------------------------------------------- updating

    def _on_change(self, _change: dict[str, Any]) -> None:
        if not self._updating_paused:
            self.update()

    @contextlib.contextmanager
    def hold_updates(self) -> Iterator[None]:
        """Change several controls at once with a single update at the end.

        Examples
        --------
        >>> ex = TimelineExplorer()
        >>> with ex.hold_updates():
        ...     ex.year_range.value = (2017, 2017)
        ...     ex.categories.value = ("bilateral meeting",)
        >>> len(ex.selection)
        6
        """
        self._updating_paused = True
        try:
            yield
        finally:
            self._updating_paused = False
            self.update()

    def reset(self) -> None:
        """Show every event again: all years, all categories, anyone, no search text."""
        with self.hold_updates():
            self.year_range.value = (self.year_range.min, self.year_range.max)
            self.categories.value = ()
            self.side_or_person.value = ANYONE
            self.search.value = ""

    def update(self) -> None:
        """Recompute the selection from the controls and redraw the count, figure and list (never raises)."""
        started = time.perf_counter()
        try:
            self._mask_now = self._current_mask()
            positions = np.flatnonzero(self._mask_now)
            self.export_output.value = ""
            self._show_count(len(positions))
            self._draw(positions)
            self._show_list(positions)
        except Exception as error:  # a student must never see a traceback from the explorer
            self.count_label.value = (
                '<span role="status">Something went wrong while filtering '
                f"({html.escape(type(error).__name__)}). Try Reset filters.</span>"
            )
        self.last_update_seconds = time.perf_counter() - started

    def _years_text(self) -> str:
        lower, upper = sorted(self.year_range.value)
        return str(lower) if lower == upper else f"{lower} to {upper}"

    def _show_count(self, n: int) -> None:
        noun = "event matches" if n == 1 else "events match"
        self.count_label.value = (
            f'<span role="status" aria-live="polite" style="font-size:1.1em"><strong>{n:,}</strong> of '
            f"{self.total:,} {noun} ({html.escape(self._years_text())}).</span>"
        )

    def _draw(self, positions: np.ndarray) -> None:
        n = len(positions)
        lower, upper = sorted(self.year_range.value)
        if n == 0:
            self._plot.show_empty(lower, upper)
            self.figure_alt = (
                f"An empty timeline: no events match the current filters ({self._years_text()})."
            )
            caption = "No events match these filters."
        else:
            drawn = positions
            if n > self.max_points:
                picks = np.unique(np.linspace(0, n - 1, self.max_points).round().astype(int))
                drawn = positions[picks]
            self._plot.show(self._plot_frame.iloc[drawn], self._category_codes[drawn], lower, upper)
            self.figure_alt = self._describe(positions, len(drawn))
            caption = self.figure_alt
        png = self._plot.render_png()
        source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        self.figure_html.value = (
            '<figure style="margin:0">'
            f'<img src="{source}" alt="{html.escape(self.figure_alt, quote=True)}" '
            'style="max-width:100%;height:auto;background:white">'
            f'<figcaption style="font-style:italic">{html.escape(caption)}</figcaption></figure>'
        )

    def _describe(self, positions: np.ndarray, drawn: int) -> str:
        n = len(positions)
        codes = self._category_codes[positions]
        counts = np.bincount(codes[codes >= 0], minlength=len(self._category_options))
        parts = [
            f"{name} {count:,}" for name, count in zip(self._category_options, counts, strict=True) if count
        ]
        vague = int((self._plot_frame["date_precision"].to_numpy()[positions] != "day").sum())
        text = (
            f"Timeline of {n:,} matching {'event' if n == 1 else 'events'}, {self._years_text()}, "
            f"one row per category ({'; '.join(parts)})."
        )
        if vague:
            text += f" {vague:,} with only a month, year or rough date are drawn as boxes."
        if drawn < n:
            text += f" Only {drawn:,} evenly spaced events are drawn."
        return text

    def _source_name(self, source_id: str) -> str:
        return self._source_names.get(source_id, source_id)

    def _show_list(self, positions: np.ndarray) -> None:
        n = len(positions)
        if n == 0:
            self.list_html.value = (
                '<p role="status" style="font-size:1.1em"><strong>No events match.</strong> '
                "Try a wider year range, clear the categories, choose “Anyone”, or change the "
                "search text.</p>"
            )
            return
        shown = self._frame.iloc[positions[: self.max_rows]]
        rows = []
        for event in shown.itertuples(index=False):
            date = display_date(event.date_start, event.date_end, str(event.date_precision))
            source = self._source_name(str(event.source_id))
            rows.append(
                "<tr>"
                f'<td style="white-space:nowrap">{html.escape(date)}</td>'
                f"<td>{html.escape(str(event.category))}</td>"
                f"<td>{html.escape(str(event.summary))}"
                '<br><small class="inf-event-id" style="color:#555">'
                f"{html.escape(str(event.event_id))}</small></td>"
                f"<td>“{html.escape(str(event.evidence))}”"
                f'<br><small style="color:#555">{html.escape(source)}</small></td>'
                "</tr>"
            )
        more = ""
        if n > len(shown):
            more = (
                f"<p>… and {n - len(shown):,} more. Narrow the filters to see them, "
                "or export them all as CSV.</p>"
            )
        self.list_html.value = (
            '<div role="region" aria-label="Matching events" tabindex="0" '
            'style="max-height:28em;overflow-y:auto;border:1px solid #ccc;padding:0.3em">'
            "<style>.inf-events td, .inf-events th {vertical-align:top;padding:0.25em 0.6em 0.25em 0;"
            "line-height:1.35;text-align:left} .inf-events tr {border-bottom:1px solid #e6e6e6}</style>"
            '<table class="inf-events" style="border-collapse:collapse;width:100%">'
            "<thead><tr><th>Date</th><th>Category</th><th>What happened</th><th>Evidence and source</th>"
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>" + more + "</div>"
        )

    # ----------------------------------------------------------------------- export

    def selection_csv(self) -> str:
        """The selection as spreadsheet-safe CSV text (see :func:`helpers.data.export.to_safe_csv`)."""
        return to_safe_csv(self.selection)

    def export(self, path: str | Path | None = None) -> Path:
        """Write the selection as CSV (UTF-8 with a byte-order mark, for Excel) and return the file's path."""
        if path is None:
            folder = self.export_folder if self.export_folder is not None else Path.cwd()
            path = folder / EXPORT_FILENAME
        path = Path(path)
        path.write_text("\ufeff" + self.selection_csv(), encoding="utf-8", newline="")
        self.last_export_path = path
        return path

    def _on_export(self, _button: Any = None) -> None:
        n = int(self._mask_now.sum())
        try:
            text = self.selection_csv()
        except Exception as error:
            self.export_output.value = f"The export failed ({html.escape(type(error).__name__)})."
            return
        messages = []
        try:
            path = self.export(None)
            messages.append(
                f"Saved {n:,} events to <code>{html.escape(path.name)}</code> beside this notebook."
            )
        except OSError as error:
            messages.append(f"Could not save the file here ({html.escape(error.strerror or 'not allowed')}).")
        if len(text.encode("utf-8")) <= _MAX_LINK_BYTES:
            messages.append(download_link_html(text, EXPORT_FILENAME, f"Download {EXPORT_FILENAME}"))
        self.export_output.value = " ".join(messages)

    # ----------------------------------------------------------------------- display

    def __repr__(self) -> str:
        return (
            f"Timeline explorer: {int(self._mask_now.sum()):,} of {self.total:,} events match "
            f"({self._years_text()})."
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = self.widget._repr_mimebundle_(**kwargs) or {}
        data["text/plain"] = repr(self)
        return data
