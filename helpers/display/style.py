"""Colours and figure settings: every colour of the collection is named here, once.

Colours come from the Okabe-Ito palette (distinguishable with common colour blindness). Event
categories share a colour by *group* (who acts) and differ by marker shape; legends are keyed by
group name. Figures have a white ground, so they read the same in light and dark themes.
"""

from __future__ import annotations

from cycler import cycler

__all__ = [
    "CALLOUT_LOOK", "CATEGORY_GROUPS", "CATEGORY_STYLE", "GREYS", "GROUP_COLOURS", "INK", "OKABE_ITO",
    "PHASE_COLOURS", "RC_PARAMS", "SIDE_COLOURS", "category_group", "category_style"
]  # fmt: skip

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

INK = "#1a1a1a"  # the text colour of figures and boxes: near-black on white

GREYS: dict[str, str] = {  # neutral tones, by what they are used for
    "muted": "#B8B8B8",  # events drawn in the background of a highlight
    "grid": "#e6e6e6",  # grid lines and row rules
    "soft ink": "#555555",  # secondary text: phase names, event ids
    "key": "#444444",  # the neutral marker of a legend (exact day / rough date)
    "line": "#999999",  # joining lines and frames
    "border": "#cccccc",  # the border of a scrolling list
}

GROUP_COLOURS: dict[str, str] = {  # the colour of each group of categories; a legend lists these names
    "meetings with Russia": OKABE_ITO["blue"],
    "Russia": OKABE_ITO["vermillion"],
    "US": OKABE_ITO["sky blue"],
    "allies": OKABE_ITO["bluish green"],
    "the treaty's life": OKABE_ITO["black"],
}

CATEGORY_GROUPS: dict[str, tuple[tuple[str, str], ...]] = {  # categories and marker shapes, by group
    "meetings with Russia": (("bilateral meeting", "o"), ("experts meeting", "s"), ("SVC session", "D")),
    "Russia": (("Russian statement", "o"), ("Russian action", "s")),
    "US": (("compliance report", "P"), ("US statement", "^"), ("US measure", "v")),
    "allies": (("allied consultation", "h"), ("NATO statement", "*")),
    "the treaty's life": (("treaty action", "X"),),
}

CATEGORY_STYLE: dict[str, tuple[str, str]] = {  # colour and marker of each category
    category: (GROUP_COLOURS[group], marker)
    for group, members in CATEGORY_GROUPS.items()
    for category, marker in members
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

# Every coloured box (feedback, widget results, glossary entries): icon, label, background, text colour.
# The icon and label carry the meaning, so colour is never the only cue; each pair passes WCAG AA contrast.
CALLOUT_LOOK: dict[str, tuple[str, str, str, str]] = {
    "correct": ("\u2705", "Correct", "#e8f5e9", "#1b5e20"),
    "checked": ("\U0001f4dd", "Checked", "#f3e5f5", "#4a148c"),
    "try again": ("\U0001f4a1", "Not yet", "#fff8e1", "#6d4c00"),
    "not answered yet": ("\u270f\ufe0f", "Not answered yet", "#e3f2fd", "#0d3c61"),
    "note": ("\u2139\ufe0f", "Note", "#ffffff", "#0d3c61"),
    "problem": ("\u26a0\ufe0f", "Check this", "#fff8e1", "#6d4c00"),
}

RC_PARAMS: dict[str, object] = {
    **dict.fromkeys(("figure.facecolor", "axes.facecolor", "savefig.facecolor"), "white"),
    **dict.fromkeys(("text.color", "axes.labelcolor", "xtick.color", "ytick.color"), INK),
    "font.size": 13,
    "axes.titlesize": 16,
    "axes.labelsize": 14,
    "legend.fontsize": 12,
    **dict.fromkeys(("axes.spines.top", "axes.spines.right"), False),
    "axes.prop_cycle": cycler(
        color=[OKABE_ITO[c] for c in ("blue", "vermillion", "bluish green", "orange", "sky blue")]
    ),
    "svg.hashsalt": "inf-treaty",
}
"""matplotlib settings for every figure (large type for a projector; white ground for both themes)."""


def category_style(category: str) -> tuple[str, str]:
    """Colour and marker for an event category (grey circle for an unknown one).

    >>> category_style("SVC session"), category_style("something new")
    (('#0072B2', 'D'), ('#999999', 'o'))
    """
    return CATEGORY_STYLE.get(category, (OKABE_ITO["grey"], "o"))


def category_group(category: str) -> str:
    """The name of a category's colour group (``'other'`` for an unknown category).

    >>> category_group("SVC session"), category_group("NATO statement"), category_group("?")
    ('meetings with Russia', 'allies', 'other')
    """
    return next((g for g, ms in CATEGORY_GROUPS.items() if any(category == n for n, _ in ms)), "other")
