"""What the lessons' self-checks share: :func:`judge` (read an answer, compare it with the value worked out
from the tables, give the hint for a known slip) and :func:`figure_parts` (what a student's figure shows).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from helpers.checks.answers import AnswerError
from helpers.checks.sealed import unseal
from helpers.data.loading import load_events, load_table
from helpers.display.feedback import Feedback, correct, try_again

__all__ = ["FigureParts", "event_table", "figure_parts", "judge", "written"]

Hints = Mapping[Any, str] | Callable[[Any], Iterable[tuple[Any, str]]]

event_table = functools.cache(load_events)
"""The event table, loaded once for every check."""


def judge(
    answer: Any,
    read: Callable[[Any], Any],
    expected: Any,
    right: str | Callable[[Any], str],
    hints: Hints | None = None,
    otherwise: str | Callable[[Any], str] = "Not quite. Look at the table again.",
    how: str = "",
) -> Feedback:
    """Read ``answer`` with ``read``, then "Correct" if it is ``expected``, else the hint for its slip.

    ``read`` is a parser of :mod:`helpers.checks.answers`: its :class:`AnswerError` message, then ``how``,
    answers what it cannot read. ``expected`` is the right value or a test of one; ``right`` and
    ``otherwise`` are messages or functions of the value that make them. ``hints`` is ``{value: hint}``
    for known slips, or a function of the value giving ``(condition, hint)`` pairs (the first true wins).

    >>> from helpers.checks.answers import parse_whole_number
    >>> slips = {2692: "That is both sides."}
    >>> print(judge("846", parse_whole_number, 846, "Yes.", slips))
    Correct: Yes.
    >>> print(judge(2692, parse_whole_number, 846, "Yes.", slips))
    Not yet: That is both sides.
    >>> print(judge(12.5, parse_whole_number, 846, "Yes.", lambda n: [(n < 100, "Too few.")], how="Count."))
    Not yet: 12.5 is not a whole number. Round it, or count again. Count.
    """
    try:
        value = read(answer)
    except AnswerError as error:
        return try_again(f"{error} {how}".strip())
    if expected(value) if callable(expected) else value == expected:
        return correct(right(value) if callable(right) else right)
    if isinstance(hints, Mapping):
        hint = hints.get(value)
    else:
        hint = next((text for condition, text in hints(value) if condition), None) if hints else None
    return try_again(hint or (otherwise(value) if callable(otherwise) else otherwise))


@dataclass(frozen=True)
class FigureParts:
    """What a figure shows, read back from matplotlib.

    ``bars`` holds one list per group of bars (``bar``, ``barh``, pandas' ``plot.bar``), each bar as
    ``(position, length, end)`` along its own direction; ``lines`` one ``(x, y)`` pair of arrays per
    line or set of points (``plot``, ``scatter``), as drawn (dates as matplotlib day numbers).
    """

    axes: list
    title: str
    bars: list[list[tuple[float, float, float]]]
    lines: list[tuple[Any, Any]]


def figure_parts(answer: Any) -> FigureParts | None:
    """The parts of a Figure, an Axes or a :class:`~helpers.display.figures.FigureOutput`; None if none.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(); ax = fig.add_subplot(); bars = ax.barh(["a", "b"], [3, 5])
    >>> _ = ax.set_title("Two bars"); parts = figure_parts(ax)
    >>> parts.title, [length for _, length, _ in parts.bars[0]], figure_parts("fig")
    ('Two bars', [3.0, 5.0], None)
    """
    from matplotlib.axes import Axes

    figure = getattr(answer, "figure", answer)  # a FigureOutput or an Axes gives its figure
    axes = getattr(figure, "axes", None)
    if not isinstance(axes, list) or not all(isinstance(ax, Axes) for ax in axes):
        return None
    suptitle = getattr(figure, "_suptitle", None)
    titles = [ax.get_title(loc) for ax in axes for loc in ("left", "center", "right")]
    titles = [text.strip() for text in [*titles, suptitle.get_text() if suptitle else ""]]
    bars, lines = [], []
    for ax in axes:
        for group in ax.containers:
            if hasattr(group, "patches"):
                lying = getattr(group, "orientation", None) == "horizontal"
                bars.append([_bar(patch, lying) for patch in group.patches])
        lines += [(line.get_xdata(orig=False), line.get_ydata(orig=False)) for line in ax.get_lines()]
        lines += [(points.get_offsets()[:, 0], points.get_offsets()[:, 1]) for points in ax.collections]
    return FigureParts(axes, " ".join(text for text in titles if text), bars, lines)


def _bar(patch: Any, lying: bool) -> tuple[float, float, float]:
    """A bar's centre across its group, its length, and where it ends (its top, for stacked bars)."""
    x, y, width, height = (
        float(v) for v in (patch.get_x(), patch.get_y(), patch.get_width(), patch.get_height())
    )
    return (y + height / 2, width, x + width) if lying else (x + width / 2, height, y + height)


_WORD = re.compile(r"[^\W_][\w'\u2019-]*")


def written(
    text: Any,
    lesson: str,
    name: str,
    checklist: Mapping[str, str] | None = None,
    words: tuple[int, int] | None = None,
) -> Feedback:
    """A written answer: never "Correct"; ticks the ``checklist``, then reveals the model answer and rubric.

    ``checklist`` maps each point to a regular expression that a text making the point matches (case
    ignored); by default the answer's rows of the table ``checklists``. ``words`` is the range of length
    asked for. The model answer and rubric come from the table ``model-answers-<lesson>``
    (``data/model-answers/``). A list of repeated words is not an answer.

    >>> print(written("Russia says so.", "04", "answer_5", {"names a side": "russia"}, (5, 50)))
    ... # doctest: +ELLIPSIS
    Checked: [x] names a side
    [ ] 5 to 50 words (you wrote 3)
    ...
    """
    if not isinstance(text, str):
        return try_again('Write your answer as text between triple quotes: """Your answer..."""')
    found = [word.casefold() for word in _WORD.findall(text)]
    if len(found) < 3:
        return try_again("Write at least a full sentence, then run this check again.")
    if len(found) >= 12 and len(set(found)) < 0.4 * len(found):
        return try_again("That repeats the same few words. Write sentences that explain, in your own words.")
    if checklist is None:
        rows = load_table("checklists").query("lesson == @lesson and answer == @name")
        checklist = dict(zip(rows.point.map(unseal), rows.pattern.map(unseal), strict=True))  # copies seal it
    points = [
        f"[{'x' if re.search(rule, text, re.IGNORECASE) else ' '}] {point}"
        for point, rule in checklist.items()
    ]
    if words:
        points.append(
            f"[{'x' if words[0] <= len(found) <= words[1] else ' '}] {words[0]} to {words[1]} words "
            f"(you wrote {len(found)})"
        )
    model = load_table(f"model-answers-{lesson}").set_index("answer").loc[name].map(unseal)  # copies seal it
    rubric = "\n".join(f"- {line.strip()}" for line in model["rubric"].split("|"))
    return Feedback(
        "checked",
        "\n".join(points) or "Thank you: compare your answer with the model answer below.",
        reveal=f"A model answer: {model['model_answer']}\n\nWhat a good answer does:\n{rubric}",
    )
