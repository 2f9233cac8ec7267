"""Lesson 1's diagram of the treaty's range bands, with its alt text computed from what it draws."""

from __future__ import annotations

from collections.abc import Sequence

from helpers.display.figures import FigureOutput, new_figure, show_figure, style_context
from helpers.display.style import GREYS, INK, OKABE_ITO
from helpers.display.words import plot_text
from helpers.history.treaty import INTERMEDIATE_RANGE_MAX_KM, SHORTER_RANGE_MAX_KM, SHORTER_RANGE_MIN_KM

__all__ = ["range_bands_alt", "range_bands_figure"]

TOP_KM = 7000  # the right-hand end of the range axis
Markers = Sequence[tuple[str, float]]  # (label, km)
Spans = Sequence[tuple[str, float, float]]  # (label, low km, high km)


def range_bands_alt(markers: Markers = (), spans: Spans = ()) -> str:
    """The text description of :func:`range_bands_figure`, built from the same limits and marks.

    >>> range_bands_alt(markers=[("a claim", 480)])[-81:]
    'not covered at any range. A marker at 480 km on the ground-launched row: a claim.'
    """
    low, mid, high = SHORTER_RANGE_MIN_KM, SHORTER_RANGE_MAX_KM, INTERMEDIATE_RANGE_MAX_KM
    parts = [
        f"Diagram of missile range from 0 to {TOP_KM:,} km, one row per launch mode. Ground-launched row: "
        f"below {low:,} km not banned; {low:,} to {mid:,} km shorter-range, banned; over {mid:,} to "
        f"{high:,} km intermediate-range, banned; above {high:,} km not banned. The sea-launched and "
        "air-launched rows are not covered at any range."
    ]
    parts += [f"A marker at {km:,.0f} km on the ground-launched row: {label}." for label, km in markers]
    parts += [f"A bracket from {a:,.0f} to {b:,.0f} km above that row: {label}." for label, a, b in spans]
    return " ".join(parts)


def range_bands_figure(markers: Markers = (), spans: Spans = (), caption: str | None = None) -> FigureOutput:
    """The treaty's range bands for each launch mode, as a :class:`FigureOutput`.

    ``markers`` are ``(label, km)`` ranges marked on the ground-launched row, ``spans`` are
    ``(label, low km, high km)`` brackets above it; ``caption`` defaults to the alt text.

    >>> out = range_bands_figure(markers=[("a claim", 480)])
    >>> out.alt.endswith("A marker at 480 km on the ground-launched row: a claim.")
    True
    """
    low, mid, high, top = SHORTER_RANGE_MIN_KM, SHORTER_RANGE_MAX_KM, INTERMEDIATE_RANGE_MAX_KM, TOP_KM
    banned_colour, black, blue = (OKABE_ITO[c] for c in ("vermillion", "black", "blue"))
    free_colour = GREYS["grid"]
    centred = {"ha": "center", "va": "center", "fontsize": 13}
    fig, ax = new_figure(11, 5.2)
    with style_context():
        ground_parts = [
            (0, low, False, "", "not\nbanned"),
            (low, mid, True, "", "shorter-\nrange"),
            (mid, high, True, "//", "intermediate-range: BANNED"),
            (high, top, False, "", "not banned"),
        ]
        for start, end, banned, hatch, label in ground_parts:
            colour, ink = (banned_colour, "white") if banned else (free_colour, INK)
            edge = {"edgecolor": "white" if banned else GREYS["soft ink"], "linewidth": 1}
            ax.barh(0, end - start, left=start, height=0.6, color=colour, hatch=hatch, **edge)
            box = {"facecolor": banned_colour, "edgecolor": "none", "pad": 2} if banned else None
            look = {**centred, "fontsize": 11 if end - start <= low else 13, "color": ink, "bbox": box}
            ax.text((start + end) / 2, 0, label, fontweight="bold", **look)
        rows = (0.0, 1.45, 2.45) if markers else (0.0, 1.0, 2.0)
        for row, mode in zip(rows[1:], ("sea", "air"), strict=True):
            ax.barh(row, top, left=0, height=0.6, color=free_colour, edgecolor=GREYS["soft ink"], linewidth=1)
            ax.text(top / 2, row, f"not covered: {mode}-launched missiles of any range", **centred)
        for limit in (low, mid, high):
            ax.axvline(limit, color=INK, linewidth=1, linestyle=":", zorder=0)
        for number, (label, km) in enumerate(markers):
            y = 0.42 + 0.36 * number
            ax.plot([km], [0.36], marker="^", markersize=14, color=black, zorder=5)
            ax.plot([km, km, km + 90], [0.36, y, y], color=black, linewidth=1.5)
            ax.text(km + 120, y, plot_text(f"{label} ({km:,.0f} km)"), ha="left", va="center", fontsize=12)
        for label, start, end in spans:
            arrow = {"arrowstyle": "|-|", "color": blue, "linewidth": 2}
            ax.annotate("", xy=(start, -0.45), xytext=(end, -0.45), arrowprops=arrow, annotation_clip=False)
            ax.text((start + end) / 2, -0.51, plot_text(label), ha="center", va="bottom", color=blue)
        ax.set_yticks(rows, ["ground-launched", "sea-launched", "air-launched"])
        ax.set_ylim(rows[-1] + 0.45, -0.9 if spans else -0.45)
        ticks = [0, low, mid, 2000, 3000, 4000, 5000, high]
        ax.set(xlim=(0, top), xlabel="Range (km)")
        ax.set_xticks(ticks, [f"{t:,}" for t in ticks])
        ax.set_title("Which missiles did the INF Treaty ban?", loc="left")
        ax.tick_params(axis="y", length=0, labelsize=14)
        ax.spines["left"].set_visible(False)
    return show_figure(fig, alt=range_bands_alt(markers, spans), caption=caption)
