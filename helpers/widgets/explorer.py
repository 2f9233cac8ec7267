"""An explorer of the event table (filters, count, timeline, list, CSV export) that never raises."""

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
from matplotlib.figure import Figure
from traitlets import validate

from helpers.data.export import download_link_html, to_safe_csv
from helpers.data.loading import load_tables
from helpers.display.feedback import callout_html
from helpers.display.figures import figure_html, style_context
from helpers.display.style import GREYS, GROUP_COLOURS
from helpers.display.words import event_date, html_text, normalise, plural
from helpers.history.timeline import ROUGH_DATE, describe_timeline, draw_timeline, row_labels

__all__ = ["ANYONE", "EXPORT_FILENAME", "TimelineExplorer", "YearRangeSlider", "legend_html"]

EXPORT_FILENAME = "inf-events-selection.csv"  # the file the export button writes, in the notebook's folder
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
_NOTHING = "No events match these filters. Widen the years, clear the categories or the search, or choose Anyone."  # noqa: E501 # fmt: skip


def _look(width: str, description: str) -> dict[str, Any]:
    return {"description": description, "style": {"description_width": "initial"}, "layout": {"width": width}}


class YearRangeSlider(widgets.IntRangeSlider):
    """An ``IntRangeSlider`` that puts a reversed pair, such as ``(2018, 2014)``, in order (and clips it).

    >>> slider = YearRangeSlider(min=2013, max=2019, value=(2013, 2019))
    >>> slider.value = (2018, 2014)
    >>> slider.value
    (2014, 2018)
    """

    @validate("value")
    def _validate_value(self, proposal: dict[str, Any]) -> tuple[int, int]:
        return tuple(sorted(min(max(int(v), self.min), self.max) for v in proposal["value"]))


def legend_html() -> str:
    """The explorer figure's legend as HTML: the colour groups by name, then points and boxes.

    >>> all(name in legend_html() for name in ("meetings with Russia", "the treaty&#x27;s life"))
    True
    """
    swatch = '<span aria-hidden="true" style="display:inline-block;width:{};height:0.9em;background:{};margin:0 0.3em 0 1em;vertical-align:middle"></span>'  # noqa: E501
    keys = [(swatch.format("0.9em", colour), group) for group, colour in GROUP_COLOURS.items()]
    keys.append(('<span aria-hidden="true" style="margin:0 0.3em 0 1em">\u25cf</span>', "exact day known"))
    keys.append((swatch.format("1.6em", GREYS["key"] + ";opacity:0.45"), ROUGH_DATE.replace("\n", " ")))
    entries = "".join(f'<span style="white-space:nowrap">{k}{html_text(text)}</span> ' for k, text in keys)
    return f'<div style="font-size:0.95em;line-height:1.8">{entries}</div>'


