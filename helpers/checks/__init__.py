"""Self-checks by name: ``check("answer_1")`` grades the answer cell's variable, as Otter's ``grader.check``.

A lesson makes its ``check`` with :func:`checker` from the table of its exercises. Looking the answer up
by name lets a check that runs first say what to do instead of raising ``NameError``; a hook on every
cell run (:func:`watch_answer_cells`) remembers an answer cell that raised or did not parse, so its old
value is never graded.

>>> from helpers.display.feedback import correct, try_again
>>> check = checker({"answer_1": lambda a: correct("Yes.") if a == 1987 else try_again("No.")})
>>> print(check("answer_1", {"answer_1": 1987}))
Correct: Yes.
>>> print(check("answer_1", {}))  # doctest: +ELLIPSIS
Not answered yet: Run the answer cell above first (click in it, press Shift+Enter), then ...
>>> print(check("answer_9", {}))  # doctest: +ELLIPSIS
Not yet: There is no exercise called 'answer_9' here...
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from helpers.display.feedback import Feedback, is_unanswered, not_answered, try_again

__all__ = ["checker", "watch_answer_cells"]

_ANSWER = re.compile(r"^\s*((?:answer|think)_\w+)\s*(?::[^=\n]*)?=(?!=)", re.MULTILINE)
_BROKEN: set[str] = set()
"""Answers whose cell last ran with an error: their value is stale or missing."""


def _record(result: Any) -> None:
    """IPython ``post_run_cell`` hook: mark the answers a cell assigns as broken or good."""
    names = _ANSWER.findall(getattr(result.info, "raw_cell", "") or "")
    failed = result.error_before_exec is not None or result.error_in_exec is not None
    for name in names:
        (_BROKEN.add if failed else _BROKEN.discard)(name)


def watch_answer_cells() -> bool:
    """Start watching answer cells in the running IPython kernel (once); False outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return False
    shell = get_ipython()
    if shell is None:
        return False
    if _record not in shell.events.callbacks["post_run_cell"]:
        shell.events.register("post_run_cell", _record)
    return True


def _user_namespace() -> Mapping[str, Any]:
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover
        shell = None
    return shell.user_ns if shell is not None else {}


def checker(exercises: Mapping[str, Callable[[Any], Feedback]]) -> Callable[..., Feedback]:
    """The ``check(name)`` function of a lesson whose exercises are ``{answer name: check function}``."""
    watch_answer_cells()

    def check(name: str, namespace: Mapping[str, Any] | None = None) -> Feedback:
        """Check the answer called ``name`` (for example ``"answer_1"``)."""
        if name not in exercises:
            known = ", ".join(f'"{n}"' for n in exercises)
            return try_again(f"There is no exercise called {name!r} here. This lesson checks {known}.")
        names = _user_namespace() if namespace is None else namespace
        if name in _BROKEN:
            return try_again(
                f"The cell that sets {name} stopped with an error, so there is no answer to check. "
                "Read the red message under it, fix that line, run the cell again, then this check."
            )
        if name not in names:
            return not_answered(
                "Run the answer cell above first (click in it, press Shift+Enter), then run this check again."
            )
        if is_unanswered(names[name]):
            return not_answered()
        return exercises[name](names[name])

    return check
