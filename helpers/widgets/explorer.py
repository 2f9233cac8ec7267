"""An interactive explorer for the event table: filter by years, category, side or person, and text.

``TimelineExplorer()`` shows a small dashboard in a notebook: controls, a count of matching events,
the lesson's timeline figure (drawn by :func:`helpers.history.timeline.draw_timeline`, with alt
text), a list of the matching events with their evidence and source, and a button that exports the
selection as a spreadsheet-safe CSV file. Every control can also be set from code::

    ex = TimelineExplorer()
    ex.year_range.value = (2014, 2015)
    ex.search.value = "Ryabkov"
    ex.selection          # the matching events, as a DataFrame

Nothing a student types or picks raises an error: a reversed year range is put in order, an empty
category selection means "all categories", search text is plain text (never a pattern), and a
filter that matches nothing shows a friendly message.

Examples
--------
>>> ex = TimelineExplorer()
>>> ex.year_range.value = (2016, 2016)
>>> int(ex.selection.date_start.dt.year.eq(2016).sum()) == len(ex.selection)
True
>>> ex.search.value = "RYABKOV"
>>> ex.selection.event_id.tolist()
['2016-02-16-gottemoeller-meets-ryabkov', '2016-04-08-gottemoeller-meets-ryabkov']
"""

from __future__ import annotations

import base64
import contextlib
import io
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image
from traitlets import validate

from helpers.data.export import download_link_html, to_safe_csv
from helpers.display.feedback import callout_html
from helpers.display.figures import figure_html, style_context
from helpers.display.style import GREYS, GROUP_COLOURS
from helpers.display.words import event_date, html_text, normalise, plural
from helpers.history.timeline import ROUGH_DATE, describe_timeline, draw_timeline, row_labels

__all__ = ["ANYONE", "EXPORT_FILENAME", "TimelineExplorer", "YearRangeSlider", "legend_html"]

EXPORT_FILENAME = "inf-events-selection.csv"
"""The file the export button writes, in the notebook's folder."""

ANYONE = "Anyone"
_SIDES = ("United States", "Russia", "Soviet Union", "NATO")
_MAX_LINK_BYTES = 5_000_000
_EMPTY_LOOK: dict[str, Any] = {
    "ha": "center", "va": "center", "fontsize": 16, "zorder": 6, "gid": "empty",
    "bbox": {"boxstyle": "round,pad=0.6", "facecolor": "white", "edgecolor": GREYS["line"]},
}  # fmt: skip
_LIST_HEAD = (
    '<div role="region" aria-label="Matching events" tabindex="0" style="max-height:28em;overflow-y:auto;'
    f'border:1px solid {GREYS["border"]};padding:0.3em"><style>.inf-events td, .inf-events th '
    "{vertical-align:top;padding:0.25em 0.6em 0.25em 0;line-height:1.35;text-align:left} "
    f".inf-events tr {{border-bottom:1px solid {GREYS['grid']}}}</style>"
    '<table class="inf-events" style="border-collapse:collapse;width:100%"><thead><tr><th>Date</th>'
    "<th>Category</th><th>What happened</th><th>Evidence and source</th></tr></thead><tbody>"
)
_NOTHING = (
    "No events match these filters. Widen the years, clear the categories or the search, or choose Anyone."
)


def _look(width: str) -> dict[str, Any]:
    """A control's style and width: its description in full, then the control."""
    return {"style": {"description_width": "initial"}, "layout": widgets.Layout(width=width)}


def _wide() -> widgets.Layout:
    return widgets.Layout(width="100%")


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
        lower, upper = sorted(min(max(int(v), self.min), self.max) for v in proposal["value"])
        return lower, upper


def legend_html() -> str:
    """The explorer figure's legend as HTML: the colour groups by name, then points and boxes.

    Examples
    --------
    >>> all(name in legend_html() for name in ("meetings with Russia", "the treaty&#x27;s life"))
    True
    """
    swatch = '<span aria-hidden="true" style="display:inline-block;width:0.9em;height:0.9em;background:{};margin:0 0.3em 0 1em;vertical-align:middle"></span>'  # noqa: E501
    entry = '<span style="white-space:nowrap">{}</span> '
    parts = [
        entry.format(swatch.format(colour) + html_text(group)) for group, colour in GROUP_COLOURS.items()
    ]
    parts.append(
        entry.format('<span aria-hidden="true" style="margin:0 0.3em 0 1em">\u25cf</span>exact day known')
    )
    box = swatch.replace("width:0.9em", "width:1.6em").format(GREYS["key"] + ";opacity:0.45")
    parts.append(entry.format(box + html_text(ROUGH_DATE.replace("\n", " "))))
    return '<div style="font-size:0.95em;line-height:1.8">' + "".join(parts) + "</div>"


