"""Show a matplotlib figure with alt text and a caption, the same way in every lesson.

JupyterLab's own image output has no alt text, so figures are shown as a
small HTML block: a PNG image whose ``alt`` attribute holds the description,
and the same description as a visible caption. The plain-text form of the
output is the description, so a text-only reader still gets it.
"""

from __future__ import annotations

import base64
import html
import io
from contextlib import contextmanager
from typing import TYPE_CHECKING

from helpers.display.style import RC_PARAMS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from matplotlib.figure import Figure

__all__ = ["FigureOutput", "figure_html", "new_figure", "show_figure", "style_context"]


@contextmanager
def style_context() -> Iterator[None]:
    """Apply the collection's matplotlib settings (style.RC_PARAMS) inside a ``with`` block."""
    import matplotlib as mpl

    with mpl.rc_context(RC_PARAMS):
        yield


def new_figure(width: float = 11, height: float = 5.5):
    """A new figure and axes in the collection's style (not attached to pyplot).

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> fig.get_facecolor()[:3]
    (1.0, 1.0, 1.0)
    """
    from matplotlib.figure import Figure

    with style_context():
        fig = Figure(figsize=(width, height), layout="constrained")
        ax = fig.add_subplot()
    return fig, ax


def _png_base64(fig: Figure) -> str:
    buffer = io.BytesIO()
    with style_context():
        fig.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def figure_html(fig: Figure, alt: str, caption: str | None = None) -> str:
    """The HTML for a figure: an ``<img>`` with escaped alt text, and a caption.

    Examples
    --------
    >>> fig, ax = new_figure(2, 1)
    >>> out = figure_html(fig, 'A chart of "events" <per year>')
    >>> 'alt="A chart of &quot;events&quot; &lt;per year&gt;"' in out
    True
    """
    alt_attr = html.escape(alt, quote=True)
    shown = html.escape(caption if caption is not None else alt)
    return (
        '<figure class="inf-figure" style="margin:0.5em 0">'
        f'<img src="data:image/png;base64,{_png_base64(fig)}" alt="{alt_attr}" '
        'style="max-width:100%;height:auto;background:white">'
        f'<figcaption style="font-style:italic;margin-top:0.3em">{shown}</figcaption>'
        "</figure>"
    )


class FigureOutput:
    """A displayable figure: HTML with alt text in a notebook, the description as text.

    ``figure`` keeps the matplotlib figure, so tests can inspect what was drawn.
    """

    def __init__(self, figure: Figure, alt: str, caption: str | None = None) -> None:
        self.figure = figure
        self.alt = alt
        self.caption = caption

    def _repr_html_(self) -> str:
        return figure_html(self.figure, self.alt, self.caption)

    def __repr__(self) -> str:
        return f"[Figure: {self.alt}]"


def show_figure(fig: Figure, alt: str, caption: str | None = None) -> FigureOutput:
    """Wrap ``fig`` for display with ``alt`` as its text description.

    Return it as the last line of a cell (or pass it to ``IPython.display.display``).

    Examples
    --------
    >>> fig, ax = new_figure(2, 1)
    >>> show_figure(fig, "An empty chart.")
    [Figure: An empty chart.]
    """
    return FigureOutput(fig, alt, caption)