class TimelineExplorer:
    """Explore the events: pick years, categories, a side or a person, and search the text.

    Tables default to the collection's; at most ``max_points`` events are drawn (an evenly spaced
    sample, said in the alt text) and ``max_rows`` listed; the export button writes to ``export_folder``.

    >>> ex = TimelineExplorer()
    >>> ex.year_range.value, ex.search.value = (2016, 2016), "RYABKOV"  # plain text, in any case
    >>> ex.selection.event_id.tolist()
    ['2016-02-16-gottemoeller-meets-ryabkov', '2016-04-08-gottemoeller-meets-ryabkov']
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
            tables = load_tables()
            events, sources = tables.events, tables.sources if sources is None else sources
            participants = tables.participants if participants is None else participants
        self.max_points, self.max_rows = max(int(max_points), 1), max(int(max_rows), 0)
        self.export_folder = Path(export_folder) if export_folder is not None else None
        self.dpi, self.last_export_path, self.last_update_seconds, self.figure_alt = dpi, None, 0.0, ""
        self._updating_paused = False
        self._prepare(events, participants, sources)
        self._build_controls()
        self._mask_now = np.ones(self.total, dtype=bool)
        self.update()

    def _prepare(self, events: pd.DataFrame, participants: pd.DataFrame | None, sources: pd.DataFrame | None):
        self._columns, self.total = list(events.columns), len(events)
        self._frame = frame = events.sort_values(["date_start", "date_end", "event_id"], ignore_index=True)
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
        ids = frame["event_id"].astype(str)
        text = frame["summary"].fillna("").astype(str) + "\n" + frame["evidence"].fillna("").astype(str)
        self._search_text = (text + "\n" + ids + "\n" + ids.map(lambda e: who.get(e, ""))).map(normalise)
        self._source_names = {}
        for row in (sources if sources is not None else pd.DataFrame()).itertuples(index=False):
            year = f", {row.date_published.year}" if pd.notna(row.date_published) else ""
            self._source_names[str(row.source_id)] = f"{row.publisher}: {row.title}{year}"

    def _who_options(self) -> list[tuple[str, str]]:
        """Anyone, then the sides present, then each titled person once."""
        people = self._participants
        sides = set(people["side"].astype(str))
        present = [s for s in _SIDES if s in sides] + sorted(sides - set(_SIDES))
        choices = {ANYONE: ANYONE} | {side: f"Side: {side}" for side in present}
        titled = people[people["title"].fillna("").astype(str).str.strip() != ""].drop_duplicates("name")
        for name, side in sorted(zip(titled["name"].astype(str), titled["side"].astype(str), strict=True)):
            choices.setdefault(name, f"{name} ({side})")
        return [(label, value) for value, label in choices.items()]

    def _build_controls(self) -> None:
        first, last = (int(self._y0.min()), int(self._y1.max())) if self.total else (2013, 2019)
        years = {"min": first, "max": last, "value": (2013 if first <= 2013 <= last else first, last)}
        self.year_range = YearRangeSlider(continuous_update=False, **years, **_look("32em", "Years"))
        options, rows = self._category_options, min(max(len(self._category_options), 3), 11)
        self.categories = widgets.SelectMultiple(options=options, rows=rows, **_look("22em", "Categories"))
        who = self._who_options()
        self.side_or_person = widgets.Dropdown(options=who, **_look("28em", "Side or person"))
        example = "e.g. Ryabkov, experts, 9M729, then Enter"  # read on Enter or on leaving the box
        self.search = widgets.Text(placeholder=example, continuous_update=False, **_look("28em", "Search"))
        button, tip = widgets.Button, f"Save the matching events as {EXPORT_FILENAME}"
        self.reset_button = button(description="Reset filters", icon="undo", tooltip="Show every event")
        self.export_button = button(description="Export selection as CSV", icon="download", tooltip=tip)
        self.count_label, self.export_output = widgets.HTML(), widgets.HTML()
        self.legend_html = widgets.HTML(legend_html())
        wide = {"layout": widgets.Layout(width="100%")}
        self.figure_html, self.list_html = widgets.HTML(**wide), widgets.HTML(**wide)
        note = "Categories: none selected means all; Ctrl-click (Cmd-click on a Mac) picks several."
        hint = widgets.HTML(f'<span style="font-size:0.9em;color:{GREYS["soft ink"]}">{note}</span>')
        left = widgets.VBox([self.year_range, self.side_or_person, self.search, self.reset_button])
        left.layout.margin = "0 2em 0 0"
        row_wrap = {"flex_flow": "row wrap"}
        controls = widgets.HBox([left, widgets.VBox([self.categories, hint])], layout=row_wrap)
        export = widgets.HBox([self.export_button, self.export_output], layout={"align_items": "center"})
        parts = [controls, self.count_label, self.figure_html, self.legend_html, self.list_html, export]
        self.widget = widgets.VBox(parts, **wide)
        for control in (self.year_range, self.categories, self.side_or_person, self.search):
            control.observe(lambda _change: self._updating_paused or self.update(), names="value")
        self.reset_button.on_click(lambda _button: self.reset())
        self.export_button.on_click(self._on_export)

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

    @contextlib.contextmanager
    def hold_updates(self) -> Iterator[None]:
        """Change several controls at once with a single update at the end.

        >>> ex = TimelineExplorer()
        >>> with ex.hold_updates():
        ...     ex.year_range.value, ex.categories.value = (2017, 2017), ("bilateral meeting",)
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
            self.categories.value, self.side_or_person.value, self.search.value = (), ANYONE, ""

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
            problem = f"Something went wrong while filtering ({html_text(type(error).__name__)})."
            self.count_label.value = callout_html("problem", problem + " Try Reset filters.", role="status")
        self.last_update_seconds = time.perf_counter() - started

    def _years_text(self) -> str:
        lower, upper = self.year_range.value
        return str(lower) if lower == upper else f"{lower} to {upper}"

    def _draw(self, positions: np.ndarray) -> None:
        sample = np.unique(np.linspace(0, len(positions) - 1, self.max_points).round().astype(int))
        drawn = positions[sample] if len(positions) > self.max_points else positions
        self.figure_alt = describe_timeline(self._frame.iloc[positions], self._years_text())
        if len(drawn) < len(positions):
            self.figure_alt += f" Only {len(drawn):,} evenly spaced events are drawn."
        height, buffer = 1.3 + 0.36 * max(len(self._category_options), 1), io.BytesIO()
        with style_context():
            self.figure = fig = Figure(figsize=(11, height), dpi=self.dpi)
            ax = fig.add_subplot()
            fig.subplots_adjust(left=0.19, right=0.965, top=1 - 0.35 / height, bottom=0.5 / height)
            window = (f"{self.year_range.lower}-01-01", f"{self.year_range.upper}-12-31")
            draw_timeline(ax, self._frame.iloc[drawn], xlim=window, rows=self._category_options, legend=False)
            if not len(positions):
                self.figure_alt = f"An empty timeline: no events match the filters ({self._years_text()})."
                ax.text(0.5, 0.5, _NOTHING.replace(". ", ".\n", 1), transform=ax.transAxes, **_EMPTY_LOOK)
            fig.savefig(buffer, format="png", dpi=self.dpi, pil_kwargs={"compress_level": 1})  # quick to save
        caption = self.figure_alt if len(positions) else "No events match these filters."
        png = base64.b64encode(buffer.getvalue()).decode("ascii")
        self.figure_html.value = figure_html(None, self.figure_alt, caption, png=png)

    def _show_list(self, positions: np.ndarray) -> None:
        soft, rows = GREYS["soft ink"], []
        for event in self._frame.iloc[positions[: self.max_rows]].itertuples(index=False):
            date = event_date(event.date_start, event.date_end, str(event.date_precision))
            source = self._source_names.get(str(event.source_id), str(event.source_id))
            rows.append(
                f'<tr><td style="white-space:nowrap">{html_text(date)}</td><td>{html_text(event.category)}'
                f'</td><td>{html_text(event.summary)}<br><small class="inf-event-id" style="color:{soft}">'
                f"{html_text(event.event_id)}</small></td><td>\u201c{html_text(event.evidence)}\u201d"
                f'<br><small style="color:{soft}">{html_text(source)}</small></td></tr>'
            )
        more = len(positions) - len(rows)
        tail = f"<p>\u2026 and {more:,} more. Narrow the filters to see them, or export them all as CSV.</p>"
        self.list_html.value = f"{_LIST_HEAD}{''.join(rows)}</tbody></table>{tail if more else ''}</div>"
        if not len(positions):
            self.list_html.value = f'<p role="status" style="font-size:1.1em"><strong>{_NOTHING}</strong></p>'

    def selection_csv(self) -> str:
        """The selection as spreadsheet-safe CSV text (see :func:`helpers.data.export.to_safe_csv`)."""
        return to_safe_csv(self.selection)

    def export(self, path: str | Path | None = None) -> Path:
        """Write the selection as CSV (UTF-8 with a byte-order mark, for Excel) and return the file's path."""
        path = Path(path) if path is not None else (self.export_folder or Path.cwd()) / EXPORT_FILENAME
        path.write_text("\ufeff" + self.selection_csv(), encoding="utf-8", newline="")
        self.last_export_path = path
        return path

    def _on_export(self, _button: Any = None) -> None:
        try:
            text, saved = self.selection_csv(), f"Saved {plural(int(self._mask_now.sum()), 'event')} to"
            try:
                message = f"{saved} <code>{html_text(self.export().name)}</code> beside this notebook."
            except OSError as error:
                message = f"Could not save the file here ({html_text(error.strerror or 'not allowed')})."
            if len(text.encode("utf-8")) <= _MAX_LINK_BYTES:
                message += " " + download_link_html(text, EXPORT_FILENAME, f"Download {EXPORT_FILENAME}")
        except Exception as error:  # a button must never raise in front of a class
            message = f"The export failed ({html_text(type(error).__name__)})."
        self.export_output.value = message

    def __repr__(self) -> str:
        n = int(self._mask_now.sum())
        return f"Timeline explorer: {n:,} of {self.total:,} events match ({self._years_text()})."

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = self.widget._repr_mimebundle_(**kwargs) or {}
        data["text/plain"] = repr(self)
        return data