class TimelineExplorer:
    """Explore the events: pick years, categories, a side or a person, and search the text.

    Parameters
    ----------
    events : pandas.DataFrame, optional
        The events (as :func:`helpers.load_events` gives them). By default the collection's own
        table, with its participants and sources.
    participants : pandas.DataFrame, optional
        Who took part in each event. Without it the side-or-person filter offers only "Anyone".
    sources : pandas.DataFrame, optional
        The sources table, used to name each event's source in the list.
    max_points : int
        At most this many events are drawn; a larger selection is shown by an evenly spaced sample,
        and the alt text says so.
    max_rows : int
        At most this many events are listed; the list says how many more match.
    export_folder : str or Path, optional
        Where the export button writes ``inf-events-selection.csv`` (by default the current folder).
    dpi : float
        Resolution of the figure image.

    Attributes
    ----------
    year_range, categories, side_or_person, search
        The controls: a :class:`YearRangeSlider`, a ``SelectMultiple`` (none selected means all),
        a ``Dropdown`` ("Anyone", a side or a person's name) and a ``Text`` (plain text searched in
        the summary, evidence, event id and participant names).
    reset_button, export_button : ipywidgets.Button
        Clear all filters; write and offer the selection as CSV.
    count_label, figure_html, list_html, export_output : ipywidgets.HTML
        How many events match; the figure with alt text; the matching events; the export result.
    figure : matplotlib.figure.Figure
        The timeline of the current selection; ``figure_alt`` is its text description.
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
        self.max_points, self.max_rows = max(int(max_points), 1), max(int(max_rows), 0)
        self.export_folder = Path(export_folder) if export_folder is not None else None
        self.dpi = dpi
        self.last_export_path: Path | None = None
        self.last_update_seconds = 0.0
        self.figure_alt = ""
        self._updating_paused = False
        self._prepare(events, participants, sources)
        self._build_controls()
        self._mask_now = np.ones(self.total, dtype=bool)
        self.update()

    # ----------------------------------------------------------------------- preparation (once)

    def _prepare(self, events: pd.DataFrame, participants: pd.DataFrame | None, sources: pd.DataFrame | None):
        self._columns = list(events.columns)
        frame = events.sort_values(["date_start", "date_end", "event_id"], kind="stable")
        self._frame = frame = frame.reset_index(drop=True)
        self.total = len(frame)
        self._y0 = frame["date_start"].dt.year.to_numpy(dtype="int64")
        self._y1 = frame["date_end"].dt.year.to_numpy(dtype="int64")
        self._category = frame["category"].astype(str).to_numpy()
        self._category_options = row_labels(self._category)
        if participants is None:
            participants = pd.DataFrame(columns=["event_id", "name", "title", "side"])
        self._participants = participants = participants[participants["event_id"].isin(frame["event_id"])]
        names = participants["name"].astype(str)
        if "name_in_source" in participants:
            names = names + " " + participants["name_in_source"].fillna("").astype(str)
        who = names.groupby(participants["event_id"].astype(str).to_numpy()).agg(" ".join).to_dict()
        text = frame["summary"].fillna("").astype(str) + "\n" + frame["evidence"].fillna("").astype(str)
        ids = frame["event_id"].astype(str)
        text = text + "\n" + ids + "\n" + pd.Series([who.get(e, "") for e in ids])
        self._search_text = text.map(normalise)
        self._source_names: dict[str, str] = {}
        for row in (sources if sources is not None else pd.DataFrame()).itertuples(index=False):
            year = f", {row.date_published.year}" if pd.notna(row.date_published) else ""
            self._source_names[str(row.source_id)] = f"{row.publisher}: {row.title}{year}"

    def _who_options(self) -> list[tuple[str, str]]:
        sides = self._participants["side"].astype(str)
        present = [s for s in _SIDES if (sides == s).any()] + sorted(set(sides) - set(_SIDES))
        options = [(ANYONE, ANYONE)] + [(f"Side: {side}", side) for side in present]
        titled = self._participants["title"].fillna("").astype(str).str.strip() != ""
        people = self._participants[titled].drop_duplicates("name")
        taken = {value for _, value in options}
        for name, side in sorted(zip(people["name"].astype(str), people["side"].astype(str), strict=True)):
            if name not in taken:
                options.append((f"{name} ({side})", name))
                taken.add(name)
        return options

    def _build_controls(self) -> None:
        first, last = (int(self._y0.min()), int(self._y1.max())) if self.total else (2013, 2019)
        start = 2013 if first <= 2013 <= last else first
        years = {"min": first, "max": last, "value": (start, last), "continuous_update": False}
        self.year_range = YearRangeSlider(description="Years", **years, **_look("32em"))
        options = self._category_options
        rows = min(max(len(options), 3), 11)
        self.categories = widgets.SelectMultiple(
            options=options, rows=rows, description="Categories", **_look("22em")
        )
        self.side_or_person = widgets.Dropdown(
            options=self._who_options(), description="Side or person", **_look("28em")
        )
        self.search = widgets.Text(
            placeholder="e.g. Ryabkov, experts, 9M729", description="Search", **_look("28em")
        )
        self.reset_button = widgets.Button(
            description="Reset filters", icon="undo", tooltip="Show every event"
        )
        tip = f"Save the matching events as {EXPORT_FILENAME}"
        self.export_button = widgets.Button(
            description="Export selection as CSV", icon="download", tooltip=tip
        )
        self.count_label, self.export_output, self.legend_html = (
            widgets.HTML(),
            widgets.HTML(),
            widgets.HTML(legend_html()),
        )
        self.figure_html, self.list_html = widgets.HTML(layout=_wide()), widgets.HTML(layout=_wide())
        hint = widgets.HTML(
            f'<span style="font-size:0.9em;color:{GREYS["soft ink"]}">Categories: none selected means all; '
            "Ctrl-click (Cmd-click on a Mac) picks several.</span>"
        )
        left = widgets.VBox([self.year_range, self.side_or_person, self.search, self.reset_button])
        left.layout.margin = "0 2em 0 0"
        controls = widgets.HBox([left, widgets.VBox([self.categories, hint])])
        controls.layout.flex_flow = "row wrap"
        export = widgets.HBox([self.export_button, self.export_output])
        export.layout.align_items = "center"
        self.widget = widgets.VBox(
            [controls, self.count_label, self.figure_html, self.legend_html, self.list_html, export],
            layout=_wide(),
        )
        for control in (self.year_range, self.categories, self.side_or_person, self.search):
            control.observe(self._on_change, names="value")
        self.reset_button.on_click(lambda _button: self.reset())
        self.export_button.on_click(self._on_export)

    # ----------------------------------------------------------------------- filtering

    def _current_mask(self) -> np.ndarray:
        lower, upper = self.year_range.value
        mask = (self._y1 >= lower) & (self._y0 <= upper)
        if self.categories.value:
            mask &= np.isin(self._category, list(self.categories.value))
        who = self.side_or_person.value
        if who and who != ANYONE:
            people = self._participants
            column = people["side"] if (people["side"].astype(str) == who).any() else people["name"]
            mask &= self._frame["event_id"].isin(people.loc[column.astype(str) == who, "event_id"]).to_numpy()
        needle = normalise(self.search.value or "")
        if needle:
            mask &= self._search_text.str.contains(needle, regex=False).to_numpy(dtype=bool)
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
        >>> set(ex.selection.category) == {"bilateral meeting"}
        True
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
            noun = "event matches" if len(positions) == 1 else "events match"
            self.count_label.value = (
                f'<span role="status" aria-live="polite" style="font-size:1.1em"><strong>{len(positions):,}'
                f"</strong> of {self.total:,} {noun} ({self._years_text()}).</span>"
            )
            self._draw(positions)
            self._show_list(positions)
        except Exception as error:  # a student must never see a traceback from the explorer
            name = html_text(type(error).__name__)
            problem = f"Something went wrong while filtering ({name}). Try Reset filters."
            self.count_label.value = callout_html("problem", problem, role="status")
        self.last_update_seconds = time.perf_counter() - started

    def _years_text(self) -> str:
        lower, upper = self.year_range.value
        return str(lower) if lower == upper else f"{lower} to {upper}"

    def _draw(self, positions: np.ndarray) -> None:
        drawn = positions
        if len(positions) > self.max_points:
            drawn = positions[
                np.unique(np.linspace(0, len(positions) - 1, self.max_points).round().astype(int))
            ]
        lower, upper = self.year_range.value
        height = 1.3 + 0.36 * max(len(self._category_options), 1)
        with style_context():
            fig = Figure(figsize=(11, height), dpi=self.dpi)
            ax = fig.add_subplot()
            fig.subplots_adjust(left=0.19, right=0.965, top=1 - 0.35 / height, bottom=0.5 / height)
            window = (f"{lower}-01-01", f"{upper}-12-31")
            draw_timeline(ax, self._frame.iloc[drawn], xlim=window, rows=self._category_options, legend=False)
            self.figure_alt = describe_timeline(self._frame.iloc[positions], self._years_text())
            if len(drawn) < len(positions):
                self.figure_alt += f" Only {len(drawn):,} evenly spaced events are drawn."
            if not len(positions):
                self.figure_alt = (
                    f"An empty timeline: no events match the current filters ({self._years_text()})."
                )
                ax.text(0.5, 0.5, _NOTHING.replace(". ", ".\n", 1), transform=ax.transAxes, **_EMPTY_LOOK)
            canvas = FigureCanvasAgg(fig)
            canvas.draw()
        buffer = io.BytesIO()
        Image.fromarray(np.asarray(canvas.buffer_rgba())[:, :, :3]).save(
            buffer, format="PNG", compress_level=1
        )
        self.figure = fig
        png = base64.b64encode(buffer.getvalue()).decode("ascii")
        caption = self.figure_alt if len(positions) else "No events match these filters."
        self.figure_html.value = figure_html(None, self.figure_alt, caption, png=png)

    def _show_list(self, positions: np.ndarray) -> None:
        if not len(positions):
            self.list_html.value = (
                f'<p role="status" style="font-size:1.1em"><strong>{html_text(_NOTHING)}</strong></p>'
            )
            return
        soft = GREYS["soft ink"]
        rows = []
        for event in self._frame.iloc[positions[: self.max_rows]].itertuples(index=False):
            date = event_date(event.date_start, event.date_end, str(event.date_precision))
            source = self._source_names.get(str(event.source_id), str(event.source_id))
            rows.append(
                f'<tr><td style="white-space:nowrap">{html_text(date)}</td>'
                f"<td>{html_text(event.category)}</td>"
                f'<td>{html_text(event.summary)}<br><small class="inf-event-id" style="color:{soft}">'
                f"{html_text(event.event_id)}</small></td><td>\u201c{html_text(event.evidence)}\u201d"
                f'<br><small style="color:{soft}">{html_text(source)}</small></td></tr>'
            )
        more = len(positions) - len(rows)
        tail = f"<p>\u2026 and {more:,} more. Narrow the filters to see them, or export them all as CSV.</p>"
        self.list_html.value = (
            _LIST_HEAD + "".join(rows) + "</tbody></table>" + (tail if more else "") + "</div>"
        )

    # ----------------------------------------------------------------------- export

    def selection_csv(self) -> str:
        """The selection as spreadsheet-safe CSV text (see :func:`helpers.data.export.to_safe_csv`)."""
        return to_safe_csv(self.selection)

    def export(self, path: str | Path | None = None) -> Path:
        """Write the selection as CSV (UTF-8 with a byte-order mark, for Excel) and return the file's path."""
        if path is None:
            path = (self.export_folder if self.export_folder is not None else Path.cwd()) / EXPORT_FILENAME
        path = Path(path)
        path.write_text("\ufeff" + self.selection_csv(), encoding="utf-8", newline="")
        self.last_export_path = path
        return path

    def _on_export(self, _button: Any = None) -> None:
        try:
            text = self.selection_csv()
        except Exception as error:
            self.export_output.value = f"The export failed ({html_text(type(error).__name__)})."
            return
        try:
            path = self.export(None)
            saved = plural(int(self._mask_now.sum()), "event")
            message = f"Saved {saved} to <code>{html_text(path.name)}</code> beside this notebook."
        except OSError as error:
            message = f"Could not save the file here ({html_text(error.strerror or 'not allowed')})."
        if len(text.encode("utf-8")) <= _MAX_LINK_BYTES:
            message += " " + download_link_html(text, EXPORT_FILENAME, f"Download {EXPORT_FILENAME}")
        self.export_output.value = message

    # ----------------------------------------------------------------------- display

    def __repr__(self) -> str:
        n = int(self._mask_now.sum())
        return f"Timeline explorer: {n:,} of {self.total:,} events match ({self._years_text()})."

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = self.widget._repr_mimebundle_(**kwargs) or {}
        data["text/plain"] = repr(self)
        return data
