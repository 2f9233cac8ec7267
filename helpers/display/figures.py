"""Show a matplotlib figure with alt text and a caption, the same way in every lesson.

JupyterLab's image output has no alt text, so a figure shows as HTML: a PNG with ``alt``, and a caption.
"""

from __future__ import annotations

import base64
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pandas as pd

from helpers.display.style import RC_PARAMS
from helpers.display.words import html_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["FigureOutput", "describe_counts", "figure_html", "new_figure", "show_figure", "style_context"]


@contextmanager
def style_context() -> Iterator[None]:
    """Apply the collection's matplotlib settings (style.RC_PARAMS) inside a ``with`` block."""
    import matplotlib as mpl

    with mpl.rc_context(RC_PARAMS):
        yield


def new_figure(width: float = 11, height: float = 5.5):
    """A new figure and axes in the collection's style (not attached to pyplot).

    >>> new_figure()[0].get_facecolor()[:3]
    (1.0, 1.0, 1.0)
    """
    from matplotlib.figure import Figure

    with style_context():
        fig = Figure(figsize=(width, height), layout="constrained")
        ax = fig.add_subplot()
    return fig, ax


def describe_counts(counts: pd.Series | pd.DataFrame, what: str, chart: str = "Bar chart") -> str:
    """Alt text for a chart of counts: ``label: count`` per bar (a Series) or per row (a DataFrame).

    A DataFrame (a crosstab drawn as stacked bars) also gives each row's non-zero columns.

    >>> table = pd.DataFrame({"meeting": [2, 0], "report": [1, 3]}, index=[2013, 2014])
    >>> describe_counts(table, "events per year by category", "Stacked bar chart")
    'Stacked bar chart of events per year by category: 2013: 3 (meeting 2, report 1); 2014: 3 (report 3).'
    >>> describe_counts(pd.Series(dtype=int), "events")
    'Bar chart of events: no data.'
    """
    if len(counts) == 0:
        return f"{chart} of {what}: no data."
    if isinstance(counts, pd.DataFrame):
        parts = []
        for label, row in counts.iterrows():
            inner = ", ".join(f"{column} {value:g}" for column, value in row.items() if value)
            parts.append(f"{label}: {row.sum():g}" + (f" ({inner})" if inner else ""))
    else:
        parts = [f"{label}: {value:g}" for label, value in counts.items()]
    return f"{chart} of {what}: " + "; ".join(parts) + "."


def _png_base64(fig: Figure, dpi: float = 100) -> str:
    buffer = io.BytesIO()
    with style_context():
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def figure_html(fig: Figure | None, alt: str, caption: str | None = None, *, png: str | None = None) -> str:
    """The HTML for a figure: an ``<img>`` with escaped alt text, and a caption (``png``: base64 data).

    >>> fig, ax = new_figure(2, 1)
    >>> out = figure_html(fig, 'A chart of "events" <per year> costing $5')
    >>> 'alt="A chart of &quot;events&quot; &lt;per year&gt; costing &#36;5"' in out
    True
    """
    source = png if png is not None else _png_base64(fig)
    return (
        '<figure class="inf-figure" style="margin:0.5em 0">'
        f'<img src="data:image/png;base64,{source}" alt="{html_text(alt)}" '
        'style="max-width:100%;height:auto;background:white">'
        '<figcaption style="font-style:italic;margin-top:0.3em">'
        f"{html_text(caption if caption is not None else alt)}</figcaption></figure>"
    )


class FigureOutput:
    """A displayable figure (HTML with alt text, or the description as text); ``figure`` is what was drawn."""

    def __init__(self, figure: Figure, alt: str, caption: str | None = None) -> None:
        self.figure = figure
        self.alt = str(alt)
        self.caption = None if caption is None else str(caption)

    def _repr_html_(self) -> str:
        return figure_html(self.figure, self.alt, self.caption)

    def __repr__(self) -> str:
        return f"[Figure: {self.alt}]"


def show_figure(fig: Figure, alt: str, caption: str | None = None) -> FigureOutput:
    """Wrap ``fig`` for display with ``alt`` as its text description (a pyplot figure is closed: shown once).

    >>> fig, ax = new_figure(2, 1)
    >>> show_figure(fig, "An empty chart.")
    [Figure: An empty chart.]
    """
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None and getattr(fig.canvas, "manager", None) is not None:
        pyplot.close(fig)
    return FigureOutput(fig, alt, caption)
