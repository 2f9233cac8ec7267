"""An interactive range-band classifier: a slider, a text box, a launch-mode menu and the answer.

The verdicts are those of :func:`helpers.history.treaty.classify_missile`; whatever a student types or
picks, the widget shows a verdict or a polite request, and never raises.
"""

from __future__ import annotations

from typing import Any

from helpers.display.feedback import callout_html
from helpers.display.words import html_text
from helpers.history.treaty import classify_missile, parse_range_km

__all__ = ["MODE_CHOICES", "SLIDER_MAX_KM", "classifier_widget"]

SLIDER_MAX_KM: int = 7000
"""The slider's top end; larger ranges can be typed into the box."""

MODE_CHOICES: dict[str, tuple[str, str | None]] = {
    "ground-launched cruise missile": ("ground", "cruise"),
    "ground-launched ballistic missile": ("ground", "ballistic"),
    "sea-launched missile": ("sea", None),
    "air-launched missile": ("air", None),
}
"""The launch-mode menu: label shown -> (launch_mode, kind) passed to ``classify_missile``."""


def _slider_km(value: Any) -> int | None:
    """Where the slider goes for a typed range such as "1,000 km"; None if it cannot go there."""
    number = parse_range_km(value)
    return int(round(number)) if number is not None and number <= SLIDER_MAX_KM else None


def _mode_label(launch_mode: Any, kind: Any) -> str:
    for label, (mode, k) in MODE_CHOICES.items():
        if mode == launch_mode and (k == kind or (kind is None and mode != "ground")):
            return label
    return next(iter(MODE_CHOICES))


def classifier_widget(range_km: Any = 480, launch_mode: Any = "ground", kind: Any = "cruise"):
    """Build the classifier: move the slider or type a range (read on Enter or on leaving the box), pick
    a launch mode, read the verdict. The slider writes into the box only when the student moves it.

    The arguments are the starting range and menu choice (unknown values start on the first); the
    ``ipywidgets.VBox`` returned holds the slider, the text box, the menu and the answer.

    >>> box = classifier_widget(1000, "ground", "ballistic")
    >>> slider, typed, menu, answer = box.children
    >>> "Banned by the INF Treaty" in answer.value
    True
    >>> typed.value = "not a number"
    >>> "Please give a range in km" in answer.value
    True
    """
    import ipywidgets as widgets

    start, wide = _slider_km(range_km), {"description_width": "initial"}
    slider = widgets.IntSlider(
        value=start if start is not None else 480,
        min=0,
        max=SLIDER_MAX_KM,
        step=1,  # a coarser step would snap a typed range such as 495 to another value
        description="Range (km)",
        style=wide,
        layout=widgets.Layout(width="95%"),
    )
    typed = widgets.Text(
        value="" if range_km is None else str(range_km),
        description="or type a range in km, then press Enter",
        placeholder="e.g. 480 or 1,500",
        continuous_update=False,  # read on Enter or on leaving the box, never half-typed
        style=wide,
    )
    choice = _mode_label(launch_mode, kind)
    menu = widgets.Dropdown(options=list(MODE_CHOICES), value=choice, description="Launched from", style=wide)
    answer = widgets.HTML()

    def show(_change: Any = None) -> None:
        try:
            mode, chosen_kind = MODE_CHOICES.get(menu.value, (None, None))
            answer.value = classify_missile(typed.value, mode, chosen_kind)._repr_html_()
        except Exception as error:  # never let a callback raise in front of a class
            why = f"Something went wrong ({type(error).__name__}); please try another range."
            answer.value = callout_html("problem", html_text(why), role="status")

    def from_slider(change: Any) -> None:
        if _slider_km(typed.value) == change["new"]:  # the echo of the box's own range: keep its text
            show()
        else:  # the student moved the slider
            typed.value = str(change["new"])  # from_box shows the verdict

    def from_box(change: Any) -> None:
        number = _slider_km(change["new"])
        if number is None or number == slider.value:
            show()
        else:
            slider.value = number  # from_slider shows the verdict

    slider.observe(from_slider, names="value")
    typed.observe(from_box, names="value")
    menu.observe(show, names="value")
    show()
    return widgets.VBox([slider, typed, menu, answer])
