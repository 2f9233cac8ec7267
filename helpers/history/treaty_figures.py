"""The two figures of lesson 1: missiles eliminated by side and system, and the treaty's range bands.

Both functions return a matplotlib figure in the collection's style; show it in
a notebook with :func:`helpers.display.figures.show_figure`, which adds the alt text.
matplotlib is imported only when a figure is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from helpers.display.figures import new_figure, style_context
from helpers.display.style import OKABE_ITO, SIDE_COLOURS
from helpers.history.treaty import (
    INTERMEDIATE_RANGE_MAX_KM,
    SHORTER_RANGE_MAX_KM,
    SHORTER_RANGE_MIN_KM,
    eliminations,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["eliminations_figure", "range_bands_figure"]


def eliminations_figure(table: pd.DataFrame | None = None) -> Figure:
    """One bar per system, grouped by side, with each side's total: the missiles eliminated.

    Parameters
    ----------
    table : DataFrame, optional
        Columns ``side``, ``system``, ``missiles``; by default :func:`helpers.history.treaty.eliminations`.
        A system whose name starts with "all other" is drawn hatched and unfilled, to show that
        it lumps several systems together.

    Returns
    -------
    matplotlib.figure.Figure
        Horizontal bars labelled with their counts; a heading per side gives its total.

    Examples
    --------
    >>> fig = eliminations_figure()
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Pershing II', 'Pershing IA', 'BGM-109G GLCM', 'SS-20', 'all other Soviet systems']
    """
    table = eliminations() if table is None else table
    sides = list(dict.fromkeys(table["side"]))
    fig, ax = new_figure(11, 6)
    with style_context():
        positions: list[float] = []
        labels: list[str] = []
        y = 0.0
        for side in sides:
            parts = table[table["side"] == side]
            colour = SIDE_COLOURS.get(side, OKABE_ITO["grey"])
            total = int(parts["missiles"].sum())
            ax.text(
                0,
                y - 0.05,
                f"{side}: {total:,} missiles",
                fontsize=15,
                fontweight="bold",
                va="bottom",
                color=colour,
            )
            y += 0.75
            for system, count in zip(parts["system"], parts["missiles"], strict=True):
                lumped = str(system).startswith("all other")
                ax.barh(
                    y,
                    count,
                    height=0.7,
                    color="white" if lumped else colour,
                    edgecolor=colour,
                    hatch="//" if lumped else "",
                    linewidth=2,
                )
                ax.text(
                    count + 15, y, f"{int(count):,}", va="center", ha="left", fontsize=14, fontweight="bold"
                )
                if lumped:
                    ax.text(
                        count / 2,
                        y,
                        "not split by system: no checked source",
                        ha="center",
                        va="center",
                        fontsize=12,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 2},
                    )
                positions.append(y)
                labels.append(str(system))
                y += 1
            y += 0.35
        ax.set_yticks(positions, labels)
        ax.set_ylim(y - 0.5, -0.6)
        ax.set_xlim(0, float(table["missiles"].max()) * 1.12)
        ax.set_xlabel("Missiles eliminated under the INF Treaty (complete by May 1991)")
        ax.set_title(f"{int(table['missiles'].sum()):,} missiles eliminated, by side and system", loc="left")
        ax.tick_params(axis="y", length=0, labelsize=14)
        ax.spines["left"].set_visible(False)
    return fig


def range_bands_figure(
    markers: Sequence[tuple[str, float]] = (), spans: Sequence[tuple[str, float, float]] = ()
) -> Figure:
    """The treaty's range bands for each launch mode, with optional marked ranges and spans.

    Parameters
    ----------
    markers : sequence of (label, km)
        Single ranges to mark on the ground-launched row, e.g. ``("Russia's claim", 480)``.
    spans : sequence of (label, low km, high km)
        Ranges given as a span, drawn as a bracket above the ground-launched row.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = range_bands_figure(markers=[("a claim", 480)])
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['ground-launched', 'sea-launched', 'air-launched']
    """
    top = 7000
    banned_colour = OKABE_ITO["vermillion"]
    free_colour = "#e6e6e6"
    fig, ax = new_figure(11, 5.2)
    with style_context():
        ground_parts = [
            (0, SHORTER_RANGE_MIN_KM, free_colour, "", "not\nbanned"),
            (SHORTER_RANGE_MIN_KM, SHORTER_RANGE_MAX_KM, banned_colour, "", "shorter-\nrange"),
            (
                SHORTER_RANGE_MAX_KM,
                INTERMEDIATE_RANGE_MAX_KM,
                banned_colour,
                "//",
                "intermediate-range: BANNED",
            ),
            (INTERMEDIATE_RANGE_MAX_KM, top, free_colour, "", "not banned"),
        ]
        for low, high, colour, hatch, label in ground_parts:
            banned = colour == banned_colour
            ax.barh(
                0,
                high - low,
                left=low,
                height=0.6,
                color=colour,
                hatch=hatch,
                edgecolor="white" if banned else "#666666",
                linewidth=1,
            )
            ax.text(
                (low + high) / 2,
                0,
                label,
                ha="center",
                va="center",
                fontsize=11 if high - low <= SHORTER_RANGE_MIN_KM else 13,
                fontweight="bold",
                color="white" if banned else "#1a1a1a",
                bbox={"facecolor": banned_colour, "edgecolor": "none", "pad": 2} if banned else None,
            )
        extra = bool(markers)
        rows = (0.0, 1.45, 2.45) if extra else (0.0, 1.0, 2.0)
        for row, mode in zip(rows[1:], ("sea", "air"), strict=True):
            ax.barh(row, top, left=0, height=0.6, color=free_colour, edgecolor="#666666", linewidth=1)
            ax.text(
                top / 2,
                row,
                f"not covered: {mode}-launched missiles of any range",
                ha="center",
                va="center",
                fontsize=13,
            )
        for limit in (SHORTER_RANGE_MIN_KM, SHORTER_RANGE_MAX_KM, INTERMEDIATE_RANGE_MAX_KM):
            ax.axvline(limit, color="#1a1a1a", linewidth=1, linestyle=":", zorder=0)
        for number, (label, km) in enumerate(markers):
            y = 0.42 + 0.36 * number
            ax.plot([km], [0.36], marker="^", markersize=14, color=OKABE_ITO["black"], zorder=5)
            ax.plot([km, km], [0.36, y], color=OKABE_ITO["black"], linewidth=1.5)
            ax.plot([km, km + 90], [y, y], color=OKABE_ITO["black"], linewidth=1.5)
            ax.text(km + 120, y, f"{label} ({km:,.0f} km)", ha="left", va="center", fontsize=12)
        for label, low, high in spans:
            y = -0.45
            ax.annotate(
                "",
                xy=(low, y),
                xytext=(high, y),
                arrowprops={"arrowstyle": "|-|", "color": OKABE_ITO["blue"], "linewidth": 2},
                annotation_clip=False,
            )
            ax.text(
                (low + high) / 2,
                y - 0.06,
                label,
                ha="center",
                va="bottom",
                fontsize=12,
                color=OKABE_ITO["blue"],
            )
        ax.set_yticks(rows, ["ground-launched", "sea-launched", "air-launched"])
        ax.set_ylim(rows[-1] + 0.45, -0.9 if spans else -0.45)
        ax.set_xlim(0, top)
        ticks = [
            0,
            SHORTER_RANGE_MIN_KM,
            SHORTER_RANGE_MAX_KM,
            2000,
            3000,
            4000,
            5000,
            INTERMEDIATE_RANGE_MAX_KM,
        ]
        ax.set_xticks(ticks, [f"{t:,}" for t in ticks])
        ax.set_xlabel("Range (km)")
        ax.set_title("Which missiles did the INF Treaty ban?", loc="left")
        ax.tick_params(axis="y", length=0, labelsize=14)
        ax.spines["left"].set_visible(False)
    return fig
