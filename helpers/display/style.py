"""Colours and figure settings: colour-blind safe, readable on a projector and on a dark theme.

Colours come from the Okabe-Ito palette, which stays distinguishable for the
common forms of colour blindness. Where more groups than colours are needed,
each group also gets its own marker shape, so colour is never the only cue.
Figures are drawn on a white background so they read the same on JupyterLab's
light and dark themes.
"""

from __future__ import annotations

__all__ = [
    "CALLOUT_LOOK",
    "CATEGORY_STYLE",
    "INK",
    "OKABE_ITO",
    "PHASE_COLOURS",
    "RC_PARAMS",
    "SIDE_COLOURS",
    "category_style",
]

OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

# Colour groups the categories by who acts; the marker tells the categories apart.
CATEGORY_STYLE: dict[str, tuple[str, str]] = {
    "bilateral meeting": (OKABE_ITO["blue"], "o"),
    "experts meeting": (OKABE_ITO["blue"], "s"),
    "SVC session": (OKABE_ITO["blue"], "D"),
    "compliance report": (OKABE_ITO["sky blue"], "P"),
    "US statement": (OKABE_ITO["sky blue"], "^"),
    "US measure": (OKABE_ITO["sky blue"], "v"),
    "allied consultation": (OKABE_ITO["bluish green"], "h"),
    "NATO statement": (OKABE_ITO["bluish green"], "*"),
    "treaty action": (OKABE_ITO["black"], "X"),
    "Russian statement": (OKABE_ITO["vermillion"], "o"),
    "Russian action": (OKABE_ITO["vermillion"], "s"),
}

SIDE_COLOURS: dict[str, str] = {
    "United States": OKABE_ITO["blue"],
    "Russia": OKABE_ITO["vermillion"],
    "Soviet Union": OKABE_ITO["reddish purple"],
    "NATO": OKABE_ITO["bluish green"],
}

PHASE_COLOURS: dict[str, str] = {
    "background": OKABE_ITO["grey"],
    "diplomacy": OKABE_ITO["sky blue"],
    "withdrawal": OKABE_ITO["orange"],
}

INK = "#1a1a1a"
"""The text colour of figures and boxes: near-black, on the white ground both themes get."""

CALLOUT_LOOK: dict[str, tuple[str, str, str, str]] = {
    "correct": ("\u2705", "Correct", "#e8f5e9", "#1b5e20"),
    "try again": ("\U0001f4a1", "Not yet", "#fff8e1", "#6d4c00"),
    "not answered yet": ("\u270f\ufe0f", "Not answered yet", "#e3f2fd", "#0d3c61"),
    "note": ("\u2139\ufe0f", "Note", "#ffffff", "#0d3c61"),
    "problem": ("\u26a0\ufe0f", "Check this", "#fff8e1", "#6d4c00"),
}
"""Every coloured box (feedback, widget results, glossary entries): icon, label, background, text colour.
The icon and label carry the meaning, so colour is never the only cue; each pair passes WCAG AA contrast."""

RC_PARAMS: dict[str, object] = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "text.color": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "font.size": 13,
    "axes.titlesize": 16,
    "axes.labelsize": 14,
    "legend.fontsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "inf-treaty",
}
"""matplotlib settings for every figure (large type for a projector; white ground for both themes)."""


def category_style(category: str) -> tuple[str, str]:
    """Colour and marker for an event category (grey circle for an unknown one).

    Examples
    --------
    >>> category_style("SVC session")
    ('#0072B2', 'D')
    >>> category_style("something new")
    ('#999999', 'o')
    """
    return CATEGORY_STYLE.get(category, (OKABE_ITO["grey"], "o"))
