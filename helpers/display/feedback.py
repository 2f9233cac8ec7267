"""Instant, kind feedback for the self-checks: every check returns a :class:`Feedback` and never raises.

A Feedback shows as a box with an icon and words (never colour alone) and reads the same as text.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from helpers.display.style import CALLOUT_LOOK
from helpers.display.words import html_text

__all__ = ["Feedback", "correct", "try_again", "not_answered", "is_unanswered", "never_raises"]
__all__ += ["callout_html"]  # the one coloured box of the collection

Status = Literal["correct", "checked", "try again", "not answered yet"]


@dataclass(frozen=True)
class Feedback:
    """The result of checking one answer.

    >>> fb = correct("Yes: 60 days.")
    >>> print(fb)
    Correct: Yes: 60 days.
    >>> "<b>" in try_again("Use <b>bold</b>?")._repr_html_()
    False
    """

    status: Status
    message: str
    reveal: str = ""
    """Shown after the message behind a "show" toggle: a model answer and its rubric, for written answers."""

    @property
    def passed(self) -> bool:
        """True only for a correct answer."""
        return self.status == "correct"

    def __str__(self) -> str:
        return f"{CALLOUT_LOOK[self.status][1]}: {self.message}" + (
            f"\n\n{self.reveal}" if self.reveal else ""
        )

    __repr__ = __str__

    def _repr_html_(self) -> str:
        body = html_text(self.message).replace("\n", "<br>")
        if self.reveal:
            shown = html_text(self.reveal).replace("\n", "<br>")
            body += f"<details><summary>Show a model answer and the rubric</summary>{shown}</details>"
        return callout_html(self.status, body, role="status")


def callout_html(kind: str, body_html: str, *, label: str | None = None, role: str = "note") -> str:
    """The one coloured box of the collection: an icon and a bold label, then ``body_html``.

    ``kind`` is a key of ``style.CALLOUT_LOOK``; ``body_html`` must already be escaped (``html_text``).

    >>> box = callout_html("note", "Plain &amp; simple", label="SVC")
    >>> "<strong>SVC:</strong> Plain &amp; simple" in box, 'class="inf-callout inf-callout-note"' in box
    (True, True)
    """
    icon, default_label, background, ink = CALLOUT_LOOK[kind]
    return (
        f'<div role="{role}" class="inf-callout inf-callout-{kind.replace(" ", "-")}" '
        f'style="background:{background};color:{ink};border-left:6px solid {ink};'
        f'padding:0.6em 0.9em;border-radius:4px;font-size:1.05em;margin:0.3em 0">'
        f'<span aria-hidden="true">{icon}</span> <strong>{html.escape(label or default_label)}:</strong> '
        f"{body_html}</div>"
    )


def correct(message: str) -> Feedback:
    """Feedback for a right answer."""
    return Feedback("correct", message)


def try_again(message: str) -> Feedback:
    """Feedback for an answer that is not right yet, with a hint."""
    return Feedback("try again", message)


def not_answered(hint: str = "Replace the ... with your answer, then run this cell again.") -> Feedback:
    """Feedback for an answer cell that still holds the placeholder."""
    return Feedback("not answered yet", hint)


def is_unanswered(value: Any) -> bool:
    """Whether ``value`` is still a placeholder: ``...``, ``None`` or blank text.

    >>> is_unanswered(...), is_unanswered(None), is_unanswered("  "), is_unanswered(0)
    (True, True, True, False)
    """
    return value is ... or value is None or (isinstance(value, str) and not value.strip())


def never_raises(check: Callable[..., Feedback]) -> Callable[..., Feedback]:
    """Make a check function safe: unanswered gives :func:`not_answered`, errors give a hint.

    >>> @never_raises
    ... def check_number(answer):
    ...     return correct("Right.") if int(answer) == 3 else try_again("Count again.")
    >>> print(check_number(...))
    Not answered yet: Replace the ... with your answer, then run this cell again.
    >>> print(check_number("three"))
    Not yet: That answer could not be checked (ValueError). Check its type: a number, a date or some text?
    """

    @functools.wraps(check)
    def safe(*args: Any, **kwargs: Any) -> Feedback:
        if args and all(is_unanswered(a) for a in args):
            return not_answered()
        try:
            return check(*args, **kwargs)
        except Exception as error:  # a student's answer must never crash the check
            why = f"That answer could not be checked ({type(error).__name__}). "
            return try_again(why + "Check its type: a number, a date or some text?")

    return safe
